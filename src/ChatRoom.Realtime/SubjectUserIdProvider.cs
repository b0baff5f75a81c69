using System.Security.Claims;

namespace ChatRoom.Realtime;

/// <summary>SignalR's user id (for <c>Clients.User</c>) is the token's <c>sub</c>.</summary>
public sealed class SubjectUserIdProvider : IUserIdProvider
{
    public string? GetUserId(HubConnectionContext connection) => connection.User.FindFirstValue(ChatIdentity.UserIdClaim);
}
