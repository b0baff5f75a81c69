namespace ChatRoom.Chat.Marketplace;

/// <summary>
/// The row locks marketplace changes take, tracked for the change. Where both are taken, the purchase comes first and
/// then its listing, everywhere, so two changes never wait for each other.
/// </summary>
public static class MarketplaceLocks
{
    public static Task<Purchase?> LockPurchaseAsync(this ChatDbContext db, Guid id, CancellationToken ct) =>
        db.Purchases.FromSql($"SELECT * FROM purchases WHERE id = {id} FOR UPDATE").SingleOrDefaultAsync(ct);

    public static Task<Listing?> LockListingAsync(this ChatDbContext db, Guid id, CancellationToken ct) =>
        db.Listings.FromSql($"SELECT * FROM listings WHERE id = {id} FOR UPDATE").SingleOrDefaultAsync(ct);
}
