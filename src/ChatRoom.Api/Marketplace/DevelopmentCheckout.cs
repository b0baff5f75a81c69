using System.Globalization;
using System.Net;
using ChatRoom.Chat.Marketplace;
using Microsoft.Extensions.Options;

namespace ChatRoom.Api.Marketplace;

/// <summary>
/// The development payment provider's checkout page: what Stripe's hosted page is to a real installation, without
/// taking money. Its buttons send the events Stripe would (signed, through the same webhook processing) and bring the
/// buyer back to the site. Like Stripe's page, it needs no sign-in: the session's id is the secret. It answers only
/// while the development provider is configured, which only the Development environment allows.
/// </summary>
internal static class DevelopmentCheckout
{
    public static void Map(RouteGroupBuilder marketplace)
    {
        var checkout = marketplace.MapGroup("/dev-checkout/{sessionId}").AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        checkout.MapGet("/", Page);
        checkout.MapPost("/pay", Pay);
        checkout.MapPost("/cancel", Cancel);
    }

    private static async Task<IResult> Page(string sessionId, DevelopmentEvents events, IOptions<PaymentOptions> payments, HttpContext http,
        CancellationToken ct)
    {
        if (await FindAsync(sessionId, events, payments, ct) is not { } session)
            return Problems.Of(StatusCodes.Status404NotFound, ErrorCodes.PurchaseNotFound, "There is no such development checkout.");
        // This page alone posts forms (to itself); everything else of the Api's CSP stays.
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
        http.Response.Headers.CacheControl = "no-store";
        var price = (session.AmountMinor / 100m).ToString("0.00", CultureInfo.InvariantCulture) + " " + session.Currency;
        var title = WebUtility.HtmlEncode(session.Title);
        var open = session.Status == PurchaseStatus.Pending;
        var self = WebUtility.HtmlEncode(DevelopmentPayments.CheckoutPath + Uri.EscapeDataString(sessionId));
        var html = $"""
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Development checkout</title></head>
            <body>
            <main>
            <h1>Development checkout</h1>
            <p>No money is taken: this page stands in for the payment provider on a development machine.</p>
            <p>{title}: <strong>{price}</strong></p>
            {(open
                ? $"""
                  <form method="post" action="{self}/pay"><button type="submit">Pay</button></form>
                  <form method="post" action="{self}/cancel"><button type="submit">Cancel</button></form>
                  """
                : $"<p>This checkout is over ({session.Status}).</p>")}
            </main>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private static async Task<IResult> Pay(string sessionId, DevelopmentEvents events, IOptions<PaymentOptions> payments, CancellationToken ct)
    {
        if (await FindAsync(sessionId, events, payments, ct) is not { } session)
            return Problems.Of(StatusCodes.Status404NotFound, ErrorCodes.PurchaseNotFound, "There is no such development checkout.");
        if (session.Status == PurchaseStatus.Pending)
            await events.PaidAsync(sessionId, session, ct);
        return Results.Redirect($"/marketplace/purchases/{session.PurchaseId}", permanent: false, preserveMethod: false);
    }

    private static async Task<IResult> Cancel(string sessionId, DevelopmentEvents events, IOptions<PaymentOptions> payments, CancellationToken ct)
    {
        if (await FindAsync(sessionId, events, payments, ct) is not { } session)
            return Problems.Of(StatusCodes.Status404NotFound, ErrorCodes.PurchaseNotFound, "There is no such development checkout.");
        if (session.Status == PurchaseStatus.Pending)
            await events.CancelledAsync(sessionId, session, ct);
        return Results.Redirect($"/marketplace/listings/{session.ListingId}");
    }

    private static async Task<DevelopmentEvents.Session?> FindAsync(string sessionId, DevelopmentEvents events, IOptions<PaymentOptions> payments,
        CancellationToken ct) =>
        payments.Value.Provider == PaymentProviderNames.Development && sessionId.Length <= Purchase.MaxProviderIdLength
            ? await events.FindAsync(sessionId, ct)
            : null;
}
