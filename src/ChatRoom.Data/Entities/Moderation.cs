namespace ChatRoom.Data.Entities;

public enum ReportStatus
{
    Open,
    Resolved,
    Dismissed,
}

/// <summary>A user's report of a message or another user; one open report per reporter and target.</summary>
public sealed class UserReport
{
    public Guid Id { get; set; }
    public Guid ReporterId { get; set; }
    public Guid? TargetUserId { get; set; }
    public Guid? TargetMessageId { get; set; }
    public Guid? TargetListingId { get; set; }
    public required string Reason { get; set; }
    public ReportStatus Status { get; set; } = ReportStatus.Open;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public Guid? ResolvedById { get; set; }
    public string? ResolutionNote { get; set; }
}

public enum ModerationActionKind
{
    Warn,
    Mute,
    Kick,
    Ban,
    Unban,
    Unmute,
    DeleteMessage,
}

public sealed class ModerationAction
{
    public Guid Id { get; set; }
    public ModerationActionKind Kind { get; set; }
    public Guid TargetUserId { get; set; }

    /// <summary>Kicks and room-scoped mutes name the room; null means everywhere.</summary>
    public Guid? RoomId { get; set; }

    public Guid? MessageId { get; set; }

    /// <summary>Null when the moderation queue acted on its own.</summary>
    public Guid? ModeratorId { get; set; }

    public string? Reason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>End of a timed mute or ban; null is permanent (or not applicable).</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>Set when lifted early (unban, unmute) or when the expiry job closes it.</summary>
    public DateTimeOffset? LiftedAt { get; set; }
}

public static class ModerationActionQueries
{
    /// <summary>
    /// Restrictions of <paramref name="kinds"/> in force at <paramref name="now"/>: not lifted, and either
    /// permanent or not yet expired. The one definition the Api's checks, the lifting of them and the caches share.
    /// </summary>
    public static IQueryable<ModerationAction> InForce(this IQueryable<ModerationAction> actions, Guid userId, DateTimeOffset now,
        params ModerationActionKind[] kinds) =>
        actions.InForce(now, kinds).Where(a => a.TargetUserId == userId);

    /// <summary>Restrictions of <paramref name="kinds"/> in force at <paramref name="now"/>, against anyone.</summary>
    public static IQueryable<ModerationAction> InForce(this IQueryable<ModerationAction> actions, DateTimeOffset now,
        params ModerationActionKind[] kinds) =>
        actions.Where(a => kinds.Contains(a.Kind) && a.LiftedAt == null && (a.ExpiresAt == null || a.ExpiresAt > now));
}
