using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Text.Json;
using StackExchange.Redis;

namespace ChatRoom.Api.Auth;

/// <summary>
/// What every authenticated request needs to know beyond the token: is it still allowed, in which role, and how the
/// person is shown now (a renamed user's next message carries the new name without a database read).
/// </summary>
public readonly record struct SessionState(bool Active, UserRole Role, UserSummary? Person = null)
{
    public static SessionState Ended { get; } = new(false, UserRole.Guest);

    /// <summary>Whether the two allow the same: both ended, or both live in one role. How the person is shown does not count.</summary>
    public bool SameAccess(SessionState other) => Active == other.Active && (!Active || Role == other.Role);
}

/// <summary>
/// Makes revocation, deletion, bans and role changes take effect on the next request without a database
/// query per request: the live state of a session and of its user is cached in Redis for a short time
/// (one MGET per request), and every change deletes the cached value (<see cref="ForgetSessionAsync"/>,
/// <see cref="ForgetUserAsync"/>). A request that read the database just before a change must not put the old
/// state back after the change deleted it: every forget also bumps a generation counter, and a loaded state is
/// written only if the generations are still those seen before the database was read.
/// </summary>
/// <remarks>
/// The database stays the authority when Redis misbehaves:
/// <list type="bullet">
/// <item>While Redis is unreachable the database answers directly.</item>
/// <item>Values carry the time they were written, and after losing Redis this replica trusts only values written
/// after it reconnected: a Redis restarted from its append-only file, or one that missed this replica's deletes,
/// cannot serve a state cached before a revocation it never heard of.</item>
/// <item>A session or user whose state changed (seen here, or found by <see cref="SessionWatch"/> re-checking
/// what this replica serves) is read from the database, not the cache, for <see cref="DistrustFor"/>: a
/// delete that was lost while Redis was away cannot bring an ended session back.</item>
/// <item>Session entries are keyed by user and session, so a token whose <c>sub</c> does not own its <c>sid</c>
/// never touches the entry of the real owner.</item>
/// </list>
/// </remarks>
public sealed class SessionCache(RedisCache cache, IServiceScopeFactory scopes, TimeProvider clock)
{
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(60);

    /// <summary>Longer than any cached value can live (a value written just before the change, plus its TTL).</summary>
    public static readonly TimeSpan DistrustFor = Ttl * 3;

    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _distrusted = new();
    private readonly ConcurrentDictionary<(Guid UserId, Guid SessionId), Served> _served = new();

    private static RedisKey SessionKey(Guid userId, Guid sessionId) => $"chatroom:auth:session:{userId:N}:{sessionId:N}";

    private static RedisKey UserKey(Guid userId) => $"chatroom:auth:user:{userId:N}";

    private static RedisKey SessionGenerationKey(Guid userId, Guid sessionId) => $"chatroom:auth:session-gen:{userId:N}:{sessionId:N}";

    private static RedisKey UserGenerationKey(Guid userId) => $"chatroom:auth:user-gen:{userId:N}";

    private static CacheKey SessionEntry(Guid userId, Guid sessionId) => new(SessionKey(userId, sessionId), SessionGenerationKey(userId, sessionId));

    private static CacheKey UserEntry(Guid userId) => new(UserKey(userId), UserGenerationKey(userId));

    /// <summary>The user entry of an account that may not sign in (deleted, expired, banned).</summary>
    private const string NoUser = "-";

    private const string CacheUpdateFailed = "Session cache update failed; this replica reads the state from the database meanwhile";

    /// <summary>What this replica answered recently, for <see cref="SessionWatch"/> to check against the database.</summary>
    public readonly record struct Served(SessionState State, DateTimeOffset At);

    public async Task<SessionState> GetAsync(Guid userId, Guid sessionId, CancellationToken cancellationToken)
    {
        var state = await ReadAsync(userId, sessionId, cancellationToken);
        _served[(userId, sessionId)] = new Served(state, clock.GetUtcNow());
        return state;
    }

