using Npgsql;

namespace ChatRoom.Tests.Foundation;

/// <summary>What the services' database roles may do, tried on one seeded database shared by the tests of the class.</summary>
public sealed class DatabaseRoleTests(DatabaseRoleTests.Database database) : IClassFixture<DatabaseRoleTests.Database>
{
    public sealed class Database(TestInfrastructure infrastructure) : IAsyncLifetime
    {
        public string ConnectionString { get; private set; } = "";

        public async ValueTask InitializeAsync() => ConnectionString = await infrastructure.CreateDatabaseAsync();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    [Fact]
    public async Task TheApiRoleReadsWritesAndUpdatesButCannotDelete()
    {
        await using var api = new NpgsqlConnection(DatabaseRolesForTests.Api(database.ConnectionString));
        await api.OpenAsync(TestContext.Current.CancellationToken);

        Assert.Equal(5L, await ScalarAsync(api, "SELECT count(*) FROM rooms"));
        Assert.Equal(1L, (long)await ExecuteAsync(api, "UPDATE rooms SET topic = 'hello' WHERE language_code = 'en'"));
        var denied = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(api, "DELETE FROM audit_log"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, denied.SqlState);
        await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(api, "TRUNCATE audit_log"));
        await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(api, "DROP TABLE messages"));
    }

    [Fact]
    public async Task TheWorkerRoleMayDeleteButNotChangeTheSchema()
    {
        await using var worker = new NpgsqlConnection(DatabaseRolesForTests.Worker(database.ConnectionString));
        await worker.OpenAsync(TestContext.Current.CancellationToken);

        Assert.Equal(0L, (long)await ExecuteAsync(worker, "DELETE FROM refresh_tokens WHERE expires_at < now() - interval '100 years'"));
        await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(worker, "ALTER TABLE messages ADD COLUMN x int"));
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }
}
