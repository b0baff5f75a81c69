using System.ComponentModel.DataAnnotations;

namespace ChatRoom.Api.Marketplace;

public sealed class MarketplaceOptions
{
    public const string SectionName = "Marketplace";

    /// <summary>The installation's currency (ISO 4217): every price is in its minor units.</summary>
    [Required, RegularExpression("^[A-Z]{3}$", ErrorMessage = "Marketplace:Currency must be an ISO 4217 code such as EUR.")]
    public string Currency { get; set; } = "EUR";

    /// <summary>The highest price a listing may ask, in minor units.</summary>
    [Range(1, 100_000_000_00)]
    public long MaxPriceMinor { get; set; } = 1_000_000_00;

    /// <summary>The platform's fee on each sale, in hundredths of a percent of the price (500: 5 %), rounded down.</summary>
    [Range(0, 5000, ErrorMessage = "Marketplace:FeeBasisPoints is from 0 to 5000 (50 %).")]
    public int FeeBasisPoints { get; set; } = 500;

    /// <summary>
    /// How many listings one buyer may hold at once while paying: without a bound, one member could keep every listing
    /// reserved and unsold.
    /// </summary>
    [Range(1, 100)]
    public int MaxPendingPurchases { get; set; } = 3;
}

/// <summary>The categories listings are filed under; a client shows them in its own words.</summary>
public static class ListingCategories
{
    public static readonly IReadOnlyList<string> All =
        ["books", "electronics", "clothing", "home", "art", "music", "games", "sports", "services", "other"];
}

/// <summary>A draft or a change of a listing; every field is required (a change sends the whole listing).</summary>
public sealed record ListingRequest(string? Title, string? Description, string? Category, long? PriceMinor);

/// <summary>
/// A listing as clients see it. <see cref="Status"/> is <c>Draft</c>, <c>Listed</c>, <c>Reserved</c>, <c>Sold</c>,
/// <c>Withdrawn</c> or <c>Removed</c>; <see cref="RemovalReason"/> only for its seller and moderators. <see cref="PhotoIds"/>
/// in order, each fetched from <c>GET /api/marketplace/photos/{id}</c>.
/// </summary>
public sealed record ListingResponse(
    Guid Id, UserSummary Seller, string Title, string Description, string Category, long PriceMinor, string Currency,
    string Status, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? ListedAt, string? RemovalReason,
    IReadOnlyList<Guid> PhotoIds);

public sealed record RemoveListingRequest(string? Reason);

/// <summary>
/// A purchase as its buyer, its seller and admins see it. <see cref="Status"/> is <c>Pending</c> (the listing is held
/// until <see cref="ExpiresAt"/> while the buyer pays at <see cref="CheckoutUrl"/>), <c>Paid</c>, <c>Expired</c>,
/// <c>Failed</c> (the checkout could not start), <c>RefundPending</c> or <c>Refunded</c>. <see cref="CheckoutUrl"/>
/// only for the buyer, while pending.
/// </summary>
public sealed record PurchaseResponse(
    Guid Id, Guid ListingId, string ListingTitle, UserSummary Buyer, UserSummary Seller, long AmountMinor, long FeeMinor,
    string Currency, string Status, string? CheckoutUrl, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? PaidAt,
    long RefundedMinor, DateTimeOffset? RefundedAt, string? RefundReason);

public sealed record RefundPurchaseRequest(string? Reason);

/// <summary>What the platform owes one seller (negative: what they owe it, after a refund of money already paid out).</summary>
public sealed record PayableResponse(UserSummary Seller, string Currency, long OwedMinor);

/// <summary>A payout an admin made outside the platform (a bank transfer), recorded against the seller's balance.</summary>
public sealed record PayoutRequest(long? AmountMinor, string? Currency, string? Reference);

/// <summary>The ledger's accounts in total: the provider's balance, the platform's fees, and what all sellers are owed.</summary>
public sealed record LedgerAccountTotal(string Account, string Currency, long BalanceMinor);
