namespace ChatRoom.Tests.Realtime;

/// <summary>Two people in a room: what one sends, edits and deletes, the other sees, live and in history.</summary>
public sealed class MessagingTests(MessagingTests.Server server) : IClassFixture<MessagingTests.Server>, IAsyncLifetime
{
    /// <summary>The session watch (which also brings profiles up to date) only every minute: a rename must arrive by its announcement.</summary>
    public sealed class Server(TestInfrastructure infrastructure) : ChatServerFixture(infrastructure)
    {
        protected override (string Key, string Value)[] Settings => [("Realtime:SessionWatchInterval", "00:01:00")];
    }

    private readonly ApiServer _api = server.Api;
    private Guid _room;

    public async ValueTask InitializeAsync() => _room = await server.NewRoomAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task EveryoneSeesTheRoleOfWhoWroteAMessageLiveAndInHistory()
    {
        await using var bob = await ChatApi.ConnectAsync(_api, "bob");
        await bob.JoinAsync(_room);
        var admin = await server.AdminAsync();

        var announcement = await admin.SendOverRestAsync(_room, "House rules: be kind.");
        var own = await bob.SendAsync(_room, "Noted.");
        var live = await bob.Created.WaitForAsync(m => m.Id == announcement.Id);
        var history = (await bob.Session.HistoryAsync(_room)).Messages;

        Assert.Equal("Admin", live.Author.Role);
        Assert.Equal("Admin", history.Single(m => m.Id == announcement.Id).Author.Role);
        Assert.Equal("User", history.Single(m => m.Id == own.Id).Author.Role);
    }

    [Fact]
    public async Task ANewDisplayNameShowsOnTheNextMessagesSentThroughTheHubAndRest()
    {
        await using var alice = await ChatApi.ConnectAsync(_api, "alice");
        await using var bob = await ChatApi.ConnectAsync(_api, "bob");
        await alice.JoinAsync(_room);
        await bob.JoinAsync(_room);
        var before = await alice.SendAsync(_room, "hello");

        using (var rename = await alice.Session.SendAsync(HttpMethod.Patch, "/api/users/me", new { displayName = "Alice Cooper" }))
            Assert.Equal(HttpStatusCode.OK, rename.StatusCode);
        var overHub = await alice.SendAsync(_room, "it is me, renamed");
        var overRest = await alice.Session.SendOverRestAsync(_room, "still me");

        var seen = await bob.Created.WaitForAsync(m => m.Id == overRest.Id);
        Assert.Equal("Alice Cooper", (await bob.Created.WaitForAsync(m => m.Id == overHub.Id)).Author.DisplayName);
        Assert.Equal("Alice Cooper", seen.Author.DisplayName);
        Assert.NotEqual("Alice Cooper", (await bob.Created.WaitForAsync(m => m.Id == before.Id)).Author.DisplayName);
    }

    [Fact]
    public async Task ARenameThroughOneReplicaShowsOnWhatTheUserSendsThroughAnother()
    {
        await using var two = _api.StartReplica();
        var alice = await ChatApi.SignInAsync(_api, "alice");
        await using var aliceOnTwo = await ChatClient.ConnectAsync(two, alice);
        await using var bob = await ChatApi.ConnectAsync(_api, "bob");
        await aliceOnTwo.JoinAsync(_room);
        await bob.JoinAsync(_room);

        using (var rename = await alice.SendAsync(HttpMethod.Patch, "/api/users/me", new { displayName = "Alice on Two" }))
            Assert.Equal(HttpStatusCode.OK, rename.StatusCode);

        // The other replica hears of the change over Redis, a moment after the answer.
        await Eventually.HoldsAsync(async () =>
        {
            var ack = await aliceOnTwo.SendAsync(_room, "who am I?");
            return (await bob.Created.WaitForAsync(m => m.Id == ack.Id)).Author.DisplayName == "Alice on Two";
        }, within: TimeSpan.FromSeconds(10), because: "the connection on the other replica shows the new name");
    }

