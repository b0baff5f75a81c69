using ChatRoom.Data;
using ChatRoom.Data.Entities;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace ChatRoom.Api.Auth;

/// <summary>What every authenticated request needs to know beyond the token: is it still allowed, and in which role.</summary>
public readonly record struct SessionState(bool Active, UserRole Role);

/// <summary>
/// Makes revocation, deletion, bans and role changes take effect on the next request without a database
/// query per request: the live state of a session and of its user is cached in Redis for a short time
/// (one MGET per request), and every change deletes the cached value (<see cref="ForgetSessionAsync"/>,
/// <see cref="ForgetUserAsync"/>). If such a delete is lost while Redis is away, the stale value lives
/// at most <see cref="Ttl"/>. While Redis is unreachable the database answers directly.
/// </summary>
public sealed class SessionCache(IConnectionMultiplexer redis, IServiceScopeFactory scopes, TimeProvider clock, ILogger<SessionCache> logger)
{
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(60);

    private static RedisKey SessionKey(Guid sessionId) => $"chatroom:auth:session:{sessionId:N}";

    private static RedisKey UserKey(Guid userId) => $"chatroom:auth:user:{userId:N}";

    public async Task<SessionState> GetAsync(Guid userId, Guid sessionId, CancellationToken cancellationToken)
    {
        if (redis.IsConnected)
        {
            try
            {
                var values = await redis.GetDatabase().StringGetAsync([SessionKey(sessionId), UserKey(userId)]);
                if (values[0].HasValue && values[1].HasValue)
                    return values[0] == "1" && Enum.TryParse<UserRole>(values[1].ToString(), out var role)
                        ? new SessionState(true, role)
                        : new SessionState(false, UserRole.Guest);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                logger.LogWarning("Session cache unavailable, asking the database: {Reason}", ex.Message);
            }
        }

        var (sessionActive, userRole) = await LoadAsync(userId, sessionId, cancellationToken);
        await TryAsync(db =>
        {
            var batch = db.CreateBatch();
            var writes = Task.WhenAll(
                batch.StringSetAsync(SessionKey(sessionId), sessionActive ? "1" : "0", Ttl),
                batch.StringSetAsync(UserKey(userId), userRole?.ToString() ?? "-", Ttl));
            batch.Execute();
            return writes;
        });
        return sessionActive && userRole is { } r ? new SessionState(true, r) : new SessionState(false, UserRole.Guest);
    }

    public Task ForgetSessionAsync(Guid sessionId) => TryAsync(db => db.KeyDeleteAsync(SessionKey(sessionId)));

    public Task ForgetUserAsync(Guid userId) => TryAsync(db => db.KeyDeleteAsync(UserKey(userId)));

    private async Task<(bool SessionActive, UserRole? Role)> LoadAsync(Guid userId, Guid sessionId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        var now = clock.GetUtcNow();
        var state = await db.Users
            .Where(u => u.Id == userId)
            .Select(u => new
            {
                u.Role,
                Usable = u.DeletedAt == null && (u.ExpiresAt == null || u.ExpiresAt > now) &&
                    !db.ModerationActions.Any(a => a.TargetUserId == u.Id && a.Kind == ModerationActionKind.Ban &&
                        a.LiftedAt == null && (a.ExpiresAt == null || a.ExpiresAt > now)),
                SessionActive = db.SessionFamilies.Any(f => f.Id == sessionId && f.UserId == u.Id && f.RevokedAt == null && f.ExpiresAt > now),
            })
            .SingleOrDefaultAsync(cancellationToken);
        return state is null ? (false, null) : (state.SessionActive, state.Usable ? state.Role : null);
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
            logger.LogWarning("Session cache update failed; cached state expires within {Ttl}: {Reason}", Ttl, ex.Message);
        }
    }
}
