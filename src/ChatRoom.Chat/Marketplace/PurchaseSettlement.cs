namespace ChatRoom.Chat.Marketplace;

/// <summary>What processing a provider's event did.</summary>
public static class SettlementOutcomes
{
    public const string Applied = "applied";
    public const string Ignored = "ignored";
    public const string Unmatched = "unmatched";
    public const string Mismatch = "mismatch";
    public const string Duplicate = "duplicate";
}

/// <summary>
/// How a purchase ends, written once for the webhook (the provider's events), the Worker (reservations never paid) and
/// the Api (a checkout that could not start). Each runs inside the caller's database transaction: the purchase and its
/// listing are locked (<see cref="MarketplaceLocks"/>), and the state change, its ledger entries and its audit entry are
/// saved together. Each is safe to run again: what already happened is left as it is.
/// </summary>
public sealed class PurchaseSettlement(ChatDbContext db, ILogger<PurchaseSettlement> logger)
{
    /// <summary>The buyer paid <paramref name="amountMinor"/>: the purchase is paid, the listing sold, the money booked.</summary>
    public async Task<string> PaidAsync(Guid purchaseId, string? paymentIntentId, long amountMinor, string currency, string eventId,
        DateTimeOffset now, CancellationToken ct)
    {
        if (await db.LockPurchaseAsync(purchaseId, ct) is not { } purchase)
            return SettlementOutcomes.Unmatched;
        if (purchase.Status is PurchaseStatus.Paid or PurchaseStatus.RefundPending or PurchaseStatus.Refunded)
            return SettlementOutcomes.Ignored;
        if (amountMinor != purchase.AmountMinor || !string.Equals(currency, purchase.Currency, StringComparison.OrdinalIgnoreCase))
        {
            logger.LogError("Payment event {EventId} for purchase {PurchaseId} reports {Amount} {Currency}, not {Expected} {ExpectedCurrency}: not booked",
                eventId, purchase.Id, amountMinor, currency, purchase.AmountMinor, purchase.Currency);
            return SettlementOutcomes.Mismatch;
        }
        var listing = (await db.LockListingAsync(purchase.ListingId, ct))!;
        var before = purchase.Status;
        // Paid after its reservation ended (the checkout should have expired with it): the money is real and is booked;
        // if the listing went to someone else meanwhile, an admin refunds this buyer.
        var late = before != PurchaseStatus.Pending;
        var soldToBuyer = listing.Status is ListingStatus.Listed || (listing.Status == ListingStatus.Reserved && !late);
        purchase.Status = PurchaseStatus.Paid;
        purchase.PaidAt = now;
        purchase.PaymentIntentId = paymentIntentId;
        purchase.UpdatedAt = now;
        if (soldToBuyer)
        {
            listing.Status = ListingStatus.Sold;
            listing.UpdatedAt = now;
        }
        else
        {
            logger.LogError("Purchase {PurchaseId} was paid after its reservation ended and listing {ListingId} is {Status}: refund the buyer",
                purchase.Id, listing.Id, listing.Status);
        }
        db.BookPayment(purchase, eventId, now);
        db.Audit(AuditActions.PurchasePaid, "purchase", purchase.Id, actorId: null, now,
            before: new { status = before.ToString() }, after: new { status = purchase.Status.ToString(), listingStatus = listing.Status.ToString() },
            metadata: new { purchase.ListingId, purchase.BuyerId, purchase.SellerId, purchase.AmountMinor, purchase.FeeMinor, eventId, late, soldToBuyer });
        return SettlementOutcomes.Applied;
    }

    /// <summary>
    /// The purchase ends unpaid (<see cref="PurchaseStatus.Expired"/>, or <see cref="PurchaseStatus.Failed"/> when its
    /// checkout could not start): the listing is on offer again.
    /// </summary>
    public async Task<string> ReleaseAsync(Guid purchaseId, PurchaseStatus to, string? eventId, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.LockPurchaseAsync(purchaseId, ct) is not { } purchase)
            return SettlementOutcomes.Unmatched;
        if (purchase.Status != PurchaseStatus.Pending)
            return SettlementOutcomes.Ignored;
        var listing = (await db.LockListingAsync(purchase.ListingId, ct))!;
        purchase.Status = to;
        purchase.UpdatedAt = now;
        // Only one purchase is ever pending for a listing, so a reserved listing is held by this one.
        if (listing.Status == ListingStatus.Reserved)
        {
            listing.Status = ListingStatus.Listed;
            listing.UpdatedAt = now;
        }
        db.Audit(to == PurchaseStatus.Failed ? AuditActions.PurchaseFail : AuditActions.PurchaseExpire, "purchase", purchase.Id, actorId: null, now,
            before: new { status = nameof(PurchaseStatus.Pending) }, after: new { status = to.ToString(), listingStatus = listing.Status.ToString() },
            metadata: new { purchase.ListingId, purchase.BuyerId, eventId });
        return SettlementOutcomes.Applied;
    }

    /// <summary>The provider reports <paramref name="refundedTotal"/> refunded in all: what is new is booked back.</summary>
    public async Task<string> RefundedAsync(Guid purchaseId, long refundedTotal, string eventId, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.LockPurchaseAsync(purchaseId, ct) is not { } purchase)
            return SettlementOutcomes.Unmatched;
        if (purchase.Status is not (PurchaseStatus.Paid or PurchaseStatus.RefundPending) || refundedTotal <= purchase.RefundedMinor)
            return SettlementOutcomes.Ignored;
        if (refundedTotal > purchase.AmountMinor)
        {
            logger.LogError("Refund event {EventId} for purchase {PurchaseId} reports {Refunded} refunded of {Amount}: not booked",
                eventId, purchase.Id, refundedTotal, purchase.AmountMinor);
            return SettlementOutcomes.Mismatch;
        }
        var before = purchase.Status;
        db.BookRefund(purchase, purchase.RefundedMinor, refundedTotal, eventId, now);
        purchase.RefundedMinor = refundedTotal;
        purchase.UpdatedAt = now;
        if (refundedTotal == purchase.AmountMinor)
        {
            purchase.Status = PurchaseStatus.Refunded;
            purchase.RefundedAt = now;
        }
        db.Audit(AuditActions.PurchaseRefunded, "purchase", purchase.Id, actorId: null, now,
            before: new { status = before.ToString() }, after: new { status = purchase.Status.ToString(), refundedMinor = refundedTotal },
            metadata: new { purchase.ListingId, purchase.BuyerId, purchase.SellerId, eventId });
        return SettlementOutcomes.Applied;
    }
}
