using ChatRoom.Worker.Jobs;

namespace ChatRoom.Worker.Moderation;

public sealed class ModerationSweepOptions : JobOptions
{
    public const string SectionName = "Moderation:Sweep";

    public ModerationSweepOptions() => Interval = TimeSpan.FromSeconds(15);

    /// <summary>
    /// A message still unjudged this long after it was written missed the queue (Redis was down, the entry was
    /// trimmed, or its judging keeps failing) and is judged by the sweep. Longer than the queue normally takes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan MinAge { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most messages judged in one run.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 500;
}

/// <summary>
/// Judges the messages the moderation queue missed, straight from PostgreSQL (the system of record):
/// unjudged messages older than <see cref="ModerationSweepOptions.MinAge"/>, oldest first. Each message is
/// taken with <c>FOR NO KEY UPDATE SKIP LOCKED</c>, so several Workers sweep side by side without judging one twice.
/// </summary>
public sealed class ModerationSweepJob(
    IServiceScopeFactory scopes,
    IOptions<ModerationSweepOptions> options,
    JobMetrics metrics,
    ILogger<ModerationSweepJob> logger,
    TimeProvider clock)
    : ScheduledJob("moderation-sweep", options.Value, metrics, logger, clock)
{
    private readonly TimeProvider _clock = clock;
    private readonly ILogger _logger = logger;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var cutoff = _clock.GetUtcNow() - options.Value.MinAge;
        var failed = new List<Guid>();
        var judged = 0;
        while (judged + failed.Count < options.Value.BatchSize)
        {
            await using var scope = scopes.CreateAsyncScope();
            var judge = scope.ServiceProvider.GetRequiredService<MessageJudge>();
            try
            {
                if (await judge.JudgeOldestUnjudgedAsync(cutoff, [.. failed], "sweep", cancellationToken) is null)
                    break;
                judged++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One message that cannot be judged must not stop the others; it is tried again next run.
                if (judge.LastPicked is not { } messageId)
                    throw;
                failed.Add(messageId);
                _logger.LogError(ex, "Judging message {MessageId} failed; the sweep tries again next run", messageId);
            }
        }
        if (judged > 0 || failed.Count > 0)
            _logger.LogWarning("The moderation sweep judged {Judged} message(s) the queue missed; {Failed} failed", judged, failed.Count);
        if (failed.Count > 0)
            throw new InvalidOperationException($"{failed.Count} message(s) could not be judged.");
    }
}
