using System.ComponentModel.DataAnnotations;
using ChatRoom.Chat.RateLimiting;
using ChatRoom.Chat.Verification;

namespace ChatRoom.Chat.Attachments;

public sealed class AttachmentOptions
{
    public const string SectionName = "Attachments";

    /// <summary>The largest file accepted, in bytes.</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Files one user may upload in <see cref="Window"/>, across replicas.</summary>
    [Range(1, 10_000)]
    public int UploadsPerUser { get; set; } = 20;

    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>
/// Files sent with messages: uploaded to a room by a member who may write there, then claimed by one send of theirs
/// (<see cref="ClaimAsync"/>), and from then on fetched by whoever may read that message, only through the Api.
/// </summary>
public sealed class MessageAttachments(
    ChatDbContext db,
    AttachmentStorage storage,
    RoomAccess access,
    WindowCounter counter,
    IOptions<AttachmentOptions> options,
    TimeProvider clock,
    ILogger<MessageAttachments> logger)
{
    /// <summary>Stores a file for a message the viewer is about to send in <paramref name="roomId"/>.</summary>
    public async Task<ChatResult<AttachmentDto>> UploadAsync(Viewer viewer, Guid roomId, Stream content, string? fileName, long size,
        CancellationToken ct)
    {
        if (!storage.Available)
            return Fail(ChatError.Unavailable, ErrorCodes.AttachmentUnavailable, "Files cannot be sent here: no file storage is configured.");
        if (viewer.Role == UserRole.Guest)
            return Fail(ChatError.Forbidden, ErrorCodes.AttachmentGuest, "Register an account to send files.");
        var allowed = await access.CheckAsync(roomId, viewer, write: true, ct);
        if (!allowed.Succeeded)
            return allowed.As<AttachmentDto>();
        var limit = options.Value;
        var decision = await counter.HitAsync("attachment-user", viewer.Id.ToString("N"), limit.UploadsPerUser, limit.Window);
        if (!decision.Allowed)
            return ChatResult<AttachmentDto>.Fail(ChatError.TooManyRequests, ErrorCodes.AttachmentRateLimited,
                $"You are sending files too fast: at most {limit.UploadsPerUser} every {limit.Window.TotalMinutes:0} min.", decision.RetryAfter);

        var name = AttachmentTypes.CleanName(fileName);
        var head = new byte[AttachmentTypes.BytesNeeded];
        var read = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        if (AttachmentTypes.Detect(head.AsSpan(0, read), name) is not { } contentType)
            return Fail(ChatError.BadRequest, ErrorCodes.AttachmentTypeDenied, "Programs and scripts cannot be sent (judged by the file's content and name).");
        content.Position = 0;

        var now = clock.GetUtcNow();
        var attachment = new Attachment
        {
            Id = Guid.CreateVersion7(now),
            UploaderId = viewer.Id,
            RoomId = roomId,
            FileName = name,
            ContentType = contentType,
            SizeBytes = size,
            BlobName = "",
            CreatedAt = now,
        };
        attachment.BlobName = PrivateBlobs.BlobNameFor(viewer.Id, attachment.Id);
        if (!await storage.TryUploadAsync(attachment.BlobName, content, contentType, logger, $"attachment {attachment.Id}", ct))
            return Fail(ChatError.Unavailable, ErrorCodes.AttachmentUnavailable, "The file could not be stored just now. Try again in a few minutes.");
        db.Attachments.Add(attachment);
        await db.SaveChangesAsync(ct);
        return ChatResult<AttachmentDto>.Ok(Describe(attachment));
    }

    /// <summary>
    /// Gives the viewer's files to their send <paramref name="clientMessageId"/> in <paramref name="roomId"/>: all of them or
    /// none. A file belongs to one send only; the same send asking again (a retry) gets the same files.
    /// </summary>
    public async Task<ChatResult<List<AttachmentDto>>> ClaimAsync(Viewer viewer, Guid roomId, IReadOnlyList<Guid> ids, string clientMessageId,
        CancellationToken ct)
    {
        var wanted = ids.Distinct().ToArray();
        if (wanted.Length != ids.Count || wanted.Length > MessageExtras.MaxAttachments)
            return Invalid($"A message carries at most {MessageExtras.MaxAttachments} different files.");
        var claimed = await db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            var count = await db.Database.ExecuteSqlAsync($"""
                UPDATE attachments SET client_message_id = {clientMessageId}
                WHERE id = ANY({wanted}) AND uploader_id = {viewer.Id} AND room_id = {roomId} AND file_deleted_at IS NULL
                  AND (client_message_id IS NULL OR client_message_id = {clientMessageId})
                """, token);
            if (count != wanted.Length)
            {
                await transaction.RollbackAsync(token);
                return false;
            }
            await transaction.CommitAsync(token);
            return true;
        }, ct);
        if (!claimed)
            return Invalid("Only files you uploaded to this room, not sent with another message, can be sent with this one.");
        var rows = await db.Attachments.AsNoTracking().Where(a => wanted.Contains(a.Id)).ToListAsync(ct);
        return ChatResult<List<AttachmentDto>>.Ok([.. wanted.Select(id => Describe(rows.Single(a => a.Id == id)))]);

        static ChatResult<List<AttachmentDto>> Invalid(string detail) =>
            ChatResult<List<AttachmentDto>>.Fail(ChatError.BadRequest, ErrorCodes.AttachmentInvalid, detail);
    }

    /// <summary>
    /// The file, for someone who may read its message now (deleted, rejected or, for others, pending messages take their
    /// files with them), or for its uploader before it is sent. Anyone else is told it does not exist.
    /// </summary>
    public async Task<ChatResult<(AttachmentDto File, Stream Content)>> OpenAsync(Guid id, Viewer viewer, CancellationToken ct)
    {
        var attachment = await db.Attachments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id && a.FileDeletedAt == null, ct);
        if (attachment is null || !await MayReadAsync(attachment, viewer, ct) || await storage.OpenAsync(attachment.BlobName, ct) is not { } content)
            return ChatResult<(AttachmentDto, Stream)>.Fail(ChatError.NotFound, ErrorCodes.AttachmentNotFound, $"There is no file {id}.");
        return ChatResult<(AttachmentDto, Stream)>.Ok((Describe(attachment), content));
    }

    private async Task<bool> MayReadAsync(Attachment attachment, Viewer viewer, CancellationToken ct)
    {
        if (attachment.ClientMessageId is null)
            return attachment.UploaderId == viewer.Id;
        var message = await db.Messages.AsNoTracking()
            .Where(m => m.AuthorId == attachment.UploaderId && m.ClientMessageId == attachment.ClientMessageId && m.RoomId == attachment.RoomId)
            .Select(m => new { m.Status, m.DeletedAt }).SingleOrDefaultAsync(ct);
        if (message is null)
            // Claimed by a send that is not stored (yet): still only its uploader's.
            return attachment.UploaderId == viewer.Id;
        if (message.DeletedAt is not null || message.Status == MessageStatus.Rejected)
            return false;
        if (message.Status == MessageStatus.Pending && attachment.UploaderId != viewer.Id && !viewer.Moderates)
            return false;
        return (await access.CheckAsync(attachment.RoomId, viewer, write: false, ct)).Succeeded;
    }

    private static AttachmentDto Describe(Attachment a) =>
        new(a.Id, a.FileName, a.ContentType, a.SizeBytes, AttachmentTypes.IsImage(a.ContentType));

    private static ChatResult<AttachmentDto> Fail(ChatError error, string code, string detail) => ChatResult<AttachmentDto>.Fail(error, code, detail);
}
