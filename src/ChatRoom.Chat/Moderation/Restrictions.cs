using System.Globalization;
using System.Text.Json;
using ChatRoom.Data;
using ChatRoom.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace ChatRoom.Chat.Moderation;

/// <summary>What a user may not do right now: send anywhere (muted) or be in particular rooms (kicked).</summary>
public sealed record ActiveRestrictions(DateTimeOffset? MutedUntil, Dictionary<Guid, DateTimeOffset> KickedUntil)
{
    public static ActiveRestrictions None => new(null, []);

    public DateTimeOffset? MutedAt(DateTimeOffset now) => MutedUntil > now ? MutedUntil : null;

    public DateTimeOffset? KickedFromAt(Guid roomId, DateTimeOffset now) =>
        KickedUntil.TryGetValue(roomId, out var until) && until > now ? until : null;

    public static string MutedDetail(DateTimeOffset until) =>
        $"You are muted until {until.ToString("u", CultureInfo.InvariantCulture)}.";

    public static string KickedDetail(DateTimeOffset until) =>
        $"You were removed from this room by a moderator and can come back at {until.ToString("u", CultureInfo.InvariantCulture)}.";
}

/// <summary>
/// Mutes and kicks, asked on every send and join. The database holds them (<c>moderation_actions</c>); Redis
/// caches each user's active set for a short time, and every change drops the cached value
/// (<see cref="ForgetAsync"/>) so it applies on the next send on every replica. Expired entries are ignored
/// when read, so an expiry needs no cache update. While Redis is unreachable the database answers.
/// </summary>
public sealed class Restrictions(ChatDbContext db, IConnectionMultiplexer redis, TimeProvider clock, ILogger<Restrictions> logger)
{
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(60);

    private static RedisKey Key(Guid userId) => $"chatroom:restrictions:{userId:N}";

    public async Task<ActiveRestrictions> GetAsync(Guid userId, CancellationToken ct)
    {
        if (redis.IsConnected)
        {
            try
            {
                var cached = await redis.GetDatabase().StringGetAsync(Key(userId));
                if (cached.HasValue)
                    return JsonSerializer.Deserialize<ActiveRestrictions>(cached.ToString()) ?? ActiveRestrictions.None;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException or JsonException)
            {
                logger.LogWarning("Restriction cache unavailable, asking the database: {Reason}", ex.Message);
            }
        }

        var restrictions = await LoadAsync(userId, ct);
        await TryAsync(r => r.StringSetAsync(Key(userId), JsonSerializer.Serialize(restrictions), Ttl));
        return restrictions;
    }

    /// <summary>Call after a mute, unmute, kick or expiry is committed.</summary>
    public Task ForgetAsync(Guid userId) => TryAsync(r => r.KeyDeleteAsync(Key(userId)));

    private async Task<ActiveRestrictions> LoadAsync(Guid userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // Mutes and kicks are always timed (the actions endpoint requires it).
        var active = await db.ModerationActions.AsNoTracking()
            .InForce(userId, now, ModerationActionKind.Mute, ModerationActionKind.Kick)
            .Where(a => a.ExpiresAt != null && (a.Kind == ModerationActionKind.Mute || a.RoomId != null))
            .Select(a => new { a.Kind, a.RoomId, ExpiresAt = a.ExpiresAt!.Value })
            .ToListAsync(ct);
        var mutedUntil = active.Where(a => a.Kind == ModerationActionKind.Mute)
            .Select(a => (DateTimeOffset?)a.ExpiresAt).Max();
        var kicked = active.Where(a => a.Kind == ModerationActionKind.Kick)
            .GroupBy(a => a.RoomId!.Value)
            .ToDictionary(g => g.Key, g => g.Max(a => a.ExpiresAt));
        return new ActiveRestrictions(mutedUntil, kicked);
    }

    private async Task TryAsync(Func<IDatabase, Task> action)
    {
        try
        {
            if (redis.IsConnected)
                await action(redis.GetDatabase());
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning("Restriction cache update failed; the cached value expires within {Ttl}: {Reason}", Ttl, ex.Message);
        }
    }
}
