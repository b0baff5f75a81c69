using ChatRoom.Api.Attachments;
using ChatRoom.Api.Auth;

namespace ChatRoom.Api.Marketplace;

public static class ListingsEndpoints
{
    public static IHostApplicationBuilder AddMarketplace(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MarketplaceOptions>().BindConfiguration(MarketplaceOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<Listings>();
        builder.Services.AddScoped<ListingPhotos>();
        return builder;
    }

    public static IEndpointRouteBuilder MapMarketplace(this IEndpointRouteBuilder app)
    {
        // Guests browse too: they are signed in (a guest account), as everywhere in ChatRoom.
        var listings = app.MapGroup("/api/marketplace/listings").WithTags("Marketplace").RequireAuthorization();
        listings.MapGet("/", Browse).WithSummary("Listings on offer, newest first: words (q), category, price range; cursor-paged.");
        listings.MapPost("/", Create).WithSummary("A new draft listing (members with a verified phone).");
        listings.MapGet("/{id:guid}", Get);
        listings.MapPut("/{id:guid}", Update).WithSummary("Changes a draft or listed listing (its seller).");
        listings.MapPost("/{id:guid}/publish", Publish).WithSummary("Offers a draft (or a withdrawn listing) again.");
        listings.MapPost("/{id:guid}/withdraw", Withdraw).WithSummary("Takes a listing off the marketplace (its seller).");
        // A bearer-token API: a form post from another site carries no token, so the framework's antiforgery check adds nothing.
        listings.MapPost("/{id:guid}/photos", AddPhoto).DisableAntiforgery().Accepts<AttachmentUpload>("multipart/form-data")
            .WithSummary("Adds a photo (field `file`; PNG, JPEG, GIF or WebP) to the seller's listing; at most 6.");
        listings.MapDelete("/{id:guid}/photos/{photoId:guid}", RemovePhoto).WithSummary("Takes a photo off the seller's listing.");
        app.MapGet("/api/marketplace/photos/{id:guid}", Photo).WithTags("Marketplace").RequireAuthorization()
            .WithSummary("A listing's photo, for whoever may see the listing.");
        listings.MapPost("/{id:guid}/contact", Contact)
            .WithSummary("The direct conversation with the seller of a listing on offer (started, or the one there is).");
        listings.MapPost("/{id:guid}/remove", Remove).RequireAuthorization(AuthRegistration.ModeratorPolicy)
            .WithSummary("A moderator takes a listing down, with the reason its seller is told.");
        app.MapGet("/api/marketplace/categories", () => TypedResults.Ok(ListingCategories.All)).WithTags("Marketplace").AllowAnonymous();
        app.MapGet("/api/me/listings", Mine).WithTags("Marketplace").RequireAuthorization().WithSummary("The user's own listings, newest first.");
        return app;
    }

    private static async Task<Results<Ok<Page<ListingResponse>>, ValidationProblem>> Browse(
        string? q, string? category, long? minPrice, long? maxPrice, string? cursor, int? limit, Listings listings, HttpContext http,
        CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var position = Cursor.ValidatePosition(errors, cursor, limit);
        if (q is { Length: > 200 } || q?.Contains('\0', StringComparison.Ordinal) == true)
            errors.Add("q", "q is at most 200 characters of text.");
        if (category is not null && !ListingCategories.All.Contains(category))
            errors.Add("category", $"category is one of {string.Join(", ", ListingCategories.All)}.");
        if (minPrice is < 0 || maxPrice is < 0 || minPrice > maxPrice)
            errors.Add("price", "minPrice and maxPrice are not negative, and minPrice is at most maxPrice.");
        if (!errors.IsEmpty)
            return Problems.Invalid(errors.ToDictionary(), ErrorCodes.ListingInvalid);
        return TypedResults.Ok(await listings.BrowseAsync(http.User.Viewer(), q?.Trim(), category, minPrice, maxPrice, position, limit ?? Cursor.DefaultLimit, ct));
    }

    private static async Task<Results<Ok<Page<ListingResponse>>, ValidationProblem>> Mine(
        string? cursor, int? limit, Listings listings, HttpContext http, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var position = Cursor.ValidatePosition(errors, cursor, limit);
        if (!errors.IsEmpty)
            return TypedResults.ValidationProblem(errors.ToDictionary());
        return TypedResults.Ok(await listings.OfSellerAsync(http.User.Viewer(), position, limit ?? Cursor.DefaultLimit, ct));
    }

    private static async Task<Results<Created<ListingResponse>, ValidationProblem, ProblemHttpResult>> Create(
        ListingRequest request, Listings listings, HttpContext http, CancellationToken ct)
    {
        var result = await listings.CreateAsync(http.User.Viewer(), request, ct);
        if (result.Value is { } created)
            return TypedResults.Created($"/api/marketplace/listings/{created.Id}", created);
        return result.Invalid is not null ? result.Invalid : result.Problem!;
    }

    private static async Task<Results<Ok<ListingResponse>, ProblemHttpResult>> Get(Guid id, Listings listings, HttpContext http, CancellationToken ct) =>
        await listings.GetAsync(id, http.User.Viewer(), ct) is { } listing ? TypedResults.Ok(listing) : Listings.NotFound(id);

    private static async Task<Results<Ok<ListingResponse>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, ListingRequest request, Listings listings, HttpContext http, CancellationToken ct) =>
        (await listings.UpdateAsync(id, http.User.Viewer(), request, ct)).ToResult();

