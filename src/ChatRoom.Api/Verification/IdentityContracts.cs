using System.ComponentModel.DataAnnotations;

namespace ChatRoom.Api.Verification;

public sealed class IdentityVerificationOptions
{
    public const string SectionName = "IdentityVerification";

    /// <summary>The largest document accepted.</summary>
    [Range(1024, 50 * 1024 * 1024)]
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Uploads one account may make in 24 hours, rejected ones included.</summary>
    [Range(1, 100)]
    public int UploadsPerDay { get; set; } = 3;
}

/// <summary>
/// The account's age verification as its owner sees it. <see cref="Status"/>: <c>None</c> (nothing sent),
/// <c>Pending</c> (waiting for a moderator), <c>Approved</c> or <c>Rejected</c> (with the moderator's <see cref="Reason"/>).
/// </summary>
public sealed record IdentityStatusResponse(string Status, bool AgeVerified, DateTimeOffset? SubmittedAt, DateTimeOffset? ReviewedAt, string? Reason);

/// <summary>The upload: one JPEG, PNG or PDF in the form field <c>document</c>.</summary>
public sealed record IdentityDocumentUpload(IFormFile Document);

/// <summary>
/// A document waiting for review, as moderators see it. The hints are what OCR read (<see cref="Read"/>): a name, a date
/// of birth with the age it gives today, and the document's number with all but its end masked. <see cref="Unreadable"/>:
/// OCR found nothing usable (see <see cref="ReadNote"/>), so the reviewer reads the document itself.
/// </summary>
public sealed record IdentityReviewItem(
    Guid Id, UserSummary User, string ContentType, long SizeBytes, DateTimeOffset SubmittedAt, string Status,
    bool Read, bool Unreadable, string? ReadNote, string? HintName, DateOnly? HintDateOfBirth, int? HintAge, string? HintDocumentNumber,
    DateTimeOffset? ReviewedAt, string? Reason);

public sealed record ApproveIdentityRequest([Text(0, IdentityDocument.MaxNoteLength, Trim = true)] string? Reason);

public sealed record RejectIdentityRequest([MustHave, Text(1, IdentityDocument.MaxNoteLength, Trim = true)] string? Reason);
