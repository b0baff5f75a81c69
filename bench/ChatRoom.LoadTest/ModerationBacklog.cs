using StackExchange.Redis;

namespace ChatRoom.LoadTest;

/// <summary>
/// How far the Worker is behind on the moderation stream: entries its consumer group has not read yet (Redis's
/// <c>lag</c>) plus entries read but not acknowledged (pending). Bounded while the Worker keeps up.
/// </summary>
public sealed class ModerationBacklog(IConnectionMultiplexer? redis, string stream) : IAsyncDisposable
{
    private const string Group = "moderation";

    public static async Task<ModerationBacklog> ConnectAsync(string? connectionString, string stream) =>
        new(connectionString is null ? null : await ConnectionMultiplexer.ConnectAsync(connectionString + ",syncTimeout=2000,asyncTimeout=2000"), stream);

    /// <summary>Null when there is no Redis to ask, no stream or no Worker's group yet.</summary>
    public async Task<long?> ReadAsync()
    {
        if (redis is null)
            return null;
        try
        {
            var groups = await redis.GetDatabase().StreamGroupInfoAsync(stream);
            var group = groups.FirstOrDefault(g => g.Name == Group);
            return group.Name is null ? null : (group.Lag ?? 0) + group.PendingMessageCount;
        }
        catch (RedisServerException)
        {
            return null; // no such stream yet
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
        {
            return null; // a timeout or a lost connection costs this sample, not the run
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (redis is not null)
            await redis.DisposeAsync();
    }
}
