using ChatRoom.Api.Infrastructure;
using ChatRoom.Api.Rooms;
using ChatRoom.Tests.Realtime;

namespace ChatRoom.Tests.Moderation;

/// <summary>Admins create and configure lounges and rooms; the rules apply at once and every change is audited.</summary>
public sealed class RoomAdminTests(ChatServerFixture server) : IClassFixture<ChatServerFixture>, IAsyncLifetime
{
    private readonly ApiServer _api = server.Api;
    private Session _admin = null!;

    public async ValueTask InitializeAsync() => _admin = await server.AdminAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task AnAdminCreatesALoungeWithARoomThatGuestsMayReadButNotWriteIn()
    {
        var slug = $"games-{Guid.NewGuid():N}"[..20];
        var lounge = await CreatedAsync<AdminLoungeResponse>(await _admin.SendAsync(HttpMethod.Post, "/api/admin/lounges",
            new { slug, name = "Games night", description = "Board games and more", sortOrder = 5 }));
        var room = await CreatedAsync<AdminRoomResponse>(await _admin.SendAsync(HttpMethod.Post, $"/api/admin/lounges/{lounge.Id}/rooms",
            new { slug = "deutsch", name = "Deutsch", languageCode = "de", topic = "Brettspiele", guestsCanWrite = false }));
        Assert.Equal("PostModerated", room.ModerationMode);

        var lounges = await _api.NewHttpClient().GetFromJsonAsync<List<LoungeResponse>>("/api/lounges", AuthApi.Ct);
        Assert.Equal("Deutsch", Assert.Single(Assert.Single(lounges!, l => l.Id == lounge.Id).Rooms).Name);

        var guest = await _api.NewHttpClient().GuestAsync();
        using (var refused = await guest.PostMessageAsync(room.Id, "hallo", Guid.NewGuid().ToString()))
            await AuthApi.ReadProblemAsync(refused, HttpStatusCode.Forbidden);
        var alice = await ChatApi.SignInAsync(_api, "alice");
        var sent = await alice.SendOverRestAsync(room.Id, "hallo zusammen");
        Assert.Contains((await guest.HistoryAsync(room.Id)).Messages, m => m.Id == sent.Id);

        using (var duplicate = await _admin.SendAsync(HttpMethod.Post, "/api/admin/lounges", new { slug, name = "Again" }))
            await AuthApi.ReadProblemAsync(duplicate, HttpStatusCode.Conflict);
        var audit = await _admin.GetFromJsonAsync<Page<Api.Admin.AuditEntryResponse>>($"/api/admin/audit?action=room.create&entityId={room.Id}");
        Assert.Equal(_admin.User.Id, Assert.Single(audit.Items).ActorId);
    }

    [Fact]
    public async Task ChangingARoomTellsItsMembersAndArchivingItClosesIt()
    {
        var roomId = await server.NewRoomAsync();
        await using var alice = await ChatApi.ConnectAsync(_api, "alice");
        await alice.JoinAsync(roomId);

        using (var change = await _admin.SendAsync(HttpMethod.Patch, $"/api/admin/rooms/{roomId}",
            new { topic = "Be kind", slowModeSeconds = 30, moderationMode = "PreModerated" }))
            Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        var updated = await alice.RoomsUpdated.WaitForAsync(r => r.Id == roomId);
        Assert.Equal(("Be kind", 30, "PreModerated"), (updated.Topic, updated.SlowModeSeconds, updated.ModerationMode));
        var pending = await alice.Session.SendOverRestAsync(roomId, "waits for approval");
        Assert.Equal("Pending", pending.Status);
        var said = await _admin.SendOverRestAsync(roomId, "closing soon");

        using (var archive = await _admin.SendAsync(HttpMethod.Patch, $"/api/admin/rooms/{roomId}", new { archived = true }))
            Assert.NotNull((await archive.Content.ReadFromJsonAsync<AdminRoomResponse>(AuthApi.Ct))!.ArchivedAt);
        using (var closed = await alice.Session.PostMessageAsync(roomId, "anyone?", Guid.NewGuid().ToString()))
            await AuthApi.ReadProblemAsync(closed, HttpStatusCode.NotFound);
        // Read only for its authors too; an admin may still tidy it up.
        using (var edit = await alice.Session.EditAsync(pending.Id, "changed my mind"))
            await AuthApi.ReadProblemAsync(edit, HttpStatusCode.Forbidden);
        using (var delete = await alice.Session.DeleteAsync(pending.Id))
            await AuthApi.ReadProblemAsync(delete, HttpStatusCode.Forbidden);
        using (var adminEdit = await _admin.EditAsync(said.Id, "closed"))
            Assert.Equal(HttpStatusCode.OK, adminEdit.StatusCode);
        var lounges = await _api.NewHttpClient().GetFromJsonAsync<List<LoungeResponse>>("/api/lounges", AuthApi.Ct);
        Assert.DoesNotContain(lounges!.SelectMany(l => l.Rooms), r => r.Id == roomId);
        var all = await _admin.GetFromJsonAsync<List<AdminLoungeResponse>>("/api/admin/lounges");
        Assert.NotNull(all.SelectMany(l => l.Rooms).Single(r => r.Id == roomId).ArchivedAt);

        var audit = await _admin.GetFromJsonAsync<Page<Api.Admin.AuditEntryResponse>>($"/api/admin/audit?action=room.update&entityId={roomId}");
        var first = audit.Items[^1];
        Assert.Equal(0, first.Before!.Value.GetProperty("slowModeSeconds").GetInt32());
        Assert.Equal(30, first.After!.Value.GetProperty("slowModeSeconds").GetInt32());
    }

