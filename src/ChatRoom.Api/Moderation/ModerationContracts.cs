using ChatRoom.Api.Infrastructure;
using ChatRoom.Data.Entities;
using ChatRoom.Contracts;

namespace ChatRoom.Api.Moderation;

/// <summary>
/// A moderator's action. <c>Mute</c> needs <see cref="DurationMinutes"/>; <c>Ban</c> takes it optionally
/// (none is permanent); <c>Kick</c> needs <see cref="RoomId"/> and keeps the user out for the duration
/// (default <see cref="DefaultKickMinutes"/>); <c>DeleteMessage</c> needs <see cref="MessageId"/> only.
/// </summary>
public sealed record ModerationActionRequest(
    string? Kind, Guid? UserId, Guid? RoomId, Guid? MessageId, string? Reason, int? DurationMinutes) : IValidatable
{
    public const int MaxDurationMinutes = 60 * 24 * 365;
    public const int DefaultKickMinutes = ChatRoom.Chat.Moderation.ModeratorActions.DefaultKickMinutes;

    public ModerationActionKind ParsedKind => EnumNames.Parse<ModerationActionKind>(Kind) ?? throw new InvalidOperationException("Validate first.");

    public void Validate(ValidationErrors errors)
    {
        errors.Text(nameof(Reason), Reason?.Trim(), 0, 1000, required: false);
        if (EnumNames.Parse<ModerationActionKind>(Kind) is not { } kind)
        {
            errors.Add(nameof(Kind), EnumNames.OneOf<ModerationActionKind>(nameof(Kind)));
            return;
        }
        if (kind == ModerationActionKind.DeleteMessage)
        {
            if (MessageId is null)
                errors.Add(nameof(MessageId), "MessageId is required to delete a message.");
            return;
        }
        if (UserId is null)
            errors.Add(nameof(UserId), "UserId is required.");
        if (kind == ModerationActionKind.Kick && RoomId is null)
            errors.Add(nameof(RoomId), "RoomId is required to kick someone out of a room.");
        if (kind == ModerationActionKind.Mute && DurationMinutes is null)
            errors.Add(nameof(DurationMinutes), "DurationMinutes is required for a mute.");
        if (DurationMinutes is < 1 or > MaxDurationMinutes)
            errors.Add(nameof(DurationMinutes), $"DurationMinutes must be between 1 and {MaxDurationMinutes}.");
    }
}

public sealed record ReportRequest(Guid? MessageId, Guid? UserId, string? Reason) : IValidatable
{
    public void Validate(ValidationErrors errors)
    {
        errors.Text(nameof(Reason), Reason?.Trim(), 1, 1000);
        if ((MessageId is null) == (UserId is null))
            errors.Add(nameof(MessageId), "Report either a message (MessageId) or a user (UserId).");
    }
}

public sealed record ReportedMessage(Guid Id, Guid RoomId, long Seq, string Content, UserSummary Author, bool Deleted);

public sealed record ReportResponse(
    Guid Id, UserSummary Reporter, UserSummary? TargetUser, ReportedMessage? TargetMessage, string Reason, string Status,
    DateTimeOffset CreatedAt, DateTimeOffset? ResolvedAt, UserSummary? ResolvedBy, string? ResolutionNote);

public sealed record ResolveReportRequest(string? Note) : IValidatable
{
    public void Validate(ValidationErrors errors) => errors.Text(nameof(Note), Note?.Trim(), 0, 1000, required: false);
}

public sealed record RejectMessageRequest(string? Reason) : IValidatable
{
    public void Validate(ValidationErrors errors) => errors.Text(nameof(Reason), Reason?.Trim(), 0, 500, required: false);
}

public sealed record PendingMessageResponse(MessageDto Message, string RoomName, string? ModerationNote);
