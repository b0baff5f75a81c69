using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace ChatRoom.Api.Moderation;

/// <summary>
/// A moderator's action. <c>Mute</c> needs <see cref="DurationMinutes"/>; <c>Ban</c> takes it optionally
/// (none is permanent); <c>Kick</c> needs <see cref="RoomId"/> and keeps the user out for the duration
/// (default <see cref="DefaultKickMinutes"/>); <c>DeleteMessage</c> needs <see cref="MessageId"/> only.
/// </summary>
public sealed record ModerationActionRequest(
    [MustHave, EnumName(typeof(ModerationActionKind))] string? Kind,
    Guid? UserId, Guid? RoomId, Guid? MessageId,
    [Text(0, 1000, Trim = true)] string? Reason,
    [Range(1, ModerationActionRequest.MaxDurationMinutes, ErrorMessage = "{0} must be between {1} and {2}.")] int? DurationMinutes)
    : IValidatableObject
{
    public const int MaxDurationMinutes = 60 * 24 * 365;
    public const int DefaultKickMinutes = ChatRoom.Chat.Moderation.ModeratorActions.DefaultKickMinutes;

    [JsonIgnore]
    public ModerationActionKind ParsedKind => EnumNames.Parse<ModerationActionKind>(Kind) ?? throw new InvalidOperationException("Validate first.");

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var kind = ParsedKind;
        if (kind == ModerationActionKind.DeleteMessage)
        {
            if (MessageId is null)
                yield return new ValidationResult("MessageId is required to delete a message.", [nameof(MessageId)]);
            yield break;
        }
        if (UserId is null)
            yield return new ValidationResult("UserId is required.", [nameof(UserId)]);
        if (kind == ModerationActionKind.Kick && RoomId is null)
            yield return new ValidationResult("RoomId is required to kick someone out of a room.", [nameof(RoomId)]);
        if (kind == ModerationActionKind.Mute && DurationMinutes is null)
            yield return new ValidationResult("DurationMinutes is required for a mute.", [nameof(DurationMinutes)]);
    }
}

/// <summary>A report of one thing: a message, a user, or a marketplace listing.</summary>
public sealed record ReportRequest(Guid? MessageId, Guid? UserId, [MustHave, Text(1, 1000, Trim = true)] string? Reason, Guid? ListingId = null)
    : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (new[] { MessageId, UserId, ListingId }.Count(id => id is not null) != 1)
            yield return new ValidationResult("Report one thing: a message (MessageId), a user (UserId) or a listing (ListingId).", [nameof(MessageId)]);
    }
}

/// <summary>The listing a report is about, as it is now (<see cref="Status"/> shows whether a moderator removed it).</summary>
public sealed record ReportedListing(Guid Id, string Title, string Status);

public sealed record ReportedMessage(Guid Id, Guid RoomId, long Seq, string Content, UserSummary Author, bool Deleted);

public sealed record ReportResponse(
    Guid Id, UserSummary Reporter, UserSummary? TargetUser, ReportedMessage? TargetMessage, string Reason, string Status,
    DateTimeOffset CreatedAt, DateTimeOffset? ResolvedAt, UserSummary? ResolvedBy, string? ResolutionNote, ReportedListing? TargetListing = null);

public sealed record ResolveReportRequest([Text(0, 1000, Trim = true)] string? Note);

public sealed record RejectMessageRequest([Text(0, 500, Trim = true)] string? Reason);

public sealed record PendingMessageResponse(MessageDto Message, string RoomName, string? ModerationNote);
