namespace ChatRoom.Data.Entities;

/// <summary>Where a listing is in its life: drafted, offered, held for a buyer, sold, or taken off by its seller or a moderator.</summary>
public enum ListingStatus
{
    Draft,
    Listed,
    Reserved,
    Sold,
    Withdrawn,
    Removed,
}

/// <summary>Something a member offers in the marketplace, at a price in the installation's currency (minor units).</summary>
public sealed class Listing
{
    public const int MaxTitleLength = 120;
    public const int MaxDescriptionLength = 4000;
    public const int MaxCategoryLength = 32;
    public const int MaxReasonLength = 500;

    public Guid Id { get; set; }
    public Guid SellerId { get; set; }
    public User? Seller { get; set; }
    public required string Title { get; set; }
    public required string Description { get; set; }
    public required string Category { get; set; }

    /// <summary>The price in minor units (cents) of <see cref="Currency"/>, as it was when listed.</summary>
    public long PriceMinor { get; set; }

    /// <summary>ISO 4217 code, fixed per installation; kept on the row so a changed setting never reprices a listing.</summary>
    public required string Currency { get; set; }

    public ListingStatus Status { get; set; } = ListingStatus.Draft;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When it was first offered: the browse order (newest first).</summary>
    public DateTimeOffset? ListedAt { get; set; }

    /// <summary>Why a moderator removed it, told to its seller.</summary>
    public string? RemovalReason { get; set; }

    public List<ListingPhoto> Photos { get; set; } = [];
}

/// <summary>A photo of a listing, in private blob storage under <see cref="BlobName"/>; shown in <see cref="Position"/> order.</summary>
public sealed class ListingPhoto
{
    public const int MaxPerListing = 6;

    public Guid Id { get; set; }
    public Guid ListingId { get; set; }
    public required string BlobName { get; set; }

    /// <summary>As read from the file's first bytes: an image type a browser shows.</summary>
    public required string ContentType { get; set; }

    public long SizeBytes { get; set; }
    public int Position { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When its seller took it off the listing (the file is deleted then); the row stays.</summary>
    public DateTimeOffset? RemovedAt { get; set; }
}
