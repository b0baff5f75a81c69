namespace ChatRoom.Chat;

/// <summary>Who hears an event. The transport decides how to reach them (SignalR groups over the backplane).</summary>
public abstract record Audience
{
    private Audience()
    {
    }

    /// <summary>
    /// Everyone in a room, but the connection that caused the event when it is named. <see cref="ChangeSeq"/>: the
    /// room's change the event carries, when it carries one.
    /// </summary>
    public sealed record Room(Guid RoomId, string? ExceptConnectionId = null, long? ChangeSeq = null) : Audience;

    public sealed record Rooms(IReadOnlyList<Guid> RoomIds) : Audience;

    /// <summary>Every connection of one user.</summary>
    public sealed record User(Guid UserId) : Audience;

    /// <summary>A pending (or no longer visible) message's audience: its author and the moderators.</summary>
    public sealed record AuthorAndModerators(Guid AuthorId) : Audience;

    /// <summary>A message event goes to the room when the message is visible, else to its author and the moderators.</summary>
    public static Audience Of(MessageDto message) => message.Status == nameof(MessageStatus.Approved)
        ? new Room(message.RoomId, ChangeSeq: message.ChangeSeq)
        : new AuthorAndModerators(message.Author.Id);
}

/// <summary>
/// Events to clients after a commit. <see cref="Post"/> never waits and never throws: what is committed stays a
/// success whatever happens to its broadcast. Clients notice a lost event from the change numbers and catch up.
/// </summary>
public interface IChatEvents
{
    /// <summary>Queues <paramref name="send"/> for <paramref name="audience"/>; <paramref name="what"/> names it in logs.</summary>
    void Post(Audience audience, string what, Func<IChatClient, Task> send);
}

public static class ChatEventsExtensions
{
    public static void ToAudienceOf(this IChatEvents events, MessageDto message, string what, Func<IChatClient, Task> send) =>
        events.Post(Audience.Of(message), what, send);
}
