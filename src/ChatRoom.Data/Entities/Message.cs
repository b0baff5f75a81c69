using ChatRoom.Contracts;

namespace ChatRoom.Data.Entities;

public enum MessageStatus
{
    Pending,
    Approved,
    Rejected,
}

public sealed class Message
{
    public const int MaxContentLength = 4000;
    public const int MaxClientMessageIdLength = 64;
    public const int MaxModerationNoteLength = 500;

    public Guid Id { get; set; }
    public Guid RoomId { get; set; }
    public Room? Room { get; set; }

    /// <summary>Position in the room: gap-free, increasing, defines the order.</summary>
    public long Seq { get; set; }

    /// <summary>Room-wide change counter at the last create, edit or delete: catch-up reads everything after it.</summary>
    public long ChangeSeq { get; set; }

    public Guid AuthorId { get; set; }
    public User? Author { get; set; }
    public required string Content { get; set; }
    public MessageStatus Status { get; set; } = MessageStatus.Approved;

    /// <summary>The sender's idempotency key: a retry with the same key returns this message.</summary>
    public required string ClientMessageId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// The reactions as clients see them, rewritten with every reaction (from <see cref="Reaction"/> rows), so reading
    /// a message never counts them; null while it has none (most messages), so they cost nothing to write or send.
    /// </summary>
    public List<ReactionSummary>? Reactions { get; set; }

    /// <summary>The files sent with the message, as clients see them (from <see cref="Attachment"/> rows); null without any.</summary>
    public List<AttachmentDto>? Attachments { get; set; }

    /// <summary>When the moderation queue gave its verdict; null until then (the Worker sweeps up any it missed).</summary>
    public DateTimeOffset? ModeratedAt { get; set; }

    /// <summary>Why the moderation queue rejected or flagged the message, for moderators; null when clean.</summary>
    public string? ModerationNote { get; set; }

    public DateTimeOffset? EditedAt { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    public Guid? DeletedById { get; set; }

    /// <summary>The message this one answers, in the same room; its thread is every message answering it.</summary>
    public Guid? ReplyToId { get; set; }

    public Message? ReplyTo { get; set; }

    /// <summary>Visible replies (approved, not deleted), counted again whenever one comes, goes or is judged.</summary>
    public int ReplyCount { get; set; }
}

/// <summary>One person's reaction with one emoji to a message. Taking it back keeps the row (the Api deletes nothing).</summary>
public sealed class Reaction
{
    public const int MaxEmojiLength = 16;

    public Guid MessageId { get; set; }
    public Guid UserId { get; set; }
    public required string Emoji { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RemovedAt { get; set; }
}
