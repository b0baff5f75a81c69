using System.Collections.Concurrent;

namespace ChatRoom.Realtime;

/// <summary>
/// This replica's open hub connections. Writing to one of them goes straight to its socket, not through Redis:
/// what must reach connections while Redis is away (revocations, room heads) is sent this way.
/// </summary>
public sealed class ConnectionRegistry
{
    private readonly ConcurrentDictionary<string, HubCallerContext> _connections = new();

    public void Add(HubCallerContext context) => _connections[context.ConnectionId] = context;

    public void Remove(HubCallerContext context) => _connections.TryRemove(context.ConnectionId, out _);

    public int Count => _connections.Count;

    public IEnumerable<HubCallerContext> All => _connections.Values;

    /// <summary>This replica's connections of the given sessions, or of the given user when it is set.</summary>
    public IReadOnlyList<HubCallerContext> Find(Guid? userId, IReadOnlySet<Guid> sessionIds) =>
        [.. _connections.Values.Where(c => userId is { } id ? c.User!.UserId() == id : sessionIds.Contains(c.User!.SessionId()))];
}
