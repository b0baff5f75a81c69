namespace ChatRoom.Contracts;

/// <summary>
/// A conversation as its members see it: who is in it (the viewer too), whether it is a group, and its newest visible
/// message. Its id is a room id: history, sends, edits, catch-up and reports work as in any room.
/// </summary>
public sealed record ConversationResponse(
    Guid Id, IReadOnlyList<UserSummary> Members, bool IsGroup, DateTimeOffset CreatedAt, MessageDto? LastMessage);

/// <summary>A new message in one of the user's conversations, to every member's connections, joined or not.</summary>
public sealed record ConversationActivityEvent(Guid ConversationId, MessageDto Message);
