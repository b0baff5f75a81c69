using ChatRoom.Chat.Marketplace;
using Microsoft.Extensions.Options;

namespace ChatRoom.Api.Marketplace;

public enum ListingChange
{
    Publish,
    Withdraw,
    Remove,
}

/// <summary>A listing, or why not: a validation problem (400) or another problem (403, 404, 409).</summary>
public sealed record ListingOutcome(ListingResponse? Value, ValidationProblem? Invalid = null, ProblemHttpResult? Problem = null)
{
    public Results<Ok<ListingResponse>, ValidationProblem, ProblemHttpResult> ToResult() =>
        Value is not null ? TypedResults.Ok(Value) : Invalid is not null ? Invalid : Problem!;
}

/// <summary>
/// Listings and their life: members with a verified phone draft, offer, change and withdraw their own; moderators
/// remove any. Offering, withdrawing and removing are audited in the same transaction as the change. Everyone signed in
/// (guests too) sees what is on offer, reserved or sold; drafts, withdrawn and removed listings only their seller and
/// moderators.
/// </summary>
public sealed class Listings(ChatDbContext db, IOptions<MarketplaceOptions> options, TimeProvider clock)
{
    private static readonly ListingStatus[] Public = [ListingStatus.Listed, ListingStatus.Reserved, ListingStatus.Sold];

    // Which states each change starts from, where it leads, and how it is audited. A sold listing stays sold.
    private static readonly Dictionary<ListingChange, (ListingStatus[] From, ListingStatus To, string Action)> Transitions = new()
    {
        [ListingChange.Publish] = ([ListingStatus.Draft, ListingStatus.Withdrawn], ListingStatus.Listed, AuditActions.ListingPublish),
        [ListingChange.Withdraw] = ([ListingStatus.Draft, ListingStatus.Listed], ListingStatus.Withdrawn, AuditActions.ListingWithdraw),
        [ListingChange.Remove] = ([ListingStatus.Draft, ListingStatus.Listed, ListingStatus.Withdrawn, ListingStatus.Reserved],
            ListingStatus.Removed, AuditActions.ListingRemove),
    };

