using ChatRoom.Api.Infrastructure;
using ChatRoom.Api.Marketplace;
using ChatRoom.Tests.Realtime;
using ChatRoom.Tests.Verification;
using Npgsql;

namespace ChatRoom.Tests.Marketplace;

/// <summary>
/// The Api with what the marketplace talks to: a local Twilio for sellers' phone codes and a local Stripe for payments
/// (its events are delivered to the webhook by the tests).
/// </summary>
public class MarketplaceServer(TestInfrastructure infrastructure) : ChatServerFixture(infrastructure)
{
    public FakeTwilio Twilio { get; private set; } = null!;
    public FakeStripe Stripe { get; private set; } = null!;

    protected virtual (string Key, string Value)[] MoreSettings => [];

    protected override (string Key, string Value)[] Settings => [.. Twilio.Settings, .. Stripe.Settings, .. MoreSettings];

    public override async ValueTask InitializeAsync()
    {
        Twilio = await FakeTwilio.StartAsync();
        Stripe = await FakeStripe.StartAsync();
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Stripe.DisposeAsync();
        await Twilio.DisposeAsync();
    }

    /// <summary>A new member who proved a phone number of their own, as a seller must.</summary>
    public async Task<Session> SellerAsync()
    {
        var seller = await ChatApi.SignInAsync(Api, "seller");
        var number = "+49151" + Random.Shared.Next(10_000_000, 99_999_999);
        using (var asked = await seller.SendAsync(HttpMethod.Post, "/api/me/phone", new { phoneNumber = number }))
            Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        using (var verified = await seller.SendAsync(HttpMethod.Post, "/api/me/phone/verify", new { code = Twilio.CodeSentTo(number) }))
            Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        return seller;
    }

    /// <summary>A purchase of a new listing of <paramref name="seller"/>'s, paid at Stripe and its event delivered.</summary>
    public async Task<PurchaseResponse> PaidAsync(Session seller, Session buyer, string title, long price)
    {
        var listing = await MarketApi.ListedAsync(seller, title, price);
        var purchase = await MarketApi.StartPurchaseAsync(buyer, listing.Id);
        Stripe.Pay(Stripe.SessionOf(purchase.Id).Id);
        await Stripe.DeliverAllAsync(Api.NewHttpClient());
        var paid = await MarketApi.PurchaseOfAsync(buyer, purchase.Id);
        Assert.Equal("Paid", paid.Status);
        return paid;
    }

    /// <summary>A Worker over this server's database, paying through the same local Stripe, on <paramref name="clock"/>.</summary>
    public WorkerFactory StartWorker(TimeProvider? clock = null) =>
        new WorkerFactory(Api.DatabaseConnectionString, Api.RedisConnectionString,
            new Dictionary<string, string>(Stripe.Settings.ToDictionary(s => s.Key, s => s.Value)) { ["Realtime:ChannelPrefix"] = Api.ChannelPrefix },
            clock).Start();

    /// <summary>The ledger's entries for one purchase, as (kind, account, amount), in booking order.</summary>
    public async Task<List<(string Kind, string Account, long Amount)>> LedgerOfAsync(Guid purchaseId)
    {
        await using var db = new NpgsqlConnection(Api.DatabaseConnectionString);
        await db.OpenAsync(AuthApi.Ct);
        await using var read = new NpgsqlCommand("""
            SELECT t.kind, e.account, e.amount_minor FROM ledger_transactions t JOIN ledger_entries e ON e.transaction_id = t.id
            WHERE t.purchase_id = @id ORDER BY t.created_at, t.id, e.amount_minor DESC
            """, db);
        read.Parameters.AddWithValue("id", purchaseId);
        var entries = new List<(string, string, long)>();
        await using var rows = await read.ExecuteReaderAsync(AuthApi.Ct);
        while (await rows.ReadAsync(AuthApi.Ct))
            entries.Add((rows.GetString(0), rows.GetString(1), rows.GetInt64(2)));
        return entries;
    }
}

/// <summary>The marketplace's endpoints as a client uses them.</summary>
public static class MarketApi
{
    public static async Task<ListingResponse> CreateAsync(Session seller, string title, string category, long price)
    {
        using var response = await seller.SendAsync(HttpMethod.Post, "/api/marketplace/listings", new { title, description = "As new.", category, priceMinor = price });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ListingResponse>(AuthApi.Ct))!;
    }

    public static async Task<ListingResponse?> ChangeAsync(Session session, Guid id, string change, HttpStatusCode expected)
    {
        using var response = await session.SendAsync(HttpMethod.Post, $"/api/marketplace/listings/{id}/{change}");
        Assert.Equal(expected, response.StatusCode);
        return expected == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<ListingResponse>(AuthApi.Ct) : null;
    }

    /// <summary>A listing on offer.</summary>
    public static async Task<ListingResponse> ListedAsync(Session seller, string title, long price)
    {
        var listing = await CreateAsync(seller, title, "other", price);
        return (await ChangeAsync(seller, listing.Id, "publish", HttpStatusCode.OK))!;
    }

    public static Task<Page<ListingResponse>> BrowseAsync(Session session, string query) =>
        session.GetFromJsonAsync<Page<ListingResponse>>($"/api/marketplace/listings{query}");

    public static Task<HttpResponseMessage> PurchaseAsync(Session buyer, Guid listingId) =>
        buyer.SendAsync(HttpMethod.Post, $"/api/marketplace/listings/{listingId}/purchase");

    /// <summary>A purchase started: the listing reserved for <paramref name="buyer"/> and a checkout to pay at.</summary>
    public static async Task<PurchaseResponse> StartPurchaseAsync(Session buyer, Guid listingId)
    {
        using var response = await PurchaseAsync(buyer, listingId);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<PurchaseResponse>(AuthApi.Ct))!;
    }

    public static Task<PurchaseResponse> PurchaseOfAsync(Session session, Guid purchaseId) =>
        session.GetFromJsonAsync<PurchaseResponse>($"/api/marketplace/purchases/{purchaseId}");

    public static Task<HttpResponseMessage> RefundAsync(Session admin, Guid purchaseId, string? reason) =>
        admin.SendAsync(HttpMethod.Post, $"/api/admin/marketplace/purchases/{purchaseId}/refund", new { reason });

    /// <summary>What the platform owes <paramref name="sellerId"/>, from the admins' payables.</summary>
    public static async Task<long> OwedToAsync(Session admin, Guid sellerId) =>
        (await admin.GetFromJsonAsync<List<PayableResponse>>("/api/admin/marketplace/payables")).SingleOrDefault(p => p.Seller.Id == sellerId)?.OwedMinor ?? 0;
}
