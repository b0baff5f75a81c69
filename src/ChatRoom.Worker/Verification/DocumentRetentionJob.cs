using ChatRoom.Chat.Verification;
using ChatRoom.Worker.Jobs;

namespace ChatRoom.Worker.Verification;

public sealed class DocumentRetentionOptions : JobOptions
{
    public const string SectionName = "Jobs:DocumentRetention";

    public DocumentRetentionOptions() => Interval = TimeSpan.FromMinutes(1);

    /// <summary>How long a document is kept after its review (for a second look, or a complaint about the decision).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 100;
}

/// <summary>
/// Deletes identity documents from storage once their retention after the review is over, and at once when the
/// account is deleted; the hints OCR read go with them. Deleting twice is harmless, so Workers need no coordination.
/// </summary>
public sealed class DocumentRetentionJob(
    IServiceScopeFactory scopes,
    DocumentStorage storage,
    IOptions<DocumentRetentionOptions> options,
    JobMetrics metrics,
    ILogger<DocumentRetentionJob> logger,
    TimeProvider clock)
    : ScheduledJob("document-retention", options.Value, metrics, logger, clock)
{
    private readonly ILogger _logger = logger;
    private readonly TimeProvider _clock = clock;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        if (!storage.Available)
            return;
        var total = await InBatchesAsync(options.Value.BatchSize, () => DeleteDueAsync(cancellationToken));
        if (total > 0)
            _logger.LogInformation("Deleted {Count} identity document(s) past their retention or of deleted accounts", total);
    }

    private async Task<int> DeleteDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        var reviewedBefore = _clock.GetUtcNow() - options.Value.Retention;
        var due = await db.IdentityDocuments.AsNoTracking()
            .Where(d => d.DocumentDeletedAt == null && (d.ReviewedAt < reviewedBefore || d.User!.DeletedAt != null))
            .OrderBy(d => d.ReviewedAt).Take(options.Value.BatchSize)
            .Select(d => new { d.Id, d.BlobName, d.UserId, AccountDeleted = d.User!.DeletedAt != null }).ToListAsync(ct);
        foreach (var document in due)
        {
            await storage.DeleteAsync(document.BlobName, ct);
            var now = _clock.GetUtcNow();
            await db.InTransactionAsync(async token =>
            {
                var deleted = await db.IdentityDocuments.Where(d => d.Id == document.Id && d.DocumentDeletedAt == null)
                    .ExecuteUpdateAsync(set => set
                        .SetProperty(d => d.DocumentDeletedAt, now)
                        .SetProperty(d => d.HintName, (string?)null)
                        .SetProperty(d => d.HintDateOfBirth, (DateOnly?)null)
                        .SetProperty(d => d.HintDocumentNumber, (string?)null), token);
                // Another Worker may have deleted it a moment ago: one audit entry per document.
                if (deleted > 0)
                {
                    db.Audit(AuditActions.IdentityDelete, "identity_document", document.Id, actorId: null, now,
                        metadata: new { userId = document.UserId, reason = document.AccountDeleted ? "account_deleted" : "retention" });
                }
                return deleted;
            }, ct);
        }
        return due.Count;
    }
}
