using System.Threading.RateLimiting;
using ChatRoom.Chat.RateLimiting;

namespace ChatRoom.Api.Infrastructure;

/// <summary>
/// What a limit is and what its refusal says: the code, and the detail before the wait. A rule counted here
/// (<paramref name="CountHere"/>) decides without a round trip and shares its counts in the background
/// (<see cref="WindowCounter.HitHereAsync"/>); the others count in Redis on every hit.
/// </summary>
public sealed record RateLimitRule(string Name, string Code, int Limit, TimeSpan Window, string Detail, bool CountHere = false);

/// <summary>
/// One partition of a <see cref="RateLimitRule"/> (a user, an address) as a framework limiter, counted in the
/// <see cref="WindowCounter"/> that every replica shares (in memory while Redis is down). It holds no state of its own.
/// <para>
/// <see cref="AttemptAcquireCore"/> never grants: the rate limiting middleware then asks <see cref="AcquireAsyncCore"/>,
/// which counts once (deciding in <see cref="AttemptAcquireCore"/> would count a request twice whenever the endpoint's
/// own policy, or a refusal, sends the middleware on to the asynchronous path). A refused lease carries the wait
/// (<see cref="MetadataName.RetryAfter"/>) and the rule (<see cref="RuleMetadata"/>) for the rejection's answer.
/// </para>
/// </summary>
public sealed class SharedWindowLimiter(WindowCounter counter, RateLimitRule rule, string partition, TimeProvider clock) : RateLimiter
{
    public static readonly MetadataName<RateLimitRule> RuleMetadata = MetadataName.Create<RateLimitRule>("chatroom.rate-limit-rule");

    private long _lastUsed = clock.GetTimestamp();

    // Partitions idle this long are dropped by the framework's partitioned limiter; nothing is lost, the count is shared.
    public override TimeSpan? IdleDuration => clock.GetElapsedTime(Interlocked.Read(ref _lastUsed));

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Lease.Undecided;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastUsed, clock.GetTimestamp());
        if (permitCount == 0)
            return Lease.Granted;
        var decision = rule.CountHere
            ? await counter.HitHereAsync(rule.Name, partition, rule.Limit, rule.Window)
            : await counter.HitAsync(rule.Name, partition, rule.Limit, rule.Window);
        return decision.Allowed ? Lease.Granted : new Lease(false, rule, decision.RetryAfter);
    }

    private sealed class Lease(bool acquired, RateLimitRule? rule = null, TimeSpan? retryAfter = null) : RateLimitLease
    {
        public static readonly Lease Granted = new(true);
        public static readonly Lease Undecided = new(false);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames =>
            rule is null ? [] : [MetadataName.RetryAfter.Name, RuleMetadata.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter
                : metadataName == RuleMetadata.Name ? rule
                : null;
            return metadata is not null;
        }
    }
}
