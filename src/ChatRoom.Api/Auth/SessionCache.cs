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
/// <see cref="ForgetUserAsync"/>). A request that read the database just before a change must not put the old
/// state back after the change deleted it: every forget also bumps a generation counter, and a loaded state is
/// written only if the generations are still those seen before the database was read. If a delete is lost
/// while Redis is away, the stale value lives at most <see cref="Ttl"/>. While Redis is unreachable the
/// database answers directly.
/// </summary>
public sealed class SessionCache(IConnectionMultiplexer redis, IServiceScopeFactory scopes, TimeProvider clock, ILogger<SessionCache> logger)
{
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(60);

    private static RedisKey SessionKey(Guid sessionId) => $"chatroom:auth:session:{sessionId:N}";

    private static RedisKey UserKey(Guid userId) => $"chatroom:auth:user:{userId:N}";

    private static RedisKey SessionGenerationKey(Guid sessionId) => $"chatroom:auth:session-gen:{sessionId:N}";

    private static RedisKey UserGenerationKey(Guid userId) => $"chatroom:auth:user-gen:{userId:N}";

    public async Task<SessionState> GetAsync(Guid userId, Guid sessionId, CancellationToken cancellationToken)
    {
        RedisValue[]? generations = null;
        if (redis.IsConnected)
        {
            try
            {
                var values = await redis.GetDatabase().StringGetAsync(
                    [SessionKey(sessionId), UserKey(userId), SessionGenerationKey(sessionId), UserGenerationKey(userId)]);
                if (values[0].HasValue && values[1].HasValue)
                    return values[0] == "1" && Enum.TryParse<UserRole>(values[1].ToString(), out var role)
                        ? new SessionState(true, role)
                        : new SessionState(false, UserRole.Guest);
                generations = [values[2], values[3]];
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                logger.LogWarning("Session cache unavailable, asking the database: {Reason}", ex.Message);
            }
        }

        var (sessionActive, userRole) = await LoadAsync(userId, sessionId, cancellationToken);
        if (generations is [var sessionGeneration, var userGeneration])
        {
            await TryAsync(db =>
            {
                // Written only if nothing was forgotten since the generations were read.
                var transaction = db.CreateTransaction();
                transaction.AddCondition(Unchanged(SessionGenerationKey(sessionId), sessionGeneration));
                transaction.AddCondition(Unchanged(UserGenerationKey(userId), userGeneration));
                _ = transaction.StringSetAsync(SessionKey(sessionId), sessionActive ? "1" : "0", Ttl);
                _ = transaction.StringSetAsync(UserKey(userId), userRole?.ToString() ?? "-", Ttl);
                return transaction.ExecuteAsync();
            });
        }
        return sessionActive && userRole is { } r ? new SessionState(true, r) : new SessionState(false, UserRole.Guest);
    }

    public Task ForgetSessionAsync(Guid sessionId) => ForgetAsync(SessionKey(sessionId), SessionGenerationKey(sessionId));

    public Task ForgetUserAsync(Guid userId) => ForgetAsync(UserKey(userId), UserGenerationKey(userId));

    private Task ForgetAsync(RedisKey key, RedisKey generation) => TryAsync(db =>
    {
        var batch = db.CreateBatch();
        var done = Task.WhenAll(
            batch.StringIncrementAsync(generation),
            batch.KeyExpireAsync(generation, Ttl * 2),
            batch.KeyDeleteAsync(key));
        batch.Execute();
        return done;
    });

    private static Condition Unchanged(RedisKey key, RedisValue seen) =>
        seen.HasValue ? Condition.StringEqual(key, seen) : Condition.KeyNotExists(key);

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
