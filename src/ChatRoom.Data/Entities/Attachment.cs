namespace ChatRoom.Data.Entities;

/// <summary>
/// A file a member uploaded to a room, kept in private blob storage under <see cref="BlobName"/>. It belongs to the
/// message its uploader sends with it: the send claims it with its client message id (<see cref="ClientMessageId"/>),
/// so the message is the one of (uploader, client message id), and whoever may read that message may fetch the file.
/// Until it is claimed only the uploader may; the Worker removes what is never sent.
/// </summary>
public sealed class Attachment
{
    public const int MaxFileNameLength = 200;
    public const int MaxContentTypeLength = 64;
    public const int MaxBlobNameLength = 128;

    public Guid Id { get; set; }
    public Guid UploaderId { get; set; }
    public Guid RoomId { get; set; }

    /// <summary>The name as uploaded, cleaned of paths and control characters: shown, and offered when saving, never trusted.</summary>
    public required string FileName { get; set; }

    /// <summary>As read from the file's first bytes, never from the upload's header or the name.</summary>
    public required string ContentType { get; set; }

    public long SizeBytes { get; set; }
    public required string BlobName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The client message id of the uploader's send that carries the file; null until sent.</summary>
    public string? ClientMessageId { get; set; }

    /// <summary>
    /// When the message that carries it was deleted or rejected: set by the database in the same transaction (a trigger on
    /// messages), so the Worker finds the files to delete among the few marked, not by looking through every file sent.
    /// </summary>
    public DateTimeOffset? MessageRemovedAt { get; set; }

    /// <summary>When the Worker deleted the file (never sent, or its message deleted): the row stays as a record.</summary>
    public DateTimeOffset? FileDeletedAt { get; set; }
}
