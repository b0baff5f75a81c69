using System.Text;
using ChatRoom.Api.Auth;
using ChatRoom.Chat.Marketplace;
using Microsoft.Extensions.Options;

namespace ChatRoom.Api.Marketplace;

public static class PurchasesEndpoints
{
    // Stripe's events are a few kilobytes; anything far larger is not one.
    private const int MaxEventBytes = 256 * 1024;

    public static IHostApplicationBuilder AddPurchases(this IHostApplicationBuilder builder)
    {
        builder.AddPaymentEvents();
        builder.Services.AddScoped<Purchases>();
        return builder;
    }

    public static IEndpointRouteBuilder MapPurchases(this IEndpointRouteBuilder app)
    {
        var marketplace = app.MapGroup("/api/marketplace").WithTags("Marketplace");
        marketplace.MapPost("/listings/{id:guid}/purchase", Start).RequireAuthorization()
            .WithSummary("Reserves a listing on offer for the buyer and starts the provider's checkout (the same one again for the same buyer).");
        marketplace.MapGet("/purchases/{id:guid}", Get).RequireAuthorization().WithSummary("A purchase, for its buyer, its seller and admins.");
        app.MapGet("/api/me/purchases", Bought).WithTags("Marketplace").RequireAuthorization().WithSummary("The user's purchases, newest first.");
        app.MapGet("/api/me/sales", Sold).WithTags("Marketplace").RequireAuthorization().WithSummary("Purchases of the user's listings, newest first.");

        // The provider calls this without a user: its signature is the authentication.
        marketplace.MapPost("/webhooks/stripe", Webhook).AllowAnonymous().DisableAntiforgery()
            .WithSummary("Stripe's events (checkout.session.completed, .expired, charge.refunded), verified by Stripe-Signature and processed once.");
        DevelopmentCheckout.Map(marketplace);

        var admin = app.MapGroup("/api/admin/marketplace").WithTags("Marketplace administration").RequireAuthorization(AuthRegistration.AdminPolicy);
        admin.MapGet("/purchases", All).WithSummary("Every purchase, newest first; status filters.");
        admin.MapPost("/purchases/{id:guid}/refund", Refund).WithSummary("Asks the provider to give a paid purchase's money back; its event completes the refund.");
        admin.MapGet("/payables", Payables).WithSummary("What each seller is owed, from the ledger.");
        admin.MapPost("/payables/{sellerId:guid}/payouts", Payout).WithSummary("Records a payout made to a seller outside the platform.");
        admin.MapGet("/ledger", async (Purchases purchases, CancellationToken ct) => TypedResults.Ok(await purchases.LedgerTotalsAsync(ct)))
            .WithSummary("The ledger's balance by account and currency.");
        return app;
    }

    private static async Task<Results<Created<PurchaseResponse>, ProblemHttpResult>> Start(
        Guid id, Purchases purchases, IOptions<PaymentOptions> payments, HttpContext http, CancellationToken ct)
    {
        var site = payments.Value.PublicUrl ?? new Uri($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}");
        var outcome = await purchases.StartAsync(http.User.Viewer(), id, site, http.ClientIp(), ct);
        return outcome.Value is { } started ? TypedResults.Created($"/api/marketplace/purchases/{started.Id}", started) : outcome.Problem!;
    }

    private static async Task<Results<Ok<PurchaseResponse>, ProblemHttpResult>> Get(Guid id, Purchases purchases, HttpContext http, CancellationToken ct) =>
        await purchases.GetAsync(id, http.User.Viewer(), ct) is { } purchase ? TypedResults.Ok(purchase) : Purchases.NotFound(id);

    private static async Task<Results<Ok<Page<PurchaseResponse>>, ValidationProblem>> Bought(
        string? cursor, int? limit, Purchases purchases, HttpContext http, CancellationToken ct) =>
        Paged(cursor, limit, out var position) is { } invalid
            ? invalid
            : TypedResults.Ok(await purchases.OfBuyerAsync(http.User.Viewer(), position, limit ?? Cursor.DefaultLimit, ct));

    private static async Task<Results<Ok<Page<PurchaseResponse>>, ValidationProblem>> Sold(
        string? cursor, int? limit, Purchases purchases, HttpContext http, CancellationToken ct) =>
        Paged(cursor, limit, out var position) is { } invalid
            ? invalid
            : TypedResults.Ok(await purchases.OfSellerAsync(http.User.Viewer(), position, limit ?? Cursor.DefaultLimit, ct));

