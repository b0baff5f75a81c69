using ChatRoom.Chat.Marketplace;
using ChatRoom.Worker.Jobs;

namespace ChatRoom.Worker.Marketplace;

public sealed class ReservationExpiryOptions : JobOptions
{
    public const string SectionName = "Jobs:ReservationExpiry";

    public ReservationExpiryOptions() => Interval = TimeSpan.FromMinutes(1);

    /// <summary>How long after a reservation's end the provider's own "expired" event is waited for before the Worker steps in.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan Grace { get; set; } = TimeSpan.FromMinutes(5);

    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 100;
}

/// <summary>
/// Puts listings back on offer when their buyer never paid and the provider's "expired" event never came: the checkout
/// is ended at the provider first (one paid at the last moment stays, its payment event is on its way), then the
/// purchase is released by the same settlement as the event's. Several Workers may release the same purchase: the
/// settlement locks it and releases it once.
/// </summary>
public sealed class ReservationExpiryJob(
    IServiceScopeFactory scopes,
    IPaymentProvider provider,
    IOptions<ReservationExpiryOptions> options,
    JobMetrics metrics,
    ILogger<ReservationExpiryJob> logger,
    TimeProvider clock)
    : ScheduledJob("reservation-expiry", options.Value, metrics, logger, clock)
{
    private readonly ILogger _logger = logger;
    private readonly TimeProvider _clock = clock;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        var settlement = scope.ServiceProvider.GetRequiredService<PurchaseSettlement>();
        var endedBefore = _clock.GetUtcNow() - options.Value.Grace;
        var due = await db.Purchases.AsNoTracking()
            .Where(p => p.Status == PurchaseStatus.Pending && p.ExpiresAt < endedBefore)
            .OrderBy(p => p.ExpiresAt).Take(options.Value.BatchSize)
            .Select(p => new { p.Id, p.CheckoutSessionId }).ToListAsync(cancellationToken);
        var released = 0;
        foreach (var purchase in due)
        {
            try
            {
                if (purchase.CheckoutSessionId is { } session && !await provider.EndCheckoutAsync(session, cancellationToken))
                {
                    _logger.LogWarning("Purchase {PurchaseId} was paid as its reservation ended; waiting for its payment event", purchase.Id);
                    continue;
                }
            }
            catch (PaymentUnavailableException)
            {
                // The provider answers again later; the reservation waits for it.
                continue;
            }
            var outcome = await db.InTransactionAsync(
                token => settlement.ReleaseAsync(purchase.Id, PurchaseStatus.Expired, eventId: null, _clock.GetUtcNow(), token), cancellationToken);
            if (outcome == SettlementOutcomes.Applied)
                released++;
        }
        if (released > 0)
            _logger.LogInformation("Released {Count} reservation(s) never paid", released);
    }
}
