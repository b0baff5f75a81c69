using System.ComponentModel.DataAnnotations;
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
/// connections across replicas; <c>chatroom:presence:room:{id}</c> counts connections per user in a room, and
/// <c>chatroom:presence:user-rooms:{id}</c> is the set of rooms a user is in (the audience of their presence).
/// A replica that dies leaves counts behind; the Worker's heartbeat expiry takes such users offline.
/// Presence is the one thing that lives only in Redis: while Redis is away every answer is "nothing known" at
/// once (no one online, no arrival, no departure), so connecting, joining and chatting go on without it.
/// </summary>
public sealed class PresenceTracker(RedisGuard redis, IOptions<PresenceOptions> options, TimeProvider clock)
{
    public const string SeenKey = "chatroom:presence:seen";
    public const string ConnectionsKey = "chatroom:presence:connections";

    private static RedisKey RoomKey(Guid roomId) => $"chatroom:presence:room:{roomId:N}";

    public static RedisKey UserRoomsKey(Guid userId) => $"chatroom:presence:user-rooms:{userId:N}";

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
        OrNothingAsync(false, async db => (long)await db.ScriptEvaluateAsync(
            """
            redis.call('SADD', KEYS[2], ARGV[2])
            return redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
            """, [RoomKey(roomId), UserRoomsKey(userId)], [userId.ToString("N"), roomId.ToString("N")]) == 1);

    /// <summary>Counts the user's connection out of a room; true when it was the user's last one in it.</summary>
    public Task<bool> LeftRoomAsync(Guid roomId, Guid userId) =>
        OrNothingAsync(false, async db => (long)await db.ScriptEvaluateAsync(
            """
            if redis.call('HINCRBY', KEYS[1], ARGV[1], -1) > 0 then return 0 end
            redis.call('HDEL', KEYS[1], ARGV[1])
            redis.call('SREM', KEYS[2], ARGV[2])
            return 1
            """, [RoomKey(roomId), UserRoomsKey(userId)], [userId.ToString("N"), roomId.ToString("N")]) == 1);

    /// <summary>The rooms the user is in on any replica: who hears that they came or went.</summary>
    public Task<IReadOnlyList<Guid>> RoomsOfAsync(Guid userId) =>
        OrNothingAsync<IReadOnlyList<Guid>>([], async db => [.. (await db.SetMembersAsync(UserRoomsKey(userId))).Select(m => Guid.Parse(m.ToString()))]);

    /// <summary>
    /// Takes users silent since before the timeout offline and answers them with their last-seen time. Removing a
    /// user from the set is atomic, so with several Workers each user is answered by one only.
    /// </summary>
    public Task<IReadOnlyList<(Guid UserId, DateTimeOffset LastSeen)>> ExpireSilentAsync() =>
        OrNothingAsync<IReadOnlyList<(Guid, DateTimeOffset)>>([], async db =>
        {
            var deadline = Now() - options.Value.Timeout.TotalMilliseconds;
            var silent = await db.SortedSetRangeByScoreWithScoresAsync(SeenKey, double.NegativeInfinity, deadline);
            var expired = new List<(Guid, DateTimeOffset)>();
            foreach (var entry in silent)
            {
                if (!await db.SortedSetRemoveAsync(SeenKey, entry.Element))
                    continue;
                await db.HashDeleteAsync(ConnectionsKey, entry.Element);
                expired.Add((Guid.Parse(entry.Element.ToString()), DateTimeOffset.FromUnixTimeMilliseconds((long)entry.Score)));
            }
            return expired;
        });

    public Task<IReadOnlyList<Guid>> InRoomAsync(Guid roomId) =>
        OrNothingAsync<IReadOnlyList<Guid>>([], async db => [.. (await db.HashKeysAsync(RoomKey(roomId))).Select(m => Guid.Parse(m.ToString()))]);

    // Presence is best effort: without Redis nothing is known, and nothing is worth a log line per call.
    private Task<T> OrNothingAsync<T>(T nothing, Func<IDatabase, Task<T>> read) => redis.ReadAsync(nothing, read);

    private double Now() => clock.GetUtcNow().ToUnixTimeMilliseconds();
}
