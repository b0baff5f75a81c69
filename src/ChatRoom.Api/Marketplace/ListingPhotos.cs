using ChatRoom.Chat.Attachments;
using ChatRoom.Chat.Verification;
using Microsoft.Extensions.Options;

namespace ChatRoom.Api.Marketplace;

/// <summary>
/// Photos of listings: up to <see cref="ListingPhoto.MaxPerListing"/>, added and taken off by the seller while the listing
/// can still change, images by their bytes only, kept in private storage and streamed to whoever may see the listing.
/// </summary>
public sealed class ListingPhotos(
    ChatDbContext db,
    ListingPhotoStorage storage,
    Listings listings,
    IOptions<AttachmentOptions> limits,
    TimeProvider clock,
    ILogger<ListingPhotos> logger)
{
    public long MaxBytes => limits.Value.MaxBytes;

    public async Task<ListingOutcome> AddAsync(Guid listingId, Viewer viewer, Stream content, long size, CancellationToken ct)
    {
        if (!storage.Available)
            return new(null, Problem: Problems.Of(StatusCodes.Status503ServiceUnavailable, ErrorCodes.AttachmentUnavailable,
                "Photos cannot be added here: no file storage is configured."));
        var head = new byte[AttachmentTypes.BytesNeeded];
        var read = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        if (AttachmentTypes.Detect(head.AsSpan(0, read), "photo") is not { } contentType || !AttachmentTypes.IsImage(contentType))
            return Invalid("A photo is a PNG, JPEG, GIF or WebP image (judged by its content).");
        content.Position = 0;

        var now = clock.GetUtcNow();
        var photo = new ListingPhoto { Id = Guid.CreateVersion7(now), ListingId = listingId, BlobName = "", ContentType = contentType, SizeBytes = size, CreatedAt = now };
        photo.BlobName = PrivateBlobs.BlobNameFor(viewer.Id, photo.Id);
        // The file first (a row without its file would show a broken photo); one the listing turns down is deleted again.
        if (!await storage.TryUploadAsync(photo.BlobName, content, contentType, logger, $"photo {photo.Id} of listing {listingId}", ct))
            return new(null, Problem: Problems.Of(StatusCodes.Status503ServiceUnavailable, ErrorCodes.AttachmentUnavailable,
                "The photo could not be stored just now. Try again in a few minutes."));
        var outcome = await listings.ChangeAsync(listingId, viewer, async (listing, _, token) =>
        {
            if (Editable(listing, viewer, listingId) is { } refused)
                return refused;
            // Counted under the listing's lock: two uploads at once cannot make a seventh.
            var positions = await db.ListingPhotos.Where(p => p.ListingId == listingId && p.RemovedAt == null).Select(p => p.Position).ToListAsync(token);
            if (positions.Count >= ListingPhoto.MaxPerListing)
                return Problems.Of(StatusCodes.Status400BadRequest, ErrorCodes.ListingPhotoInvalid, $"A listing has at most {ListingPhoto.MaxPerListing} photos.");
            photo.Position = positions.Count == 0 ? 0 : positions.Max() + 1;
            db.ListingPhotos.Add(photo);
            return null;
        }, ct);
        if (outcome.Value is null)
            await storage.DeleteAsync(photo.BlobName, CancellationToken.None);
        return outcome;
    }

    public async Task<ListingOutcome> RemoveAsync(Guid listingId, Guid photoId, Viewer viewer, CancellationToken ct)
    {
        string? blob = null;
        var outcome = await listings.ChangeAsync(listingId, viewer, async (listing, now, token) =>
        {
            if (Editable(listing, viewer, listingId) is { } refused)
                return refused;
            var photo = await db.ListingPhotos.SingleOrDefaultAsync(p => p.Id == photoId && p.ListingId == listingId && p.RemovedAt == null, token);
            if (photo is null)
                return Problems.Of(StatusCodes.Status404NotFound, ErrorCodes.ListingNotFound, $"The listing has no photo {photoId}.");
            photo.RemovedAt = now;
            blob = photo.BlobName;
            return null;
        }, ct);
        if (blob is not null && outcome.Value is not null)
            await storage.DeleteAsync(blob, CancellationToken.None);
        return outcome;
    }

    /// <summary>The photo for whoever may see its listing; null when there is none for them.</summary>
    public async Task<(string ContentType, Stream Content)?> OpenAsync(Guid photoId, Viewer viewer, CancellationToken ct)
    {
        var photo = await db.ListingPhotos.AsNoTracking().SingleOrDefaultAsync(p => p.Id == photoId && p.RemovedAt == null, ct);
        if (photo is null || await listings.GetAsync(photo.ListingId, viewer, ct) is null || await storage.OpenAsync(photo.BlobName, ct) is not { } content)
            return null;
        return (photo.ContentType, content);
    }

    private static ProblemHttpResult? Editable(Listing listing, Viewer viewer, Guid listingId) =>
        listing.SellerId != viewer.Id ? Listings.NotFound(listingId)
        : listing.Status is ListingStatus.Draft or ListingStatus.Listed or ListingStatus.Withdrawn ? null
        : Listings.WrongState(listing, "changed");

    private static ListingOutcome Invalid(string detail) =>
        new(null, Problem: Problems.Of(StatusCodes.Status400BadRequest, ErrorCodes.ListingPhotoInvalid, detail));
}
