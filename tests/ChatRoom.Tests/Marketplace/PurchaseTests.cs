using System.Text.Json;
using ChatRoom.Api.Infrastructure;
using ChatRoom.Api.Marketplace;
using ChatRoom.Chat.Marketplace;
using ChatRoom.Tests.Realtime;
using static ChatRoom.Tests.Marketplace.MarketApi;

namespace ChatRoom.Tests.Marketplace;

/// <summary>
/// Buying through Stripe Checkout, with Stripe's real client library talking to a local Stripe and Stripe's events
/// signed by its scheme: a purchase holds the listing, the signed event completes it once, the ledger books it in the
/// same transaction, admins refund through Stripe and record payouts. A 5 % fee (the default).
/// </summary>
public sealed class PurchaseTests(MarketplaceServer server) : IClassFixture<MarketplaceServer>
{
    private FakeStripe Stripe => server.Stripe;

    [Fact]
    public async Task ABuyerPaysThroughStripeCheckoutAndTheSaleIsBookedOnce()
    {
        var seller = await server.SellerAsync();
        var buyer = await ChatApi.SignInAsync(server.Api, "buyer");
        var other = await ChatApi.SignInAsync(server.Api, "other");
        var listing = await ListedAsync(seller, "Turntable", 10_000);

        var purchase = await StartPurchaseAsync(buyer, listing.Id);
        var session = Stripe.SessionOf(purchase.Id);
        Assert.Equal(("Pending", 10_000L, 500L, "EUR"), (purchase.Status, purchase.AmountMinor, purchase.FeeMinor, purchase.Currency));
        Assert.Equal($"https://checkout.stripe.com/c/pay/{session.Id}", purchase.CheckoutUrl);
        Assert.Equal((10_000L, "eur", "Turntable"), (session.Amount, session.Currency, session.Name));
        Assert.Equal($"https://chat.example.test/marketplace/purchases/{purchase.Id}", session.SuccessUrl);
        Assert.Equal(purchase.ExpiresAt.ToUnixTimeSeconds(), session.ExpiresAt);
        Assert.Equal("Reserved", (await other.GetFromJsonAsync<ListingResponse>($"/api/marketplace/listings/{listing.Id}")).Status);
        // The buyer clicks again: the same purchase, the same checkout (Stripe's idempotency key), no second session.
        var again = await StartPurchaseAsync(buyer, listing.Id);
        Assert.Equal((purchase.Id, purchase.CheckoutUrl), (again.Id, again.CheckoutUrl));
        Assert.Single(Stripe.Sessions.Values, s => s.PurchaseId == purchase.Id.ToString());
        // Seller and others see no checkout link.
        Assert.Null((await PurchaseOfAsync(seller, purchase.Id)).CheckoutUrl);
        using (var stranger = await other.GetAsync($"/api/marketplace/purchases/{purchase.Id}"))
            await AuthApi.ReadProblemAsync(stranger, HttpStatusCode.NotFound, ErrorCodes.PurchaseNotFound);

        Stripe.Pay(session.Id);
        var completed = Assert.Single(Stripe.TakeEvents());
        using (var delivered = await FakeStripe.DeliverAsync(server.Api.NewHttpClient(), completed))
            Assert.Equal("applied", (await delivered.Content.ReadFromJsonAsync<WebhookOutcome>(AuthApi.Ct))!.Outcome);

        var paid = await PurchaseOfAsync(buyer, purchase.Id);
        Assert.Equal("Paid", paid.Status);
        Assert.NotNull(paid.PaidAt);
        Assert.Equal("Sold", (await other.GetFromJsonAsync<ListingResponse>($"/api/marketplace/listings/{listing.Id}")).Status);
        Assert.Equal(purchase.Id, (await buyer.GetFromJsonAsync<Page<PurchaseResponse>>("/api/me/purchases")).Items.Single().Id);
        Assert.Equal("Paid", (await seller.GetFromJsonAsync<Page<PurchaseResponse>>("/api/me/sales")).Items.Single().Status);
        var booked = new List<(string, string, long)> { ("Payment", "provider_clearing", 10_000), ("Payment", "platform_fees", -500), ("Payment", "seller_payable", -9_500) };
        Assert.Equal(booked, await server.LedgerOfAsync(purchase.Id));
        Assert.Equal(9_500, await OwedToAsync(await server.AdminAsync(), seller.User.Id));
        Assert.Equal(["Sold: “Turntable”. The buyer's payment is confirmed."], await MarketplaceNoticesAsync(seller));

        // Stripe delivers the same event again (it does, when an answer is slow): nothing changes.
        using (var duplicate = await FakeStripe.DeliverAsync(server.Api.NewHttpClient(), completed))
        {
            Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
            Assert.Equal("duplicate", (await duplicate.Content.ReadFromJsonAsync<WebhookOutcome>(AuthApi.Ct))!.Outcome);
        }
        Assert.Equal(booked, await server.LedgerOfAsync(purchase.Id));
        Assert.Equal(["purchase.start", "purchase.paid"], await AuditLog.ActionsOnAsync(server.Api.DatabaseConnectionString, purchase.Id, "purchase."));
    }

