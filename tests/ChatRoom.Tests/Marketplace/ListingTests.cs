using ChatRoom.Api.Infrastructure;
using ChatRoom.Api.Marketplace;
using ChatRoom.Api.Moderation;
using ChatRoom.Data.Entities;
using ChatRoom.Tests.Realtime;
using ChatRoom.Tests.Verification;
using static ChatRoom.Tests.Marketplace.MarketApi;

namespace ChatRoom.Tests.Marketplace;

/// <summary>
/// Listings through the real Api and PostgreSQL: members with a verified phone offer them, everyone signed in finds what
/// is on offer, sellers change and withdraw their own, moderators remove any; every change of state is audited.
/// </summary>
public sealed class ListingTests(ListingTests.Server server) : IClassFixture<ListingTests.Server>
{
    public sealed class Server(TestInfrastructure infrastructure) : MarketplaceServer(infrastructure)
    {
        private (string, string)[] _blobs = [];

        protected override (string Key, string Value)[] MoreSettings => _blobs;

        public override async ValueTask InitializeAsync()
        {
            _blobs = [.. (await Infrastructure.BlobStorageSettingsAsync()).Select(s => (s.Key, s.Value)), ("Attachments:MaxBytes", "65536")];
            await base.InitializeAsync();
        }
    }

    [Fact]
    public async Task AVerifiedMembersListingIsFoundByEveryoneOnceOffered()
    {
        var word = "zq" + string.Concat(Guid.NewGuid().ToString("N").Where(char.IsAsciiLetter).Take(8));
        var seller = await server.SellerAsync();
        var buyer = await ChatApi.SignInAsync(server.Api, "buyer");
        var draft = await CreateAsync(seller, $"Vintage {word} guitar", "books", 12_500);
        Assert.Equal(("Draft", "EUR", 12_500L, seller.User.Id), (draft.Status, draft.Currency, draft.PriceMinor, draft.Seller.Id));

        using (var hidden = await buyer.GetAsync($"/api/marketplace/listings/{draft.Id}"))
            await AuthApi.ReadProblemAsync(hidden, HttpStatusCode.NotFound, ErrorCodes.ListingNotFound);
        Assert.Empty((await BrowseAsync(buyer, $"?q={word}")).Items);

        var listed = await ChangeAsync(seller, draft.Id, "publish", HttpStatusCode.OK);
        Assert.Equal("Listed", listed!.Status);
        Assert.Equal(draft.Id, Assert.Single((await BrowseAsync(buyer, $"?q={word}")).Items).Id);
        Assert.Equal(draft.Id, Assert.Single((await BrowseAsync(buyer, $"?q={word}&category=books&minPrice=12500&maxPrice=20000")).Items).Id);
        Assert.Empty((await BrowseAsync(buyer, $"?q={word}&maxPrice=12499")).Items);
        Assert.Empty((await BrowseAsync(buyer, $"?q={word}&category=art")).Items);
        var guest = await server.Api.NewHttpClient().GuestAsync();
        Assert.Equal(draft.Id, Assert.Single((await BrowseAsync(guest, $"?q={word}")).Items).Id);
        Assert.Equal(["listing.publish"], await AuditLog.ActionsOnAsync(server.Api.DatabaseConnectionString, draft.Id, "listing."));
    }

