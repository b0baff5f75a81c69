namespace ChatRoom.Data.Entities;

public enum NotificationKind
{
    /// <summary>Someone wrote the user's @name in a room or conversation the user can read.</summary>
    Mention,

    /// <summary>A new message in one of the user's conversations.</summary>
    DirectMessage,

    /// <summary>A moderator's action on the user, or a decision on their identity document.</summary>
    Moderation,

    /// <summary>Someone answered one of the user's messages.</summary>
    Reply,

    /// <summary>A sale of the user's listing, or a refund of a purchase or sale of theirs.</summary>
    Marketplace,
}

/// <summary>
/// Something the user should see, kept until read. One about a message shows the message as it is when listed (an
/// edit shows, a deleted or rejected one is left out), so a notification never keeps words the chat no longer has.
/// </summary>
public sealed class Notification
{
    public const int MaxTextLength = 500;

    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public NotificationKind Kind { get; set; }
    public Guid? RoomId { get; set; }
    public Guid? MessageId { get; set; }
    public Message? Message { get; set; }

    /// <summary>For moderation and marketplace notices: what happened (and why), as the user was told.</summary>
    public string? Text { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
}

/// <summary>The user wants no notifications from this room or conversation (its messages still arrive).</summary>
public sealed class RoomMute
{
    public Guid UserId { get; set; }
    public Guid RoomId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LiftedAt { get; set; }
}
