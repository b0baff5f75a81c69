using ChatRoom.Api.Marketplace;
using ChatRoom.Tests.Realtime;
using Npgsql;
using static ChatRoom.Tests.Marketplace.MarketApi;

namespace ChatRoom.Tests.Marketplace;

/// <summary>
/// What stands between money and a forger or a careless hand: the webhook takes only events signed by Stripe's scheme
/// with the installation's secret, recently; and the ledger cannot be changed or unbalanced, even by the database's owner.
/// </summary>
public sealed class PaymentSafeguardTests(MarketplaceServer server) : IClassFixture<MarketplaceServer>
{
    [Fact]
    public async Task ForgedStaleAndMalformedEventsAreRefusedAndChangeNothing()
    {
        var seller = await server.SellerAsync();
        var buyer = await ChatApi.SignInAsync(server.Api, "buyer");
        var listing = await ListedAsync(seller, "Camera", 20_000);
        var purchase = await StartPurchaseAsync(buyer, listing.Id);
        server.Stripe.Pay(server.Stripe.SessionOf(purchase.Id).Id);
        var body = Assert.Single(server.Stripe.TakeEvents());
        var api = server.Api.NewHttpClient();

        using (var forged = await FakeStripe.DeliverAsync(api, body, secret: "whsec_someone_else"))
            await AuthApi.ReadProblemAsync(forged, HttpStatusCode.BadRequest, ErrorCodes.PaymentSignatureInvalid);
        using (var replayed = await FakeStripe.DeliverAsync(api, body, at: DateTimeOffset.UtcNow.AddMinutes(-10)))
            await AuthApi.ReadProblemAsync(replayed, HttpStatusCode.BadRequest, ErrorCodes.PaymentSignatureInvalid);
        // Signed, then changed on the way: a higher amount.
        var signature = FakeStripe.Sign(body, FakeStripe.WebhookSecret, DateTimeOffset.UtcNow);
        using (var tampered = new HttpRequestMessage(HttpMethod.Post, FakeStripe.WebhookPath)
        {
            Content = new StringContent(body.Replace("\"amount_total\":20000", "\"amount_total\":1", StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json"),
        })
        {
            tampered.Headers.TryAddWithoutValidation("Stripe-Signature", signature);
            using var refused = await api.SendAsync(tampered, AuthApi.Ct);
            await AuthApi.ReadProblemAsync(refused, HttpStatusCode.BadRequest, ErrorCodes.PaymentSignatureInvalid);
        }
        using (var unsigned = await api.PostAsync(FakeStripe.WebhookPath, new StringContent(body), AuthApi.Ct))
            await AuthApi.ReadProblemAsync(unsigned, HttpStatusCode.BadRequest, ErrorCodes.PaymentSignatureInvalid);
        using (var notAnEvent = await FakeStripe.DeliverAsync(api, "[1, 2"))
            Assert.Equal(HttpStatusCode.BadRequest, notAnEvent.StatusCode);

        Assert.Equal("Pending", (await PurchaseOfAsync(buyer, purchase.Id)).Status);
        Assert.Empty(await server.LedgerOfAsync(purchase.Id));
        // The genuine event still goes through.
        using (var genuine = await FakeStripe.DeliverAsync(api, body))
            Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
        Assert.Equal("Paid", (await PurchaseOfAsync(buyer, purchase.Id)).Status);
    }

    [Fact]
    public async Task TheLedgerIsNeverChangedNorUnbalancedEvenByTheDatabasesOwner()
    {
        var seller = await server.SellerAsync();
        var buyer = await ChatApi.SignInAsync(server.Api, "buyer");
        var purchase = await server.PaidAsync(seller, buyer, "Vase", 1_200);

        await using (var asApi = new NpgsqlConnection(DatabaseRolesForTests.Api(server.Api.DatabaseConnectionString)))
        {
            await asApi.OpenAsync(AuthApi.Ct);
            var denied = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(asApi, "UPDATE ledger_entries SET amount_minor = 1"));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, denied.SqlState);
        }
        await using var owner = new NpgsqlConnection(server.Api.DatabaseConnectionString);
        await owner.OpenAsync(AuthApi.Ct);
        foreach (var change in new[] { "UPDATE ledger_entries SET amount_minor = amount_minor * 2", "DELETE FROM ledger_entries", "TRUNCATE ledger_entries CASCADE" })
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(owner, change));
            Assert.Contains("append-only", refused.MessageText, StringComparison.Ordinal);
        }
        var unbalanced = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(owner, $"""
            BEGIN;
            INSERT INTO ledger_transactions (id, kind, currency, created_at) VALUES ('{Guid.NewGuid()}', 'Payout', 'EUR', now());
            INSERT INTO ledger_entries (id, transaction_id, account, amount_minor, currency)
                SELECT '{Guid.NewGuid()}', id, 'provider_clearing', 100, 'EUR' FROM ledger_transactions ORDER BY created_at DESC LIMIT 1;
            COMMIT;
            """));
        Assert.Equal(PostgresErrorCodes.CheckViolation, unbalanced.SqlState);
        Assert.Equal(3, (await server.LedgerOfAsync(purchase.Id)).Count);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(AuthApi.Ct);
    }
}
