using System.Security.Cryptography;
using ChatRoom.Chat.Notifications;
using Stripe;
using Stripe.Checkout;

namespace ChatRoom.Chat.Marketplace;

/// <summary>What the webhook did with one event.</summary>
public sealed record WebhookOutcome(string EventId, string Type, string Outcome);

/// <summary>The secret the provider's events are signed with: Stripe's endpoint secret, or the development provider's own.</summary>
public sealed class WebhookSecret(IOptions<PaymentOptions> options)
{
    private readonly string _development = options.Value.DevelopmentWebhookSecret is { Length: > 0 } configured
        ? configured
        : "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public string Value => options.Value.Provider == PaymentProviderNames.Development ? _development : options.Value.Stripe.WebhookSecret;
}

/// <summary>
/// The payment provider's events, as Stripe sends them: the signature (<c>Stripe-Signature</c>, HMAC-SHA256 over the
/// timestamp and the body, five minutes' tolerance) is checked before anything is read, and each event id is processed
/// once: the event is recorded in the same transaction as what it changed, and a second delivery changes nothing.
/// </summary>
public sealed class PaymentWebhook(ChatDbContext db, PurchaseSettlement settlement, WebhookSecret secret, Notifier notifier,
    TimeProvider clock, ILogger<PaymentWebhook> logger)
{
    public const long ToleranceSeconds = 300;

    public async Task<ChatResult<WebhookOutcome>> HandleAsync(string payload, string? signature, CancellationToken ct)
    {
        // Without a secret (no provider configured) nothing is accepted: an empty HMAC key is one anybody holds.
        if (secret.Value.Length == 0)
        {
            logger.LogWarning("A payment event came, and no webhook secret is configured: refused");
            return ChatResult<WebhookOutcome>.Fail(ChatError.BadRequest, ErrorCodes.PaymentSignatureInvalid, "This installation takes no payment events.");
        }
        Event stripeEvent;
        try
        {
            stripeEvent = EventUtility.ConstructEvent(payload, signature ?? "", secret.Value, ToleranceSeconds,
                clock.GetUtcNow().ToUnixTimeSeconds(), throwOnApiVersionMismatch: false);
        }
        catch (StripeException ex)
        {
            logger.LogWarning("A payment event was refused: {Reason}", ex.Message);
            return ChatResult<WebhookOutcome>.Fail(ChatError.BadRequest, ErrorCodes.PaymentSignatureInvalid,
                "The event's Stripe-Signature does not match its body, or is older than five minutes.");
        }
        catch (Exception ex) when (ex is Newtonsoft.Json.JsonException or System.Text.Json.JsonException or ArgumentException)
        {
            return ChatResult<WebhookOutcome>.Fail(ChatError.BadRequest, ErrorCodes.PaymentEventInvalid, "The event is not a Stripe event.");
        }
        if (string.IsNullOrEmpty(stripeEvent.Id) || stripeEvent.Id.Length > Purchase.MaxProviderIdLength || stripeEvent.Type is not { Length: > 0 and <= PaymentEvent.MaxTypeLength })
            return ChatResult<WebhookOutcome>.Fail(ChatError.BadRequest, ErrorCodes.PaymentEventInvalid, "The event has no id or type.");

        var outcome = await db.InTransactionAsync(async token =>
        {
            db.ChangeTracker.Clear();
            // Deliveries of one event take turns; the second finds the first's record.
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({stripeEvent.Id}))", token);
            if (await db.PaymentEvents.AnyAsync(e => e.Id == stripeEvent.Id, token))
                return SettlementOutcomes.Duplicate;
            var now = clock.GetUtcNow();
            var (purchaseId, amount, result) = await ApplyAsync(stripeEvent, now, token);
            db.PaymentEvents.Add(new PaymentEvent
            {
                Id = stripeEvent.Id,
                Type = stripeEvent.Type,
                PurchaseId = result == SettlementOutcomes.Unmatched ? null : purchaseId,
                AmountMinor = amount,
                Outcome = result,
                ReceivedAt = now,
            });
            return result;
        }, ct);
        if (outcome == SettlementOutcomes.Applied)
            await TellAsync(stripeEvent.Type, ct);
        if (outcome is SettlementOutcomes.Unmatched or SettlementOutcomes.Mismatch)
            logger.LogError("Payment event {EventId} ({Type}) could not be booked: {Outcome}", stripeEvent.Id, stripeEvent.Type, outcome);
        else
            logger.LogInformation("Payment event {EventId} ({Type}): {Outcome}", stripeEvent.Id, stripeEvent.Type, outcome);
        return ChatResult<WebhookOutcome>.Ok(new(stripeEvent.Id, stripeEvent.Type, outcome));
    }

    private async Task<(Guid? PurchaseId, long? Amount, string Outcome)> ApplyAsync(Event stripeEvent, DateTimeOffset now, CancellationToken ct)
    {
        switch (stripeEvent.Data?.Object)
        {
            case Session session when stripeEvent.Type is EventTypes.CheckoutSessionCompleted or EventTypes.CheckoutSessionAsyncPaymentSucceeded:
                {
                    var purchaseId = await FindBySessionAsync(session, ct);
                    // A completed checkout whose payment is still on its way (a bank debit) is paid by its own later event.
                    if (purchaseId is null || session.PaymentStatus != "paid")
                        return (purchaseId, session.AmountTotal, purchaseId is null ? SettlementOutcomes.Unmatched : SettlementOutcomes.Ignored);
                    return (purchaseId, session.AmountTotal, await settlement.PaidAsync(purchaseId.Value, session.PaymentIntentId,
                        session.AmountTotal ?? 0, session.Currency ?? "", stripeEvent.Id, now, ct));
                }
            case Session session when stripeEvent.Type is EventTypes.CheckoutSessionExpired or EventTypes.CheckoutSessionAsyncPaymentFailed:
                {
                    var purchaseId = await FindBySessionAsync(session, ct);
                    return (purchaseId, null, purchaseId is null
                        ? SettlementOutcomes.Unmatched
                        : await settlement.ReleaseAsync(purchaseId.Value, PurchaseStatus.Expired, stripeEvent.Id, now, ct));
                }
            case Charge charge when stripeEvent.Type == EventTypes.ChargeRefunded:
                {
                    var purchaseId = charge.PaymentIntentId is { Length: > 0 } intent
                        ? await db.Purchases.Where(p => p.PaymentIntentId == intent).Select(p => (Guid?)p.Id).SingleOrDefaultAsync(ct)
                        : null;
                    return (purchaseId, charge.AmountRefunded, purchaseId is null
                        ? SettlementOutcomes.Unmatched
                        : await settlement.RefundedAsync(purchaseId.Value, charge.AmountRefunded, stripeEvent.Id, now, ct));
                }
            default:
                return (null, null, SettlementOutcomes.Ignored);
        }
    }

    // Told after the commit, as every notification is: a lost notice loses no money.
    private async Task TellAsync(string type, CancellationToken ct)
    {
        if (db.ChangeTracker.Entries<Purchase>().Select(e => e.Entity).SingleOrDefault() is not { } purchase)
            return;
        var title = await db.Listings.Where(l => l.Id == purchase.ListingId).Select(l => l.Title).SingleAsync(ct);
        switch (type)
        {
            case EventTypes.CheckoutSessionCompleted or EventTypes.CheckoutSessionAsyncPaymentSucceeded when purchase.Status == PurchaseStatus.Paid:
                await notifier.MarketplaceAsync(purchase.SellerId, $"Sold: “{title}”. The buyer's payment is confirmed.", ct);
                break;
            case EventTypes.ChargeRefunded when purchase.Status == PurchaseStatus.Refunded:
                await notifier.MarketplaceAsync(purchase.BuyerId, $"Refunded: your purchase of “{title}”. The money is on its way back to you.", ct);
                await notifier.MarketplaceAsync(purchase.SellerId, $"Refunded: the sale of “{title}” was refunded to the buyer.", ct);
                break;
        }
    }

    // The checkout names its purchase (client_reference_id), which also finds it when the event comes before the
    // Api has stored the session's id.
    private async Task<Guid?> FindBySessionAsync(Session session, CancellationToken ct)
    {
        var reference = Guid.TryParse(session.ClientReferenceId, out var id) ? id : (Guid?)null;
        return await db.Purchases.Where(p => p.Id == reference || p.CheckoutSessionId == session.Id).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
    }
}