    [Theory]
    [InlineData("""{"slug":"Has Spaces","name":"x"}""", "Slug")]
    [InlineData("""{"slug":"trailing-newline\n","name":"x"}""", "Slug")]
    [InlineData("""{"slug":"ok-slug"}""", "Name")]
    [InlineData("""{"slug":"ok-slug","name":"x","sortOrder":99999}""", "SortOrder")]
    public async Task BadLoungesAreRefusedNamingTheField(string json, string field)
    {
        using var response = await _admin.Client.SendRawAsync(HttpMethod.Post, "/api/admin/lounges", json, _admin.AccessToken);
        Assert.Contains(field, (await AuthApi.ReadProblemAsync(response, HttpStatusCode.BadRequest)).Errors.Keys);
    }

    [Theory]
    [InlineData("""{"slug":"r","name":"R","languageCode":"english"}""", "LanguageCode")]
    [InlineData("""{"slug":"r","name":"R"}""", "LanguageCode")]
    [InlineData("""{"slug":"r","name":"R","languageCode":"en\n"}""", "LanguageCode")]
    [InlineData("""{"slug":"r","name":"R","languageCode":"en","slowModeSeconds":-1}""", "SlowModeSeconds")]
    [InlineData("""{"slug":"r","name":"R","languageCode":"en","moderationMode":"Whenever"}""", "ModerationMode")]
    [InlineData("""{"slug":"r","name":"R","languageCode":"en","guestsCanRead":false,"guestsCanWrite":true}""", "GuestsCanWrite")]
    public async Task BadRoomsAreRefusedNamingTheField(string json, string field)
    {
        var lounge = (await _admin.GetFromJsonAsync<List<AdminLoungeResponse>>("/api/admin/lounges"))[0];
        using var response = await _admin.Client.SendRawAsync(HttpMethod.Post, $"/api/admin/lounges/{lounge.Id}/rooms", json, _admin.AccessToken);
        Assert.Contains(field, (await AuthApi.ReadProblemAsync(response, HttpStatusCode.BadRequest)).Errors.Keys);
    }

    [Fact]
    public async Task OnlyAdminsManageLoungesAndRooms()
    {
        var moderator = await ModerationApi.ModeratorAsync(_api, _admin);
        var lounge = (await _admin.GetFromJsonAsync<List<AdminLoungeResponse>>("/api/admin/lounges"))[0];
        foreach (var (method, path) in new[]
        {
            (HttpMethod.Get, "/api/admin/lounges"),
            (HttpMethod.Post, "/api/admin/lounges"),
            (HttpMethod.Patch, $"/api/admin/lounges/{lounge.Id}"),
            (HttpMethod.Post, $"/api/admin/lounges/{lounge.Id}/rooms"),
            (HttpMethod.Patch, $"/api/admin/rooms/{lounge.Rooms[0].Id}"),
        })
        {
            using var refused = await moderator.SendAsync(method, path, new { name = "Mine now", slug = "mine", languageCode = "en" });
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
        using var missing = await _admin.SendAsync(HttpMethod.Patch, $"/api/admin/rooms/{Guid.NewGuid()}", new { name = "x" });
        await AuthApi.ReadProblemAsync(missing, HttpStatusCode.NotFound);
    }

    private static async Task<T> CreatedAsync<T>(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.True(response.StatusCode == HttpStatusCode.Created,
                $"Answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(AuthApi.Ct)}");
            return (await response.Content.ReadFromJsonAsync<T>(AuthApi.Ct))!;
        }
    }
}
