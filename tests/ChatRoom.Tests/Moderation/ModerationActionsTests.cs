using ChatRoom.Api.Infrastructure;
using ChatRoom.Api.Moderation;
using ChatRoom.Tests.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace ChatRoom.Tests.Moderation;

/// <summary>Moderators warn, mute, kick, ban and delete; each takes effect at once, everywhere, and is recorded.</summary>
public sealed class ModerationActionsTests(ModerationActionsTests.Server server)
    : IClassFixture<ModerationActionsTests.Server>, IAsyncLifetime
{
    private readonly ApiServer _api = server.Api;
    private Session _admin = null!;
    private Session _moderator = null!;
    private Guid _room;

    public sealed class Server(TestInfrastructure infrastructure) : ChatServerFixture(infrastructure);

    public async ValueTask InitializeAsync()
    {
        _room = await server.NewRoomAsync();
        _admin = await server.AdminAsync();
        _moderator = await ModerationApi.ModeratorAsync(_api, _admin);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task AReportedUserIsMutedTheirSendsAreRefusedWithTheExpiryAndUnmutingLetsThemSendAgain()
    {
        await using var bob = await ChatApi.ConnectAsync(_api, "bob");
        var alice = await ChatApi.SignInAsync(_api, "alice");
        var rude = await bob.Session.SendOverRestAsync(_room, "something rude");

        using (var report = await alice.ReportAsync(messageId: rude.Id, reason: "insults people"))
            Assert.Equal(HttpStatusCode.Created, report.StatusCode);
        var open = await _moderator.GetFromJsonAsync<Page<ReportResponse>>("/api/admin/reports?status=Open");
        var seen = Assert.Single(open.Items, r => r.TargetMessage?.Id == rude.Id);
        Assert.Equal("something rude", seen.TargetMessage!.Content);
        Assert.Equal(bob.UserId, seen.TargetUser!.Id);

        var mute = await _moderator.ActOkAsync(new { kind = "Mute", userId = bob.UserId, durationMinutes = 10, reason = "insults" });
        Assert.Equal(mute.CreatedAt.AddMinutes(10), mute.ExpiresAt);
        var notice = await bob.Notices.WaitForAsync(n => n.Kind == "Mute");
        Assert.Equal(mute.ExpiresAt, notice.ExpiresAt);

        using (var refused = await bob.Session.PostMessageAsync(_room, "let me talk", Guid.NewGuid().ToString()))
        {
            var problem = await AuthApi.ReadProblemAsync(refused, HttpStatusCode.Forbidden);
            Assert.Contains($"muted until {mute.ExpiresAt:yyyy-MM-dd HH:mm:ss}", problem.Detail, StringComparison.Ordinal);
        }
        var hubRefusal = await Assert.ThrowsAsync<HubException>(() => bob.SendAsync(_room, "over the hub then"));
        Assert.Contains("muted until", hubRefusal.Detail(ErrorCodes.ChatMuted), StringComparison.Ordinal);

        await _moderator.ActOkAsync(new { kind = "Unmute", userId = bob.UserId });
        await bob.Notices.WaitForAsync(n => n.Kind == "Unmute");
        await bob.Session.SendOverRestAsync(_room, "sorry");
        await bob.SendAsync(_room, "really sorry");
    }

    [Fact]
    public async Task ModeratorsCannotActOnAdminsButAdminsCanActOnModerators()
    {
        foreach (var kind in new[] { "Warn", "Mute", "Kick", "Ban" })
        {
            using var refused = await _moderator.ActAsync(new { kind, userId = _admin.User.Id, roomId = _room, durationMinutes = 5 });
            await AuthApi.ReadProblemAsync(refused, HttpStatusCode.Forbidden);
        }
        var adminMessage = await _admin.SendOverRestAsync(_room, "admin speaking");
        using (var refused = await _moderator.ActAsync(new { kind = "DeleteMessage", messageId = adminMessage.Id }))
            await AuthApi.ReadProblemAsync(refused, HttpStatusCode.Forbidden);

        var warned = await _admin.ActOkAsync(new { kind = "Warn", userId = _moderator.User.Id, reason = "be nicer" });
        Assert.Equal(_admin.User.Id, warned.Moderator!.Id);
    }

    [Fact]
    public async Task BanClosesTheUsersConnectionsOnEveryReplicaAndRefusesLoginUntilUnban()
    {
        await using var replica = _api.StartReplica();
        var bob = await ChatApi.SignInAsync(_api, "bob");
        await using var onFirst = await ChatClient.ConnectAsync(_api, bob);
        await using var onSecond = await ChatClient.ConnectAsync(replica, bob);

        var ban = await _moderator.ActOkAsync(new { kind = "Ban", userId = bob.User.Id, reason = "spam bot" });
        Assert.Null(ban.ExpiresAt);

        await onFirst.WaitUntilClosedAsync();
        await onSecond.WaitUntilClosedAsync();
        using (var me = await bob.GetAsync("/api/auth/me"))
            Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        using (var login = await _api.NewHttpClient().PostJsonAsync("/api/auth/login", new { userName = bob.User.UserName, password = AuthApi.Password }))
        {
            var problem = await AuthApi.ReadProblemAsync(login, HttpStatusCode.Forbidden);
            Assert.Contains("banned", problem.Detail, StringComparison.Ordinal);
            Assert.Contains("spam bot", problem.Detail, StringComparison.Ordinal);
        }

        await _moderator.ActOkAsync(new { kind = "Unban", userId = bob.User.Id });
        var back = await _api.NewHttpClient().LoginAsync(bob.User.UserName);
        await back.SendOverRestAsync(_room, "I am back");
        await using var connected = await ChatClient.ConnectAsync(replica, back);
        await connected.JoinAsync(_room);
    }

    [Fact]
    public async Task AKickTakesTheUserOutOfTheRoomAndKeepsThemOutOfItForTheDuration()
    {
        var otherRoom = await server.NewRoomAsync();
        await using var alice = await ChatApi.ConnectAsync(_api, "alice");
        await using var bob = await ChatApi.ConnectAsync(_api, "bob");
        await alice.JoinAsync(_room);
        await bob.JoinAsync(_room);

        var kick = await _moderator.ActOkAsync(new { kind = "Kick", userId = bob.UserId, roomId = _room, reason = "off topic" });
        var notice = await bob.Notices.WaitForAsync(n => n.Kind == "Kick");
        Assert.Equal(_room, notice.RoomId);
        Assert.Equal(kick.CreatedAt.AddMinutes(ModerationActionRequest.DefaultKickMinutes), notice.ExpiresAt);
        await alice.Left.WaitForAsync(l => l.User.Id == bob.UserId);

        // Out of the room: the next message there does not reach bob, and he can neither rejoin nor post.
        var after = await alice.SendAsync(_room, "carry on");
        await bob.JoinAsync(otherRoom);
        var later = await alice.SendAsync(otherRoom, "in the other room");
        await bob.Created.WaitForAsync(m => m.Id == later.Id);
        Assert.DoesNotContain(bob.Created.Items, m => m.Id == after.Id);
        Assert.Contains("removed from this room", (await Assert.ThrowsAsync<HubException>(() => bob.JoinAsync(_room))).Detail(ErrorCodes.ChatKicked), StringComparison.Ordinal);
        using (var post = await bob.Session.PostMessageAsync(_room, "let me back", Guid.NewGuid().ToString()))
            await AuthApi.ReadProblemAsync(post, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AWarningReachesTheUserAndIsRecordedWithItsAuditEntry()
    {
        await using var bob = await ChatApi.ConnectAsync(_api, "bob");
        var warn = await _moderator.ActOkAsync(new { kind = "Warn", userId = bob.UserId, reason = "keep it civil" });

        var notice = await bob.Notices.WaitForAsync(n => n.Kind == "Warn");
        Assert.Equal("keep it civil", notice.Reason);
        var history = await _moderator.GetFromJsonAsync<Page<ModerationActionResponse>>($"/api/admin/moderation/actions?userId={bob.UserId}");
        Assert.Equal(warn.Id, Assert.Single(history.Items).Id);
        var audit = await _admin.GetFromJsonAsync<Page<Api.Admin.AuditEntryResponse>>($"/api/admin/audit?action=moderation.warn&entityId={bob.UserId}");
        Assert.Equal(_moderator.User.Id, Assert.Single(audit.Items).ActorId);
    }

    [Fact]
    public async Task TheSameActionSentTwiceIsRecordedOnceAndADifferentOneIsRecordedAgain()
    {
        var bob = await ChatApi.SignInAsync(_api, "bob");
        var mute = new { kind = "Mute", userId = bob.User.Id, reason = "flooding", durationMinutes = 10 };

        // A retry after a lost answer, or a double click: the same moderator, the same action, moments apart.
        var first = await _moderator.ActOkAsync(mute);
        var again = await _moderator.ActOkAsync(mute);
        var longer = await _moderator.ActOkAsync(mute with { durationMinutes = 60 });

        Assert.Equal(first.Id, again.Id);
        Assert.NotEqual(first.Id, longer.Id);
        var history = await _moderator.GetFromJsonAsync<Page<ModerationActionResponse>>($"/api/admin/moderation/actions?userId={bob.User.Id}");
        Assert.Equal([longer.Id, first.Id], history.Items.Select(a => a.Id));
        var audit = await _admin.GetFromJsonAsync<Page<Api.Admin.AuditEntryResponse>>($"/api/admin/audit?action=moderation.mute&entityId={bob.User.Id}");
        Assert.Equal(2, audit.Items.Count);
    }

    [Fact]
    public async Task AModeratorDeletesAnyonesMessageForEveryoneAndItIsRecordedAgainstTheAuthor()
    {
        await using var alice = await ChatApi.ConnectAsync(_api, "alice");
        await alice.JoinAsync(_room);
        var bob = await ChatApi.SignInAsync(_api, "bob");
        var message = await bob.SendOverRestAsync(_room, "buy cheap watches");

        var action = await _moderator.ActOkAsync(new { kind = "DeleteMessage", messageId = message.Id, reason = "spam" });
        Assert.Equal(bob.User.Id, action.TargetUser.Id);
        Assert.Equal(message.Id, action.MessageId);
        await alice.Deleted.WaitForAsync(d => d.MessageId == message.Id);
        Assert.DoesNotContain(await alice.Session.FullHistoryAsync(_room), m => m.Id == message.Id);
    }

    [Theory]
    [InlineData("""{"kind":"Mute","userId":"00000000-0000-0000-0000-000000000001"}""", "DurationMinutes")]
    [InlineData("""{"kind":"Kick","userId":"00000000-0000-0000-0000-000000000001"}""", "RoomId")]
    [InlineData("""{"kind":"Explode","userId":"00000000-0000-0000-0000-000000000001"}""", "Kind")]
    [InlineData("""{"kind":"1","userId":"00000000-0000-0000-0000-000000000001"}""", "Kind")]
    [InlineData("""{"kind":"Warn"}""", "UserId")]
    [InlineData("""{"kind":"DeleteMessage"}""", "MessageId")]
    [InlineData("""{"kind":"Ban","userId":"00000000-0000-0000-0000-000000000001","durationMinutes":0}""", "DurationMinutes")]
    public async Task IncompleteActionsAreRefusedNamingTheField(string json, string field)
    {
        using var response = await _moderator.Client.SendRawAsync(HttpMethod.Post, "/api/admin/moderation/actions", json, _moderator.AccessToken);
        var problem = await AuthApi.ReadProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.Errors.Keys);
    }

    [Fact]
    public async Task ActionsOnNobodyOnOneselfOrOnWhatIsNotThereAreRefusedWithTheirCode()
    {
        var bob = await ChatApi.SignInAsync(_api, "bob");
        using (var nobody = await _moderator.ActAsync(new { kind = "Warn", userId = Guid.NewGuid() }))
            Assert.Equal(ErrorCodes.ModerationUserNotFound, await CodeAsync(nobody, HttpStatusCode.NotFound));
        using (var self = await _moderator.ActAsync(new { kind = "Mute", userId = _moderator.User.Id, durationMinutes = 5 }))
            Assert.Equal(ErrorCodes.ModerationSelf, await CodeAsync(self, HttpStatusCode.BadRequest));
        using (var notMuted = await _moderator.ActAsync(new { kind = "Unmute", userId = bob.User.Id }))
            Assert.Equal(ErrorCodes.ModerationNotRestricted, await CodeAsync(notMuted, HttpStatusCode.Conflict));
        using (var notBanned = await _moderator.ActAsync(new { kind = "Unban", userId = bob.User.Id }))
            Assert.Equal(ErrorCodes.ModerationNotRestricted, await CodeAsync(notBanned, HttpStatusCode.Conflict));
        using (var noRoom = await _moderator.ActAsync(new { kind = "Kick", userId = bob.User.Id, roomId = Guid.NewGuid() }))
            Assert.Equal(ErrorCodes.RoomNotFound, await CodeAsync(noRoom, HttpStatusCode.NotFound));
        using (var noMessage = await _moderator.ActAsync(new { kind = "DeleteMessage", messageId = Guid.NewGuid() }))
            Assert.Equal(ErrorCodes.MessageNotFound, await CodeAsync(noMessage, HttpStatusCode.NotFound));
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response, HttpStatusCode status) =>
        (await AuthApi.ReadProblemAsync(response, status)).Extensions.TryGetValue("code", out var code) ? code?.ToString() : null;
}
