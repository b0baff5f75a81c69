using ChatRoom.Api.Infrastructure;
using ChatRoom.Api.Rooms;
using ChatRoom.Api.Verification;
using ChatRoom.Tests.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace ChatRoom.Tests.Verification;

/// <summary>
/// Age verification through the real Api, PostgreSQL, Redis and Azurite: a member uploads a document, a moderator
/// looks at it and decides, and from then on the member may enter 18+ rooms, which refuse everyone else.
/// </summary>
public sealed class IdentityVerificationTests(IdentityVerificationTests.Server server) : IClassFixture<IdentityVerificationTests.Server>
{
    public sealed class Server(TestInfrastructure infrastructure) : ChatServerFixture(infrastructure)
    {
        private (string, string)[] _settings = [];

        protected override (string Key, string Value)[] Settings => _settings;

        public override async ValueTask InitializeAsync()
        {
            _settings = [.. (await Infrastructure.BlobStorageSettingsAsync()).Select(s => (s.Key, s.Value))];
            await base.InitializeAsync();
        }

        public async Task<Session> ModeratorAsync()
        {
            var moderator = await ChatApi.SignInAsync(Api, "mod");
            var admin = await AdminAsync();
            using (var promoted = await admin.SendAsync(HttpMethod.Put, $"/api/users/{moderator.User.Id}/role", new { role = "Moderator" }))
                Assert.Equal(HttpStatusCode.OK, promoted.StatusCode);
            return await Api.NewHttpClient().LoginAsync(moderator.User.UserName);
        }
    }

    [Fact]
    public async Task AMembersDocumentWaitsForReviewAndTheyMaySendOnlyOneAtATime()
    {
        var member = await ChatApi.SignInAsync(server.Api, "ida");
        Assert.Equal("None", (await member.GetFromJsonAsync<IdentityStatusResponse>("/api/me/verification")).Status);

        using (var sent = await member.UploadAsync(IdentityDocuments.PngLike()))
        {
            Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
            var status = (await sent.Content.ReadFromJsonAsync<IdentityStatusResponse>(AuthApi.Ct))!;
            Assert.Equal("Pending", status.Status);
            Assert.False(status.AgeVerified);
        }
        using (var again = await member.UploadAsync(IdentityDocuments.PngLike()))
            await AuthApi.ReadProblemAsync(again, HttpStatusCode.Conflict, ErrorCodes.IdentityPending);

        var moderator = await server.ModeratorAsync();
        var queued = await moderator.PendingDocumentOfAsync(member.User.Id);
        Assert.Equal("image/png", queued.ContentType);
        Assert.Equal(4096, queued.SizeBytes);
        Assert.Equal("Pending", (await member.GetFromJsonAsync<IdentityStatusResponse>("/api/me/verification")).Status);
        Assert.Equal(["identity.submit"], await AuditLog.ActionsOnAsync(server.Api.DatabaseConnectionString, queued.Id));
    }

    [Fact]
    public async Task ADocumentIsJudgedByItsBytesNotByItsNameOrHeader()
    {
        var member = await ChatApi.SignInAsync(server.Api, "ida");
        var program = "MZ\u0090\0 this program cannot be run in DOS mode"u8.ToArray();

        using (var disguised = await member.UploadAsync(program, "id-card.png", "image/png"))
            await AuthApi.ReadProblemAsync(disguised, HttpStatusCode.BadRequest, ErrorCodes.IdentityUnsupportedType);
        using (var noFile = await member.UploadAsync(IdentityDocuments.PngLike(), field: "picture"))
            await AuthApi.ReadProblemAsync(noFile, HttpStatusCode.BadRequest, ErrorCodes.IdentityFileMissing);
        using (var json = await member.SendAsync(HttpMethod.Post, "/api/me/verification", new { document = "aGVsbG8=" }))
            await AuthApi.ReadProblemAsync(json, HttpStatusCode.UnsupportedMediaType, ErrorCodes.UnsupportedMediaType);
        using (var tooLarge = await member.UploadAsync(IdentityDocuments.PngLike(10 * 1024 * 1024 + 1)))
            await AuthApi.ReadProblemAsync(tooLarge, HttpStatusCode.RequestEntityTooLarge, ErrorCodes.IdentityTooLarge);

        // A PDF is welcome, whatever the browser called it.
        using var pdf = await member.UploadAsync("%PDF-1.7\n% an identity card\n"u8.ToArray(), "scan.bin", "application/octet-stream");
        Assert.Equal(HttpStatusCode.Created, pdf.StatusCode);
        var moderator = await server.ModeratorAsync();
        Assert.Equal("application/pdf", (await moderator.PendingDocumentOfAsync(member.User.Id)).ContentType);
    }

