namespace ChatRoom.Worker.Jobs;

public abstract class JobOptions
{
    public bool Enabled { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Runs <see cref="RunOnceAsync"/> every <see cref="JobOptions.Interval"/>. A failed run is logged and
/// counted, and the loop goes on: one bad run must not stop the Worker. Jobs must be safe to run on
/// several Worker replicas at once (idempotent, or coordinated through the database or Redis).
/// </summary>
public abstract class ScheduledJob(string name, JobOptions options, JobMetrics metrics, ILogger logger, TimeProvider clock)
    : BackgroundService
{
    public string Name { get; } = name;

    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="batch"/> until it takes fewer than <paramref name="batchSize"/>: a backlog is worked off in one
    /// run, each batch in a bounded transaction of its own. Answers how many were taken in all.
    /// </summary>
    protected static async Task<int> InBatchesAsync(int batchSize, Func<Task<int>> batch)
    {
        var total = 0;
        int taken;
        do
        {
            taken = await batch();
            total += taken;
        }
        while (taken >= batchSize);
        return total;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            logger.LogInformation("Job {Job} is disabled", Name);
            return;
        }

        using var timer = new PeriodicTimer(options.Interval, clock);
        do
        {
            var started = clock.GetTimestamp();
            try
            {
                await RunOnceAsync(stoppingToken);
                metrics.RecordRun(Name, succeeded: true, clock.GetElapsedTime(started));
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                metrics.RecordRun(Name, succeeded: false, clock.GetElapsedTime(started));
                logger.LogError(ex, "Job {Job} failed; it runs again in {Interval}", Name, options.Interval);
            }
        }
        while (await WaitForNextTickAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitForNextTickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
