extern alias worker;

using System.Diagnostics.Metrics;
using ChatRoom.Api.Marketplace;
using ChatRoom.Tests.Realtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using static ChatRoom.Tests.Marketplace.MarketApi;
using LedgerReconciliation = worker::ChatRoom.Worker.Marketplace.LedgerReconciliation;

namespace ChatRoom.Tests.Marketplace;

/// <summary>The Worker's side of the marketplace: reservations never paid, and the daily check of the books.</summary>
public sealed class MarketplaceJobsTests(MarketplaceServer server) : IClassFixture<MarketplaceServer>
{
    [Fact]
    public async Task AReservationNeverPaidIsEndedAtStripeAndTheListingOfferedAgain()
    {
        var seller = await server.SellerAsync();
        var buyer = await ChatApi.SignInAsync(server.Api, "buyer");
        var abandoned = await StartPurchaseAsync(buyer, (await ListedAsync(seller, "Abandoned cart", 1_500)).Id);
        var lastMinute = await StartPurchaseAsync(buyer, (await ListedAsync(seller, "Paid at the last minute", 2_500)).Id);
        // Paid just before the end; Stripe's event has not arrived yet.
        server.Stripe.Pay(server.Stripe.SessionOf(lastMinute.Id).Id);

        // The Worker wakes up after the reservations and their grace are over.
        var clock = new FakeTimeProvider(abandoned.ExpiresAt.AddMinutes(6));
        await using var worker = server.StartWorker(clock);
        await worker.WaitForRunsAsync("reservation-expiry", 1);

        Assert.Equal("Expired", (await PurchaseOfAsync(buyer, abandoned.Id)).Status);
        Assert.Equal("Listed", (await buyer.GetFromJsonAsync<ListingResponse>($"/api/marketplace/listings/{abandoned.ListingId}")).Status);
        Assert.Equal("expired", server.Stripe.SessionOf(abandoned.Id).Status);
        // The paid one is left for its event, which completes it.
        Assert.Equal("Pending", (await PurchaseOfAsync(buyer, lastMinute.Id)).Status);
        await server.Stripe.DeliverAllAsync(server.Api.NewHttpClient());
        Assert.Equal("Paid", (await PurchaseOfAsync(buyer, lastMinute.Id)).Status);
        Assert.Equal("Expired", (await PurchaseOfAsync(buyer, abandoned.Id)).Status);
        Assert.Equal(["purchase.start", "purchase.expire"], await AuditLog.ActionsOnAsync(server.Api.DatabaseConnectionString, abandoned.Id, "purchase."));
    }

    [Fact]
    public async Task ReconciliationReportsAPaymentStripeMadeThatTheLedgerLacks()
    {
        var seller = await server.SellerAsync();
        var buyer = await ChatApi.SignInAsync(server.Api, "buyer");
        var purchase = await StartPurchaseAsync(buyer, (await ListedAsync(seller, "Reconciled", 5_000)).Id);
        server.Stripe.Pay(server.Stripe.SessionOf(purchase.Id).Id);
        await server.Stripe.DeliverAllAsync(server.Api.NewHttpClient());

        await using var worker = server.StartWorker(new FakeTimeProvider(DateTimeOffset.UtcNow));
        var reported = new List<long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == "chatroom.marketplace.reconciliation.discrepancies")
                    l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) =>
        {
            lock (reported)
                reported.Add(value);
        });
        listener.Start();
        Assert.Empty(await ReconcileAsync(worker));

        // Stripe reports a refund of a payment nobody here knows: money moved that the books do not show.
        await using (var db = new NpgsqlConnection(server.Api.DatabaseConnectionString))
        {
            await db.OpenAsync(AuthApi.Ct);
            await using var insert = new NpgsqlCommand(
                "INSERT INTO payment_events (id, type, amount_minor, outcome, received_at) VALUES ('evt_unknown', 'charge.refunded', 700, 'unmatched', now())", db);
            await insert.ExecuteNonQueryAsync(AuthApi.Ct);
        }
        var found = Assert.Single(await ReconcileAsync(worker));
        Assert.Equal(("provider_event_not_booked", 1), (found.Kind, found.Count));
        Assert.Contains("evt_unknown", found.Example, StringComparison.Ordinal);
        lock (reported)
            Assert.Equal(1, reported[^1]);
    }

    private static async Task<IReadOnlyList<worker::ChatRoom.Worker.Marketplace.Discrepancy>> ReconcileAsync(WorkerFactory worker)
    {
        await using var scope = worker.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LedgerReconciliation>().RunAsync(AuthApi.Ct);
    }
}
