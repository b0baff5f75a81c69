using ChatRoom.Api.Auth;
using ChatRoom.Chat.Moderation;

namespace ChatRoom.Api.Moderation;

/// <summary>The Api's sessions and connections, as the chat core's moderator actions make changes to them take effect.</summary>
public sealed class AccessEnforcement(Sessions sessions, AccessChanges changes) : IAccessEnforcement
{
    public async Task<int> EndSessionsAsync(Guid userId, string reason, CancellationToken ct) =>
        (await sessions.RevokeAllAsync(userId, reason, except: null, ct)).Count;

    public Task UserChangedAsync(Guid userId, string reason, ModerationNoticeEvent? notice = null) =>
        changes.UserChangedAsync(userId, reason, notice);

    public Task KickedAsync(Guid userId, Guid roomId) => changes.KickedAsync(userId, roomId);
}
