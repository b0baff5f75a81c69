using ChatRoom.Api.Realtime;
using ChatRoom.Realtime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace ChatRoom.Api.Auth;

/// <summary>
/// The database's word on every session this replica serves, every <see cref="RealtimeOptions.SessionWatchInterval"/>:
/// the sessions of its open hub connections and those its requests used lately are read in one query, and any
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
        foreach (var user in open.Select(c => c.User!))
            served[(user.UserId(), user.SessionId())] = new SessionState(true, user.Viewer().Role);
        if (served.Count == 0)
            return;

        var now = await cache.LoadManyAsync(served.Keys, cancellationToken);
        foreach (var ((userId, sessionId), before) in served)
        {
            var current = now[(userId, sessionId)];
            if (current.SameAccess(before) || !before.Active)
                continue;
            cache.Distrust(sessionId);
            cache.Distrust(userId);
            await revocations.ApplyAsync(new Revocation(null, [sessionId], current.Active ? "role_changed" : "session_ended"));
        }
        await EvictKickedAsync(open, cancellationToken);
    }

    private async Task EvictKickedAsync(List<HubCallerContext> open, CancellationToken cancellationToken)
    {
        var joined = open.SelectMany(c => (ChatHub.ConnectionOf(c)?.JoinedRooms ?? []).Select(room => (UserId: c.User!.UserId(), RoomId: room))).Distinct().ToList();
        if (joined.Count == 0)
            return;
        var userIds = joined.Select(j => j.UserId).Distinct().ToList();
        var roomIds = joined.Select(j => j.RoomId).Distinct().ToList();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        var at = Clock.GetUtcNow();
        var kicks = await db.ModerationActions.AsNoTracking().InForce(at, ModerationActionKind.Kick)
            .Where(a => userIds.Contains(a.TargetUserId) && a.RoomId != null && roomIds.Contains(a.RoomId.Value))
            .Select(a => new { a.TargetUserId, RoomId = a.RoomId!.Value })
            .Distinct()
            .ToListAsync(cancellationToken);
        foreach (var kick in kicks.Where(k => joined.Contains((k.TargetUserId, k.RoomId))))
            await revocations.ApplyAsync(new Revocation(kick.TargetUserId, [], "kicked", kick.RoomId));
    }
}
