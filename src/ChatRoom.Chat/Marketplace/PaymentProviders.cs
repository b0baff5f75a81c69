using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Stripe;
using Stripe.Checkout;

namespace ChatRoom.Chat.Marketplace;

/// <summary>What the buyer is asked to pay, and where they come back to.</summary>
public sealed record CheckoutRequest(
    Guid PurchaseId, string Title, long AmountMinor, string Currency, DateTimeOffset ExpiresAt, Uri SuccessUrl, Uri CancelUrl);

/// <summary>The provider's checkout: its id, and the page the buyer pays on.</summary>
public sealed record Checkout(string SessionId, string Url);

/// <summary>The provider could not be reached, or refused the installation's request: nothing the buyer or admin can change.</summary>
public sealed class PaymentUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Where money is taken and given back. Every call carries an idempotency key made from the purchase, so a retried call
/// (ours, or the client library's) never charges or refunds twice. Payments and refunds are confirmed only by the
/// provider's signed events at the webhook, never by these calls' answers.
/// </summary>
public interface IPaymentProvider
{
    string Name { get; }

    Task<Checkout> StartCheckoutAsync(CheckoutRequest request, CancellationToken ct);

    /// <summary>Ends an unpaid checkout. False when it was paid after all (its event is on the way).</summary>
    Task<bool> EndCheckoutAsync(string sessionId, CancellationToken ct);

    /// <summary>Asks for <paramref name="amountMinor"/> of the payment back; its event completes the refund.</summary>
    Task RequestRefundAsync(Guid purchaseId, string paymentIntentId, long amountMinor, long refundedBefore, CancellationToken ct);
}

/// <summary>No payment provider is configured: nothing can be bought.</summary>
public sealed class NoPayments : IPaymentProvider
{
    public string Name => "";

    public Task<Checkout> StartCheckoutAsync(CheckoutRequest request, CancellationToken ct) =>
        throw new PaymentUnavailableException("No payment provider is configured (Payments:Provider).");

    public Task<bool> EndCheckoutAsync(string sessionId, CancellationToken ct) => Task.FromResult(true);

    public Task RequestRefundAsync(Guid purchaseId, string paymentIntentId, long amountMinor, long refundedBefore, CancellationToken ct) =>
        throw new PaymentUnavailableException("No payment provider is configured (Payments:Provider).");
}

/// <summary>Stripe Checkout and Refunds through Stripe's own client library, over an <see cref="HttpClient"/> from the factory.</summary>
public sealed class StripePayments(IHttpClientFactory http, IOptions<PaymentOptions> options, ILogger<StripePayments> logger) : IPaymentProvider
{
    public const string HttpClientName = "stripe";

    public string Name => PaymentProviderNames.Stripe;

    private StripeClient Client()
    {
        var stripe = options.Value.Stripe;
        // The library retries what failed on the network; the idempotency keys make its retries safe.
        return new StripeClient(new StripeClientOptions
        {
            ApiKey = stripe.SecretKey,
            ApiBase = stripe.ApiBase.ToString().TrimEnd('/'),
            HttpClient = new SystemNetHttpClient(http.CreateClient(HttpClientName), maxNetworkRetries: 2),
        });
    }

    public async Task<Checkout> StartCheckoutAsync(CheckoutRequest request, CancellationToken ct)
    {
        var purchase = request.PurchaseId.ToString();
        var session = await CallAsync("create a checkout session", () => new SessionService(Client()).CreateAsync(new SessionCreateOptions
        {
            Mode = "payment",
            ClientReferenceId = purchase,
            SuccessUrl = request.SuccessUrl.ToString(),
            CancelUrl = request.CancelUrl.ToString(),
            ExpiresAt = request.ExpiresAt.UtcDateTime,
            Metadata = new() { ["purchase_id"] = purchase },
            PaymentIntentData = new SessionPaymentIntentDataOptions { Metadata = new() { ["purchase_id"] = purchase } },
            LineItems =
            [
                new SessionLineItemOptions
                {
                    Quantity = 1,
                    PriceData = new SessionLineItemPriceDataOptions
                    {
                        Currency = request.Currency.ToLowerInvariant(),
                        UnitAmount = request.AmountMinor,
                        ProductData = new SessionLineItemPriceDataProductDataOptions { Name = request.Title },
                    },
                },
            ],
        }, new RequestOptions { IdempotencyKey = $"checkout-{purchase}" }, ct));
        return new Checkout(session.Id, session.Url);
    }

    public async Task<bool> EndCheckoutAsync(string sessionId, CancellationToken ct)
    {
        var sessions = new SessionService(Client());
        try
        {
            await sessions.ExpireAsync(sessionId, cancellationToken: ct);
            return true;
        }
        catch (StripeException ex) when (ex.HttpStatusCode == System.Net.HttpStatusCode.BadRequest)
        {
            // Only an open session can be expired: this one has ended already, paid or not.
            var session = await CallAsync("read a checkout session", () => sessions.GetAsync(sessionId, cancellationToken: ct));
            return session.Status != "complete";
        }
        catch (StripeException ex)
        {
            throw Unavailable("expire a checkout session", ex);
        }
    }

    public Task RequestRefundAsync(Guid purchaseId, string paymentIntentId, long amountMinor, long refundedBefore, CancellationToken ct) =>
        CallAsync("refund a payment", () => new RefundService(Client()).CreateAsync(new RefundCreateOptions
        {
            PaymentIntent = paymentIntentId,
            Amount = amountMinor,
            Metadata = new() { ["purchase_id"] = purchaseId.ToString() },
        }, new RequestOptions { IdempotencyKey = $"refund-{purchaseId}-{refundedBefore}" }, ct));

    private async Task<T> CallAsync<T>(string what, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (StripeException ex)
        {
            throw Unavailable(what, ex);
        }
        catch (HttpRequestException ex)
        {
            throw Unavailable(what, ex);
        }
    }

    private PaymentUnavailableException Unavailable(string what, Exception ex)
    {
        logger.LogError(ex, "Stripe could not {What}", what);
        return new PaymentUnavailableException($"The payment provider could not {what}.", ex);
    }
}

/// <summary>
/// For a laptop without Stripe keys: the checkout is a page of the Api's own (<c>/api/marketplace/dev-checkout/{id}</c>)
/// whose buttons send the same events Stripe would, signed by Stripe's scheme, through the same webhook processing.
/// Refused outside the Development environment (see <see cref="PaymentRegistration"/>).
/// </summary>
public sealed class DevelopmentPayments(IServiceScopeFactory scopes) : IPaymentProvider
{
    public const string CheckoutPath = "/api/marketplace/dev-checkout/";

    public string Name => PaymentProviderNames.Development;

    public Task<Checkout> StartCheckoutAsync(CheckoutRequest request, CancellationToken ct)
    {
        var sessionId = "cs_dev_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        return Task.FromResult(new Checkout(sessionId, CheckoutPath + sessionId));
    }

    public Task<bool> EndCheckoutAsync(string sessionId, CancellationToken ct) => Task.FromResult(true);

    public async Task RequestRefundAsync(Guid purchaseId, string paymentIntentId, long amountMinor, long refundedBefore, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var events = scope.ServiceProvider.GetRequiredService<DevelopmentEvents>();
        await events.RefundedAsync(purchaseId, amountMinor + refundedBefore, ct);
    }
}
