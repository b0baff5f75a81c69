using Npgsql;

namespace ChatRoom.Tests.Infrastructure;

/// <summary>What the audit log says about one entity, read straight from the database.</summary>
public static class AuditLog
{
    /// <summary>The actions recorded on <paramref name="entityId"/>, oldest first, optionally only those starting with <paramref name="prefix"/>.</summary>
    public static async Task<List<string>> ActionsOnAsync(string databaseConnectionString, Guid entityId, string prefix = "")
    {
        await using var db = new NpgsqlConnection(databaseConnectionString);
        await db.OpenAsync(AuthApi.Ct);
        await using var read = new NpgsqlCommand(
            "SELECT action FROM audit_log WHERE entity_id = @id AND starts_with(action, @prefix) ORDER BY created_at, id", db);
        read.Parameters.AddWithValue("id", entityId.ToString());
        read.Parameters.AddWithValue("prefix", prefix);
        var actions = new List<string>();
        await using var rows = await read.ExecuteReaderAsync(AuthApi.Ct);
        while (await rows.ReadAsync(AuthApi.Ct))
            actions.Add(rows.GetString(0));
        return actions;
    }
}
