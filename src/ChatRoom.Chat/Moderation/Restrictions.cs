using System.Globalization;
using System.Text.Json;
using StackExchange.Redis;

namespace ChatRoom.Chat.Moderation;

/// <summary>What a user may not do right now: send anywhere (muted) or be in particular rooms (kicked).</summary>
public sealed record ActiveRestrictions(DateTimeOffset? MutedUntil, Dictionary<Guid, DateTimeOffset> KickedUntil)
{
    public static ActiveRestrictions None => new(null, []);

    /// <summary>The refusal while a mute is in force at <paramref name="now"/>, or null.</summary>
    public ChatResult<bool>? Muted(DateTimeOffset now) => MutedUntil is { } until && until > now
        ? ChatResult<bool>.Fail(ChatError.Forbidden, ErrorCodes.ChatMuted, $"You are muted until {until.ToString("u", CultureInfo.InvariantCulture)}.")
        : null;

    /// <summary>The refusal while a kick from <paramref name="roomId"/> is in force at <paramref name="now"/>, or null.</summary>
    public ChatResult<bool>? KickedFrom(Guid roomId, DateTimeOffset now) =>
        KickedUntil.TryGetValue(roomId, out var until) && until > now
            ? ChatResult<bool>.Fail(ChatError.Forbidden, ErrorCodes.ChatKicked,
                $"You were removed from this room by a moderator and can come back at {until.ToString("u", CultureInfo.InvariantCulture)}.")
            : null;
}

/// <summary>
/// Mutes and kicks, asked on every send and join. The database holds them (<c>moderation_actions</c>); Redis
/// caches each user's active set for a short time (<see cref="RedisCache"/>), and every change drops the cached
/// value (<see cref="ForgetAsync"/>) so it applies on the next send on every replica, even when a send read the
/// database just before the change. Expired entries are ignored
/// when read, so an expiry needs no cache update. While Redis is unreachable the database answers.
/// </summary>
public sealed class Restrictions(ChatDbContext db, RedisCache cache, TimeProvider clock)
{
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(60);

    private static CacheKey Entry(Guid userId) => new($"chatroom:restrictions:{userId:N}", $"chatroom:restrictions-gen:{userId:N}");

    public async Task<ActiveRestrictions> GetAsync(Guid userId, CancellationToken ct)
    {
        CacheKey[] entry = [Entry(userId)];
        var cached = await cache.ReadAsync(entry, "Restriction cache unavailable, asking the database");
        if (cached?.Values[0] is { } json && Parse(json) is { } known)
            return known;

        var restrictions = await LoadAsync(userId, ct);
        if (cached is not null)
            await cache.WriteAsync(entry, cached, [JsonSerializer.Serialize(restrictions)], Ttl, CacheUpdateFailed);
        return restrictions;
    }

    /// <summary>Call after a mute, unmute, kick or expiry is committed.</summary>
    public Task ForgetAsync(Guid userId) => cache.ForgetAsync(Entry(userId), Ttl, CacheUpdateFailed);

    private static readonly string CacheUpdateFailed = $"Restriction cache update failed; the cached value expires within {Ttl}";

    // An entry this version cannot read is treated as missing: the database answers and overwrites it.
    private static ActiveRestrictions? Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<ActiveRestrictions>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

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
}
