using ChatRoom.Chat.Marketplace;
using ChatRoom.Worker.Jobs;

namespace ChatRoom.Worker.Marketplace;

public static class MarketplaceRegistration
{
    /// <summary>Reservations never paid, and the daily check of the books.</summary>
    public static IHostApplicationBuilder AddMarketplace(this IHostApplicationBuilder builder)
    {
        builder.AddPayments();
        builder.Services.AddScoped<LedgerReconciliation>();
        builder.AddJob<ReservationExpiryJob, ReservationExpiryOptions>(ReservationExpiryOptions.SectionName);
        builder.AddJob<ReconciliationJob, ReconciliationOptions>(ReconciliationOptions.SectionName);
        return builder;
    }
}
