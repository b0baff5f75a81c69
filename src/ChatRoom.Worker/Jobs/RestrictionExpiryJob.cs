using ChatRoom.Chat.Moderation;

namespace ChatRoom.Worker.Jobs;

public sealed class RestrictionExpiryOptions : JobOptions
{
    public const string SectionName = "Jobs:RestrictionExpiry";

    public RestrictionExpiryOptions() => Interval = TimeSpan.FromSeconds(15);

    /// <summary>Most restrictions closed in one transaction; a run goes on until none is left.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 200;
}

/// <summary>Runs <see cref="RestrictionExpiry"/> until no expired mute or ban is left open.</summary>
public sealed class RestrictionExpiryJob(
    IServiceScopeFactory scopes,
    IOptions<RestrictionExpiryOptions> options,
    JobMetrics metrics,
    ILogger<RestrictionExpiryJob> logger,
    TimeProvider clock)
    : ScheduledJob("restriction-expiry", options.Value, metrics, logger, clock)
{
    private readonly ILogger _logger = logger;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var total = await InBatchesAsync(options.Value.BatchSize, async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<RestrictionExpiry>().CloseExpiredAsync(options.Value.BatchSize, cancellationToken);
        });
        if (total > 0)
            _logger.LogInformation("Closed {Count} expired mute(s) and ban(s)", total);
    }
}
