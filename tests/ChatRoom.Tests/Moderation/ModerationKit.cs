using Npgsql;

namespace ChatRoom.Tests.Moderation;

public sealed record MessageState(string Status, DateTimeOffset? ModeratedAt, string? ModerationNote);

/// <summary>A Worker for an Api under test (same database, Redis and prefix), and what moderation tests read from PostgreSQL.</summary>
public static class ModerationKit
{
    public const string FilteredWord = "darn";

    /// <summary>A started Worker of the same installation as <paramref name="api"/>, with fast queue, sweep and job intervals.</summary>
    public static WorkerFactory StartWorker(ApiFactory api, params (string Key, string Value)[] more) => StartWorker(api, null, more);

    /// <summary>As <see cref="StartWorker(ApiFactory, (string Key, string Value)[])"/>, its loops waiting on <paramref name="clock"/>.</summary>
    public static WorkerFactory StartWorker(ApiFactory api, TimeProvider? clock, params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string>
        {
            ["Realtime:ChannelPrefix"] = api.ChannelPrefix,
            ["Moderation:Rules:BlockedWords:0"] = FilteredWord,
            ["Moderation:Rules:FloodMaxMessages"] = "1000",
            ["Moderation:Queue:PollInterval"] = "00:00:00.050",
            ["Moderation:Queue:ClaimInterval"] = "00:00:00.200",
            ["Moderation:Queue:ClaimIdleTime"] = "00:00:00.500",
            ["Moderation:Sweep:Interval"] = "00:00:00.200",
            ["Moderation:Sweep:MinAge"] = "00:00:02",
            ["Jobs:RestrictionExpiry:Interval"] = "00:00:00.200",
        };
        foreach (var (key, value) in more)
            settings[key] = value;
        return new WorkerFactory(api.DatabaseConnectionString, api.RedisConnectionString, settings, clock).Start();
    }

    public static async Task<MessageState> StateAsync(this ApiFactory api, Guid messageId)
    {
        await using var connection = await OpenAsync(api);
        await using var command = new NpgsqlCommand("SELECT status, moderated_at, moderation_note FROM messages WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", messageId);
        await using var reader = await command.ExecuteReaderAsync(AuthApi.Ct);
        Assert.True(await reader.ReadAsync(AuthApi.Ct), $"There is no message {messageId}.");
        return new MessageState(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1),
            reader.IsDBNull(2) ? null : reader.GetString(2));
    }

    public static Task WaitUntilJudgedAsync(this ApiFactory api, params Guid[] messageIds) =>
        Eventually.HoldsAsync(async () =>
        {
            foreach (var id in messageIds)
            {
                if ((await api.StateAsync(id)).ModeratedAt is null)
                    return false;
            }
            return true;
        }, TimeSpan.FromSeconds(15), "The messages were not judged in time.");

    /// <summary>Audit entries of one action about the given entities (a test's own), as (entity id, actor id).</summary>
    public static async Task<List<(string? EntityId, Guid? ActorId)>> AuditAsync(this ApiFactory api, string action, params IEnumerable<Guid> about)
    {
        await using var connection = await OpenAsync(api);
        await using var command = new NpgsqlCommand(
            "SELECT entity_id, actor_id FROM audit_log WHERE action = @action AND entity_id = ANY(@entities)", connection);
        command.Parameters.AddWithValue("action", action);
        command.Parameters.AddWithValue("entities", about.Select(id => id.ToString()).ToArray());
        await using var reader = await command.ExecuteReaderAsync(AuthApi.Ct);
        var entries = new List<(string?, Guid?)>();
        while (await reader.ReadAsync(AuthApi.Ct))
            entries.Add((reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetGuid(1)));
        return entries;
    }

    public static async Task<Guid> UserIdAsync(this ApiFactory api, string userName)
    {
        await using var connection = await OpenAsync(api);
        await using var command = new NpgsqlCommand("SELECT id FROM users WHERE normalized_user_name = upper(@name)", connection);
        command.Parameters.AddWithValue("name", userName);
        return (Guid)(await command.ExecuteScalarAsync(AuthApi.Ct))!;
    }

    /// <summary>
    /// A message stored the way the writer stores it (next seq and change number of the room) but never queued
    /// for moderation, as when Redis was down at the time; written <paramref name="age"/> ago.
    /// </summary>
    public static async Task<Guid> InsertUnqueuedMessageAsync(this ApiFactory api, Guid roomId, Guid authorId, string content, TimeSpan age)
    {
        var id = Guid.CreateVersion7();
        await ExecuteAsync(api,
            """
            WITH r AS (
                UPDATE rooms SET last_seq = last_seq + 1, last_change_seq = last_change_seq + 1 WHERE id = @room
                RETURNING last_seq, last_change_seq)
            INSERT INTO messages (id, room_id, seq, change_seq, author_id, content, status, client_message_id, created_at)
            SELECT @id, @room, r.last_seq, r.last_change_seq, @author, @content, 'Approved', @client, now() - @age FROM r
            """,
            ("id", id), ("room", roomId), ("author", authorId), ("content", content), ("client", Guid.NewGuid().ToString()), ("age", age));
        return id;
    }

    private static async Task ExecuteAsync(ApiFactory api, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync(api);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync(AuthApi.Ct);
    }

    private static async Task<NpgsqlConnection> OpenAsync(ApiFactory api)
    {
        var connection = new NpgsqlConnection(api.DatabaseConnectionString);
        await connection.OpenAsync(AuthApi.Ct);
        return connection;
    }
}
