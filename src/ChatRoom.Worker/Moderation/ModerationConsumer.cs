using ChatRoom.Chat.Moderation;
using ChatRoom.Worker.Jobs;
using StackExchange.Redis;

namespace ChatRoom.Worker.Moderation;

public sealed class ModerationQueueOptions
{
    public const string SectionName = "Moderation:Queue";

    public bool Enabled { get; set; } = true;

    /// <summary>How long the consumer waits before reading again when the stream had nothing new.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Most entries read (or claimed) at once.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>Messages of one batch judged at the same time.</summary>
    [Range(1, 64)]
    public int Concurrency { get; set; } = 4;

    /// <summary>An entry read but not acknowledged for this long belongs to a dead consumer and is claimed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan ClaimIdleTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the consumer looks for abandoned entries.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan ClaimInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Consumers (stopped Workers) with nothing pending and silent this long are removed from the group.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan ForgetConsumerAfter { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// Reads the moderation stream as one consumer of the shared group, judges each message and acknowledges its
/// entry only after the verdict is committed. Every <see cref="ModerationQueueOptions.ClaimInterval"/> it also
/// claims entries another consumer read and never acknowledged (a Worker that died mid-batch). An entry whose
/// judging fails stays pending and is claimed again later; the message is meanwhile also in reach of the sweep.
/// </summary>
public sealed class ModerationConsumer(
    ModerationStream stream,
    IServiceScopeFactory scopes,
    IOptions<ModerationQueueOptions> options,
    JobMetrics metrics,
    ILogger<ModerationConsumer> logger,
    TimeProvider clock) : BackgroundService
{
    public const string JobName = "moderation-consumer";

    /// <summary>Unique per process and per host instance (tests run several Workers in one process).</summary>
    public string ConsumerName { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            logger.LogInformation("The moderation consumer is disabled");
            return;
        }
        logger.LogInformation("Moderation consumer {Consumer} reads {Stream}", ConsumerName, (string?)stream.Key);

        var groupReady = false;
        var nextClaim = clock.GetUtcNow();
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!groupReady)
                {
                    await stream.EnsureGroupAsync();
                    groupReady = true;
                }
                if (clock.GetUtcNow() >= nextClaim)
                {
                    nextClaim = clock.GetUtcNow() + settings.ClaimInterval;
                    var claimed = await stream.ClaimAbandonedAsync(ConsumerName, settings.ClaimIdleTime, settings.BatchSize);
                    if (claimed.Count > 0)
                        logger.LogWarning("Claimed {Count} moderation entries left pending by a stopped consumer", claimed.Count);
                    await ProcessAsync(claimed, stoppingToken);
                    await stream.RemoveIdleConsumersAsync(settings.ForgetConsumerAfter);
                }
                var entries = await stream.ReadNewAsync(ConsumerName, settings.BatchSize);
                await ProcessAsync(entries, stoppingToken);
                failures = 0;
                // A full batch means more is waiting: read again at once.
                if (entries.Count < settings.BatchSize)
                    await Task.Delay(settings.PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // NOGROUP: Redis lost the stream (restart without persistence); create it again.
                if (ex is RedisServerException && ex.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
                    groupReady = false;
                failures++;
                var wait = TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, Math.Min(failures, 5))));
                logger.LogError(ex, "Reading the moderation queue failed; trying again in {Wait}", wait);
                try
                {
                    await Task.Delay(wait, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>
    /// Judges the entries' messages and acknowledges those whose verdict is committed. The batch is split into
    /// <see cref="ModerationQueueOptions.Concurrency"/> parts judged at the same time, each in one transaction; a part
    /// that fails is judged again message by message, so one bad message cannot hold up the others.
    /// </summary>
    private async Task ProcessAsync(IReadOnlyList<ModerationEntry> entries, CancellationToken stoppingToken)
    {
        if (entries.Count == 0)
            return;
        var started = clock.GetTimestamp();
        var done = new List<RedisValue>(entries.Count);
        var failed = 0;
        var parts = entries.Chunk(Math.Max(1, (entries.Count + options.Value.Concurrency - 1) / options.Value.Concurrency));
        // As many parts as may run at once, whatever the machine's core count (the default limit).
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.Concurrency, CancellationToken = stoppingToken };
        await Parallel.ForEachAsync(parts, parallel, async (part, ct) =>
        {
            if (await TryJudgeAsync(part, ct))
            {
                lock (done)
                    done.AddRange(part.Select(e => e.EntryId));
                return;
            }
            foreach (var entry in part)
            {
                if (await TryJudgeAsync([entry], ct))
                {
                    lock (done)
                        done.Add(entry.EntryId);
                }
                else
                {
                    Interlocked.Increment(ref failed);
                }
            }
        });
        await stream.AcknowledgeAsync(done);
        metrics.RecordRun(JobName, failed == 0, clock.GetElapsedTime(started));
    }

    private async Task<bool> TryJudgeAsync(IReadOnlyList<ModerationEntry> entries, CancellationToken ct)
    {
        var ids = entries.Select(e => e.MessageId).Where(id => id != Guid.Empty).ToArray();
        if (ids.Length == 0)
            return true;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<MessageJudge>().JudgeManyAsync(ids, "queue", ct);
            return true;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            logger.LogError(ex, "Judging {Count} message(s) failed (first {MessageId}); unless judged alone, their entries stay pending and are claimed again",
                ids.Length, ids[0]);
            return false;
        }
    }
}
