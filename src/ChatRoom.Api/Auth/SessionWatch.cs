using ChatRoom.Api.Realtime;
using ChatRoom.Realtime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace ChatRoom.Api.Auth;

/// <summary>
/// The database's word on every session this replica serves, every <see cref="RealtimeOptions.SessionWatchInterval"/>:
/// the sessions of its open hub connections and those its requests used lately are checked in one round trip that
/// answers only what changed (it runs every few seconds over thousands of sessions), and any
/// that ended (logout, password change, deletion, ban, expired guest) or whose user's role changed is acted on
/// here: its connections get <c>SessionRevoked</c> and close, and the session cache distrusts it. Kicks in force
/// take the user's connections out of the room. This needs neither Redis nor the revoking replica's announcement,
/// so a change made while Redis is down, or announced while this replica was not listening, still takes effect
/// within one interval.
/// </summary>
public sealed class SessionWatch(
    ConnectionRegistry connections,
    SessionCache cache,
    RevocationBus revocations,
    IServiceScopeFactory scopes,
    IOptionsMonitor<RealtimeOptions> options,
    TimeProvider clock,
    ILogger<SessionWatch> logger) : RepeatingService(clock, logger)
{
    protected override TimeSpan Interval => options.CurrentValue.SessionWatchInterval;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var open = connections.All.ToList();
        // What each session was last allowed here: the role its connections were opened with, or the one answered.
        var served = cache.ServedSince(SessionCache.Ttl * 2).ToDictionary(p => p.Key, p => p.Value.State);
        foreach (var connection in open)
            served[(connection.UserId, connection.SessionId)] = new SessionState(true, connection.Role);
        var allowed = served.Where(p => p.Value.Active).Select(p => (p.Key.UserId, p.Key.SessionId, p.Value.Role)).ToList();

        if (allowed.Count > 0)
        {
            foreach (var ((userId, sessionId), current) in await cache.FindChangedAsync(allowed, cancellationToken))
            {
                if (current.SameAccess(served[(userId, sessionId)]))
                    continue;
                cache.Distrust(sessionId);
                cache.Distrust(userId);
                await revocations.ApplyAsync(new Revocation(null, [sessionId], current.Active ? "role_changed" : "session_ended"));
            }
        }
        await EvictKickedAsync(open, cancellationToken);
    }

    /// <summary>Kicks in force are few: they are read whole and matched against this replica's connections.</summary>
    private async Task EvictKickedAsync(List<OpenConnection> open, CancellationToken cancellationToken)
    {
        if (open.Count == 0)
            return;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        var kicks = await db.ModerationActions.AsNoTracking().InForce(Clock.GetUtcNow(), ModerationActionKind.Kick)
            .Where(a => a.RoomId != null)
            .Select(a => new { a.TargetUserId, RoomId = a.RoomId!.Value })
            .Distinct()
            .ToListAsync(cancellationToken);
        if (kicks.Count == 0)
            return;
        var byUser = open.ToLookup(c => c.UserId);
        foreach (var kick in kicks.Where(k => byUser[k.TargetUserId].Any(c => ChatHub.ConnectionOf(c.Context)?.IsIn(k.RoomId) == true)))
            await revocations.ApplyAsync(new Revocation(kick.TargetUserId, [], "kicked", kick.RoomId));
    }
}
