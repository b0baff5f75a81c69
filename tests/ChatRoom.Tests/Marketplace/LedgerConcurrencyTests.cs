extern alias worker;

using ChatRoom.Api.Marketplace;
using ChatRoom.Tests.Realtime;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static ChatRoom.Tests.Marketplace.MarketApi;
using LedgerReconciliation = worker::ChatRoom.Worker.Marketplace.LedgerReconciliation;

namespace ChatRoom.Tests.Marketplace;

/// <summary>
/// A thousand purchases at once, half of them refunded while the rest are still being bought, every Stripe event
/// delivered twice at the same moment: afterwards every account holds exactly what the purchases say, and the Worker's
/// reconciliation finds nothing to report. The class has a database of its own: it asserts the ledger's totals.
/// </summary>
public sealed class LedgerConcurrencyTests(LedgerConcurrencyTests.Server server) : IClassFixture<LedgerConcurrencyTests.Server>
{
    private const int Purchases = 1_000;

    public sealed class Server(TestInfrastructure infrastructure) : MarketplaceServer(infrastructure)
    {
        protected override (string Key, string Value)[] MoreSettings => [("RateLimits:Api:PerUser", "1000000")];
    }

    [Fact]
    public async Task AThousandConcurrentPurchasesAndRefundsLeaveEveryAccountBalanced()
    {
        var sellers = new List<Session>();
        for (var i = 0; i < 10; i++)
            sellers.Add(await server.SellerAsync());
        var buyers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => ChatApi.SignInAsync(server.Api, "buyer")));
        var admin = await server.AdminAsync();
        var listings = await SeedListingsAsync([.. sellers.Select(s => s.User.Id)]);
        var api = server.Api.NewHttpClient();

        var outcomes = new System.Collections.Concurrent.ConcurrentBag<(Guid Purchase, Guid Seller, long Amount, long Fee, bool Refunded)>();
        await Parallel.ForEachAsync(listings.Select((listing, index) => (listing, index)),
            new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = AuthApi.Ct }, async (item, _) =>
            {
                var (listing, index) = item;
                var purchase = await StartPurchaseAsync(buyers[index % buyers.Length], listing.Id);
                var session = server.Stripe.SessionOf(purchase.Id).Id;
                server.Stripe.Pay(session);
                await DeliverTwiceAsync(api, server.Stripe.LastEventOf(session));
                var refunded = index % 2 == 0;
                if (refunded)
                {
                    using (var asked = await RefundAsync(admin, purchase.Id, "Load test"))
                        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
                    await DeliverTwiceAsync(api, server.Stripe.LastEventOf(session));
                }
                outcomes.Add((purchase.Id, listing.SellerId, purchase.AmountMinor, purchase.FeeMinor, refunded));
            });

        Assert.Equal(Purchases, outcomes.Count);
        var kept = outcomes.Where(o => !o.Refunded).ToList();
        var totals = await admin.GetFromJsonAsync<List<LedgerAccountTotal>>("/api/admin/marketplace/ledger");
        long Balance(string account) => totals.SingleOrDefault(t => t.Account == account)?.BalanceMinor ?? 0;
        Assert.Equal(kept.Sum(o => o.Amount), Balance("provider_clearing"));
        Assert.Equal(-kept.Sum(o => o.Fee), Balance("platform_fees"));
        Assert.Equal(-kept.Sum(o => o.Amount - o.Fee), Balance("seller_payable"));
        Assert.Equal(0, totals.Sum(t => t.BalanceMinor));
        var payables = await admin.GetFromJsonAsync<List<PayableResponse>>("/api/admin/marketplace/payables");
        foreach (var seller in sellers)
        {
            Assert.Equal(kept.Where(o => o.Seller == seller.User.Id).Sum(o => o.Amount - o.Fee),
                payables.SingleOrDefault(p => p.Seller.Id == seller.User.Id)?.OwedMinor ?? 0);
        }
        var statuses = await StatusesAsync();
        Assert.Equal(Purchases / 2, statuses.GetValueOrDefault("Paid"));
        Assert.Equal(Purchases / 2, statuses.GetValueOrDefault("Refunded"));

        await using var worker = server.StartWorker();
        await using var scope = worker.Services.CreateAsyncScope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<LedgerReconciliation>().RunAsync(AuthApi.Ct));
    }

    private static async Task DeliverTwiceAsync(HttpClient api, string body)
    {
        var deliveries = await Task.WhenAll(FakeStripe.DeliverAsync(api, body), FakeStripe.DeliverAsync(api, body));
        foreach (var delivery in deliveries)
        {
            Assert.Equal(HttpStatusCode.OK, delivery.StatusCode);
            delivery.Dispose();
        }
    }

    // Setting the shelves is not what is measured: the listings go straight into the database, on offer.
    private async Task<List<(Guid Id, Guid SellerId)>> SeedListingsAsync(IReadOnlyList<Guid> sellers)
    {
        var listings = Enumerable.Range(0, Purchases).Select(i => (Id: Guid.NewGuid(), SellerId: sellers[i % sellers.Count])).ToList();
        await using var db = new NpgsqlConnection(server.Api.DatabaseConnectionString);
        await db.OpenAsync(AuthApi.Ct);
        await using var insert = new NpgsqlCommand("""
            INSERT INTO listings (id, seller_id, title, description, category, price_minor, currency, status, created_at, updated_at, listed_at)
            SELECT id, seller_id, 'Lot ' || n, '', 'other', 100 + (n * 7919) % 99901, 'EUR', 'Listed', now(), now(), now()
            FROM unnest(@ids, @sellers) WITH ORDINALITY AS l(id, seller_id, n)
            """, db);
        insert.Parameters.AddWithValue("ids", listings.Select(l => l.Id).ToArray());
        insert.Parameters.AddWithValue("sellers", listings.Select(l => l.SellerId).ToArray());
        Assert.Equal(Purchases, await insert.ExecuteNonQueryAsync(AuthApi.Ct));
        return listings;
    }

    private async Task<Dictionary<string, int>> StatusesAsync()
    {
        await using var db = new NpgsqlConnection(server.Api.DatabaseConnectionString);
        await db.OpenAsync(AuthApi.Ct);
        await using var read = new NpgsqlCommand("SELECT status, count(*)::int FROM purchases GROUP BY status", db);
        var statuses = new Dictionary<string, int>();
        await using var rows = await read.ExecuteReaderAsync(AuthApi.Ct);
        while (await rows.ReadAsync(AuthApi.Ct))
            statuses[rows.GetString(0)] = rows.GetInt32(1);
        return statuses;
    }
}
