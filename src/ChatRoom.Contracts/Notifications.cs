namespace ChatRoom.Contracts;

/// <summary>
/// Something for the user to see. <see cref="Kind"/>: <c>Mention</c> and <c>DirectMessage</c> carry the message (as it is
/// now), <c>Moderation</c> its <see cref="Text"/> (a moderator's action, an identity document's review).
/// </summary>
public sealed record NotificationDto(Guid Id, string Kind, Guid? RoomId, MessageDto? Message, string? Text, DateTimeOffset CreatedAt, bool Read);

/// <summary>A page of notifications, newest first, and how many of all of them are unread.</summary>
public sealed record NotificationPage(IReadOnlyList<NotificationDto> Items, string? NextCursor, int Unread);
