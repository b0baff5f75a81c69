namespace ChatRoom.Data.Entities;

public enum ModerationMode
{
    /// <summary>Messages are visible at once and removed if the moderation queue rejects them.</summary>
    PostModerated,

    /// <summary>Messages stay pending, visible to their author and moderators, until approved.</summary>
    PreModerated,
}

public sealed class Lounge
{
    public Guid Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public int SortOrder { get; set; }

    /// <summary>Every room of the lounge requires a verified phone to write, whatever the room's own setting.</summary>
    public bool RequiresVerifiedPhone { get; set; }

    /// <summary>Every room of the lounge is for age-verified members only (18+).</summary>
    public bool AdultsOnly { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }

    public List<Room> Rooms { get; set; } = [];
}

public enum RoomKind
{
    /// <summary>A language room of a lounge, open to everyone its settings let in.</summary>
    Lounge,

    /// <summary>Direct messages between its members (two, or a small group), and no one else: not even admins read it.</summary>
    Conversation,
}

/// <summary>
/// Where messages live: a language room inside a lounge, or a conversation of a few members. Both have the same
/// sequence numbers, catch-up, idempotent sends, moderation and reports.
/// </summary>
public sealed class Room
{
    public const int MaxConversationMembers = 10;

    public Guid Id { get; set; }
    public RoomKind Kind { get; set; } = RoomKind.Lounge;

    /// <summary>The lounge of a language room; null for a conversation.</summary>
    public Guid? LoungeId { get; set; }

    public Lounge? Lounge { get; set; }

    /// <summary>A conversation of exactly two people: both ids, the smaller first, so each pair has one conversation.</summary>
    public string? DirectPair { get; set; }

    public List<RoomMember> Members { get; set; } = [];
    public required string Slug { get; set; }
    public required string Name { get; set; }

    /// <summary>BCP 47 tag of the room's language, e.g. <c>en</c>, <c>pt-BR</c>.</summary>
    public required string LanguageCode { get; set; }

    public string? Topic { get; set; }
    public int SortOrder { get; set; }
    public ModerationMode ModerationMode { get; set; } = ModerationMode.PostModerated;

    /// <summary>Minimum seconds between two messages of one user in this room; 0 is off.</summary>
    public int SlowModeSeconds { get; set; }

    public bool GuestsCanRead { get; set; } = true;
    public bool GuestsCanWrite { get; set; } = true;

    /// <summary>Only members who verified a phone number write here (moderators and admins always may).</summary>
    public bool RequiresVerifiedPhone { get; set; }

    /// <summary>Only age-verified members read or write here (moderators and admins always may): 18+.</summary>
    public bool AdultsOnly { get; set; }

    /// <summary>Highest <see cref="Message.Seq"/> handed out: the per-room, gap-free counter.</summary>
    public long LastSeq { get; set; }

    /// <summary>Highest <see cref="Message.ChangeSeq"/>: advanced by every create, edit and delete.</summary>
    public long LastChangeSeq { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }
}

/// <summary>A member of a conversation. One who left reads no more of it (their messages stay).</summary>
public sealed class RoomMember
{
    public Guid RoomId { get; set; }
    public Room? Room { get; set; }
    public Guid UserId { get; set; }
    public User? User { get; set; }
    public DateTimeOffset JoinedAt { get; set; }
    public DateTimeOffset? LeftAt { get; set; }
}

/// <summary>
/// The blocker gets no direct messages from the blocked person, and does not see their messages. A lifted block keeps
/// its row (the Api deletes nothing); blocking again renews it.
/// </summary>
public sealed class UserBlock
{
    public Guid BlockerId { get; set; }
    public Guid BlockedId { get; set; }
    public User? Blocked { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LiftedAt { get; set; }
}

/// <summary>How far a user has read a room or conversation, shared by all their devices; it only moves forward.</summary>
public sealed class ReadMarker
{
    public Guid UserId { get; set; }
    public Guid RoomId { get; set; }
    public long LastReadSeq { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
