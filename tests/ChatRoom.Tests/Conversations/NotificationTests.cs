using ChatRoom.Api.Conversations;
using ChatRoom.Tests.Realtime;

namespace ChatRoom.Tests.Conversations;

/// <summary>
/// Notifications through the real stack: mentions of people who can read the room, direct messages, moderation notices;
/// live and kept until read; none from a muted room, from someone blocked, or about a message that is gone.
/// </summary>
public sealed class NotificationTests(ChatServerFixture server) : IClassFixture<ChatServerFixture>
{
    [Fact]
    public async Task AMentionReachesThePersonNamedLiveAndStaysUnreadUntilRead()
    {
        var room = await server.NewRoomAsync();
        var alice = await ChatApi.SignInAsync(server.Api, "alice");
        await using var bob = await ChatApi.ConnectAsync(server.Api, "bob");

        await alice.SendOverRestAsync(room, $"mail me@{bob.Session.User.UserName}.org, or @{alice.User.UserName} myself");
        var said = await alice.SendOverRestAsync(room, $"hey @{bob.Session.User.UserName.ToUpperInvariant()}, look at this");

        var live = await bob.Notifications.WaitForAsync(n => n.Message?.Id == said.Id);
        Assert.Equal(("Mention", room), (live.Kind, live.RoomId));
        var list = await NotificationsAsync(bob.Session);
        Assert.Equal((1, said.Id), (list.Unread, Assert.Single(list.Items).Message!.Id));
        Assert.Empty((await NotificationsAsync(alice)).Items);

        using (var read = await bob.Session.SendAsync(HttpMethod.Post, $"/api/me/notifications/{live.Id}/read"))
            Assert.Equal(HttpStatusCode.NoContent, read.StatusCode);
        list = await NotificationsAsync(bob.Session);
        Assert.Equal((0, true), (list.Unread, list.Items.Single().Read));
    }

    [Fact]
    public async Task ADirectMessageNotifiesTheOtherMemberUnlessTheyMutedTheConversation()
    {
        var alice = await ChatApi.SignInAsync(server.Api, "alice");
        var bob = await ChatApi.SignInAsync(server.Api, "bob");
        var conversation = await alice.StartConversationAsync(bob.User.Id);

        var first = await alice.SendOverRestAsync(conversation, "are you free tonight?");
        using (var muted = await bob.SendAsync(HttpMethod.Put, $"/api/rooms/{conversation}/mute"))
            Assert.Equal(HttpStatusCode.NoContent, muted.StatusCode);
        Assert.Contains(conversation, await bob.GetFromJsonAsync<List<Guid>>("/api/me/mutes"));
        await alice.SendOverRestAsync(conversation, "while muted");
        using (var unmuted = await bob.SendAsync(HttpMethod.Delete, $"/api/rooms/{conversation}/mute"))
            Assert.Equal(HttpStatusCode.NoContent, unmuted.StatusCode);
        var third = await alice.SendOverRestAsync(conversation, "hello?");

        var list = await NotificationsAsync(bob);
        Assert.Equal([third.Id, first.Id], list.Items.Select(n => n.Message!.Id));
        Assert.All(list.Items, n => Assert.Equal("DirectMessage", n.Kind));
        using (var allRead = await bob.SendAsync(HttpMethod.Post, "/api/me/notifications/read"))
            Assert.Equal(HttpStatusCode.NoContent, allRead.StatusCode);
        Assert.Equal(0, (await NotificationsAsync(bob)).Unread);
    }

    [Fact]
    public async Task NobodyHearsOfARoomTheyCannotReadOrFromSomeoneTheyBlockedOrOfAMessageThatIsGone()
    {
        var admin = await server.AdminAsync();
        var adults = await server.NewRoomAsync();
        using (var changed = await admin.SendAsync(HttpMethod.Patch, $"/api/admin/rooms/{adults}", new { adultsOnly = true }))
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var room = await server.NewRoomAsync();
        var bob = await ChatApi.SignInAsync(server.Api, "bob");
        var carol = await ChatApi.SignInAsync(server.Api, "carol");
        using (var blocked = await bob.SendAsync(HttpMethod.Put, $"/api/me/blocks/{carol.User.Id}"))
            Assert.Equal(HttpStatusCode.OK, blocked.StatusCode);

        await admin.SendOverRestAsync(adults, $"@{bob.User.UserName} you cannot read this room");
        await carol.SendOverRestAsync(room, $"@{bob.User.UserName} you blocked me");
        var deleted = await admin.SendOverRestAsync(room, $"@{bob.User.UserName} this one is deleted");
        using (var gone = await admin.DeleteAsync(deleted.Id))
            Assert.Equal(HttpStatusCode.NoContent, gone.StatusCode);
        var kept = await admin.SendOverRestAsync(room, $"@{bob.User.UserName} this one stays");

        var list = await NotificationsAsync(bob);
        Assert.Equal((1, kept.Id), (list.Unread, Assert.Single(list.Items).Message!.Id));
    }

    [Fact]
    public async Task AModeratorsActionIsKeptAsANotice()
    {
        var admin = await server.AdminAsync();
        await using var bob = await ChatApi.ConnectAsync(server.Api, "bob");

        using (var warned = await admin.SendAsync(HttpMethod.Post, "/api/admin/moderation/actions", new { kind = "Warn", userId = bob.UserId, reason = "Mind your language." }))
            Assert.Equal(HttpStatusCode.Created, warned.StatusCode);

        var notice = await bob.Notifications.WaitForAsync(n => n.Kind == "Moderation");
        Assert.Contains("Mind your language.", notice.Text);
        Assert.Equal(notice.Id, Assert.Single((await NotificationsAsync(bob.Session)).Items).Id);
    }

    private static Task<NotificationPage> NotificationsAsync(Session session) =>
        session.GetFromJsonAsync<NotificationPage>("/api/me/notifications");
}
