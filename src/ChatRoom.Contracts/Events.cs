namespace ChatRoom.Contracts;

/// <summary>
/// A message as clients see it. <see cref="Seq"/> orders messages in the room; <see cref="ChangeSeq"/> is the
/// room's change counter at the message's last create, edit or delete: a client that remembers the highest
/// <c>ChangeSeq</c> it has seen can ask for exactly what it missed.
/// </summary>
public sealed record MessageDto(
    Guid Id, Guid RoomId, long Seq, long ChangeSeq, UserSummary Author, string Content, string Status,
    string ClientMessageId, DateTimeOffset CreatedAt, DateTimeOffset? EditedAt, bool Deleted,
    IReadOnlyList<ReactionSummary>? Reactions = null, ReplyPreview? ReplyTo = null, int ReplyCount = 0,
    IReadOnlyList<AttachmentDto>? Attachments = null);

/// <summary>
/// A file sent with a message: fetched from <c>GET /api/attachments/{Id}</c> by whoever may read the message.
/// <see cref="ContentType"/> is read from the file's bytes; <see cref="IsImage"/> files are shown inline.
/// </summary>
public sealed record AttachmentDto(Guid Id, string FileName, string ContentType, long SizeBytes, bool IsImage);

/// <summary>What a send may carry besides its text: the message it answers and files uploaded for it (at most <see cref="MaxAttachments"/>).</summary>
public sealed record MessageExtras(Guid? ReplyToId = null, IReadOnlyList<Guid>? AttachmentIds = null)
{
    public const int MaxAttachments = 4;
}

/// <summary>
/// The message a reply answers, as it is now: edited text shows edited; a deleted or rejected original shows
/// <see cref="Deleted"/> with no text, so a reply never keeps alive words that were taken down.
/// </summary>
public sealed record ReplyPreview(Guid MessageId, long Seq, UserSummary Author, string Excerpt, bool Deleted)
{
    public const int MaxExcerptLength = 200;
}

/// <summary>
/// One emoji's reactions to a message: how many, and who (the first <see cref="MaxUsers"/> to react, in order), so a client
/// shows the count, names some of the people, and knows whether the viewer is among them.
/// </summary>
public sealed record ReactionSummary(string Emoji, int Count, IReadOnlyList<Guid> UserIds)
{
    public const int MaxUsers = 20;
}

/// <summary>A person as clients show them; <see cref="Role"/> is <c>Guest</c>, <c>User</c>, <c>Moderator</c> or <c>Admin</c>.</summary>
public sealed record UserSummary(Guid Id, string UserName, string? DisplayName, string? AvatarUrl, string Role, bool PhoneVerified = false);

public sealed record MessageDeletedEvent(Guid RoomId, Guid MessageId, long Seq, long ChangeSeq);

public sealed record RoomMemberEvent(Guid RoomId, UserSummary User);

public sealed record TypingEvent(Guid RoomId, UserSummary User, bool IsTyping);

public sealed record PresenceEvent(Guid UserId, bool Online, DateTimeOffset LastSeenAt);

public sealed record SessionRevokedEvent(string Reason);

/// <summary>
/// A moderator acted on the receiving user: <see cref="Kind"/> is <c>Warn</c>, <c>Mute</c>, <c>Unmute</c>, <c>Kick</c>
/// (from <see cref="RoomId"/>; the server has already taken the connection out of the room) or <c>Ban</c>.
/// </summary>
public sealed record ModerationNoticeEvent(string Kind, Guid? RoomId, string? Reason, DateTimeOffset? ExpiresAt);

/// <summary>A moderation action as moderators see it, with the people it names.</summary>
public sealed record ModerationActionResponse(
    Guid Id, string Kind, UserSummary TargetUser, Guid? RoomId, Guid? MessageId, UserSummary? Moderator, string? Reason,
    DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? LiftedAt);

/// <summary>
/// A room as its members see it. <see cref="Kind"/>: <c>Lounge</c> (a language room of lounge <see cref="LoungeId"/>) or
/// <c>Conversation</c> (direct messages; no lounge).
/// </summary>
public sealed record RoomInfo(Guid Id, Guid? LoungeId, string Slug, string Name, string LanguageCode, string? Topic,
    string ModerationMode, int SlowModeSeconds, bool GuestsCanWrite, bool RequiresVerifiedPhone = false, bool AdultsOnly = false,
    string Kind = "Lounge");

/// <summary>What <c>JoinRoom</c> answers: the room, who is in it now, and what the client missed.</summary>
public sealed record JoinRoomResult(RoomInfo Room, IReadOnlyList<UserSummary> Online, IReadOnlyList<MessageDto> Messages,
    long ChangeSeq, bool HasMore);

/// <summary>The sender's acknowledgement, sent only after the message is committed.</summary>
public sealed record SendAck(Guid Id, Guid RoomId, long Seq, long ChangeSeq, DateTimeOffset CreatedAt);

/// <summary>What <c>CatchUp</c> answers: the changes after the caller's cursor, and the cursor to continue from.</summary>
public sealed record CatchUpResult(IReadOnlyList<MessageDto> Messages, long ChangeSeq, bool HasMore);

/// <summary>
/// The room's latest committed change number, told to each connection in the room when it moved: a client whose
/// own cursor is behind it missed something and catches up.
/// </summary>
public sealed record RoomHeadEvent(Guid RoomId, long ChangeSeq);
