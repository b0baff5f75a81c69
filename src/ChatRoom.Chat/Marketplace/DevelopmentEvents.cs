using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Stripe;

namespace ChatRoom.Chat.Marketplace;

/// <summary>
/// The development provider's side of Stripe: the events Stripe would send when the buyer pays, gives up, or is
/// refunded, in Stripe's shape and signed by Stripe's scheme, handed to the same webhook processing as Stripe's.
/// </summary>
public sealed class DevelopmentEvents(ChatDbContext db, PaymentWebhook webhook, WebhookSecret secret, TimeProvider clock)
{
    public sealed record Session(Guid PurchaseId, Guid ListingId, string Title, long AmountMinor, string Currency, PurchaseStatus Status);

    /// <summary>The development checkout <paramref name="sessionId"/>, or null when there is none.</summary>
    public Task<Session?> FindAsync(string sessionId, CancellationToken ct) =>
        db.Purchases.AsNoTracking().Where(p => p.CheckoutSessionId == sessionId && p.Provider == PaymentProviderNames.Development)
            .Select(p => new Session(p.Id, p.ListingId, p.Listing!.Title, p.AmountMinor, p.Currency, p.Status)).SingleOrDefaultAsync(ct);

    public Task<ChatResult<WebhookOutcome>> PaidAsync(string sessionId, Session session, CancellationToken ct) =>
        SendAsync("checkout.session.completed", Checkout(sessionId, session, "complete", "paid", "pi_dev_" + NewId()), ct);

    public Task<ChatResult<WebhookOutcome>> CancelledAsync(string sessionId, Session session, CancellationToken ct) =>
        SendAsync("checkout.session.expired", Checkout(sessionId, session, "expired", "unpaid", paymentIntent: null), ct);

    public async Task RefundedAsync(Guid purchaseId, long refundedTotal, CancellationToken ct)
    {
        var purchase = await db.Purchases.AsNoTracking().SingleAsync(p => p.Id == purchaseId, ct);
        await SendAsync("charge.refunded", new
        {
            id = "ch_dev_" + NewId(),
            @object = "charge",
            amount = purchase.AmountMinor,
            amount_refunded = refundedTotal,
            currency = purchase.Currency.ToLowerInvariant(),
            payment_intent = purchase.PaymentIntentId,
            refunded = refundedTotal == purchase.AmountMinor,
            status = "succeeded",
        }, ct);
    }

    // A Checkout Session object as Stripe's events carry it.
    private static object Checkout(string sessionId, Session session, string status, string paymentStatus, string? paymentIntent) => new
    {
        id = sessionId,
        @object = "checkout.session",
        client_reference_id = session.PurchaseId.ToString(),
        amount_total = session.AmountMinor,
        currency = session.Currency.ToLowerInvariant(),
        payment_status = paymentStatus,
        status,
        payment_intent = paymentIntent,
        metadata = new { purchase_id = session.PurchaseId.ToString() },
    };

    private Task<ChatResult<WebhookOutcome>> SendAsync(string type, object data, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var payload = JsonSerializer.Serialize(new
        {
            id = "evt_dev_" + NewId(),
            @object = "event",
            api_version = StripeConfiguration.ApiVersion,
            created = now.ToUnixTimeSeconds(),
            livemode = false,
            pending_webhooks = 1,
            type,
            data = new { @object = data },
        });
        var signature = EventUtility.GenerateSignatureHeader(payload, secret.Value, now.ToUnixTimeSeconds());
        return webhook.HandleAsync(payload, signature, ct);
    }

    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)).ToString(CultureInfo.InvariantCulture);
}
