using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ChatRoom.Tests.Marketplace;

/// <summary>
/// A local stand-in for the parts of Stripe's API the marketplace uses, answering as Stripe documents them: bearer
/// secret keys, form-encoded bodies, <c>Idempotency-Key</c> (the same key answers the same object), JSON objects with
/// their <c>object</c> type, and errors as <c>{"error": {"type", "message"}}</c>. <c>POST /v1/checkout/sessions</c>,
/// <c>GET /v1/checkout/sessions/{id}</c>, <c>POST /v1/checkout/sessions/{id}/expire</c> (400 unless open) and
/// <c>POST /v1/refunds</c>. What Stripe would then send to the webhook is kept as events (signed when delivered,
/// by Stripe's scheme: <c>t=timestamp,v1=HMAC-SHA256(secret, "timestamp.body")</c>), and a test delivers them.
/// </summary>
public sealed class FakeStripe : IAsyncDisposable
{
    public const string SecretKey = "sk_test_chatroom";
    public const string WebhookSecret = "whsec_test_chatroom_secret";
    public const string WebhookPath = "/api/marketplace/webhooks/stripe";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Checkout> _sessions = new();
    private readonly ConcurrentDictionary<string, (int Status, string Body)> _idempotent = new();
    private readonly ConcurrentQueue<string> _events = new();
    private readonly ConcurrentDictionary<string, string> _lastEvent = new();

    public sealed class Checkout
    {
        public required string Id { get; init; }
        public required string PurchaseId { get; init; }
        public required long Amount { get; init; }
        public required string Currency { get; init; }
        public required string Name { get; init; }
        public required long ExpiresAt { get; init; }
        public required string SuccessUrl { get; init; }
        public string Status { get; set; } = "open";
        public string? PaymentIntent { get; set; }
        public long Refunded { get; set; }
    }

    private FakeStripe(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;

    /// <summary>When set, every API call answers 500 (an outage).</summary>
    public bool Down { get; set; }

    /// <summary>Checkout sessions made, by id.</summary>
    public IReadOnlyDictionary<string, Checkout> Sessions => _sessions;

    /// <summary>How many calls created something (a session or a refund): idempotent retries are not counted again.</summary>
    public int Created { get; private set; }

    /// <summary>The Api's (and the Worker's) settings that pay through this server.</summary>
    public (string Key, string Value)[] Settings =>
    [
        ("Payments:Provider", "Stripe"), ("Payments:Stripe:SecretKey", SecretKey), ("Payments:Stripe:WebhookSecret", WebhookSecret),
        ("Payments:Stripe:ApiBase", Address.ToString()), ("Payments:PublicUrl", "https://chat.example.test/"),
    ];

    public static async Task<FakeStripe> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var stripe = new FakeStripe(app);
        app.Use(async (context, next) =>
        {
            if (!context.Request.Headers.Authorization.ToString().Equals($"Bearer {SecretKey}", StringComparison.Ordinal))
            {
                await Error("invalid_request_error", "Invalid API Key provided.", StatusCodes.Status401Unauthorized).ExecuteAsync(context);
                return;
            }
            if (stripe.Down)
            {
                await Error("api_error", "An unknown error occurred.", StatusCodes.Status500InternalServerError).ExecuteAsync(context);
                return;
            }
            await next(context);
        });
        app.MapPost("/v1/checkout/sessions", stripe.CreateSession);
        app.MapGet("/v1/checkout/sessions/{id}", (string id) => stripe._sessions.TryGetValue(id, out var session)
            ? Results.Content(SessionJson(session), "application/json")
            : Error("invalid_request_error", $"No such checkout.session: '{id}'", StatusCodes.Status404NotFound));
        app.MapPost("/v1/checkout/sessions/{id}/expire", stripe.ExpireSession);
        app.MapPost("/v1/refunds", stripe.CreateRefund);
        await app.StartAsync();
        stripe.Address = new Uri(app.Urls.First());
        return stripe;
    }

    /// <summary>The buyer pays on Stripe's page: the session completes and Stripe's event is queued.</summary>
    public void Pay(string sessionId)
    {
        var session = _sessions[sessionId];
        session.Status = "complete";
        session.PaymentIntent = "pi_" + Random();
        Queue(session, "checkout.session.completed", SessionJson(session));
    }

    /// <summary>The latest event about <paramref name="sessionId"/> (its payment, expiry or refund), also queued.</summary>
    public string LastEventOf(string sessionId) => _lastEvent[sessionId];

    /// <summary>The checkout's time runs out at Stripe.</summary>
    public void Expire(string sessionId)
    {
        var session = _sessions[sessionId];
        session.Status = "expired";
        Queue(session, "checkout.session.expired", SessionJson(session));
    }

    /// <summary>The session of <paramref name="purchaseId"/>.</summary>
    public Checkout SessionOf(Guid purchaseId) => _sessions.Values.Single(s => s.PurchaseId == purchaseId.ToString());

    /// <summary>Takes the events queued so far, in order (Stripe's body of each, unsigned).</summary>
    public List<string> TakeEvents()
    {
        var taken = new List<string>();
        while (_events.TryDequeue(out var body))
            taken.Add(body);
        return taken;
    }

    /// <summary>Posts one event to the webhook as Stripe does, signed with <paramref name="secret"/> at <paramref name="at"/>.</summary>
    public static async Task<HttpResponseMessage> DeliverAsync(HttpClient api, string body, string secret = WebhookSecret, DateTimeOffset? at = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, WebhookPath) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", Sign(body, secret, at ?? DateTimeOffset.UtcNow));
        return await api.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>Delivers every queued event, each answered 200.</summary>
    public async Task DeliverAllAsync(HttpClient api)
    {
        foreach (var body in TakeEvents())
        {
            using var response = await DeliverAsync(api, body);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        }
    }

