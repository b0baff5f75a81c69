using ChatRoom.Chat.Verification;
using ChatRoom.Worker.Jobs;

namespace ChatRoom.Worker.Verification;

/// <summary>
/// Reads new identity documents with OCR, one at a time, and records the hints for the moderators' review. Each
/// document is taken under a lease in the database, so several Workers never read the same one. A document that
/// cannot be read goes to review marked unreadable: OCR only ever helps a person decide.
/// </summary>
public sealed class DocumentReadingJob(
    IServiceScopeFactory scopes,
    DocumentStorage storage,
    DocumentReader reader,
    IOptions<DocumentReadingOptions> options,
    JobMetrics metrics,
    ILogger<DocumentReadingJob> logger,
    TimeProvider clock)
    : ScheduledJob("document-reading", options.Value, metrics, logger, clock)
{
    private readonly ILogger _logger = logger;
    private readonly TimeProvider _clock = clock;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        if (!storage.Available)
            return;
        while (await ReadNextAsync(cancellationToken))
        {
        }
    }

    private async Task<bool> ReadNextAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        var now = _clock.GetUtcNow();
        var settings = options.Value;
        var staleBefore = now - settings.Lease;
        var taken = await db.IdentityDocuments.FromSql($"""
            UPDATE identity_documents SET read_started_at = {now}, read_attempts = read_attempts + 1
            WHERE id = (SELECT id FROM identity_documents
                        WHERE status = 'Pending' AND read_at IS NULL AND document_deleted_at IS NULL
                          AND (read_started_at IS NULL OR read_started_at < {staleBefore})
                        ORDER BY submitted_at LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING *
            """).AsNoTracking().ToListAsync(ct);
        if (taken is not [var document])
            return false;

        DocumentHints hints;
        try
        {
            hints = await ReadAsync(document, ct);
        }
        catch (Exception ex) when (ex is DocumentReadException or Azure.RequestFailedException or IOException)
        {
            if (ex is not DocumentReadException { TheFilesFault: true } && document.ReadAttempts < settings.MaxAttempts)
            {
                // The lease stays: the document is taken again once it is over, when the tools or the storage may be back.
                _logger.LogWarning(ex, "Reading identity document {DocumentId} failed (attempt {Attempt} of {Max}); it is tried again in {Lease}",
                    document.Id, document.ReadAttempts, settings.MaxAttempts, settings.Lease);
                return true;
            }
            _logger.LogWarning(ex, "Identity document {DocumentId} could not be read; it goes to review unread", document.Id);
            hints = new DocumentHints(false, null, null, null, $"OCR could not read it: {ex.Message}".Clip(IdentityDocument.MaxNoteLength));
        }

        await db.IdentityDocuments.Where(d => d.Id == document.Id && d.ReadAt == null)
            .ExecuteUpdateAsync(set => set
                .SetProperty(d => d.ReadAt, _clock.GetUtcNow())
                .SetProperty(d => d.Unreadable, !hints.Readable)
                .SetProperty(d => d.ReadNote, hints.Note)
                .SetProperty(d => d.HintName, hints.Name)
                .SetProperty(d => d.HintDateOfBirth, hints.DateOfBirth)
                .SetProperty(d => d.HintDocumentNumber, hints.DocumentNumber), ct);
        _logger.LogInformation("Read identity document {DocumentId}: {Outcome}", document.Id,
            hints.Readable ? "hints recorded" : "unreadable, for the reviewer to read");
        return true;
    }

    private async Task<DocumentHints> ReadAsync(IdentityDocument document, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("chatroom-document-");
        try
        {
            var path = Path.Combine(folder.FullName, "document");
            await using (var file = File.Create(path))
            {
                await using var content = await storage.OpenAsync(document.BlobName, ct)
                    ?? throw new DocumentReadException("The document's file is missing from storage.", theFilesFault: true);
                await content.CopyToAsync(file, ct);
            }
            var text = await reader.ReadAsync(path, document.ContentType, ct);
            return DocumentHints.Read(text, DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime));
        }
        finally
        {
            // The document never stays on the Worker's disk.
            folder.Delete(recursive: true);
        }
    }

}
