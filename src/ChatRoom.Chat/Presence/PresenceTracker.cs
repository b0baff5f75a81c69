using System.ComponentModel.DataAnnotations;
using ChatRoom.Contracts;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatRoom.Chat.Presence;

public sealed class PresenceOptions
{
    public const string SectionName = "Presence";

    /// <summary>A user silent (no heartbeat, no connection activity) for this long is shown offline.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);
}

/// <summary>
/// Who is online, in Redis so every replica sees the same: <c>chatroom:presence:seen</c> is a sorted set of
/// user ids scored by last-seen time; <c>chatroom:presence:connections</c> counts each user's open hub
/// connections across replicas; <c>chatroom:presence:room:{id}</c> counts connections per user in a room.
/// A replica that dies leaves counts behind; the Worker's heartbeat expiry takes such users offline.
/// Presence is the one thing that lives only in Redis: while Redis is away every answer is "nothing known" at
/// once (no one online, no arrival, no departure), so connecting, joining and chatting go on without it.
/// </summary>
public sealed class PresenceTracker(IConnectionMultiplexer redis, IOptions<PresenceOptions> options, TimeProvider clock)
{
    public const string SeenKey = "chatroom:presence:seen";
    public const string ConnectionsKey = "chatroom:presence:connections";

    private static RedisKey RoomKey(Guid roomId) => $"chatroom:presence:room:{roomId:N}";

    /// <summary>Counts a new connection; true when the user just came online.</summary>
    public Task<bool> ConnectedAsync(Guid userId) => OrNothingAsync(false, async db =>
    {
        var seen = db.SortedSetAddAsync(SeenKey, userId.ToString("N"), Now());
        var count = await db.HashIncrementAsync(ConnectionsKey, userId.ToString("N"));
        await seen;
        return count == 1;
    });

    /// <summary>Counts a closed connection; true when it was the user's last one.</summary>
    public Task<bool> DisconnectedAsync(Guid userId) =>
        // One script, so a connection opening in between is not counted away with the last one closing.
        OrNothingAsync(false, async db => (long)await db.ScriptEvaluateAsync(
            """
            local n = redis.call('HINCRBY', KEYS[1], ARGV[1], -1)
            if n > 0 then return 0 end
            redis.call('HDEL', KEYS[1], ARGV[1])
            redis.call('ZREM', KEYS[2], ARGV[1])
            return 1
            """, [ConnectionsKey, SeenKey], [userId.ToString("N")]) == 1);

    /// <summary>
    /// Marks the user alive now; true when they were offline before: not in the set, or silent for longer than
    /// the timeout (shown offline already, though the Worker has not yet expired them).
    /// </summary>
    public Task<bool> HeartbeatAsync(Guid userId) =>
        OrNothingAsync(false, async db => (long)await db.ScriptEvaluateAsync(
            """
            local before = redis.call('ZSCORE', KEYS[1], ARGV[1])
            redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
            if before and tonumber(before) >= tonumber(ARGV[3]) then return 0 end
            return 1
            """, [SeenKey], [userId.ToString("N"), Now(), Now() - options.Value.Timeout.TotalMilliseconds]) == 1);

    public Task<IReadOnlyList<(Guid UserId, DateTimeOffset LastSeen)>> OnlineAsync() =>
        OrNothingAsync<IReadOnlyList<(Guid, DateTimeOffset)>>([], async db =>
        {
            var since = Now() - options.Value.Timeout.TotalMilliseconds;
            var entries = await db.SortedSetRangeByScoreWithScoresAsync(SeenKey, since, double.PositiveInfinity);
            return [.. entries.Select(e => (Guid.Parse(e.Element.ToString()), DateTimeOffset.FromUnixTimeMilliseconds((long)e.Score)))];
        });

    /// <summary>Counts the user into a room; true when it is the user's first connection in it.</summary>
    public Task<bool> JoinedRoomAsync(Guid roomId, Guid userId) =>
        OrNothingAsync(false, async db => await db.HashIncrementAsync(RoomKey(roomId), userId.ToString("N")) == 1);

    public Task<bool> LeftRoomAsync(Guid roomId, Guid userId) =>
        OrNothingAsync(false, async db => (long)await db.ScriptEvaluateAsync(
            """
            if redis.call('HINCRBY', KEYS[1], ARGV[1], -1) > 0 then return 0 end
            redis.call('HDEL', KEYS[1], ARGV[1])
            return 1
            """, [RoomKey(roomId)], [userId.ToString("N")]) == 1);

    public Task<IReadOnlyList<Guid>> InRoomAsync(Guid roomId) =>
        OrNothingAsync<IReadOnlyList<Guid>>([], async db => [.. (await db.HashKeysAsync(RoomKey(roomId))).Select(m => Guid.Parse(m.ToString()))]);

    // Not connected: answered at once (a command would wait in the reconnect backlog until its timeout).
    private async Task<T> OrNothingAsync<T>(T nothing, Func<IDatabase, Task<T>> read)
    {
        if (!redis.IsConnected)
            return nothing;
        try
        {
            return await read(redis.GetDatabase());
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return nothing;
        }
    }

    private double Now() => clock.GetUtcNow().ToUnixTimeMilliseconds();
}
