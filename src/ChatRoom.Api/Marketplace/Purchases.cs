using ChatRoom.Chat.Marketplace;
using Microsoft.Extensions.Options;

namespace ChatRoom.Api.Marketplace;

/// <summary>A purchase (or a seller's payable), or the problem that stopped it.</summary>
public sealed record Outcome<T>(T? Value, ProblemHttpResult? Problem = null) where T : class;

/// <summary>
/// Buying a listing: the listing is reserved for one buyer (the listing's row is locked, so of buyers racing for it one
/// gets it and the others are told at once), then the provider's checkout is made with the purchase's id as its
/// idempotency key. How a purchase ends is <see cref="PurchaseSettlement"/>'s: the provider's events, never this call's
/// answer, say it is paid. Admins ask for refunds and record payouts to sellers.
/// </summary>
public sealed class Purchases(
    ChatDbContext db,
    IPaymentProvider provider,
    PurchaseSettlement settlement,
    IOptions<MarketplaceOptions> marketplace,
    IOptions<PaymentOptions> payments,
    TimeProvider clock)
{
    public async Task<Outcome<PurchaseResponse>> StartAsync(Viewer buyer, Guid listingId, Uri siteUrl, string? ipAddress, CancellationToken ct)
    {
        if (buyer.Role == UserRole.Guest)
            return Refused(StatusCodes.Status403Forbidden, ErrorCodes.PurchaseMembersOnly, "Register an account (in your profile) to buy.");
        if (provider is NoPayments)
            return Refused(StatusCodes.Status503ServiceUnavailable, ErrorCodes.PaymentUnavailable, "This installation takes no payments.");

        Purchase? purchase = null;
        var title = "";
        var refused = await db.InTransactionAsync<ProblemHttpResult?>(async token =>
        {
            db.ChangeTracker.Clear();
            var listing = await db.LockListingAsync(listingId, token);
            if (listing is null || listing.Status is ListingStatus.Draft or ListingStatus.Withdrawn or ListingStatus.Removed)
                return Listings.NotFound(listingId);
            if (listing.SellerId == buyer.Id)
                return Problems.Of(StatusCodes.Status400BadRequest, ErrorCodes.PurchaseOwnListing, "This is your own listing.");
            title = listing.Title;
            // As for messages: a blocked pair do not deal with each other, and the answer does not say who blocked whom.
            if (await db.UserBlocks.Between(buyer.Id, [listing.SellerId]).AnyAsync(token))
                return Problems.Of(StatusCodes.Status403Forbidden, ErrorCodes.PurchaseBlocked, "You cannot buy from this seller.");
            // The same buyer again (a second click, a retry): the same purchase, and the same checkout.
            purchase = await db.Purchases.SingleOrDefaultAsync(p => p.ListingId == listingId && p.Status == PurchaseStatus.Pending, token);
            if (purchase is not null)
                return purchase.BuyerId == buyer.Id ? null : Unavailable(listing);
            if (listing.Status != ListingStatus.Listed)
                return Unavailable(listing);
            // The buyer's starts take turns, so two at once cannot pass the bound together.
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({"purchases:" + buyer.Id}))", token);
            var holding = await db.Purchases.CountAsync(p => p.BuyerId == buyer.Id && p.Status == PurchaseStatus.Pending, token);
            if (holding >= marketplace.Value.MaxPendingPurchases)
                return Problems.Of(StatusCodes.Status409Conflict, ErrorCodes.PurchaseTooManyPending,
                    $"You are paying for {holding} listings already: finish or give up one of them first (an unpaid one is released when its time runs out).");
            var now = clock.GetUtcNow();
            purchase = new Purchase
            {
                Id = Guid.CreateVersion7(now),
                ListingId = listing.Id,
                BuyerId = buyer.Id,
                SellerId = listing.SellerId,
                AmountMinor = listing.PriceMinor,
                FeeMinor = listing.PriceMinor * marketplace.Value.FeeBasisPoints / 10_000,
                Currency = listing.Currency,
                Provider = provider.Name,
                CreatedAt = now,
                UpdatedAt = now,
                ExpiresAt = now + payments.Value.ReservationTime,
            };
            db.Purchases.Add(purchase);
            listing.Status = ListingStatus.Reserved;
            listing.UpdatedAt = now;
            db.Audit(AuditActions.PurchaseStart, "purchase", purchase.Id, buyer.Id, now, after: new { status = nameof(PurchaseStatus.Pending) },
                metadata: new { listingId = listing.Id, sellerId = listing.SellerId, purchase.AmountMinor, purchase.FeeMinor, purchase.Provider },
                ipAddress: ipAddress);
            return null;
        }, ct);
        if (refused is not null)
            return new(null, refused);

        var started = purchase!;
        try
        {
            var back = new Uri(siteUrl, $"/marketplace/purchases/{started.Id}");
            var checkout = await provider.StartCheckoutAsync(new CheckoutRequest(started.Id, title, started.AmountMinor, started.Currency,
                started.ExpiresAt, back, new Uri(siteUrl, $"/marketplace/listings/{listingId}")), ct);
            await db.Purchases.Where(p => p.Id == started.Id && p.Status == PurchaseStatus.Pending)
                .ExecuteUpdateAsync(set => set.SetProperty(p => p.CheckoutSessionId, checkout.SessionId).SetProperty(p => p.CheckoutUrl, checkout.Url), ct);
        }
        catch (PaymentUnavailableException)
        {
            // Nobody can pay for it now: the listing goes back on offer rather than stay held for nothing.
            await db.InTransactionAsync(token => settlement.ReleaseAsync(started.Id, PurchaseStatus.Failed, eventId: null, clock.GetUtcNow(), token), ct);
            return Refused(StatusCodes.Status503ServiceUnavailable, ErrorCodes.PaymentUnavailable,
                "The payment provider could not be reached. Try again in a moment.");
        }
        return new(await GetAsync(started.Id, buyer, ct));
    }

    /// <summary>
    /// A moderator took down a listing someone was paying for: the checkout is ended at the provider so nobody pays for
    /// what is gone, and the purchase is released. When the provider cannot be reached, the Worker's reservation expiry
    /// does the same later; when the buyer paid at that very moment, the payment is booked and an admin refunds it.
    /// </summary>
    public async Task EndPendingAsync(Guid listingId, CancellationToken ct)
    {
        var pending = await db.Purchases.AsNoTracking().Where(p => p.ListingId == listingId && p.Status == PurchaseStatus.Pending)
            .Select(p => new { p.Id, p.CheckoutSessionId }).SingleOrDefaultAsync(ct);
        if (pending is null)
            return;
        try
        {
            if (pending.CheckoutSessionId is { } session && !await provider.EndCheckoutAsync(session, ct))
                return;
        }
        catch (PaymentUnavailableException)
        {
            return;
        }
        await db.InTransactionAsync(token => settlement.ReleaseAsync(pending.Id, PurchaseStatus.Expired, eventId: null, clock.GetUtcNow(), token), ct);
    }

    public async Task<PurchaseResponse?> GetAsync(Guid id, Viewer viewer, CancellationToken ct) =>
        (await Visible(viewer).Where(p => p.Id == id).ToListAsync(ct)).Select(p => Describe(p, viewer)).SingleOrDefault();

    public Task<Page<PurchaseResponse>> OfBuyerAsync(Viewer viewer, (DateTimeOffset At, Guid Id)? after, int take, CancellationToken ct) =>
        PageAsync(db.Purchases.Where(p => p.BuyerId == viewer.Id), viewer, after, take, ct);

    public Task<Page<PurchaseResponse>> OfSellerAsync(Viewer viewer, (DateTimeOffset At, Guid Id)? after, int take, CancellationToken ct) =>
        PageAsync(db.Purchases.Where(p => p.SellerId == viewer.Id && p.Status != PurchaseStatus.Failed), viewer, after, take, ct);

    public Task<Page<PurchaseResponse>> AllAsync(Viewer admin, PurchaseStatus? status, (DateTimeOffset At, Guid Id)? after, int take, CancellationToken ct) =>
        PageAsync(status is { } only ? db.Purchases.Where(p => p.Status == only) : db.Purchases, admin, after, take, ct);

    /// <summary>
    /// An admin gives the buyer their money back: the purchase waits for the provider's refund event. Asking again
    /// while it waits asks the provider again, with the same idempotency key: one refund, however often it is asked.
    /// </summary>
    public async Task<Outcome<PurchaseResponse>> RequestRefundAsync(Viewer admin, Guid id, string reason, string? ipAddress, CancellationToken ct)
    {
        Purchase? pending = null;
        var refused = await db.InTransactionAsync<ProblemHttpResult?>(async token =>
        {
            db.ChangeTracker.Clear();
            var purchase = await db.LockPurchaseAsync(id, token);
            if (purchase is null)
                return NotFound(id);
            if (purchase.Status is not (PurchaseStatus.Paid or PurchaseStatus.RefundPending) || purchase.PaymentIntentId is null)
                return Problems.Of(StatusCodes.Status409Conflict, ErrorCodes.PurchaseWrongState, $"A purchase that is {purchase.Status} cannot be refunded.");
            pending = purchase;
            if (purchase.Status == PurchaseStatus.Paid)
            {
                var now = clock.GetUtcNow();
                purchase.Status = PurchaseStatus.RefundPending;
                purchase.RefundRequestedAt = now;
                purchase.RefundRequestedBy = admin.Id;
                purchase.RefundReason = reason;
                purchase.UpdatedAt = now;
                db.Audit(AuditActions.PurchaseRefundRequest, "purchase", purchase.Id, admin.Id, now,
                    before: new { status = nameof(PurchaseStatus.Paid) }, after: new { status = nameof(PurchaseStatus.RefundPending), reason },
                    metadata: new { purchase.ListingId, purchase.BuyerId, purchase.SellerId, amountMinor = purchase.AmountMinor - purchase.RefundedMinor },
                    ipAddress: ipAddress);
            }
            return null;
        }, ct);
        if (refused is not null)
            return new(null, refused);
        try
        {
            await provider.RequestRefundAsync(id, pending!.PaymentIntentId!, pending.AmountMinor - pending.RefundedMinor, pending.RefundedMinor, ct);
        }
        catch (PaymentUnavailableException)
        {
            return Refused(StatusCodes.Status503ServiceUnavailable, ErrorCodes.PaymentUnavailable,
                "The payment provider could not take the refund. Ask again: it is made once, however often it is asked.");
        }
        return new(await GetAsync(id, admin, ct));
    }

    public async Task<IReadOnlyList<PayableResponse>> PayablesAsync(CancellationToken ct)
    {
        var balances = await db.SellerBalances().Where(b => b.OwedMinor != 0).ToListAsync(ct);
        var sellerIds = balances.Select(b => b.SellerId).ToList();
        var sellers = await db.Users.AsNoTracking().Where(u => sellerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        return [.. balances.OrderByDescending(b => b.OwedMinor).Select(b => new PayableResponse(sellers[b.SellerId].ToSummary(), b.Currency, b.OwedMinor))];
    }

    public Task<List<LedgerAccountTotal>> LedgerTotalsAsync(CancellationToken ct) =>
        db.LedgerEntries.GroupBy(e => new { e.Account, e.Currency })
            .OrderBy(g => g.Key.Account).ThenBy(g => g.Key.Currency)
            .Select(g => new LedgerAccountTotal(g.Key.Account, g.Key.Currency, g.Sum(e => e.AmountMinor))).ToListAsync(ct);

    /// <summary>An admin records paying a seller (outside the platform): at most what the seller is owed, never twice by a race.</summary>
    public async Task<Outcome<PayableResponse>> RecordPayoutAsync(Viewer admin, Guid sellerId, long amountMinor,
        string currency, string? reference, string? ipAddress, CancellationToken ct)
    {
        var seller = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == sellerId, ct);
        if (seller is null)
            return new(null, Problems.Of(StatusCodes.Status404NotFound, ErrorCodes.PayoutInvalid, $"There is no seller {sellerId}."));
        var outcome = await db.InTransactionAsync<(ProblemHttpResult? Refused, long Owed)>(async token =>
        {
            db.ChangeTracker.Clear();
            // Two admins paying the same seller at once take turns, so both cannot pay the same debt.
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({"payout:" + sellerId}))", token);
            var owed = await db.SellerBalances().Where(b => b.SellerId == sellerId && b.Currency == currency).Select(b => b.OwedMinor).SingleOrDefaultAsync(token);
            if (amountMinor > owed)
                return (Problems.Of(StatusCodes.Status409Conflict, ErrorCodes.PayoutInvalid,
                    $"{seller.UserName} is owed {owed} (minor units of {currency}): a payout of {amountMinor} is more."), owed);
            var now = clock.GetUtcNow();
            var booked = db.BookPayout(sellerId, amountMinor, currency, admin.Id, reference, now);
            db.Audit(AuditActions.PayoutMarkPaid, "user", sellerId, admin.Id, now, before: new { owedMinor = owed },
                after: new { owedMinor = owed - amountMinor }, metadata: new { amountMinor, currency, reference, ledgerTransactionId = booked.Id },
                ipAddress: ipAddress);
            return (null, owed - amountMinor);
        }, ct);
        return outcome.Refused is { } refused ? new(null, refused) : new(new PayableResponse(seller.ToSummary(), currency, outcome.Owed));
    }

    public static ProblemHttpResult NotFound(Guid id) =>
        Problems.Of(StatusCodes.Status404NotFound, ErrorCodes.PurchaseNotFound, $"There is no purchase {id} you may see.");

    private static ProblemHttpResult Unavailable(Listing listing) =>
        Problems.Of(StatusCodes.Status409Conflict, ErrorCodes.PurchaseUnavailable, listing.Status == ListingStatus.Sold
            ? "This listing has been sold."
            : "Someone else is buying this listing right now. If they do not pay, it is offered again.");

    private static Outcome<PurchaseResponse> Refused(int status, string code, string detail) => new(null, Problems.Of(status, code, detail));

    private IQueryable<Purchase> Visible(Viewer viewer)
    {
        var query = db.Purchases.AsNoTracking().Include(p => p.Buyer).Include(p => p.Seller).Include(p => p.Listing);
        return viewer.Role == UserRole.Admin ? query : query.Where(p => p.BuyerId == viewer.Id || p.SellerId == viewer.Id);
    }

    private async Task<Page<PurchaseResponse>> PageAsync(IQueryable<Purchase> scope, Viewer viewer, (DateTimeOffset At, Guid Id)? after, int take,
        CancellationToken ct)
    {
        var query = scope.AsNoTracking().Include(p => p.Buyer).Include(p => p.Seller).Include(p => p.Listing).AsQueryable();
        if (after is { } a)
            query = query.Where(p => p.CreatedAt < a.At || (p.CreatedAt == a.At && p.Id.CompareTo(a.Id) < 0));
        var page = await query.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).Take(take + 1).ToListAsync(ct);
        return new([.. page.Take(take).Select(p => Describe(p, viewer))],
            page.Count > take ? Cursor.Encode(page[take - 1].CreatedAt, page[take - 1].Id) : null);
    }

    private static PurchaseResponse Describe(Purchase p, Viewer viewer) =>
        new(p.Id, p.ListingId, p.Listing!.Title, p.Buyer!.ToSummary(), p.Seller!.ToSummary(), p.AmountMinor, p.FeeMinor, p.Currency,
            p.Status.ToString(), p.Status == PurchaseStatus.Pending && p.BuyerId == viewer.Id ? p.CheckoutUrl : null, p.CreatedAt, p.ExpiresAt,
            p.PaidAt, p.RefundedMinor, p.RefundedAt, p.RefundReason);
}