    [Fact]
    public async Task AMessageSentThroughTheHubReachesTheOtherMemberWithTheSameIdAndSeq()
    {
        await using var alice = await ChatApi.ConnectAsync(_api, "alice");
        await using var bob = await ChatApi.ConnectAsync(_api, "bob");
        await alice.JoinAsync(_room);
        await bob.JoinAsync(_room);

        var ack = await alice.SendAsync(_room, "  Hello, Bob  ");
        var received = await bob.Created.WaitForAsync(m => m.Id == ack.Id);

        Assert.Equal(ack.Seq, received.Seq);
        Assert.Equal(ack.ChangeSeq, received.ChangeSeq);
        Assert.Equal(ack.CreatedAt, received.CreatedAt);
        Assert.Equal("Hello, Bob", received.Content);
        Assert.Equal(alice.UserId, received.Author.Id);
        Assert.Equal(alice.Session.User.UserName, received.Author.UserName);
        Assert.Equal(_room, received.RoomId);
        Assert.Equal(1, received.Seq);
    }

    [Fact]
    public async Task EditsAndDeletionsThroughRestReachTheRoomAsEvents()
    {
        await using var alice = await ChatApi.ConnectAsync(_api, "alice");
        await using var bob = await ChatApi.ConnectAsync(_api, "bob");
        await alice.JoinAsync(_room);
        await bob.JoinAsync(_room);
        var ack = await alice.SendAsync(_room, "Helo");

        using (var edit = await alice.Session.EditAsync(ack.Id, "Hello"))
            Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        var updated = await bob.Updated.WaitForAsync(m => m.Id == ack.Id);
        using (var delete = await alice.Session.DeleteAsync(ack.Id))
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        var deleted = await bob.Deleted.WaitForAsync(d => d.MessageId == ack.Id);

        Assert.Equal("Hello", updated.Content);
        Assert.NotNull(updated.EditedAt);
        Assert.Equal(ack.Seq, updated.Seq);
        Assert.True(updated.ChangeSeq > ack.ChangeSeq);
        Assert.Equal(_room, deleted.RoomId);
        Assert.Equal(ack.Seq, deleted.Seq);
        Assert.True(deleted.ChangeSeq > updated.ChangeSeq);
    }

    [Fact]
    public async Task HistoryListsMessagesInSeqOrderWithoutDeletedOnes()
    {
        await using var alice = await ChatApi.ConnectAsync(_api, "alice");
        var bob = await ChatApi.SignInAsync(_api, "bob");
        var first = await alice.SendAsync(_room, "one");
        var second = await bob.SendOverRestAsync(_room, "two");
        var third = await alice.SendAsync(_room, "three");
        var fourth = await bob.SendOverRestAsync(_room, "four");
        using (var delete = await bob.DeleteAsync(second.Id))
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);

        var latest = await bob.HistoryAsync(_room);
        var olderThanFourth = await bob.HistoryAsync(_room, $"?before={fourth.Seq}&limit=1");
        var newerThanFirst = await bob.HistoryAsync(_room, $"?after={first.Seq}&limit=10");