    [Fact]
    public async Task GuestsCannotSendDocuments()
    {
        var guest = await server.Api.NewHttpClient().GuestAsync();

        using var sent = await guest.UploadAsync(IdentityDocuments.PngLike());

        await AuthApi.ReadProblemAsync(sent, HttpStatusCode.Forbidden, ErrorCodes.IdentityGuest);
    }

    [Fact]
    public async Task OnlyModeratorsSeeADocumentNeverCachedAndEveryLookIsAudited()
    {
        var member = await ChatApi.SignInAsync(server.Api, "ida");
        var content = IdentityDocuments.PngLike();
        await member.SubmitAsync(content);
        var moderator = await server.ModeratorAsync();
        var document = await moderator.PendingDocumentOfAsync(member.User.Id);

        using (var byMember = await member.GetAsync($"/api/admin/moderation/identity-documents/{document.Id}/file"))
            Assert.Equal(HttpStatusCode.Forbidden, byMember.StatusCode);
        using (var queueByMember = await member.GetAsync("/api/admin/moderation/identity-documents"))
            Assert.Equal(HttpStatusCode.Forbidden, queueByMember.StatusCode);
        using (var anonymous = await server.Api.NewHttpClient().GetAsync($"/api/admin/moderation/identity-documents/{document.Id}/file", AuthApi.Ct))
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        using var seen = await moderator.GetAsync($"/api/admin/moderation/identity-documents/{document.Id}/file");
        Assert.Equal(HttpStatusCode.OK, seen.StatusCode);
        Assert.Equal(content, await seen.Content.ReadAsByteArrayAsync(AuthApi.Ct));
        Assert.Equal("image/png", seen.Content.Headers.ContentType!.MediaType);
        Assert.True(seen.Headers.CacheControl!.NoStore);
        Assert.Equal("nosniff", seen.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(["identity.submit", "identity.view"], await AuditLog.ActionsOnAsync(server.Api.DatabaseConnectionString, document.Id));

        using var missing = await moderator.GetAsync($"/api/admin/moderation/identity-documents/{Guid.NewGuid()}/file");
        await AuthApi.ReadProblemAsync(missing, HttpStatusCode.NotFound, ErrorCodes.IdentityNotFound);
    }

    [Fact]
    public async Task AnApprovedMemberEntersAnAdultsOnlyRoomThatRefusedThemBefore()
    {
        var room = await server.NewRoomAsync();
        var admin = await server.AdminAsync();
        using (var changed = await admin.SendAsync(HttpMethod.Patch, $"/api/admin/rooms/{room}", new { adultsOnly = true }))
            Assert.True((await changed.Content.ReadFromJsonAsync<AdminRoomResponse>(AuthApi.Ct))!.AdultsOnly);
        await using var member = await ChatApi.ConnectAsync(server.Api, "ida");

        using (var history = await member.Session.GetAsync($"/api/rooms/{room}/messages"))
            await AuthApi.ReadProblemAsync(history, HttpStatusCode.Forbidden, ErrorCodes.RoomAgeVerificationRequired);
        using (var overRest = await member.Session.PostMessageAsync(room, "hello", Guid.NewGuid().ToString()))
            await AuthApi.ReadProblemAsync(overRest, HttpStatusCode.Forbidden, ErrorCodes.RoomAgeVerificationRequired);
        (await Assert.ThrowsAsync<HubException>(() => member.JoinAsync(room))).Detail(ErrorCodes.RoomAgeVerificationRequired);

        await member.Session.SubmitAsync(IdentityDocuments.PngLike());
        var moderator = await server.ModeratorAsync();
        var document = await moderator.PendingDocumentOfAsync(member.UserId);
        using (var approved = await moderator.DecideAsync(document.Id, approve: true, reason: null))
            Assert.Equal("Approved", (await approved.Content.ReadFromJsonAsync<IdentityReviewItem>(AuthApi.Ct))!.Status);

        Assert.Equal("IdentityApproved", (await member.Notices.WaitForAsync(n => n.Kind.StartsWith("Identity", StringComparison.Ordinal))).Kind);
        var status = await member.Session.GetFromJsonAsync<IdentityStatusResponse>("/api/me/verification");
        Assert.Equal(("Approved", true), (status.Status, status.AgeVerified));
        Assert.True((await member.Session.GetFromJsonAsync<UserResponse>($"/api/users/{member.UserId}")).AgeVerified);
        var joined = await member.JoinAsync(room);
        Assert.True(joined.Room.AdultsOnly);
        await member.SendAsync(room, "finally in");
        Assert.Equal(["identity.submit", "identity.approve"], await AuditLog.ActionsOnAsync(server.Api.DatabaseConnectionString, document.Id));

        using (var twice = await moderator.DecideAsync(document.Id, approve: false, reason: "Changed my mind"))
            await AuthApi.ReadProblemAsync(twice, HttpStatusCode.Conflict, ErrorCodes.IdentityDecided);
        using (var another = await member.Session.UploadAsync(IdentityDocuments.PngLike()))
            await AuthApi.ReadProblemAsync(another, HttpStatusCode.Conflict, ErrorCodes.IdentityAlreadyVerified);
    }

    [Fact]
    public async Task ARejectedMemberIsToldWhyAndMayTryAgain()
    {
        await using var member = await ChatApi.ConnectAsync(server.Api, "ida");
        await member.Session.SubmitAsync(IdentityDocuments.PngLike());
        var moderator = await server.ModeratorAsync();
        var document = await moderator.PendingDocumentOfAsync(member.UserId);

        using (var withoutReason = await moderator.DecideAsync(document.Id, approve: false, reason: " "))
            await AuthApi.ReadProblemAsync(withoutReason, HttpStatusCode.BadRequest);
        using (var rejected = await moderator.DecideAsync(document.Id, approve: false, reason: "The photo is too blurred to read."))
            Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);

        var notice = await member.Notices.WaitForAsync(n => n.Kind.StartsWith("Identity", StringComparison.Ordinal));
        Assert.Equal(("IdentityRejected", "The photo is too blurred to read."), (notice.Kind, notice.Reason));
        var status = await member.Session.GetFromJsonAsync<IdentityStatusResponse>("/api/me/verification");
        Assert.Equal(("Rejected", false, "The photo is too blurred to read."), (status.Status, status.AgeVerified, status.Reason));
        Assert.DoesNotContain((await moderator.GetFromJsonAsync<Page<IdentityReviewItem>>("/api/admin/moderation/identity-documents?limit=100")).Items,
            d => d.Id == document.Id);
        await member.Session.SubmitAsync(IdentityDocuments.PngLike());
        Assert.Equal("Pending", (await member.Session.GetFromJsonAsync<IdentityStatusResponse>("/api/me/verification")).Status);
    }