    /// <summary>Stripe's signature header: <c>t=</c> the Unix time, <c>v1=</c> the hex HMAC-SHA256 of "t.body" under the secret.</summary>
    public static string Sign(string body, string secret, DateTimeOffset at)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }

    private async Task<IResult> CreateSession(HttpRequest request) => await IdempotentAsync(request, form =>
    {
        if (form["mode"] != "payment" || string.IsNullOrEmpty(form["success_url"]))
            return (400, ErrorBody("invalid_request_error", "Missing required param: success_url."));
        if (!long.TryParse(form["line_items[0][price_data][unit_amount]"], out var amount) || form["line_items[0][quantity]"] != "1")
            return (400, ErrorBody("invalid_request_error", "Missing required param: line_items[0][price_data][unit_amount]."));
        var session = new Checkout
        {
            Id = "cs_test_" + Random(),
            PurchaseId = form["client_reference_id"].ToString(),
            Amount = amount,
            Currency = form["line_items[0][price_data][currency]"].ToString(),
            Name = form["line_items[0][price_data][product_data][name]"].ToString(),
            ExpiresAt = long.Parse(form["expires_at"].ToString(), CultureInfo.InvariantCulture),
            SuccessUrl = form["success_url"].ToString(),
        };
        _sessions[session.Id] = session;
        return (200, SessionJson(session));
    });

    private IResult ExpireSession(string id)
    {
        if (!_sessions.TryGetValue(id, out var session))
            return Error("invalid_request_error", $"No such checkout.session: '{id}'", StatusCodes.Status404NotFound);
        if (session.Status != "open")
            return Error("invalid_request_error", "Only Checkout Sessions with a status of `open` can be expired.", StatusCodes.Status400BadRequest);
        Expire(id);
        return Results.Content(SessionJson(session), "application/json");
    }

    private async Task<IResult> CreateRefund(HttpRequest request) => await IdempotentAsync(request, form =>
    {
        var session = _sessions.Values.SingleOrDefault(s => s.PaymentIntent == form["payment_intent"].ToString());
        if (session is null)
            return (404, ErrorBody("invalid_request_error", $"No such payment_intent: '{form["payment_intent"]}'"));
        var amount = long.Parse(form["amount"].ToString(), CultureInfo.InvariantCulture);
        lock (session)
        {
            if (amount <= 0 || session.Refunded + amount > session.Amount)
                return (400, ErrorBody("invalid_request_error", "Refund amount is greater than unrefunded amount on charge."));
            session.Refunded += amount;
            var charge = JsonSerializer.Serialize(new
            {
                id = "ch_" + Random(),
                @object = "charge",
                amount = session.Amount,
                amount_refunded = session.Refunded,
                currency = session.Currency,
                payment_intent = session.PaymentIntent,
                refunded = session.Refunded == session.Amount,
                status = "succeeded",
            });
            Queue(session, "charge.refunded", charge);
        }
        return (200, JsonSerializer.Serialize(new
        {
            id = "re_" + Random(),
            @object = "refund",
            amount,
            currency = session.Currency,
            payment_intent = session.PaymentIntent,
            status = "succeeded",
        }));
    });

    // Stripe answers a repeated Idempotency-Key with what it answered the first time, without doing it again.
    private async Task<IResult> IdempotentAsync(HttpRequest request, Func<IFormCollection, (int Status, string Body)> create)
    {
        var form = await request.ReadFormAsync();
        var key = request.Headers["Idempotency-Key"].ToString();
        (int Status, string Body) answer;
        lock (_idempotent)
        {
            if (key.Length == 0 || !_idempotent.TryGetValue(key, out answer))
            {
                answer = create(form);
                if (answer.Status == 200)
                    Created++;
                if (key.Length > 0)
                    _idempotent[key] = answer;
            }
        }
        return Results.Content(answer.Body, "application/json", Encoding.UTF8, answer.Status);
    }

    private void Queue(Checkout session, string type, string objectJson)
    {
        var body = "{\"id\":\"evt_" + Random() + "\",\"object\":\"event\",\"api_version\":\"2025-01-27.acacia\",\"created\":" +
            DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) +
            ",\"livemode\":false,\"pending_webhooks\":1,\"type\":\"" + type + "\",\"data\":{\"object\":" + objectJson + "}}";
        _lastEvent[session.Id] = body;
        _events.Enqueue(body);
    }

    private static string SessionJson(Checkout s) => JsonSerializer.Serialize(new
    {
        id = s.Id,
        @object = "checkout.session",
        mode = "payment",
        client_reference_id = s.PurchaseId,
        amount_total = s.Amount,
        currency = s.Currency,
        expires_at = s.ExpiresAt,
        status = s.Status,
        payment_status = s.Status == "complete" ? "paid" : "unpaid",
        payment_intent = s.PaymentIntent,
        success_url = s.SuccessUrl,
        url = s.Status == "open" ? $"https://checkout.stripe.com/c/pay/{s.Id}" : null,
        metadata = new { purchase_id = s.PurchaseId },
    });

    private static string Random() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    private static string ErrorBody(string type, string message) => JsonSerializer.Serialize(new { error = new { type, message } });

    private static IResult Error(string type, string message, int status) =>
        Results.Content(ErrorBody(type, message), "application/json", Encoding.UTF8, status);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