    [Fact]
    public async Task OfTwentyBuyersRacingForOneListingOneGetsItAndTheOthersAreToldAtOnce()
    {
        var seller = await server.SellerAsync();
        var listing = await ListedAsync(seller, "Signed poster", 3_000);
        var buyers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => ChatApi.SignInAsync(server.Api, "racer")));

        var answers = await Task.WhenAll(buyers.Select(async buyer =>
        {
            using var response = await PurchaseAsync(buyer, listing.Id);
            var code = response.StatusCode == HttpStatusCode.Created ? null : (await AuthApi.ReadProblemAsync(response, HttpStatusCode.Conflict)).Extensions["code"]?.ToString();
            return (response.StatusCode, code);
        }));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.Equal(19, answers.Count(a => a.code == ErrorCodes.PurchaseUnavailable));
        Assert.Single(Stripe.Sessions.Values, s => s.Name == "Signed poster");
    }

    [Fact]
    public async Task OneBuyerHoldsAtMostThreeListingsWhilePaying()
    {
        var seller = await server.SellerAsync();
        var hoarder = await ChatApi.SignInAsync(server.Api, "hoarder");
        var listings = new List<ListingResponse>();
        for (var i = 0; i < 5; i++)
            listings.Add(await ListedAsync(seller, $"Lot {i}", 1_000 + i));

        // Asked all at once: three are held, the others refused.
        var answers = await Task.WhenAll(listings.Select(async listing =>
        {
            using var response = await PurchaseAsync(hoarder, listing.Id);
            return response.StatusCode;
        }));
        Assert.Equal(3, answers.Count(a => a == HttpStatusCode.Created));
        Assert.Equal(2, answers.Count(a => a == HttpStatusCode.Conflict));
        var refused = listings[Array.IndexOf(answers, HttpStatusCode.Conflict)];
        using (var again = await PurchaseAsync(hoarder, refused.Id))
            await AuthApi.ReadProblemAsync(again, HttpStatusCode.Conflict, ErrorCodes.PurchaseTooManyPending);
        Assert.Equal("Listed", (await hoarder.GetFromJsonAsync<ListingResponse>($"/api/marketplace/listings/{refused.Id}")).Status);

        // One given up: room for another.
        var held = (await hoarder.GetFromJsonAsync<Page<PurchaseResponse>>("/api/me/purchases")).Items.First(p => p.Status == "Pending");
        Stripe.Expire(Stripe.SessionOf(held.Id).Id);
        await Stripe.DeliverAllAsync(server.Api.NewHttpClient());
        Assert.Equal("Pending", (await StartPurchaseAsync(hoarder, refused.Id)).Status);
    }

    [Fact]
    public async Task ACheckoutThatExpiresUnpaidOffersTheListingAgain()
    {
        var seller = await server.SellerAsync();
        var first = await ChatApi.SignInAsync(server.Api, "buyer");
        var second = await ChatApi.SignInAsync(server.Api, "buyer");
        var listing = await ListedAsync(seller, "Desk lamp", 2_500);
        var purchase = await StartPurchaseAsync(first, listing.Id);
        using (var refused = await PurchaseAsync(second, listing.Id))
            await AuthApi.ReadProblemAsync(refused, HttpStatusCode.Conflict, ErrorCodes.PurchaseUnavailable);

        Stripe.Expire(Stripe.SessionOf(purchase.Id).Id);
        await Stripe.DeliverAllAsync(server.Api.NewHttpClient());

        Assert.Equal("Expired", (await PurchaseOfAsync(first, purchase.Id)).Status);
        Assert.Equal("Listed", (await second.GetFromJsonAsync<ListingResponse>($"/api/marketplace/listings/{listing.Id}")).Status);
        Assert.Empty(await server.LedgerOfAsync(purchase.Id));
        var next = await StartPurchaseAsync(second, listing.Id);
        Assert.NotEqual(purchase.Id, next.Id);
        Assert.Equal(["purchase.start", "purchase.expire"], await AuditLog.ActionsOnAsync(server.Api.DatabaseConnectionString, purchase.Id, "purchase."));
    }

    [Fact]
    public async Task AListingTakenDownWhileSomeoneIsPayingEndsTheirCheckout()
    {
        var seller = await server.SellerAsync();
        var buyer = await ChatApi.SignInAsync(server.Api, "buyer");
        var listing = await ListedAsync(seller, "Counterfeit bag", 9_900);
        var purchase = await StartPurchaseAsync(buyer, listing.Id);

        using (var removed = await (await server.AdminAsync()).SendAsync(HttpMethod.Post, $"/api/marketplace/listings/{listing.Id}/remove", new { reason = "Counterfeit" }))
            Assert.Equal(HttpStatusCode.OK, removed.StatusCode);

        Assert.Equal("expired", Stripe.SessionOf(purchase.Id).Status);
        Assert.Equal("Expired", (await PurchaseOfAsync(buyer, purchase.Id)).Status);
        // Stripe's own "expired" event comes too, and changes nothing more.
        await Stripe.DeliverAllAsync(server.Api.NewHttpClient());
        Assert.Equal("Expired", (await PurchaseOfAsync(buyer, purchase.Id)).Status);
        using (var gone = await buyer.GetAsync($"/api/marketplace/listings/{listing.Id}"))
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Empty(await server.LedgerOfAsync(purchase.Id));
    }

    [Fact]
    public async Task AnAdminRefundsThroughStripeAndStripesEventCompletesTheRefund()
    {
        var seller = await server.SellerAsync();
        var buyer = await ChatApi.SignInAsync(server.Api, "buyer");
        var admin = await server.AdminAsync();
        var purchase = await server.PaidAsync(seller, buyer, "Headphones", 8_000);

        using (var notAdmin = await RefundAsync(seller, purchase.Id, "Please"))
            Assert.Equal(HttpStatusCode.Forbidden, notAdmin.StatusCode);
        using (var noReason = await RefundAsync(admin, purchase.Id, " "))
            await AuthApi.ReadProblemAsync(noReason, HttpStatusCode.BadRequest, ErrorCodes.PurchaseInvalid);
        using (var asked = await RefundAsync(admin, purchase.Id, "Arrived broken"))
        {
            Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
            Assert.Equal("RefundPending", (await asked.Content.ReadFromJsonAsync<PurchaseResponse>(AuthApi.Ct))!.Status);
        }
        // Asked twice (a double click, a retry after a timeout): Stripe refunds once.
        using (var twice = await RefundAsync(admin, purchase.Id, "Arrived broken"))
            Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        var refunded = Assert.Single(Stripe.TakeEvents());
        Assert.Equal(8_000, JsonDocument.Parse(refunded).RootElement.GetProperty("data").GetProperty("object").GetProperty("amount_refunded").GetInt64());

        using (var delivered = await FakeStripe.DeliverAsync(server.Api.NewHttpClient(), refunded))
            Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        var done = await PurchaseOfAsync(buyer, purchase.Id);
        Assert.Equal(("Refunded", 8_000L, "Arrived broken"), (done.Status, done.RefundedMinor, done.RefundReason));
        Assert.Equal(
            [("Payment", "provider_clearing", 8_000), ("Payment", "platform_fees", -400), ("Payment", "seller_payable", -7_600),
             ("Refund", "seller_payable", 7_600), ("Refund", "platform_fees", 400), ("Refund", "provider_clearing", -8_000)],
            await server.LedgerOfAsync(purchase.Id));
        Assert.Equal(0, await OwedToAsync(admin, seller.User.Id));
        Assert.Equal(["Refunded: your purchase of “Headphones”. The money is on its way back to you."], await MarketplaceNoticesAsync(buyer));
        Assert.Equal("Refunded: the sale of “Headphones” was refunded to the buyer.", (await MarketplaceNoticesAsync(seller))[0]);
        using (var afterwards = await RefundAsync(admin, purchase.Id, "Again"))
            await AuthApi.ReadProblemAsync(afterwards, HttpStatusCode.Conflict, ErrorCodes.PurchaseWrongState);
        Assert.Equal(["purchase.start", "purchase.paid", "purchase.refund_request", "purchase.refunded"],
            await AuditLog.ActionsOnAsync(server.Api.DatabaseConnectionString, purchase.Id, "purchase."));
    }

    [Fact]
    public async Task AdminsRecordPayoutsUpToWhatASellerIsOwed()
    {
        var seller = await server.SellerAsync();
        var buyer = await ChatApi.SignInAsync(server.Api, "buyer");
        var admin = await server.AdminAsync();
        await server.PaidAsync(seller, buyer, "Bookshelf", 10_000);
        var payouts = $"/api/admin/marketplace/payables/{seller.User.Id}/payouts";

        using (var tooMuch = await admin.SendAsync(HttpMethod.Post, payouts, new { amountMinor = 9_501, reference = "SEPA 1" }))
            await AuthApi.ReadProblemAsync(tooMuch, HttpStatusCode.Conflict, ErrorCodes.PayoutInvalid);
        using (var nothing = await admin.SendAsync(HttpMethod.Post, payouts, new { amountMinor = 0 }))
            await AuthApi.ReadProblemAsync(nothing, HttpStatusCode.BadRequest, ErrorCodes.PayoutInvalid);
        using (var bySeller = await seller.SendAsync(HttpMethod.Post, payouts, new { amountMinor = 100 }))
            Assert.Equal(HttpStatusCode.Forbidden, bySeller.StatusCode);

        // Two admins paying the same debt at the same moment: one payout is recorded, the other is refused.
        var both = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            using var response = await admin.SendAsync(HttpMethod.Post, payouts, new { amountMinor = 6_000, reference = "SEPA 2" });
            return response.StatusCode;
        }));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], both.Order());
        Assert.Equal(3_500, await OwedToAsync(admin, seller.User.Id));
        Assert.Equal(["payout.mark_paid"], await AuditLog.ActionsOnAsync(server.Api.DatabaseConnectionString, seller.User.Id, "payout."));
    }

    [Fact]
    public async Task WhenStripeCannotBeReachedThePurchaseFailsAndTheListingStaysOnOffer()
    {
        var seller = await server.SellerAsync();
        var buyer = await ChatApi.SignInAsync(server.Api, "buyer");
        var listing = await ListedAsync(seller, "Kayak", 40_000);
        Stripe.Down = true;
        try
        {
            using var refused = await PurchaseAsync(buyer, listing.Id);
            await AuthApi.ReadProblemAsync(refused, HttpStatusCode.ServiceUnavailable, ErrorCodes.PaymentUnavailable);
        }
        finally
        {
            Stripe.Down = false;
        }
        Assert.Equal("Listed", (await buyer.GetFromJsonAsync<ListingResponse>($"/api/marketplace/listings/{listing.Id}")).Status);
        Assert.Equal("Failed", (await buyer.GetFromJsonAsync<Page<PurchaseResponse>>("/api/me/purchases")).Items.Single().Status);
        Assert.Equal("Pending", (await StartPurchaseAsync(buyer, listing.Id)).Status);
    }

    [Fact]
    public async Task GuestsAndSellersCannotBuyAndNobodyBuysWhatIsNotOnOffer()
    {
        var seller = await server.SellerAsync();
        var draft = await CreateAsync(seller, "Unfinished", "other", 1_000);
        var listing = await ListedAsync(seller, "Finished", 1_000);
        var guest = await server.Api.NewHttpClient().GuestAsync();
        var buyer = await ChatApi.SignInAsync(server.Api, "buyer");

        using (var byGuest = await PurchaseAsync(guest, listing.Id))
            await AuthApi.ReadProblemAsync(byGuest, HttpStatusCode.Forbidden, ErrorCodes.PurchaseMembersOnly);
        using (var own = await PurchaseAsync(seller, listing.Id))
            await AuthApi.ReadProblemAsync(own, HttpStatusCode.BadRequest, ErrorCodes.PurchaseOwnListing);
        using (var ofDraft = await PurchaseAsync(buyer, draft.Id))
            await AuthApi.ReadProblemAsync(ofDraft, HttpStatusCode.NotFound, ErrorCodes.ListingNotFound);
        using (var anonymous = await server.Api.NewHttpClient().PostAsync($"/api/marketplace/listings/{listing.Id}/purchase", null, AuthApi.Ct))
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        // A seller who blocked someone does not sell to them (nor they to the seller).
        var blocked = await ChatApi.SignInAsync(server.Api, "blocked");
        using (var block = await seller.SendAsync(HttpMethod.Put, $"/api/me/blocks/{blocked.User.Id}"))
            Assert.True(block.IsSuccessStatusCode);
        using (var refused = await PurchaseAsync(blocked, listing.Id))
            await AuthApi.ReadProblemAsync(refused, HttpStatusCode.Forbidden, ErrorCodes.PurchaseBlocked);
        // Once reserved, the seller cannot change or withdraw it from under the buyer.
        await StartPurchaseAsync(buyer, listing.Id);
        await ChangeAsync(seller, listing.Id, "withdraw", HttpStatusCode.Conflict);
    }

    // The marketplace's notices to one person, newest first.
    private static async Task<List<string?>> MarketplaceNoticesAsync(Session session) =>
        [.. (await session.GetFromJsonAsync<NotificationPage>("/api/me/notifications")).Items.Where(n => n.Kind == "Marketplace").Select(n => n.Text)];
}
