namespace ChatRoom.Chat.Rooms;

/// <summary>
/// One open connection of a user, as the chat core sees it: who it is, and the rooms it has joined with what it
/// last told each about typing. The transport keeps it for the connection's lifetime.
/// </summary>
public sealed class ChatConnection(string connectionId, Viewer viewer, UserSummary me)
{
    // A plain dictionary under a lock, made on the first join: most connections sit idle in no room, and an empty
    // ConcurrentDictionary costs about 600 bytes per connection.
    private readonly Lock _lock = new();
    private Dictionary<Guid, TypingState>? _rooms;

    public string Id { get; } = connectionId;

    public Viewer Viewer { get; } = viewer;

    /// <summary>How the user is shown on what this connection sends; follows profile changes (<see cref="ShowAs"/>).</summary>
    public UserSummary Me { get; private set; } = me;

    /// <summary>The user as shown now, once the transport learns of a change to the profile.</summary>
    public void ShowAs(UserSummary me)
    {
        if (me.Id == Viewer.Id)
            Me = me;
    }

    /// <summary>A copy: the rooms joined when it is read.</summary>
    public ICollection<Guid> JoinedRooms
    {
        get
        {
            lock (_lock)
                return _rooms is { Count: > 0 } rooms ? [.. rooms.Keys] : [];
        }
    }

    public bool IsIn(Guid roomId)
    {
        lock (_lock)
            return _rooms?.ContainsKey(roomId) == true;
    }

    internal bool Join(Guid roomId)
    {
        lock (_lock)
            return (_rooms ??= []).TryAdd(roomId, TypingState.Idle);
    }

    internal bool Leave(Guid roomId)
    {
        lock (_lock)
            return _rooms?.Remove(roomId) == true;
    }

    /// <summary>
    /// Whether a typing change is passed on: "is typing" at most once per <paramref name="throttle"/>, and
    /// "stopped" only after a passed "is typing", so alternating the two cannot get past the throttle.
    /// </summary>
    internal bool PassTyping(Guid roomId, bool isTyping, DateTimeOffset now, TimeSpan throttle)
    {
        lock (_lock)
        {
            if (_rooms is null || !_rooms.TryGetValue(roomId, out var state))
                return false;
            if (isTyping ? now - state.LastTypingSent < throttle : !state.IsTyping)
                return false;
            _rooms[roomId] = isTyping ? new TypingState(now, IsTyping: true) : state with { IsTyping = false };
            return true;
        }
    }

    /// <summary>What a connection last told a room about its typing, and when it last said "is typing".</summary>
    private readonly record struct TypingState(DateTimeOffset LastTypingSent, bool IsTyping)
    {
        public static TypingState Idle { get; } = new(DateTimeOffset.MinValue, false);
    }
}

/// <summary>The transport's room membership of a connection: what it hears. The core decides, the transport does it.</summary>
public interface IRoomSubscriptions
{
    Task SubscribeAsync(string connectionId, Guid roomId);

    Task UnsubscribeAsync(string connectionId, Guid roomId);
}