    private async Task<SessionState> ReadAsync(Guid userId, Guid sessionId, CancellationToken cancellationToken)
    {
        if (IsDistrusted(userId) || IsDistrusted(sessionId))
            return await LoadAsync(userId, sessionId, cancellationToken);

        CacheKey[] entries = [SessionEntry(userId, sessionId), UserEntry(userId)];
        var cached = await cache.ReadAsync(entries, "Session cache unavailable, asking the database");
        if (cached is null)
            return await LoadAsync(userId, sessionId, cancellationToken);
        if (cached.Values[0] is { } session && cached.Values[1] is { } user)
        {
            if (session != "1" || user == NoUser)
                return SessionState.Ended;
            if (PersonOf(user) is { } person)
                return StateOf(true, person);
            // Otherwise an entry in an older shape: read afresh below.
        }

        var (sessionActive, current) = await LoadStateAsync(userId, sessionId, cancellationToken);
        await cache.WriteAsync(entries, cached, [sessionActive ? "1" : "0", current is null ? NoUser : JsonSerializer.Serialize(current)], Ttl,
            CacheUpdateFailed);
        return StateOf(sessionActive, current);
    }

    public Task ForgetSessionAsync(Guid userId, Guid sessionId)
    {
        Distrust(sessionId);
        return cache.ForgetAsync(SessionEntry(userId, sessionId), Ttl, CacheUpdateFailed);
    }

    public Task ForgetUserAsync(Guid userId)
    {
        Distrust(userId);
        return cache.ForgetAsync(UserEntry(userId), Ttl, CacheUpdateFailed);
    }

    /// <summary>The sessions this replica answered for within <paramref name="window"/>; older ones are forgotten.</summary>
    public IReadOnlyDictionary<(Guid UserId, Guid SessionId), Served> ServedSince(TimeSpan window)
    {
        var since = clock.GetUtcNow() - window;
        foreach (var (key, served) in _served)
        {
            if (served.At < since)
                _served.TryRemove(new KeyValuePair<(Guid, Guid), Served>(key, served));
        }
        foreach (var (id, until) in _distrusted)
        {
            if (until < clock.GetUtcNow())
                _distrusted.TryRemove(new KeyValuePair<Guid, DateTimeOffset>(id, until));
        }
        return _served;
    }

    /// <summary>The current state of many sessions, from the database in one query.</summary>
    public async Task<Dictionary<(Guid UserId, Guid SessionId), SessionState>> LoadManyAsync(
        IReadOnlyCollection<(Guid UserId, Guid SessionId)> sessions, CancellationToken cancellationToken) =>
        (await LoadRawAsync(sessions, cancellationToken)).ToDictionary(p => p.Key, p => StateOf(p.Value.SessionActive, p.Value.Person));