    [Fact]
    public async Task AModeratorLeavesTheirOwnDocumentToAnother()
    {
        var moderator = await server.ModeratorAsync();
        await moderator.SubmitAsync(IdentityDocuments.PngLike());
        var other = await server.ModeratorAsync();
        var document = await other.PendingDocumentOfAsync(moderator.User.Id);

        using (var own = await moderator.DecideAsync(document.Id, approve: true, reason: null))
            await AuthApi.ReadProblemAsync(own, HttpStatusCode.Forbidden, ErrorCodes.IdentityOwnDocument);
        using (var look = await moderator.GetAsync($"/api/admin/moderation/identity-documents/{document.Id}/file"))
            await AuthApi.ReadProblemAsync(look, HttpStatusCode.Forbidden, ErrorCodes.IdentityOwnDocument);
        using (var byOther = await other.DecideAsync(document.Id, approve: true, reason: "Looks right."))
            Assert.Equal(HttpStatusCode.OK, byOther.StatusCode);
    }

    [Fact]
    public async Task AnAdultsOnlyLoungeMakesEveryRoomInItAdultsOnly()
    {
        var admin = await server.AdminAsync();
        var slug = $"l-{Guid.NewGuid():N}"[..18];
        AdminLoungeResponse lounge;
        using (var created = await admin.SendAsync(HttpMethod.Post, "/api/admin/lounges", new { slug, name = "After dark", adultsOnly = true }))
            lounge = (await created.Content.ReadFromJsonAsync<AdminLoungeResponse>(AuthApi.Ct))!;
        Assert.True(lounge.AdultsOnly);
        AdminRoomResponse room;
        using (var created = await admin.SendAsync(HttpMethod.Post, $"/api/admin/lounges/{lounge.Id}/rooms", new { slug = "talk", name = "Talk", languageCode = "en" }))
            room = (await created.Content.ReadFromJsonAsync<AdminRoomResponse>(AuthApi.Ct))!;
        Assert.False(room.AdultsOnly);

        var listed = (await server.Api.NewHttpClient().GetFromJsonAsync<List<LoungeResponse>>("/api/lounges", AuthApi.Ct))!.Single(l => l.Id == lounge.Id);
        Assert.True(listed.AdultsOnly);
        Assert.True(listed.Rooms.Single().AdultsOnly);
        var member = await ChatApi.SignInAsync(server.Api, "ida");
        using (var refused = await member.GetAsync($"/api/rooms/{room.Id}"))
            await AuthApi.ReadProblemAsync(refused, HttpStatusCode.Forbidden, ErrorCodes.RoomAgeVerificationRequired);

        using (var opened = await admin.SendAsync(HttpMethod.Patch, $"/api/admin/lounges/{lounge.Id}", new { adultsOnly = false }))
            Assert.False((await opened.Content.ReadFromJsonAsync<AdminLoungeResponse>(AuthApi.Ct))!.AdultsOnly);
        await Eventually.HoldsAsync(async () =>
        {
            using var response = await member.GetAsync($"/api/rooms/{room.Id}");
            return response.StatusCode == HttpStatusCode.OK;
        }, because: "The room did not open to everyone after its lounge stopped being 18+.");
    }