    public async Task<ListingOutcome> CreateAsync(Viewer viewer, ListingRequest request, CancellationToken ct)
    {
        if (Invalid(request) is { } invalid)
            return new(null, invalid);
        if (await PhoneRequiredAsync(viewer, ct) is { } refused)
            return new(null, Problem: refused);
        var now = clock.GetUtcNow();
        var listing = new Listing
        {
            Id = Guid.CreateVersion7(now),
            SellerId = viewer.Id,
            Title = request.Title!.Trim(),
            Description = request.Description?.Trim() ?? "",
            Category = request.Category!,
            PriceMinor = request.PriceMinor!.Value,
            Currency = options.Value.Currency,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Listings.Add(listing);
        await db.SaveChangesAsync(ct);
        return new(await GetAsync(listing.Id, viewer, ct));
    }

    public async Task<ListingResponse?> GetAsync(Guid id, Viewer viewer, CancellationToken ct)
    {
        var listing = await db.Listings.AsNoTracking().Include(l => l.Seller).Include(l => l.Photos.Where(p => p.RemovedAt == null).OrderBy(p => p.Position)).SingleOrDefaultAsync(l => l.Id == id, ct);
        return listing is not null && MaySee(listing, viewer) ? Describe(listing, viewer) : null;
    }

    public Task<ListingOutcome> UpdateAsync(Guid id, Viewer viewer, ListingRequest request, CancellationToken ct)
    {
        if (Invalid(request) is { } invalid)
            return Task.FromResult(new ListingOutcome(null, invalid));
        return ChangeAsync(id, viewer, (listing, _) =>
        {
            if (listing.SellerId != viewer.Id)
                return NotFound(id);
            if (listing.Status is not (ListingStatus.Draft or ListingStatus.Listed or ListingStatus.Withdrawn))
                return WrongState(listing, "changed");
            listing.Title = request.Title!.Trim();
            listing.Description = request.Description?.Trim() ?? "";
            listing.Category = request.Category!;
            listing.PriceMinor = request.PriceMinor!.Value;
            return null;
        }, ct);
    }

    public async Task<ListingOutcome> ChangeStatusAsync(Guid id, Viewer viewer, ListingChange change, string? reason, string? ipAddress,
        CancellationToken ct)
    {
        if (change == ListingChange.Publish && await PhoneRequiredAsync(viewer, ct) is { } refused)
            return new(null, Problem: refused);
        return await ChangeAsync(id, viewer, (listing, now) =>
        {
            if (change != ListingChange.Remove && listing.SellerId != viewer.Id)
                return NotFound(id);
            var before = listing.Status;
            var (from, to, action) = Transitions[change];
            if (!from.Contains(before))
                return WrongState(listing, change switch
                {
                    ListingChange.Publish => "offered",
                    ListingChange.Withdraw => "withdrawn",
                    _ => "removed",
                });
            listing.Status = to;
            if (to == ListingStatus.Listed)
                listing.ListedAt = now;
            if (to == ListingStatus.Removed)
                listing.RemovalReason = reason;
            db.Audit(action, "listing", listing.Id, viewer.Id, now, before: new { status = before.ToString() },
                after: new { status = to.ToString(), reason }, metadata: new { sellerId = listing.SellerId }, ipAddress: ipAddress);
            return null;
        }, ct);
    }

    public async Task<Page<ListingResponse>> BrowseAsync(Viewer viewer, string? words, string? category, long? minPrice, long? maxPrice,
        (DateTimeOffset At, Guid Id)? after, int take, CancellationToken ct)
    {
        var query = db.Listings.AsNoTracking().Include(l => l.Seller).Include(l => l.Photos.Where(p => p.RemovedAt == null).OrderBy(p => p.Position)).Where(l => l.Status == ListingStatus.Listed);
        if (!string.IsNullOrEmpty(words))
            query = query.Where(l => EF.Functions.ToTsVector("simple", l.Title + " " + l.Description)
                .Matches(EF.Functions.WebSearchToTsQuery("simple", words)));
        if (category is not null)
            query = query.Where(l => l.Category == category);
        if (minPrice is { } min)
            query = query.Where(l => l.PriceMinor >= min);
        if (maxPrice is { } max)
            query = query.Where(l => l.PriceMinor <= max);
        if (after is { } a)
            query = query.Where(l => l.ListedAt < a.At || (l.ListedAt == a.At && l.Id.CompareTo(a.Id) < 0));
        var page = await query.OrderByDescending(l => l.ListedAt).ThenByDescending(l => l.Id).Take(take + 1).ToListAsync(ct);
        return new([.. page.Take(take).Select(l => Describe(l, viewer))],
            page.Count > take ? Cursor.Encode(page[take - 1].ListedAt!.Value, page[take - 1].Id) : null);
    }

    public async Task<Page<ListingResponse>> OfSellerAsync(Viewer viewer, (DateTimeOffset At, Guid Id)? after, int take, CancellationToken ct)
    {
        var query = db.Listings.AsNoTracking().Include(l => l.Seller).Include(l => l.Photos.Where(p => p.RemovedAt == null).OrderBy(p => p.Position)).Where(l => l.SellerId == viewer.Id);
        if (after is { } a)
            query = query.Where(l => l.CreatedAt < a.At || (l.CreatedAt == a.At && l.Id.CompareTo(a.Id) < 0));
        var page = await query.OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id).Take(take + 1).ToListAsync(ct);
        return new([.. page.Take(take).Select(l => Describe(l, viewer))],
            page.Count > take ? Cursor.Encode(page[take - 1].CreatedAt, page[take - 1].Id) : null);
    }

