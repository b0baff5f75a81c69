using ChatRoom.Api.Auth;
using ChatRoom.Chat.Notifications;
using ChatRoom.Chat.Verification;
using Microsoft.Extensions.Options;

namespace ChatRoom.Api.Verification;

/// <summary>
/// Age verification by identity document: a member uploads one (kept in private blob storage), the Worker reads it
/// with OCR for hints, and a moderator approves or rejects it. Every step is audited; the document itself is only
/// ever streamed to a moderator through <see cref="OpenAsync"/>.
/// </summary>
public sealed class IdentityVerification(
    ChatDbContext db,
    DocumentStorage storage,
    IChatEvents events,
    Notifier notifier,
    IOptions<IdentityVerificationOptions> options,
    TimeProvider clock,
    ILogger<IdentityVerification> logger)
{
    public async Task<IdentityStatusResponse> StatusAsync(Guid userId, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId, ct);
        var latest = await db.IdentityDocuments.AsNoTracking().Where(d => d.UserId == userId)
            .OrderByDescending(d => d.SubmittedAt).FirstOrDefaultAsync(ct);
        return StatusOf(user, latest);
    }

    private static IdentityStatusResponse StatusOf(User user, IdentityDocument? latest) =>
        user.AgeVerifiedAt is not null && latest?.Status != IdentityReviewStatus.Pending
            ? new(nameof(IdentityReviewStatus.Approved), true, latest?.SubmittedAt, latest?.ReviewedAt ?? user.AgeVerifiedAt, null)
            : latest is null
                ? new("None", false, null, null, null)
                : new(latest.Status.ToString(), user.AgeVerifiedAt is not null, latest.SubmittedAt, latest.ReviewedAt,
                    latest.Status == IdentityReviewStatus.Rejected ? latest.Reason : null);

    /// <summary>Stores the document (its type already read from its bytes) and puts it in the review queue.</summary>
    public async Task<Results<Created<IdentityStatusResponse>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        Viewer viewer, Stream content, string contentType, long size, HttpContext http, CancellationToken ct)
    {
        if (!storage.Available)
            return Problems.Of(StatusCodes.Status503ServiceUnavailable, ErrorCodes.IdentityUnavailable,
                "Identity verification is not available: no document storage is configured.");
        if (viewer.Role == UserRole.Guest)
            return Problems.Of(StatusCodes.Status403Forbidden, ErrorCodes.IdentityGuest, "Register an account to verify your identity.");
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == viewer.Id, ct);
        if (user.AgeVerifiedAt is not null)
            return Problems.Of(StatusCodes.Status409Conflict, ErrorCodes.IdentityAlreadyVerified, "Your age is verified already.");
        var now = clock.GetUtcNow();
        var recent = await db.IdentityDocuments.AsNoTracking()
            .Where(d => d.UserId == viewer.Id && d.SubmittedAt > now.AddDays(-1))
            .Select(d => new { d.SubmittedAt, d.Status }).ToListAsync(ct);
        if (recent.Any(d => d.Status == IdentityReviewStatus.Pending))
            return Pending();
        if (recent.Count >= options.Value.UploadsPerDay)
            return Problems.TooMany(http, ErrorCodes.IdentityRateLimited,
                $"You have sent {recent.Count} documents in the last 24 hours, the most allowed.", recent.Min(d => d.SubmittedAt).AddDays(1) - now);

        var document = new IdentityDocument
        {
            Id = Guid.CreateVersion7(now),
            UserId = viewer.Id,
            BlobName = "",
            ContentType = contentType,
            SizeBytes = size,
            SubmittedAt = now,
        };
        document.BlobName = DocumentStorage.BlobNameFor(viewer.Id, document.Id);
        // The file first: a row without its file would sit in the queue with nothing to review. A file whose row is
        // not saved is deleted again.
        if (!await storage.TryUploadAsync(document.BlobName, content, contentType, logger, $"identity document {document.Id}", ct))
            return Problems.Of(StatusCodes.Status503ServiceUnavailable, ErrorCodes.IdentityUnavailable,
                "The document could not be stored just now. Try again in a few minutes.");
        db.IdentityDocuments.Add(document);
        db.Audit(AuditActions.IdentitySubmit, "identity_document", document.Id, viewer.Id, now,
            metadata: new { contentType, sizeBytes = size }, ipAddress: http.ClientIp());
        bool saved;
        try
        {
            saved = await db.TrySaveChangesAsync(ct);
        }
        catch
        {
            await storage.DeleteAsync(document.BlobName, CancellationToken.None);
            throw;
        }
        if (!saved)
        {
            // Another upload of the same user won the race for the one pending place.
            await storage.DeleteAsync(document.BlobName, CancellationToken.None);
            return Pending();
        }
        logger.LogInformation("Identity document {DocumentId} submitted by {UserId} ({ContentType}, {Size} bytes)", document.Id, viewer.Id, contentType, size);
        return TypedResults.Created("/api/me/verification", StatusOf(user, document));

        static ProblemHttpResult Pending() => Problems.Of(StatusCodes.Status409Conflict, ErrorCodes.IdentityPending,
            "A document of yours is waiting for review already.");
    }

    /// <summary>Documents waiting for a decision, oldest first, with what OCR read.</summary>
    public async Task<Page<IdentityReviewItem>> PendingAsync((DateTimeOffset At, Guid Id)? after, int take, CancellationToken ct)
    {
        var query = db.IdentityDocuments.AsNoTracking()
            .Where(d => d.Status == IdentityReviewStatus.Pending && d.DocumentDeletedAt == null && d.User!.DeletedAt == null);
        if (after is { } p)
            query = query.Where(d => EF.Functions.GreaterThan(ValueTuple.Create(d.SubmittedAt, d.Id), ValueTuple.Create(p.At, p.Id)));
        var page = await query.OrderBy(d => d.SubmittedAt).ThenBy(d => d.Id).Take(take + 1).Include(d => d.User).ToListAsync(ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var items = page.Take(take).Select(d => ReviewItemOf(d, today)).ToList();
        return new Page<IdentityReviewItem>(items, page.Count > take ? Cursor.Encode(items[^1].SubmittedAt, items[^1].Id) : null);
    }

    private static IdentityReviewItem ReviewItemOf(IdentityDocument d, DateOnly today) => new(
        d.Id, d.User!.ToSummary(), d.ContentType, d.SizeBytes, d.SubmittedAt, d.Status.ToString(),
        d.ReadAt is not null, d.Unreadable, d.ReadNote, d.HintName, d.HintDateOfBirth,
        d.HintDateOfBirth is { } born ? AgeOn(born, today) : null, d.HintDocumentNumber, d.ReviewedAt, d.Reason);

    public static int AgeOn(DateOnly born, DateOnly day) =>
        day.Year - born.Year - (day < born.AddYears(day.Year - born.Year) ? 1 : 0);

    /// <summary>The document's file for a moderator to look at (audited), while it is kept.</summary>
    public async Task<Results<FileStreamHttpResult, ProblemHttpResult>> OpenAsync(Guid id, Viewer moderator, HttpContext http, CancellationToken ct)
    {
        var document = await db.IdentityDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct);
        if (Refusal(document, id, moderator, deciding: false) is { } refused)
            return refused;
        var stream = await storage.OpenAsync(document!.BlobName, ct);
        if (stream is null)
            return Gone(id);
        db.Audit(AuditActions.IdentityView, "identity_document", id, moderator.Id, clock.GetUtcNow(),
            metadata: new { userId = document.UserId }, ipAddress: http.ClientIp());
        await db.SaveChangesAsync(ct);
        // Personal data: never cached, never shown as anything but what its bytes are, and never a page of its own.
        http.Response.Headers.CacheControl = "no-store, private";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return TypedResults.Stream(stream, document.ContentType, $"identity-document-{id:N}.{DocumentTypes.ExtensionOf(document.ContentType)}");
    }

    public async Task<Results<Ok<IdentityReviewItem>, ProblemHttpResult>> DecideAsync(
        Guid id, bool approve, string? reason, Viewer moderator, string? ipAddress, CancellationToken ct)
    {
        var result = await db.InTransactionAsync<Results<Ok<IdentityReviewItem>, ProblemHttpResult>>(async token =>
        {
            var document = await db.IdentityDocuments.FromSql($"SELECT * FROM identity_documents WHERE id = {id} FOR UPDATE")
                .Include(d => d.User).SingleOrDefaultAsync(token);
            if (Refusal(document, id, moderator, deciding: true) is { } refused)
                return refused;
            var now = clock.GetUtcNow();
            document!.Status = approve ? IdentityReviewStatus.Approved : IdentityReviewStatus.Rejected;
            document.ReviewerId = moderator.Id;
            document.ReviewedAt = now;
            document.Reason = reason;
            if (approve)
                document.User!.AgeVerifiedAt ??= now;
            db.Audit(approve ? AuditActions.IdentityApprove : AuditActions.IdentityReject, "identity_document", id, moderator.Id, now,
                after: new { status = document.Status.ToString(), reason }, metadata: new { userId = document.UserId }, ipAddress: ipAddress);
            await db.SaveChangesAsync(token);
            return TypedResults.Ok(ReviewItemOf(document, DateOnly.FromDateTime(now.UtcDateTime)));
        }, ct);
        if (result.Result is Ok<IdentityReviewItem> { Value: { } decided })
        {
            // The member learns at once, on every device; their profile shows the new status on its next read.
            var notice = new ModerationNoticeEvent(approve ? "IdentityApproved" : "IdentityRejected", null, reason, null);
            events.Post(new Audience.User(decided.User.Id), $"identity document {id} decided", clients => clients.ModerationNotice(notice));
            await notifier.ModerationAsync(decided.User.Id, approve
                ? "Your identity document was approved: you are age verified."
                : $"Your identity document was rejected: {reason}", null, CancellationToken.None);
        }
        return result;
    }

    private static ProblemHttpResult? Refusal(IdentityDocument? document, Guid id, Viewer moderator, bool deciding)
    {
        if (document is null || document.User?.DeletedAt is not null)
            return Problems.Of(StatusCodes.Status404NotFound, ErrorCodes.IdentityNotFound, $"There is no identity document {id}.");
        if (document.UserId == moderator.Id)
            return Problems.Of(StatusCodes.Status403Forbidden, ErrorCodes.IdentityOwnDocument, "Another moderator reviews your own document.");
        if (deciding && document.Status != IdentityReviewStatus.Pending)
            return Problems.Of(StatusCodes.Status409Conflict, ErrorCodes.IdentityDecided,
                $"This document was {document.Status.ToString().ToLowerInvariant()} already.");
        if (document.DocumentDeletedAt is not null)
            return Gone(id);
        return null;
    }

    private static ProblemHttpResult Gone(Guid id) => Problems.Of(StatusCodes.Status410Gone, ErrorCodes.IdentityDocumentDeleted,
        $"The file of identity document {id} was deleted after its retention period.");
}
