using ChatRoom.Chat.Verification;
using ChatRoom.Worker.Jobs;

namespace ChatRoom.Worker.Attachments;

public sealed class AttachmentCleanupOptions : JobOptions
{
    public const string SectionName = "Jobs:AttachmentCleanup";

    public AttachmentCleanupOptions() => Interval = TimeSpan.FromMinutes(5);

    /// <summary>How long an uploaded file may wait for the message it was uploaded for.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan UnsentAfter { get; set; } = TimeSpan.FromDays(1);

    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 100;
}

/// <summary>
/// Deletes from storage the files no one may fetch any more: those never sent with a message, and those of messages
/// deleted or rejected (the Api refuses them from that moment; this frees the space). The row stays, marked. Deleting
/// twice is harmless, so Workers need no coordination.
/// </summary>
public sealed class AttachmentCleanupJob(
    IServiceScopeFactory scopes,
    AttachmentStorage storage,
    IOptions<AttachmentCleanupOptions> options,
    JobMetrics metrics,
    ILogger<AttachmentCleanupJob> logger,
    TimeProvider clock)
    : ScheduledJob("attachment-cleanup", options.Value, metrics, logger, clock)
{
    private readonly ILogger _logger = logger;
    private readonly TimeProvider _clock = clock;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        if (!storage.Available)
            return;
        var total = await InBatchesAsync(options.Value.BatchSize, () => DeleteDueAsync(cancellationToken));
        if (total > 0)
            _logger.LogInformation("Deleted {Count} attached file(s) never sent or of removed messages", total);
    }

    private async Task<int> DeleteDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        var uploadedBefore = _clock.GetUtcNow() - options.Value.UnsentAfter;
        // Two small sets, each with an index of its own: files never sent, and files whose message is gone (marked by the
        // database as the message is deleted or rejected). Files of messages that stay are never looked at.
        var unsent = db.Attachments.Where(a => a.FileDeletedAt == null && a.ClientMessageId == null && a.CreatedAt < uploadedBefore);
        var removed = db.Attachments.Where(a => a.FileDeletedAt == null && a.MessageRemovedAt != null);
        var due = await unsent.OrderBy(a => a.CreatedAt).Take(options.Value.BatchSize).Select(a => new { a.Id, a.BlobName })
            .Concat(removed.OrderBy(a => a.MessageRemovedAt).Take(options.Value.BatchSize).Select(a => new { a.Id, a.BlobName }))
            .AsNoTracking().ToListAsync(ct);
        foreach (var attachment in due)
        {
            await storage.DeleteAsync(attachment.BlobName, ct);
            var now = _clock.GetUtcNow();
            await db.Attachments.Where(a => a.Id == attachment.Id && a.FileDeletedAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(a => a.FileDeletedAt, now), ct);
        }
        return due.Count;
    }
}
