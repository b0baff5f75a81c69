using ChatRoom.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ChatRoom.MigrationService;

/// <summary>
/// Least privilege: the migration service (the schema's owner) creates a login role for the Api that may
/// SELECT, INSERT and UPDATE but never DELETE (soft deletes only), and a maintenance role for the Worker
/// that may also DELETE (purging expired data). Default privileges cover tables later migrations add. The ledger and
/// the payment events are append-only for both: INSERT and SELECT only.
/// A role is managed only when its password is configured; without them every service uses the owner.
/// </summary>
public sealed class DatabaseRoleOptions
{
    public const string SectionName = "DatabaseRoles";

    public string ApiRole { get; set; } = "chatroom_api";
    public string? ApiPassword { get; set; }
    public string WorkerRole { get; set; } = "chatroom_worker";
    public string? WorkerPassword { get; set; }
}

internal sealed class DatabaseRoles(Microsoft.Extensions.Options.IOptions<DatabaseRoleOptions> options, ILogger<DatabaseRoles> logger)
{
    // Roles are cluster-wide: two migration runs at once (even for different databases) take turns.
    private const long RolesLockKey = 0x43686174526f6c65; // "ChatRole"

    public async Task EnsureAsync(ChatDbContext db, CancellationToken ct)
    {
        var roles = options.Value;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({RolesLockKey})", ct);
            await EnsureRoleAsync(db, roles.ApiRole, roles.ApiPassword, "SELECT, INSERT, UPDATE", ct);
            await EnsureRoleAsync(db, roles.WorkerRole, roles.WorkerPassword, "SELECT, INSERT, UPDATE, DELETE", ct);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({RolesLockKey})", ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    // Money's record and the payment provider's events are written once: no service changes or deletes them.
    private static readonly string[] AppendOnlyTables = ["ledger_transactions", "ledger_entries", "payment_events"];

    private async Task EnsureRoleAsync(ChatDbContext db, string role, string? password, string privileges, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(password))
        {
            logger.LogInformation("No password configured for database role {Role}: not managed", role);
            return;
        }
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var exists = await ScalarAsync<bool>(connection, "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = @role)", role, null, ct);
        // DDL takes no parameters: let the server quote the name and the password (format %I / %L).
        var statement = await ScalarAsync<string>(connection,
            exists ? "SELECT format('ALTER ROLE %I LOGIN PASSWORD %L', @role, @password)"
                   : "SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', @role, @password)", role, password, ct);
        await ExecuteAsync(connection, statement, ct);
        var quoted = await ScalarAsync<string>(connection, "SELECT quote_ident(@role)", role, null, ct);
        await ExecuteAsync(connection,
            $"""
            GRANT CONNECT ON DATABASE {await ScalarAsync<string>(connection, "SELECT quote_ident(current_database())", role, null, ct)} TO {quoted};
            GRANT USAGE ON SCHEMA public TO {quoted};
            REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {quoted};
            GRANT {privileges} ON ALL TABLES IN SCHEMA public TO {quoted};
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quoted};
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT {privileges} ON TABLES TO {quoted};
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {quoted};
            REVOKE UPDATE, DELETE, TRUNCATE ON {string.Join(", ", AppendOnlyTables)} FROM {quoted};
            """, ct);
        logger.LogInformation("Database role {Role} may {Privileges}", role, privileges);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, string role, string? password, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("role", role);
        if (password is not null)
            command.Parameters.AddWithValue("password", password);
        return (T)(await command.ExecuteScalarAsync(ct))!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