    private static async Task<Results<Ok<ListingResponse>, ValidationProblem, ProblemHttpResult>> Publish(
        Guid id, Listings listings, HttpContext http, CancellationToken ct) =>
        (await listings.ChangeStatusAsync(id, http.User.Viewer(), ListingChange.Publish, null, http.ClientIp(), ct)).ToResult();

    private static async Task<Results<Ok<ListingResponse>, ValidationProblem, ProblemHttpResult>> Withdraw(
        Guid id, Listings listings, HttpContext http, CancellationToken ct) =>
        (await listings.ChangeStatusAsync(id, http.User.Viewer(), ListingChange.Withdraw, null, http.ClientIp(), ct)).ToResult();

    private static async Task<Results<Ok<ListingResponse>, ValidationProblem, ProblemHttpResult>> AddPhoto(
        Guid id, ListingPhotos photos, HttpContext http, CancellationToken ct)
    {
        var upload = await http.ReadFileAsync("file", photos.MaxBytes, ct);
        if (upload.TooLarge || upload.File is not { } file)
            return Problems.Of(StatusCodes.Status400BadRequest, ErrorCodes.ListingPhotoInvalid,
                upload.TooLarge ? $"A photo is at most {photos.MaxBytes / (1024 * 1024.0):0.#} MB." : "The form has no photo in its \"file\" field.");
        await using var content = file.OpenReadStream();
        return (await photos.AddAsync(id, http.User.Viewer(), content, file.Length, ct)).ToResult();
    }

    private static async Task<Results<Ok<ListingResponse>, ValidationProblem, ProblemHttpResult>> RemovePhoto(
        Guid id, Guid photoId, ListingPhotos photos, HttpContext http, CancellationToken ct) =>
        (await photos.RemoveAsync(id, photoId, http.User.Viewer(), ct)).ToResult();

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Photo(Guid id, ListingPhotos photos, HttpContext http, CancellationToken ct)
    {
        if (await photos.OpenAsync(id, http.User.Viewer(), ct) is not { } photo)
            return Problems.Of(StatusCodes.Status404NotFound, ErrorCodes.ListingNotFound, $"There is no photo {id} you may see.");
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        http.Response.Headers.CacheControl = "private, max-age=300";
        return TypedResults.Stream(photo.Content, photo.ContentType);
    }

    // The conversation's own rules hold: no guests, no blocked pair.
    private static async Task<Results<Created<ConversationResponse>, Ok<ConversationResponse>, ProblemHttpResult>> Contact(
        Guid id, Listings listings, Conversations.Conversations conversations, HttpContext http, CancellationToken ct)
    {
        var viewer = http.User.Viewer();
        if (await listings.GetAsync(id, viewer, ct) is not { Status: nameof(ListingStatus.Listed) or nameof(ListingStatus.Reserved) } listing)
            return Listings.NotFound(id);
        if (listing.Seller.Id == viewer.Id)
            return Problems.Of(StatusCodes.Status400BadRequest, ErrorCodes.ListingInvalid, "This is your own listing.");
        return await conversations.StartAsync(viewer, [listing.Seller.Id], ct);
    }

    private static async Task<Results<Ok<ListingResponse>, ValidationProblem, ProblemHttpResult>> Remove(
        Guid id, RemoveListingRequest request, Listings listings, Purchases purchases, HttpContext http, CancellationToken ct)
    {
        if (request.Reason?.Trim() is not { Length: > 0 and <= Listing.MaxReasonLength } reason)
            return Problems.Invalid(new Dictionary<string, string[]> { ["reason"] = [$"A reason of 1–{Listing.MaxReasonLength} characters is needed."] },
                ErrorCodes.ListingInvalid);
        var removed = await listings.ChangeStatusAsync(id, http.User.Viewer(), ListingChange.Remove, reason, http.ClientIp(), ct);
        if (removed.Value is not null)
            await purchases.EndPendingAsync(id, ct);
        return removed.ToResult();
    }
}