    private static async Task<Results<Ok<Page<PurchaseResponse>>, ValidationProblem>> All(
        string? status, string? cursor, int? limit, Purchases purchases, HttpContext http, CancellationToken ct)
    {
        PurchaseStatus? only = null;
        if (status is not null)
        {
            if (!Enum.TryParse<PurchaseStatus>(status, ignoreCase: false, out var parsed) || !Enum.IsDefined(parsed))
                return Problems.Invalid(new Dictionary<string, string[]> { ["status"] = [$"status is one of {string.Join(", ", Enum.GetNames<PurchaseStatus>())}."] },
                    ErrorCodes.PurchaseInvalid);
            only = parsed;
        }
        return Paged(cursor, limit, out var position) is { } invalid
            ? invalid
            : TypedResults.Ok(await purchases.AllAsync(http.User.Viewer(), only, position, limit ?? Cursor.DefaultLimit, ct));
    }

    private static ValidationProblem? Paged(string? cursor, int? limit, out (DateTimeOffset At, Guid Id)? position)
    {
        var errors = new ValidationErrors();
        position = Cursor.ValidatePosition(errors, cursor, limit);
        return errors.IsEmpty ? null : Problems.Invalid(errors.ToDictionary(), ErrorCodes.PurchaseInvalid);
    }

    private static async Task<Results<Ok<WebhookOutcome>, ProblemHttpResult>> Webhook(PaymentWebhook webhook, HttpContext http, CancellationToken ct)
    {
        if (http.Request.ContentLength > MaxEventBytes)
            return Problems.Of(StatusCodes.Status413PayloadTooLarge, ErrorCodes.PaymentEventInvalid, "An event is at most 256 KB.");
        // The signature is over the exact bytes sent: read them as they are, never re-serialised.
        using var reader = new StreamReader(http.Request.Body, new UTF8Encoding(false, throwOnInvalidBytes: true));
        string payload;
        try
        {
            var buffer = new char[MaxEventBytes + 1];
            var read = await reader.ReadBlockAsync(buffer, ct);
            if (read > MaxEventBytes)
                return Problems.Of(StatusCodes.Status413PayloadTooLarge, ErrorCodes.PaymentEventInvalid, "An event is at most 256 KB.");
            payload = new string(buffer, 0, read);
        }
        catch (DecoderFallbackException)
        {
            return Problems.Of(StatusCodes.Status400BadRequest, ErrorCodes.PaymentEventInvalid, "The event is not UTF-8 text.");
        }
        var result = await webhook.HandleAsync(payload, http.Request.Headers["Stripe-Signature"], ct);
        return result.Succeeded ? TypedResults.Ok(result.Value!) : Problems.Of(StatusCodes.Status400BadRequest, result.Code!, result.Detail!);
    }

    private static async Task<Results<Ok<PurchaseResponse>, ValidationProblem, ProblemHttpResult>> Refund(
        Guid id, RefundPurchaseRequest request, Purchases purchases, HttpContext http, CancellationToken ct)
    {
        if (request.Reason?.Trim() is not { Length: > 0 and <= Purchase.MaxReasonLength } reason || reason.Contains('\0', StringComparison.Ordinal))
            return Problems.Invalid(new Dictionary<string, string[]> { ["reason"] = [$"A reason of 1–{Purchase.MaxReasonLength} characters is needed."] },
                ErrorCodes.PurchaseInvalid);
        var outcome = await purchases.RequestRefundAsync(http.User.Viewer(), id, reason, http.ClientIp(), ct);
        return outcome.Value is { } value ? TypedResults.Ok(value) : outcome.Problem!;
    }

    private static async Task<Ok<IReadOnlyList<PayableResponse>>> Payables(Purchases purchases, CancellationToken ct) =>
        TypedResults.Ok(await purchases.PayablesAsync(ct));

    private static async Task<Results<Ok<PayableResponse>, ValidationProblem, ProblemHttpResult>> Payout(
        Guid sellerId, PayoutRequest request, Purchases purchases, IOptions<MarketplaceOptions> marketplace, HttpContext http, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (request.AmountMinor is not > 0)
            errors.Add("amountMinor", "amountMinor is the amount paid, in minor units, at least 1.");
        var currency = request.Currency ?? marketplace.Value.Currency;
        if (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
            errors.Add("currency", "currency is an ISO 4217 code such as EUR.");
        if (request.Reference is { } reference && (reference.Trim().Length > LedgerTransaction.MaxMemoLength || reference.Contains('\0', StringComparison.Ordinal)))
            errors.Add("reference", $"reference (the transfer's reference) is at most {LedgerTransaction.MaxMemoLength} characters.");
        if (!errors.IsEmpty)
            return Problems.Invalid(errors.ToDictionary(), ErrorCodes.PayoutInvalid);
        var result = await purchases.RecordPayoutAsync(http.User.Viewer(), sellerId, request.AmountMinor!.Value, currency, request.Reference?.Trim(),
            http.ClientIp(), ct);
        return result.Value is { } owed ? TypedResults.Ok(owed) : result.Problem!;
    }
}
