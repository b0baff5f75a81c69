using ChatRoom.Chat.Presence;

namespace ChatRoom.Worker.Jobs;

public sealed class HeartbeatExpiryOptions : JobOptions
{
    public const string SectionName = "Jobs:HeartbeatExpiry";

    public HeartbeatExpiryOptions() => Interval = TimeSpan.FromSeconds(10);
}

/// <summary>
/// Takes users offline whose last heartbeat is older than <see cref="PresenceOptions.Timeout"/> (a closed
/// browser, a dead Api replica): <see cref="PresenceService.ExpireSilentAsync"/> tells their rooms and records
/// their last-seen time. With several Workers each user is expired once.
/// </summary>
public sealed class HeartbeatExpiryJob(
    IServiceScopeFactory scopes,
    IOptions<HeartbeatExpiryOptions> options,
    JobMetrics metrics,
    ILogger<HeartbeatExpiryJob> logger,
    TimeProvider clock)
    : ScheduledJob("heartbeat-expiry", options.Value, metrics, logger, clock)
{
    private readonly ILogger _logger = logger;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var expired = await scope.ServiceProvider.GetRequiredService<PresenceService>().ExpireSilentAsync(cancellationToken);
        if (expired > 0)
            _logger.LogInformation("{Count} silent user(s) went offline", expired);
    }
}
