namespace ChatRoom.Data.Entities;

public enum IdentityReviewStatus
{
    /// <summary>Waiting for a moderator (the OCR may still be reading it).</summary>
    Pending,
    Approved,
    Rejected,
}

/// <summary>
/// A document a member uploaded to prove their age: the file lives in private blob storage under
/// <see cref="BlobName"/>; the row keeps what OCR read from it (as hints for the reviewer) and the review.
/// The file and the hints are deleted after the decision plus the retention period, or with the account.
/// </summary>
public sealed class IdentityDocument
{
    public const int MaxBlobNameLength = 128;
    public const int MaxContentTypeLength = 64;
    public const int MaxNoteLength = 500;
    public const int MaxHintLength = 128;

    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public User? User { get; set; }
    public required string BlobName { get; set; }

    /// <summary>As read from the file's first bytes, never from the upload's header.</summary>
    public required string ContentType { get; set; }

    public long SizeBytes { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public IdentityReviewStatus Status { get; set; } = IdentityReviewStatus.Pending;

    /// <summary>A Worker took the document to read it; another may take it again once this is old (a crashed reader).</summary>
    public DateTimeOffset? ReadStartedAt { get; set; }

    public int ReadAttempts { get; set; }

    /// <summary>When OCR finished with the document, readable or not.</summary>
    public DateTimeOffset? ReadAt { get; set; }

    /// <summary>OCR found no usable text: the reviewer must read the document themselves.</summary>
    public bool Unreadable { get; set; }

    /// <summary>What the reader wants the reviewer to know (why it is unreadable, what it could not find).</summary>
    public string? ReadNote { get; set; }

    public string? HintName { get; set; }
    public DateOnly? HintDateOfBirth { get; set; }

    /// <summary>The document's number with all but its last characters masked.</summary>
    public string? HintDocumentNumber { get; set; }

    public Guid? ReviewerId { get; set; }
    public User? Reviewer { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    public string? Reason { get; set; }

    /// <summary>The file was deleted from storage (and the hints with it).</summary>
    public DateTimeOffset? DocumentDeletedAt { get; set; }
}
