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

/// <summary>A language room inside a lounge; messages live here.</summary>
public sealed class Room
{
    public Guid Id { get; set; }
    public Guid LoungeId { get; set; }
    public Lounge? Lounge { get; set; }
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
