namespace ChatRoom.Chat.Marketplace;

/// <summary>A seller's payable balance: what the platform owes them (negative when they owe it, after a refund of money already paid out).</summary>
// Properties set by an initializer, not a constructor: queries go on filtering by them in SQL.
public sealed record SellerBalance
{
    public Guid SellerId { get; init; }
    public required string Currency { get; init; }
    public long OwedMinor { get; init; }
}

/// <summary>
/// Books money's movements as balanced double entries on the context's pending changes, so they commit with the state
/// change and the audit entry they belong to. Debits are positive, credits negative; the database checks the balance again.
/// </summary>
public static class Ledger
{
    /// <summary>The buyer paid: the provider holds the money, the fee is the platform's, the rest is owed to the seller.</summary>
    public static LedgerTransaction BookPayment(this ChatDbContext db, Purchase purchase, string eventId, DateTimeOffset at) =>
        db.Book(LedgerKind.Payment, purchase.Currency, at, purchase.Id, eventId, actorId: null, memo: null,
            (LedgerAccounts.ProviderClearing, null, purchase.AmountMinor),
            (LedgerAccounts.PlatformFees, null, -purchase.FeeMinor),
            (LedgerAccounts.SellerPayable, purchase.SellerId, -(purchase.AmountMinor - purchase.FeeMinor)));

    /// <summary>
    /// The provider gave money back: the fee and the seller's share are taken back in proportion, rounded so that a
    /// whole refund, in however many parts, takes back exactly the fee and the share.
    /// </summary>
    public static LedgerTransaction BookRefund(this ChatDbContext db, Purchase purchase, long refundedBefore, long refundedAfter, string eventId,
        DateTimeOffset at)
    {
        var feeBack = FeeShare(purchase, refundedAfter) - FeeShare(purchase, refundedBefore);
        var refunded = refundedAfter - refundedBefore;
        return db.Book(LedgerKind.Refund, purchase.Currency, at, purchase.Id, eventId, actorId: null, memo: null,
            (LedgerAccounts.ProviderClearing, null, -refunded),
            (LedgerAccounts.PlatformFees, null, feeBack),
            (LedgerAccounts.SellerPayable, purchase.SellerId, refunded - feeBack));
    }

    /// <summary>An admin paid a seller outside the platform (a bank transfer): the provider's balance pays the debt.</summary>
    public static LedgerTransaction BookPayout(this ChatDbContext db, Guid sellerId, long amountMinor, string currency, Guid actorId, string? memo,
        DateTimeOffset at) =>
        db.Book(LedgerKind.Payout, currency, at, purchaseId: null, eventId: null, actorId, memo,
            (LedgerAccounts.SellerPayable, sellerId, amountMinor),
            (LedgerAccounts.ProviderClearing, null, -amountMinor));

    /// <summary>Every seller's payable balance (owed to them: positive), by currency.</summary>
    public static IQueryable<SellerBalance> SellerBalances(this ChatDbContext db) =>
        db.LedgerEntries.Where(e => e.Account == LedgerAccounts.SellerPayable)
            .GroupBy(e => new { e.SellerId, e.Currency })
            .Select(g => new SellerBalance { SellerId = g.Key.SellerId!.Value, Currency = g.Key.Currency, OwedMinor = -g.Sum(e => e.AmountMinor) });

    private static long FeeShare(Purchase purchase, long refunded) =>
        refunded >= purchase.AmountMinor ? purchase.FeeMinor : (long)((Int128)purchase.FeeMinor * refunded / purchase.AmountMinor);

    private static LedgerTransaction Book(this ChatDbContext db, LedgerKind kind, string currency, DateTimeOffset at, Guid? purchaseId,
        string? eventId, Guid? actorId, string? memo, params (string Account, Guid? SellerId, long Amount)[] lines)
    {
        if (lines.Sum(l => l.Amount) != 0)
            throw new InvalidOperationException($"A {kind} ledger transaction does not balance: {string.Join(", ", lines)}.");
        var transaction = new LedgerTransaction
        {
            Id = Guid.CreateVersion7(at),
            Kind = kind,
            PurchaseId = purchaseId,
            PaymentEventId = eventId,
            ActorId = actorId,
            Currency = currency,
            Memo = memo,
            CreatedAt = at,
        };
        // A fee of nothing (or a share of nothing) is no movement: the database takes no zero entries.
        foreach (var (account, sellerId, amount) in lines.Where(l => l.Amount != 0))
        {
            transaction.Entries.Add(new LedgerEntry
            {
                Id = Guid.CreateVersion7(at),
                TransactionId = transaction.Id,
                Account = account,
                SellerId = sellerId,
                AmountMinor = amount,
                Currency = currency,
            });
        }
        db.LedgerTransactions.Add(transaction);
        return transaction;
    }
}