    /// <summary>
    /// Of the sessions allowed in the given roles, those the database no longer allows so (ended, or their user
    /// gone, banned or in another role), with their state now. The usual answer is none, and the queries return
    /// only the exceptions: the live sessions are counted, and only users whose role or standing differs are read.
    /// </summary>
    public async Task<Dictionary<(Guid UserId, Guid SessionId), SessionState>> FindChangedAsync(
        IReadOnlyCollection<(Guid UserId, Guid SessionId, UserRole Role)> allowed, CancellationToken cancellationToken)
    {
        var sessionIds = allowed.Select(s => s.SessionId).Distinct().ToList();
        var served = allowed.Select(s => (s.UserId, s.Role)).ToHashSet();
        Guid[] UsersIn(UserRole role) => [.. served.Where(s => s.Role == role).Select(s => s.UserId)];
        Guid[] guests = UsersIn(UserRole.Guest), users = UsersIn(UserRole.User), moderators = UsersIn(UserRole.Moderator),
            admins = UsersIn(UserRole.Admin), everyone = [.. guests, .. users, .. moderators, .. admins];
        var suspects = new HashSet<(Guid UserId, Guid SessionId)>();
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
            var now = clock.GetUtcNow();
            var live = LiveSessions(db, sessionIds, now);
            if (await live.CountAsync(cancellationToken) < sessionIds.Count)
            {
                var liveIds = (await live.Select(f => f.Id).ToListAsync(cancellationToken)).ToHashSet();
                suspects.UnionWith(allowed.Where(s => !liveIds.Contains(s.SessionId)).Select(s => (s.UserId, s.SessionId)));
            }
            // Users who may sign in, in a role they were served in: one row per (user, role) served when nothing changed.
            var usable = db.Users.AsNoTracking().Where(u => everyone.Contains(u.Id)).Where(MaySignIn(db, now));
            var asServed = usable.Where(u => (guests.Contains(u.Id) && u.Role == UserRole.Guest) || (users.Contains(u.Id) && u.Role == UserRole.User) ||
                (moderators.Contains(u.Id) && u.Role == UserRole.Moderator) || (admins.Contains(u.Id) && u.Role == UserRole.Admin));
            if (await asServed.CountAsync(cancellationToken) < served.Count)
            {
                var current = (await usable.Select(u => new { u.Id, u.Role }).ToListAsync(cancellationToken)).Select(u => (u.Id, u.Role)).ToHashSet();
                suspects.UnionWith(allowed.Where(s => !current.Contains((s.UserId, s.Role))).Select(s => (s.UserId, s.SessionId)));
            }
        }
        return suspects.Count == 0 ? [] : await LoadManyAsync(suspects, cancellationToken);
    }

    /// <summary>Per session: is the session live, and the user as shown if the user may sign in at all.</summary>
    private async Task<Dictionary<(Guid UserId, Guid SessionId), (bool SessionActive, UserSummary? Person)>> LoadRawAsync(
        IReadOnlyCollection<(Guid UserId, Guid SessionId)> sessions, CancellationToken cancellationToken)
    {
        var userIds = sessions.Select(s => s.UserId).Distinct().ToList();
        var sessionIds = sessions.Select(s => s.SessionId).Distinct().ToList();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        var now = clock.GetUtcNow();
        var usable = await db.Users.AsNoTracking()
            .Where(u => userIds.Contains(u.Id))
            .Where(MaySignIn(db, now))
            .Select(ChatViews.Person)
            .ToDictionaryAsync(u => u.Id, cancellationToken);
        var live = (await LiveSessions(db, sessionIds, now)
            .Select(f => new { f.Id, f.UserId })
            .ToListAsync(cancellationToken)).Select(f => (f.UserId, f.Id)).ToHashSet();
        return sessions.Distinct().ToDictionary(s => s, s => (
            live.Contains((s.UserId, s.SessionId)),
            usable.GetValueOrDefault(s.UserId)));
    }

    private static IQueryable<SessionFamily> LiveSessions(ChatDbContext db, List<Guid> sessionIds, DateTimeOffset now) =>
        db.SessionFamilies.AsNoTracking().Where(f => sessionIds.Contains(f.Id) && f.RevokedAt == null && f.ExpiresAt > now);

    /// <summary>An account that may sign in: not deleted, not an expired guest, not banned.</summary>
    private static Expression<Func<User, bool>> MaySignIn(ChatDbContext db, DateTimeOffset now)
    {
        var banned = db.ModerationActions.InForce(now, ModerationActionKind.Ban).Select(a => a.TargetUserId);
        return u => u.DeletedAt == null && (u.ExpiresAt == null || u.ExpiresAt > now) && !banned.Contains(u.Id);
    }

    /// <summary>Reads the session from the database (not the cache) until <see cref="DistrustFor"/> has passed.</summary>
    public void Distrust(Guid sessionOrUserId) => _distrusted[sessionOrUserId] = clock.GetUtcNow() + DistrustFor;

    private bool IsDistrusted(Guid id) => _distrusted.TryGetValue(id, out var until) && until > clock.GetUtcNow();

    private async Task<SessionState> LoadAsync(Guid userId, Guid sessionId, CancellationToken cancellationToken)
    {
        var (active, person) = await LoadStateAsync(userId, sessionId, cancellationToken);
        return StateOf(active, person);
    }

    private async Task<(bool SessionActive, UserSummary? Person)> LoadStateAsync(Guid userId, Guid sessionId, CancellationToken cancellationToken) =>
        (await LoadRawAsync([(userId, sessionId)], cancellationToken))[(userId, sessionId)];

    private static SessionState StateOf(bool sessionActive, UserSummary? person) =>
        sessionActive && person is not null ? new SessionState(true, Enum.Parse<UserRole>(person.Role), person) : SessionState.Ended;

    /// <summary>A cached user entry; anything else (an entry written by an older version) reads as a miss.</summary>
    private static UserSummary? PersonOf(string cached)
    {
        if (!cached.StartsWith('{'))
            return null;
        try
        {
            return JsonSerializer.Deserialize<UserSummary>(cached);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