    public static ProblemHttpResult NotFound(Guid id) =>
        Problems.Of(StatusCodes.Status404NotFound, ErrorCodes.ListingNotFound, $"There is no listing {id} you may see.");

    // The listing is locked for the change (a purchase will race an edit or a removal), and saved with its audit entry.
    internal Task<ListingOutcome> ChangeAsync(Guid id, Viewer viewer, Func<Listing, DateTimeOffset, ProblemHttpResult?> change, CancellationToken ct) =>
        ChangeAsync(id, viewer, (listing, now, _) => Task.FromResult(change(listing, now)), ct);

    /// <summary>The same, for a change that reads more of the database while the listing is locked.</summary>
    internal async Task<ListingOutcome> ChangeAsync(Guid id, Viewer viewer, Func<Listing, DateTimeOffset, CancellationToken, Task<ProblemHttpResult?>> change,
        CancellationToken ct)
    {
        var outcome = await db.InTransactionAsync(async token =>
        {
            db.ChangeTracker.Clear();
            var listing = await db.LockListingAsync(id, token);
            if (listing is null || !MaySee(listing, viewer))
                return NotFound(id);
            var now = clock.GetUtcNow();
            if (await change(listing, now, token) is { } refused)
            {
                db.ChangeTracker.Clear();
                return refused;
            }
            listing.UpdatedAt = now;
            return null;
        }, ct);
        return outcome is null ? new(await GetAsync(id, viewer, ct)) : new(null, Problem: outcome);
    }

    private static bool MaySee(Listing listing, Viewer viewer) =>
        Public.Contains(listing.Status) || listing.SellerId == viewer.Id || viewer.Moderates;

    private async Task<ProblemHttpResult?> PhoneRequiredAsync(Viewer viewer, CancellationToken ct) =>
        viewer.Role != UserRole.Guest && await db.Users.AnyAsync(u => u.Id == viewer.Id && u.PhoneVerifiedAt != null, ct)
            ? null
            : Problems.Of(StatusCodes.Status403Forbidden, ErrorCodes.ListingPhoneRequired, "Verify your phone number (in your profile) to sell.");

    private ValidationProblem? Invalid(ListingRequest request)
    {
        var errors = new ValidationErrors();
        if (request.Title?.Trim() is not { Length: > 0 and <= Listing.MaxTitleLength } title || title.Contains('\0', StringComparison.Ordinal))
            errors.Add("title", $"A title of 1–{Listing.MaxTitleLength} characters is needed.");
        if (request.Description is { } description && (description.Trim().Length > Listing.MaxDescriptionLength || description.Contains('\0', StringComparison.Ordinal)))
            errors.Add("description", $"A description has at most {Listing.MaxDescriptionLength} characters.");
        if (request.Category is null || !ListingCategories.All.Contains(request.Category))
            errors.Add("category", $"category is one of {string.Join(", ", ListingCategories.All)}.");
        if (request.PriceMinor is not { } price || price < 1 || price > options.Value.MaxPriceMinor)
            errors.Add("priceMinor", $"priceMinor is the price in minor units of {options.Value.Currency}, from 1 to {options.Value.MaxPriceMinor}.");
        return errors.IsEmpty ? null : Problems.Invalid(errors.ToDictionary(), ErrorCodes.ListingInvalid);
    }

    internal static ProblemHttpResult WrongState(Listing listing, string verb) =>
        Problems.Of(StatusCodes.Status409Conflict, ErrorCodes.ListingWrongState, $"A listing that is {listing.Status} cannot be {verb}.");

    private static ListingResponse Describe(Listing l, Viewer viewer) =>
        new(l.Id, l.Seller!.ToSummary(), l.Title, l.Description, l.Category, l.PriceMinor, l.Currency, l.Status.ToString(),
            l.CreatedAt, l.UpdatedAt, l.ListedAt, l.SellerId == viewer.Id || viewer.Moderates ? l.RemovalReason : null,
            [.. l.Photos.Select(p => p.Id)]);
}
