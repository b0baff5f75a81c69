using System.Text;
using ChatRoom.Tests.Realtime;
using ChatRoom.Tests.Verification;

namespace ChatRoom.Tests.Attachments;

/// <summary>
/// Files sent with messages through the real Api, PostgreSQL, Redis and Azurite: judged by their bytes, kept private,
/// fetched only by people who may read the message, and gone with it.
/// </summary>
public sealed class AttachmentTests(AttachmentTests.Server server) : IClassFixture<AttachmentTests.Server>
{
    public sealed class Server(TestInfrastructure infrastructure) : ChatServerFixture(infrastructure)
    {
        public const int MaxBytes = 64 * 1024;
        private (string, string)[] _settings = [];

        protected override (string Key, string Value)[] Settings => _settings;

        public override async ValueTask InitializeAsync()
        {
            _settings = [.. (await Infrastructure.BlobStorageSettingsAsync()).Select(s => (s.Key, s.Value)), ("Attachments:MaxBytes", $"{MaxBytes}")];
            await base.InitializeAsync();
        }
    }

    [Fact]
    public async Task AnImageSentToARoomIsShownToItsReadersAndAConversationsFileOnlyToItsMembers()
    {
        var room = await server.NewRoomAsync();
        await using var alice = await ChatApi.ConnectAsync(server.Api, "alice");
        await using var bob = await ChatApi.ConnectAsync(server.Api, "bob");
        await alice.JoinAsync(room);
        await bob.JoinAsync(room);
        var image = IdentityDocuments.PngLike();

        var uploaded = await UploadAsync(alice.Session, room, image, "../../holiday photo.png");
        Assert.Equal(("holiday photo.png", "image/png", image.Length, true), (uploaded.FileName, uploaded.ContentType, uploaded.SizeBytes, uploaded.IsImage));
        // Not sent yet: only its uploader can fetch it.
        using (var early = await bob.Session.GetAsync($"/api/attachments/{uploaded.Id}"))
            await AuthApi.ReadProblemAsync(early, HttpStatusCode.NotFound, ErrorCodes.AttachmentNotFound);

        var sent = await alice.SendWithAsync(room, "", new MessageExtras(AttachmentIds: [uploaded.Id]));

        var seen = await bob.Created.WaitForAsync(m => m.Id == sent.Id);
        Assert.Equal("", seen.Content);
        Assert.Equal(uploaded, Assert.Single(seen.Attachments!));
        using (var shown = await bob.Session.GetAsync($"/api/attachments/{uploaded.Id}"))
        {
            Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
            Assert.Equal(image, await shown.Content.ReadAsByteArrayAsync(AuthApi.Ct));
            Assert.Equal("image/png", shown.Content.Headers.ContentType!.MediaType);
            Assert.Equal("inline", shown.Content.Headers.ContentDisposition!.DispositionType);
            Assert.Equal("nosniff", shown.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Contains("sandbox", shown.Headers.GetValues("Content-Security-Policy").Single());
        }
        Assert.Equal(uploaded.Id, (await bob.Session.FullHistoryAsync(room)).Single(m => m.Id == sent.Id).Attachments![0].Id);

        var carol = await ChatApi.SignInAsync(server.Api, "carol");
        var conversation = await alice.Session.StartConversationAsync(bob.UserId);
        var secret = await UploadAsync(alice.Session, conversation, Encoding.UTF8.GetBytes("the plan"), "plan.txt");
        using (var send = await alice.Session.SendAsync(HttpMethod.Post, $"/api/rooms/{conversation}/messages",
            new { content = "see attached", clientMessageId = Guid.NewGuid().ToString(), attachmentIds = new[] { secret.Id } }))
            Assert.Equal(HttpStatusCode.Created, send.StatusCode);
        using (var member = await bob.Session.GetAsync($"/api/attachments/{secret.Id}"))
            Assert.Equal("the plan", await member.Content.ReadAsStringAsync(AuthApi.Ct));
        using (var outsider = await carol.GetAsync($"/api/attachments/{secret.Id}"))
            await AuthApi.ReadProblemAsync(outsider, HttpStatusCode.NotFound, ErrorCodes.AttachmentNotFound);
        using (var upload = await carol.UploadAsync(image, "x.png", field: "file", path: $"/api/rooms/{conversation}/attachments"))
            await AuthApi.ReadProblemAsync(upload, HttpStatusCode.NotFound, ErrorCodes.RoomNotFound);
    }

    [Fact]
    public async Task ProgramsAreRefusedAndEverythingIsJudgedByItsBytes()
    {
        var room = await server.NewRoomAsync();
        var alice = await ChatApi.SignInAsync(server.Api, "alice");
        var program = new byte[2048];
        "MZ"u8.CopyTo(program);

        foreach (var (content, name) in new[] { (program, "cat.png"), (Encoding.UTF8.GetBytes("echo hi"), "run.sh"), ("#!/bin/sh\nrm -rf /"u8.ToArray(), "notes.txt") })
        {
            using var refused = await alice.UploadAsync(content, name, field: "file", path: $"/api/rooms/{room}/attachments");
            await AuthApi.ReadProblemAsync(refused, HttpStatusCode.BadRequest, ErrorCodes.AttachmentTypeDenied);
        }
        // A page is kept as text and offered as a download, never shown as a page.
        var page = await UploadAsync(alice, room, "<html><script>alert(1)</script></html>"u8.ToArray(), "page.html", contentType: "text/html");
        Assert.Equal(("text/plain; charset=utf-8", false), (page.ContentType, page.IsImage));
        using (var download = await alice.GetAsync($"/api/attachments/{page.Id}"))
        {
            Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
            Assert.Equal("page.html", download.Content.Headers.ContentDisposition.FileNameStar ?? download.Content.Headers.ContentDisposition.FileName?.Trim('"'));
        }
        var unknown = await UploadAsync(alice, room, [0x01, 0x02, 0xFF, 0xFE, 0x00, 0x10], "data.bin");
        Assert.Equal("application/octet-stream", unknown.ContentType);

        using (var tooLarge = await alice.UploadAsync(new byte[Server.MaxBytes + 1], "big.bin", field: "file", path: $"/api/rooms/{room}/attachments"))
            await AuthApi.ReadProblemAsync(tooLarge, HttpStatusCode.RequestEntityTooLarge, ErrorCodes.AttachmentTooLarge);
        using (var wrongField = await alice.UploadAsync(program, "a.png", field: "document", path: $"/api/rooms/{room}/attachments"))
            await AuthApi.ReadProblemAsync(wrongField, HttpStatusCode.BadRequest, ErrorCodes.AttachmentFileMissing);
        var guest = await server.Api.NewHttpClient().GuestAsync();
        using (var fromGuest = await guest.UploadAsync(IdentityDocuments.PngLike(), "a.png", field: "file", path: $"/api/rooms/{room}/attachments"))
            await AuthApi.ReadProblemAsync(fromGuest, HttpStatusCode.Forbidden, ErrorCodes.AttachmentGuest);
    }

    [Fact]
    public async Task AFileBelongsToOneMessageAndIsGoneWithIt()
    {
        var room = await server.NewRoomAsync();
        var other = await server.NewRoomAsync();
        var alice = await ChatApi.SignInAsync(server.Api, "alice");
        var bob = await ChatApi.SignInAsync(server.Api, "bob");
        var file = await UploadAsync(alice, room, IdentityDocuments.PngLike(), "a.png");
        var clientId = Guid.NewGuid().ToString();

        var first = await SendAsync(alice, room, clientId, HttpStatusCode.Created, file.Id);
        Assert.Equal(first.Id, (await SendAsync(alice, room, clientId, HttpStatusCode.OK, file.Id)).Id);
        await SendAsync(alice, room, Guid.NewGuid().ToString(), HttpStatusCode.BadRequest, file.Id);
        var elsewhere = await UploadAsync(alice, other, IdentityDocuments.PngLike(), "b.png");
        await SendAsync(alice, room, Guid.NewGuid().ToString(), HttpStatusCode.BadRequest, elsewhere.Id);
        var bobs = await UploadAsync(bob, room, IdentityDocuments.PngLike(), "c.png");
        await SendAsync(alice, room, Guid.NewGuid().ToString(), HttpStatusCode.BadRequest, bobs.Id);
        var five = new List<Guid>();
        for (var i = 0; i < 5; i++)
            five.Add((await UploadAsync(alice, room, IdentityDocuments.PngLike(), $"{i}.png")).Id);
        await SendAsync(alice, room, Guid.NewGuid().ToString(), HttpStatusCode.BadRequest, [.. five]);

        using (var shown = await bob.GetAsync($"/api/attachments/{file.Id}"))
            Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        using (await alice.DeleteAsync(first.Id))
        {
        }
        foreach (var viewer in new[] { alice, bob })
        {
            using var gone = await viewer.GetAsync($"/api/attachments/{file.Id}");
            await AuthApi.ReadProblemAsync(gone, HttpStatusCode.NotFound, ErrorCodes.AttachmentNotFound);
        }
    }

    private static async Task<AttachmentDto> UploadAsync(Session session, Guid room, byte[] content, string name, string contentType = "image/png")
    {
        using var response = await session.UploadAsync(content, name, contentType, field: "file", path: $"/api/rooms/{room}/attachments");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<AttachmentDto>(AuthApi.Ct))!;
    }

    private static async Task<MessageDto> SendAsync(Session session, Guid room, string clientId, HttpStatusCode expected, params Guid[] files)
    {
        using var response = await session.SendAsync(HttpMethod.Post, $"/api/rooms/{room}/messages",
            new { content = "with files", clientMessageId = clientId, attachmentIds = files });
        if (expected == HttpStatusCode.BadRequest)
        {
            await AuthApi.ReadProblemAsync(response, expected, ErrorCodes.AttachmentInvalid);
            return null!;
        }
        Assert.Equal(expected, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<MessageDto>(AuthApi.Ct))!;
    }
}
