namespace ChatRoom.Realtime;

/// <summary>
/// Connections have no SignalR user id, so <c>Clients.User</c> is not used. Over the Redis backplane a user id costs
/// a subscription to that user's channel on every replica the user is connected to, and a user's connections are
/// already reached through the <see cref="ChatGroups.User"/> group, which (unlike a user) can be combined with other
/// groups in one send. Who is calling is <c>Context.User</c>, the access token's claims.
/// </summary>
public sealed class NoUserIdProvider : IUserIdProvider
{
    public string? GetUserId(HubConnectionContext connection) => null;
}
