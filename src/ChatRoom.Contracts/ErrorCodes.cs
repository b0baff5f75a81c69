namespace ChatRoom.Contracts;

/// <summary>
/// The stable codes every error carries: the <c>code</c> of a problem details answer and of a hub error. Clients act
/// on these, never on the wording of the <c>detail</c> beside them. A code, once published, keeps its meaning.
/// </summary>
public static class ErrorCodes
{
    // Any endpoint.
    public const string RequestInvalid = "request.invalid";
    public const string RateLimited = "request.rate_limited";
    public const string Unavailable = "request.unavailable";
    public const string Forbidden = "request.forbidden";

    // Rooms and lounges.
    public const string RoomNotFound = "room.not_found";
    public const string RoomArchived = "room.archived";
    public const string RoomGuestsCannotRead = "room.guests_cannot_read";
    public const string RoomGuestsCannotWrite = "room.guests_cannot_write";

    // Chat: sending, joining, typing.
    public const string ChatContentInvalid = "chat.content_invalid";
    public const string ChatClientMessageIdInvalid = "chat.client_message_id_invalid";
    public const string ChatClientMessageIdConflict = "chat.client_message_id_conflict";
    public const string ChatMuted = "chat.muted";
    public const string ChatKicked = "chat.kicked";
    public const string ChatRateLimited = "chat.rate_limited";
    public const string ChatSlowMode = "chat.slow_mode";
    public const string ChatNotJoined = "chat.not_joined";
    public const string ChatNotStored = "chat.not_stored";
    public const string ChatAccountGone = "chat.account_gone";

    // Messages.
    public const string MessageNotFound = "message.not_found";
    public const string MessageNotAuthor = "message.not_author";
    public const string MessageAdminProtected = "message.admin_protected";
    public const string MessageAlreadyJudged = "message.already_judged";

    // Moderators' actions.
    public const string ModerationSelf = "moderation.self";
    public const string ModerationUserNotFound = "moderation.user_not_found";
    public const string ModerationAdminProtected = "moderation.admin_protected";
    public const string ModerationNotRestricted = "moderation.not_restricted";
    public const string ModerationOwnMessage = "moderation.own_message";
}

/// <summary>
/// A hub method's error, sent as the <c>HubException</c>'s message in JSON: clients parse it after
/// <c>"HubException: "</c> and act on <see cref="Code"/>. <see cref="RetryAfter"/> is in whole seconds.
/// </summary>
public sealed record HubError(string Code, string Detail, int? RetryAfter = null);
