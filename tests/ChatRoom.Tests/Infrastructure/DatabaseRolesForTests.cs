using Npgsql;

namespace ChatRoom.Tests.Infrastructure;

/// <summary>The least-privilege roles the migration service creates, and connection strings that use them.</summary>
public static class DatabaseRolesForTests
{
    public const string ApiRole = "chatroom_api";
    public const string ApiPassword = "api-role-password-for-tests";
    public const string WorkerRole = "chatroom_worker";
    public const string WorkerPassword = "worker-role-password-for-tests";

    public static string Api(string ownerConnectionString) => As(ownerConnectionString, ApiRole, ApiPassword);

    public static string Worker(string ownerConnectionString) => As(ownerConnectionString, WorkerRole, WorkerPassword);

    private static string As(string connectionString, string role, string password) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Username = role, Password = password }.ConnectionString;
}
