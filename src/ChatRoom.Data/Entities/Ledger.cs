namespace ChatRoom.Data.Entities;

public enum LedgerKind
{
    Payment,
    Refund,
    Payout,
}

/// <summary>
/// The accounts money moves between. Amounts are signed: a debit is positive, a credit negative, and every
/// transaction's entries add up to zero (the database refuses one that does not, at commit).
/// </summary>
public static class LedgerAccounts
{
    /// <summary>Money the payment provider holds for the platform (an asset: positive while it holds some).</summary>
    public const string ProviderClearing = "provider_clearing";

    /// <summary>The platform's fees (income: negative as it earns).</summary>
    public const string PlatformFees = "platform_fees";

    /// <summary>What is owed to one seller (<see cref="LedgerEntry.SellerId"/>; a liability: negative while owed).</summary>
    public const string SellerPayable = "seller_payable";
}

/// <summary>
/// One movement of money, as balanced entries: a buyer's payment, a refund, or a payout to a seller. Written once, in
/// the same database transaction as the state change it belongs to and its audit entry; never changed or deleted.
/// </summary>
public sealed class LedgerTransaction
{
    public const int MaxMemoLength = 500;

    public Guid Id { get; set; }
    public LedgerKind Kind { get; set; }
    public Guid? PurchaseId { get; set; }

    /// <summary>The provider's event it was booked from (payments and refunds), for reconciliation.</summary>
    public string? PaymentEventId { get; set; }

    /// <summary>Who booked it: null for the provider's events, the admin for a payout.</summary>
    public Guid? ActorId { get; set; }

    public required string Currency { get; set; }
    public string? Memo { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<LedgerEntry> Entries { get; set; } = [];
}

public sealed class LedgerEntry
{
    public const int MaxAccountLength = 32;

    public Guid Id { get; set; }
    public Guid TransactionId { get; set; }
    public required string Account { get; set; }

    /// <summary>Whose account, for <see cref="LedgerAccounts.SellerPayable"/>.</summary>
    public Guid? SellerId { get; set; }

    /// <summary>Minor units; debit positive, credit negative, never zero.</summary>
    public long AmountMinor { get; set; }

    public required string Currency { get; set; }
}
