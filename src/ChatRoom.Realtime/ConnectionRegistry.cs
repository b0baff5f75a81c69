using System.Collections.Concurrent;
using ChatRoom.Data.Entities;

namespace ChatRoom.Realtime;

/// <summary>An open hub connection with whom it belongs to, read from its token once.</summary>
public sealed record OpenConnection(HubCallerContext Context, Guid UserId, Guid SessionId, UserRole Role)
{
    public string ConnectionId => Context.ConnectionId;
}

/// <summary>
/// This replica's open hub connections. Writing to one of them goes straight to its socket, not through Redis:
/// what must reach connections while Redis is away (revocations, room heads) is sent this way.
/// </summary>
public sealed class ConnectionRegistry
{
    private readonly ConcurrentDictionary<string, OpenConnection> _connections = new();

    public void Add(HubCallerContext context)
    {
        var viewer = context.User!.Viewer();
        _connections[context.ConnectionId] = new OpenConnection(context, viewer.Id, context.User!.SessionId(), viewer.Role);
    }

    public void Remove(HubCallerContext context) => _connections.TryRemove(context.ConnectionId, out _);

    public int Count => _connections.Count;

    public IEnumerable<OpenConnection> All => _connections.Values;

    /// <summary>This replica's connections of the given sessions, or of the given user when it is set.</summary>
    public IReadOnlyList<HubCallerContext> Find(Guid? userId, IReadOnlySet<Guid> sessionIds) =>
        [.. _connections.Values.Where(c => userId is { } id ? c.UserId == id : sessionIds.Contains(c.SessionId)).Select(c => c.Context)];
}
