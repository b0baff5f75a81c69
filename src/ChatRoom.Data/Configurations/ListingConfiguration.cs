using ChatRoom.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatRoom.Data.Configurations;

internal sealed class ListingConfiguration : IEntityTypeConfiguration<Listing>
{
    public void Configure(EntityTypeBuilder<Listing> listing)
    {
        listing.Property(l => l.Title).HasMaxLength(Listing.MaxTitleLength);
        listing.Property(l => l.Description).HasMaxLength(Listing.MaxDescriptionLength);
        listing.Property(l => l.Category).HasMaxLength(Listing.MaxCategoryLength);
        listing.Property(l => l.Currency).HasMaxLength(3).IsFixedLength();
        listing.Property(l => l.RemovalReason).HasMaxLength(Listing.MaxReasonLength);
        listing.HasOne(l => l.Seller).WithMany().HasForeignKey(l => l.SellerId).OnDelete(DeleteBehavior.Restrict);
        listing.ToTable(t => t.HasCheckConstraint("ck_listings_price", "price_minor > 0"));
        // Browsing: what is on offer, newest first (by category too).
        listing.HasIndex(l => new { l.ListedAt, l.Id }).HasFilter("status = 'Listed'");
        listing.HasIndex(l => new { l.Category, l.ListedAt }).HasFilter("status = 'Listed'");
        // A seller's own listings.
        listing.HasIndex(l => new { l.SellerId, l.CreatedAt });
        listing.HasMany(l => l.Photos).WithOne().HasForeignKey(p => p.ListingId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ListingPhotoConfiguration : IEntityTypeConfiguration<ListingPhoto>
{
    public void Configure(EntityTypeBuilder<ListingPhoto> photo)
    {
        photo.Property(p => p.BlobName).HasMaxLength(Attachment.MaxBlobNameLength);
        photo.Property(p => p.ContentType).HasMaxLength(Attachment.MaxContentTypeLength);
        photo.HasIndex(p => new { p.ListingId, p.Position });
    }
}
