using System.Globalization;
using StackExchange.Redis;

namespace ChatRoom.Worker.Jobs;

public sealed class PulseJobOptions : JobOptions
{
    public const string SectionName = "Jobs:Pulse";
}

/// <summary>
/// Marks this Worker instance alive in Redis (<c>chatroom:worker:pulse:{machine}:{pid}</c>, expiring after three
/// intervals), so operators can see how many Workers run and when each last completed a loop.
/// </summary>
public sealed class PulseJob(
    IConnectionMultiplexer redis,
    Microsoft.Extensions.Options.IOptions<PulseJobOptions> options,
    JobMetrics metrics,
    ILogger<PulseJob> logger,
    TimeProvider clock)
    : ScheduledJob("pulse", options.Value, metrics, logger, clock)
{
    public static readonly string InstanceKey =
        $"chatroom:worker:pulse:{Environment.MachineName}:{Environment.ProcessId}";

    private readonly TimeProvider _clock = clock;
    private readonly TimeSpan _ttl = options.Value.Interval * 3;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) =>
        redis.GetDatabase().StringSetAsync(
            InstanceKey,
            _clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
            _ttl);
}
