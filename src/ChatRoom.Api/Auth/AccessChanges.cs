using ChatRoom.Api.Realtime;

namespace ChatRoom.Api.Auth;

/// <summary>
/// Makes a committed change to someone's access take effect everywhere at once: the cached session state
/// is dropped (the next request asks the database) and every replica closes the affected hub connections.
/// Call it after the commit.
/// </summary>
public sealed class AccessChanges(SessionCache cache, RevocationBus revocations)
{
    public async Task SessionsEndedAsync(Guid userId, IReadOnlyCollection<Guid> sessionIds, string reason)
    {
        if (sessionIds.Count == 0)
            return;
        foreach (var sessionId in sessionIds)
            await cache.ForgetSessionAsync(userId, sessionId);
        await revocations.PublishAsync(new Revocation(null, [.. sessionIds], reason));
    }

    /// <summary>Deleted, banned or given another role: every connection of the user reconnects or ends.</summary>
    public async Task UserChangedAsync(Guid userId, string reason, ModerationNoticeEvent? notice = null)
    {
        await cache.ForgetUserAsync(userId);
        await revocations.PublishAsync(new Revocation(userId, [], reason, Notice: notice));
    }

    /// <summary>Takes every connection of the user, on every replica, out of the room.</summary>
    public Task KickedAsync(Guid userId, Guid roomId) =>
        revocations.PublishAsync(new Revocation(userId, [], "kicked", roomId));
}
