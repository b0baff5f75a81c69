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