    [Fact]
    public async Task ALoungeThatRequiresAVerifiedPhoneRequiresItInEveryRoom()
    {
        var room = await server.NewRoomAsync();
        var admin = await server.AdminAsync();
        var loungeId = (await admin.GetFromJsonAsync<List<AdminLoungeResponse>>("/api/admin/lounges")).Single(l => l.Rooms.Any(r => r.Id == room)).Id;
        await using var member = await ChatApi.ConnectAsync(server.Api, "ida");
        await member.JoinAsync(room);
        await member.SendAsync(room, "before");

        using (var changed = await admin.SendAsync(HttpMethod.Patch, $"/api/admin/lounges/{loungeId}", new { requiresVerifiedPhone = true }))
            Assert.True((await changed.Content.ReadFromJsonAsync<AdminLoungeResponse>(AuthApi.Ct))!.RequiresVerifiedPhone);
        try
        {
            Assert.True((await member.RoomsUpdated.WaitForAsync(r => r.Id == room)).RequiresVerifiedPhone);
            (await Assert.ThrowsAsync<HubException>(() => member.SendAsync(room, "after"))).Detail(ErrorCodes.RoomPhoneRequired);
        }
        finally
        {
            using var undone = await admin.SendAsync(HttpMethod.Patch, $"/api/admin/lounges/{loungeId}", new { requiresVerifiedPhone = false });
        }
    }
}