    [Fact]
    public async Task OnlyMembersWithAVerifiedPhoneSellAndBadListingsAreToldWhy()
    {
        var member = await ChatApi.SignInAsync(server.Api, "member");
        using (var refused = await member.SendAsync(HttpMethod.Post, "/api/marketplace/listings", Valid()))
            await AuthApi.ReadProblemAsync(refused, HttpStatusCode.Forbidden, ErrorCodes.ListingPhoneRequired);
        var guest = await server.Api.NewHttpClient().GuestAsync();
        using (var refused = await guest.SendAsync(HttpMethod.Post, "/api/marketplace/listings", Valid()))
            await AuthApi.ReadProblemAsync(refused, HttpStatusCode.Forbidden, ErrorCodes.ListingPhoneRequired);

        var seller = await server.SellerAsync();
        foreach (var bad in new object[]
        {
            new { title = " ", description = "", category = "books", priceMinor = 100 },
            new { title = new string('t', 121), description = "", category = "books", priceMinor = 100 },
            new { title = "Lamp", description = "", category = "spaceships", priceMinor = 100 },
            new { title = "Lamp", description = "", category = "home", priceMinor = 0 },
            new { title = "Lamp", description = "", category = "home", priceMinor = 1_000_000_01 },
            new { title = "Lamp", description = new string('d', 4001), category = "home", priceMinor = 100 },
        })
        {
            using var invalid = await seller.SendAsync(HttpMethod.Post, "/api/marketplace/listings", bad);
            await AuthApi.ReadProblemAsync(invalid, HttpStatusCode.BadRequest, ErrorCodes.ListingInvalid);
        }
        using (var badBrowse = await seller.GetAsync("/api/marketplace/listings?minPrice=10&maxPrice=5"))
            await AuthApi.ReadProblemAsync(badBrowse, HttpStatusCode.BadRequest, ErrorCodes.ListingInvalid);
        using (var badCursor = await seller.GetAsync("/api/marketplace/listings?cursor=nope"))
            await AuthApi.ReadProblemAsync(badCursor, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task SellersChangeAndWithdrawTheirOwnAndModeratorsRemoveAny()
    {
        var seller = await server.SellerAsync();
        var other = await ChatApi.SignInAsync(server.Api, "other");
        var listing = await CreateAsync(seller, "Desk lamp", "home", 2_000);
        await ChangeAsync(seller, listing.Id, "publish", HttpStatusCode.OK);

        using (var notTheirs = await other.SendAsync(HttpMethod.Put, $"/api/marketplace/listings/{listing.Id}", Valid()))
            await AuthApi.ReadProblemAsync(notTheirs, HttpStatusCode.NotFound, ErrorCodes.ListingNotFound);
        await ChangeAsync(other, listing.Id, "withdraw", HttpStatusCode.NotFound);
        using (var edited = await seller.SendAsync(HttpMethod.Put, $"/api/marketplace/listings/{listing.Id}",
            new { title = "Desk lamp, brass", description = "Works.", category = "home", priceMinor = 1_800 }))
            Assert.Equal(("Desk lamp, brass", 1_800L), await edited.Content.ReadFromJsonAsync<ListingResponse>(AuthApi.Ct) is { } e ? (e.Title, e.PriceMinor) : default);

        Assert.Equal("Withdrawn", (await ChangeAsync(seller, listing.Id, "withdraw", HttpStatusCode.OK))!.Status);
        using (var hidden = await other.GetAsync($"/api/marketplace/listings/{listing.Id}"))
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        await ChangeAsync(seller, listing.Id, "publish", HttpStatusCode.OK);

        var admin = await server.AdminAsync();
        using (var noReason = await admin.SendAsync(HttpMethod.Post, $"/api/marketplace/listings/{listing.Id}/remove", new { reason = " " }))
            await AuthApi.ReadProblemAsync(noReason, HttpStatusCode.BadRequest, ErrorCodes.ListingInvalid);
        using (var notModerator = await other.SendAsync(HttpMethod.Post, $"/api/marketplace/listings/{listing.Id}/remove", new { reason = "spam" }))
            Assert.Equal(HttpStatusCode.Forbidden, notModerator.StatusCode);
        using (var removed = await admin.SendAsync(HttpMethod.Post, $"/api/marketplace/listings/{listing.Id}/remove", new { reason = "Counterfeit goods" }))
            Assert.Equal(HttpStatusCode.OK, removed.StatusCode);

        var seen = await seller.GetFromJsonAsync<ListingResponse>($"/api/marketplace/listings/{listing.Id}");
        Assert.Equal(("Removed", "Counterfeit goods"), (seen.Status, seen.RemovalReason));
        Assert.Equal("Removed", (await seller.GetFromJsonAsync<Page<ListingResponse>>("/api/me/listings")).Items.Single(l => l.Id == listing.Id).Status);
        using (var gone = await other.GetAsync($"/api/marketplace/listings/{listing.Id}"))
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        using (var again = await seller.SendAsync(HttpMethod.Post, $"/api/marketplace/listings/{listing.Id}/publish"))
            await AuthApi.ReadProblemAsync(again, HttpStatusCode.Conflict, ErrorCodes.ListingWrongState);
        Assert.Equal(["listing.publish", "listing.withdraw", "listing.publish", "listing.remove"],
            await AuditLog.ActionsOnAsync(server.Api.DatabaseConnectionString, listing.Id, "listing."));
    }

    [Fact]
    public async Task BrowsingPagesNewestFirstThroughEveryListingOnce()
    {
        var word = "zq" + string.Concat(Guid.NewGuid().ToString("N").Where(char.IsAsciiLetter).Take(8));
        var seller = await server.SellerAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var listing = await CreateAsync(seller, $"Record {i} {word}", "music", 1_000 + i);
            await ChangeAsync(seller, listing.Id, "publish", HttpStatusCode.OK);
            ids.Add(listing.Id);
        }

        var first = await BrowseAsync(seller, $"?q={word}&limit=2");
        var second = await BrowseAsync(seller, $"?q={word}&limit=2&cursor={first.NextCursor}");
        Assert.Null(second.NextCursor);
        Assert.Equal(Enumerable.Reverse(ids), first.Items.Concat(second.Items).Select(l => l.Id));
    }

    [Fact]
    public async Task ABuyerContactsTheSellerOfAListingOnOfferInAConversationOfTheirOwn()
    {
        var seller = await server.SellerAsync();
        var buyer = await ChatApi.SignInAsync(server.Api, "buyer");
        var listing = await CreateAsync(seller, "Bicycle", "sports", 9_000);
        using (var draft = await buyer.SendAsync(HttpMethod.Post, $"/api/marketplace/listings/{listing.Id}/contact"))
            await AuthApi.ReadProblemAsync(draft, HttpStatusCode.NotFound, ErrorCodes.ListingNotFound);
        await ChangeAsync(seller, listing.Id, "publish", HttpStatusCode.OK);

        using var contact = await buyer.SendAsync(HttpMethod.Post, $"/api/marketplace/listings/{listing.Id}/contact");
        Assert.Equal(HttpStatusCode.Created, contact.StatusCode);
        var conversation = (await contact.Content.ReadFromJsonAsync<ConversationResponse>(AuthApi.Ct))!;
        Assert.Equal(new[] { buyer.User.Id, seller.User.Id }.Order(), conversation.Members.Select(m => m.Id).Order());
        using (var again = await buyer.SendAsync(HttpMethod.Post, $"/api/marketplace/listings/{listing.Id}/contact"))
            Assert.Equal(conversation.Id, (await again.Content.ReadFromJsonAsync<ConversationResponse>(AuthApi.Ct))!.Id);
        using (var own = await seller.SendAsync(HttpMethod.Post, $"/api/marketplace/listings/{listing.Id}/contact"))
            await AuthApi.ReadProblemAsync(own, HttpStatusCode.BadRequest, ErrorCodes.ListingInvalid);
        var guest = await server.Api.NewHttpClient().GuestAsync();
        using (var fromGuest = await guest.SendAsync(HttpMethod.Post, $"/api/marketplace/listings/{listing.Id}/contact"))
            Assert.Equal(HttpStatusCode.Forbidden, fromGuest.StatusCode);
    }

    [Fact]
    public async Task ASellersPhotosAreShownWithTheListingToWhoeverMaySeeIt()
    {
        var seller = await server.SellerAsync();
        var other = await ChatApi.SignInAsync(server.Api, "other");
        var listing = await CreateAsync(seller, "Armchair", "home", 4_500);
        var photo = IdentityDocuments.PngLike();
        var program = new byte[1024];
        "MZ"u8.CopyTo(program);

        using (var notAPhoto = await seller.UploadAsync(program, "chair.png", field: "file", path: PhotosOf(listing.Id)))
            await AuthApi.ReadProblemAsync(notAPhoto, HttpStatusCode.BadRequest, ErrorCodes.ListingPhotoInvalid);
        using (var text = await seller.UploadAsync("just words"u8.ToArray(), "chair.png", field: "file", path: PhotosOf(listing.Id)))
            await AuthApi.ReadProblemAsync(text, HttpStatusCode.BadRequest, ErrorCodes.ListingPhotoInvalid);
        using (var tooLarge = await seller.UploadAsync(IdentityDocuments.PngLike(65537), "big.png", field: "file", path: PhotosOf(listing.Id)))
            await AuthApi.ReadProblemAsync(tooLarge, HttpStatusCode.BadRequest, ErrorCodes.ListingPhotoInvalid);
        using (var notTheirs = await other.UploadAsync(photo, "chair.png", field: "file", path: PhotosOf(listing.Id)))
            await AuthApi.ReadProblemAsync(notTheirs, HttpStatusCode.NotFound, ErrorCodes.ListingNotFound);

        ListingResponse withPhotos = null!;
        for (var i = 0; i < ListingPhoto.MaxPerListing; i++)
        {
            using var added = await seller.UploadAsync(photo, $"chair{i}.png", field: "file", path: PhotosOf(listing.Id));
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
            withPhotos = (await added.Content.ReadFromJsonAsync<ListingResponse>(AuthApi.Ct))!;
        }
        Assert.Equal(ListingPhoto.MaxPerListing, withPhotos.PhotoIds.Count);
        using (var seventh = await seller.UploadAsync(photo, "chair7.png", field: "file", path: PhotosOf(listing.Id)))
            await AuthApi.ReadProblemAsync(seventh, HttpStatusCode.BadRequest, ErrorCodes.ListingPhotoInvalid);

        // A draft's photos are its seller's until it is offered.
        var first = withPhotos.PhotoIds[0];
        using (var hidden = await other.GetAsync($"/api/marketplace/photos/{first}"))
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        await ChangeAsync(seller, listing.Id, "publish", HttpStatusCode.OK);
        using (var shown = await other.GetAsync($"/api/marketplace/photos/{first}"))
        {
            Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
            Assert.Equal("image/png", shown.Content.Headers.ContentType!.MediaType);
            Assert.Equal(photo, await shown.Content.ReadAsByteArrayAsync(AuthApi.Ct));
        }
        using (var removed = await seller.SendAsync(HttpMethod.Delete, $"{PhotosOf(listing.Id)}/{first}"))
            Assert.DoesNotContain(first, (await removed.Content.ReadFromJsonAsync<ListingResponse>(AuthApi.Ct))!.PhotoIds);
        using (var gone = await other.GetAsync($"/api/marketplace/photos/{first}"))
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task AListingIsReportedToModeratorsWhoRemoveIt()
    {
        var seller = await server.SellerAsync();
        var member = await ChatApi.SignInAsync(server.Api, "reporter");
        var draft = await CreateAsync(seller, "Suspicious watch", "other", 5_000);
        using (var unseen = await member.SendAsync(HttpMethod.Post, "/api/reports", new { listingId = draft.Id, reason = "Fake" }))
            await AuthApi.ReadProblemAsync(unseen, HttpStatusCode.NotFound, ErrorCodes.ListingNotFound);
        await ChangeAsync(seller, draft.Id, "publish", HttpStatusCode.OK);
        using (var both = await member.SendAsync(HttpMethod.Post, "/api/reports", new { listingId = draft.Id, userId = seller.User.Id, reason = "Fake" }))
            Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
        using (var own = await seller.SendAsync(HttpMethod.Post, "/api/reports", new { listingId = draft.Id, reason = "Mine" }))
            await AuthApi.ReadProblemAsync(own, HttpStatusCode.BadRequest, ErrorCodes.ReportSelf);

        using (var reported = await member.SendAsync(HttpMethod.Post, "/api/reports", new { listingId = draft.Id, reason = "A fake brand" }))
            Assert.Equal(HttpStatusCode.Created, reported.StatusCode);
        using (var again = await member.SendAsync(HttpMethod.Post, "/api/reports", new { listingId = draft.Id, reason = "Still fake" }))
            await AuthApi.ReadProblemAsync(again, HttpStatusCode.Conflict, ErrorCodes.ReportDuplicate);

        var admin = await server.AdminAsync();
        var queue = await admin.GetFromJsonAsync<Page<ReportResponse>>("/api/admin/reports?limit=100");
        var report = Assert.Single(queue.Items, r => r.TargetListing?.Id == draft.Id);
        Assert.Equal(("Suspicious watch", "Listed", seller.User.Id, "A fake brand"),
            (report.TargetListing!.Title, report.TargetListing.Status, report.TargetUser!.Id, report.Reason));

        using (var removed = await admin.SendAsync(HttpMethod.Post, $"/api/marketplace/listings/{draft.Id}/remove", new { reason = "Counterfeit" }))
            Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        var after = await admin.GetFromJsonAsync<Page<ReportResponse>>("/api/admin/reports?limit=100");
        Assert.Equal("Removed", after.Items.Single(r => r.Id == report.Id).TargetListing!.Status);
    }

    private static string PhotosOf(Guid listing) => $"/api/marketplace/listings/{listing}/photos";

    private static object Valid() => new { title = "Lamp", description = "", category = "home", priceMinor = 100 };
}