        Assert.Equal(["one", "three", "four"], latest.Messages.Select(m => m.Content));
        Assert.Equal([first.Seq, third.Seq, fourth.Seq], latest.Messages.Select(m => m.Seq));
        Assert.False(latest.HasMore);
        Assert.Equal(third.Id, Assert.Single(olderThanFourth.Messages).Id);
        Assert.True(olderThanFourth.HasMore);
        Assert.Equal([third.Id, fourth.Id], newerThanFirst.Messages.Select(m => m.Id));
    }

    [Fact]
    public async Task JoiningARoomAnswersTheLatestHistoryAndTheRoom()
    {
        var alice = await ChatApi.SignInAsync(_api, "alice");
        for (var i = 1; i <= 3; i++)
            await alice.SendOverRestAsync(_room, $"message {i}");
        await using var bob = await ChatApi.ConnectAsync(_api, "bob");

        var joined = await bob.JoinAsync(_room);

        Assert.Equal(_room, joined.Room.Id);
        Assert.Equal(["message 1", "message 2", "message 3"], joined.Messages.Select(m => m.Content));
        Assert.Equal(joined.Messages[^1].ChangeSeq, joined.ChangeSeq);
        Assert.False(joined.HasMore);
    }

    [Fact]
    public async Task AMemberWhoLeftARoomNoLongerReceivesItsMessages()
    {
        Guid[] rooms = [_room, await server.NewRoomAsync()];
        await using var alice = await ChatApi.ConnectAsync(_api, "alice");
        await using var bob = await ChatApi.ConnectAsync(_api, "bob");
        await bob.JoinAsync(rooms[0]);
        await bob.JoinAsync(rooms[1]);
        await bob.LeaveAsync(rooms[0]);

        var missed = await alice.SendAsync(rooms[0], "you left");
        var seen = await alice.SendAsync(rooms[1], "you are still here");
        // Broadcasts leave the single message writer in commit order: once the later one is in, the earlier one would be too.
        await bob.Created.WaitForAsync(m => m.Id == seen.Id);

        Assert.DoesNotContain(bob.Created.Items, m => m.Id == missed.Id);
    }

    [Fact]
    public async Task OnlyTheAuthorEditsAMessageAndOnlyTheAuthorOrAModeratorDeletesIt()
    {
        var alice = await ChatApi.SignInAsync(_api, "alice");
        var mallory = await ChatApi.SignInAsync(_api, "mallory");
        var admin = await server.AdminAsync();
        var message = await alice.SendOverRestAsync(_room, "mine");

        using var edit = await mallory.EditAsync(message.Id, "not yours");
        using var moderatorEdit = await admin.EditAsync(message.Id, "words put in alice's mouth");
        using var delete = await mallory.DeleteAsync(message.Id);
        var stillHers = (await alice.HistoryAsync(_room)).Messages.Single();
        using var moderatorDelete = await admin.DeleteAsync(message.Id);
        using var deleteAgain = await alice.DeleteAsync(message.Id);

        await AuthApi.ReadProblemAsync(edit, HttpStatusCode.Forbidden);
        await AuthApi.ReadProblemAsync(moderatorEdit, HttpStatusCode.Forbidden);
        await AuthApi.ReadProblemAsync(delete, HttpStatusCode.Forbidden);
        Assert.Equal(("mine", null), (stillHers.Content, stillHers.EditedAt));
        Assert.Equal(HttpStatusCode.NoContent, moderatorDelete.StatusCode);
        await AuthApi.ReadProblemAsync(deleteAgain, HttpStatusCode.NotFound);
        Assert.Empty((await alice.HistoryAsync(_room)).Messages);
    }

    [Fact]
    public async Task AnEditRacingADeletionNeverBringsTheDeletedTextBack()
    {
        await using var alice = await ChatApi.ConnectAsync(_api, "alice");
        await using var bob = await ChatApi.ConnectAsync(_api, "bob");
        await bob.JoinAsync(_room);
        var sent = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => alice.SendAsync(_room, $"message {i}")));

        var outcomes = await Task.WhenAll(sent.Select(async message =>
        {
            var edit = alice.Session.EditAsync(message.Id, "edited");
            var delete = alice.Session.DeleteAsync(message.Id);
            using var edited = await edit;
            using var deleted = await delete;
            return (edited.StatusCode, deleted.StatusCode);
        }));
        await bob.Deleted.WaitForCountAsync(sent.Length);

        Assert.All(outcomes, o => Assert.Equal(HttpStatusCode.NoContent, o.Item2));
        // An edit either came first (200, and its event is older than the deletion) or found the message gone (404).
        Assert.All(outcomes, o => Assert.Contains(o.Item1, new[] { HttpStatusCode.OK, HttpStatusCode.NotFound }));
        Assert.All(sent, message =>
        {
            var deletion = Assert.Single(bob.Deleted.Items, d => d.MessageId == message.Id);
            Assert.All(bob.Updated.Items.Where(u => u.Id == message.Id), u => Assert.True(u.ChangeSeq < deletion.ChangeSeq));
        });
        Assert.Empty((await bob.Session.HistoryAsync(_room)).Messages);
    }

    [Fact]
    public async Task EditingOrDeletingAMessageIsAudited()
    {
        var alice = await ChatApi.SignInAsync(_api, "alice");
        var admin = await server.AdminAsync();
        var message = await alice.SendOverRestAsync(_room, "before");
        (await alice.EditAsync(message.Id, "after")).Dispose();
        (await alice.DeleteAsync(message.Id)).Dispose();

        using var audit = await admin.GetAsync($"/api/admin/audit?entityId={message.Id}");
        var body = await audit.Content.ReadAsStringAsync(AuthApi.Ct);

        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
        Assert.Contains("message.edit", body, StringComparison.Ordinal);
        Assert.Contains("message.delete", body, StringComparison.Ordinal);
    }
}
