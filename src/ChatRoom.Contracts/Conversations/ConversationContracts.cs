namespace ChatRoom.Contracts;

/// <summary>
/// A conversation as its members see it: who is in it (the viewer too), whether it is a group, and its newest visible
/// message. Its id is a room id: history, sends, edits, catch-up and reports work as in any room.
/// </summary>
public sealed record ConversationResponse(
    Guid Id, IReadOnlyList<UserSummary> Members, bool IsGroup, DateTimeOffset CreatedAt, MessageDto? LastMessage);

/// <summary>A new message in one of the user's conversations, to every member's connections, joined or not.</summary>
public sealed record ConversationActivityEvent(Guid ConversationId, MessageDto Message);

/// <summary>
/// How far the user has read a room or conversation (<see cref="LastReadSeq"/>, the same on all their devices) and how many
/// messages of others come after it (<see cref="Unread"/>, counted up to <see cref="MaxCounted"/>: "99+" beyond).
/// </summary>
public sealed record RoomUnread(Guid RoomId, long LastReadSeq, int Unread)
{
    public const int MaxCounted = 100;
}
