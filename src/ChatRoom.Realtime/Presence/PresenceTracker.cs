using System.ComponentModel.DataAnnotations;
using ChatRoom.Realtime.Contracts;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatRoom.Realtime.Presence;

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
/// </summary>
public sealed class PresenceTracker(IConnectionMultiplexer redis, IOptions<PresenceOptions> options, TimeProvider clock)
{
    public const string SeenKey = "chatroom:presence:seen";
    public const string ConnectionsKey = "chatroom:presence:connections";

    private static RedisKey RoomKey(Guid roomId) => $"chatroom:presence:room:{roomId:N}";

    /// <summary>Counts a new connection; true when the user just came online.</summary>
    public async Task<bool> ConnectedAsync(Guid userId)
    {
        var db = redis.GetDatabase();
        var seen = db.SortedSetAddAsync(SeenKey, userId.ToString("N"), Now());
        var count = await db.HashIncrementAsync(ConnectionsKey, userId.ToString("N"));
        await seen;
        return count == 1;
    }

    /// <summary>Counts a closed connection; true when it was the user's last one.</summary>
    public async Task<bool> DisconnectedAsync(Guid userId)
    {
        var db = redis.GetDatabase();
        var count = await db.HashDecrementAsync(ConnectionsKey, userId.ToString("N"));
        if (count > 0)
            return false;
        await db.HashDeleteAsync(ConnectionsKey, userId.ToString("N"));
        await db.SortedSetRemoveAsync(SeenKey, userId.ToString("N"));
        return true;
    }

    /// <summary>Marks the user alive now; true when they were offline before (heartbeat without a connection).</summary>
    public async Task<bool> HeartbeatAsync(Guid userId) =>
        await redis.GetDatabase().SortedSetAddAsync(SeenKey, userId.ToString("N"), Now());

    public async Task<IReadOnlyList<(Guid UserId, DateTimeOffset LastSeen)>> OnlineAsync()
    {
        var since = Now() - options.Value.Timeout.TotalMilliseconds;
        var entries = await redis.GetDatabase().SortedSetRangeByScoreWithScoresAsync(SeenKey, since, double.PositiveInfinity);
        return [.. entries.Select(e => (Guid.Parse(e.Element.ToString()), DateTimeOffset.FromUnixTimeMilliseconds((long)e.Score)))];
    }

    /// <summary>Counts the user into a room; true when it is the user's first connection in it.</summary>
    public async Task<bool> JoinedRoomAsync(Guid roomId, Guid userId) =>
        await redis.GetDatabase().HashIncrementAsync(RoomKey(roomId), userId.ToString("N")) == 1;

    public async Task<bool> LeftRoomAsync(Guid roomId, Guid userId)
    {
        var db = redis.GetDatabase();
        if (await db.HashDecrementAsync(RoomKey(roomId), userId.ToString("N")) > 0)
            return false;
        await db.HashDeleteAsync(RoomKey(roomId), userId.ToString("N"));
        return true;
    }

    public async Task<IReadOnlyList<Guid>> InRoomAsync(Guid roomId)
    {
        var members = await redis.GetDatabase().HashKeysAsync(RoomKey(roomId));
        return [.. members.Select(m => Guid.Parse(m.ToString()))];
    }

    private double Now() => clock.GetUtcNow().ToUnixTimeMilliseconds();
}
