using ChatRoom.Chat;
using ChatRoom.Chat.Moderation;
using ChatRoom.Data.Entities;
using ChatRoom.Tests.Realtime;
using Microsoft.Extensions.DependencyInjection;

namespace ChatRoom.Tests.Moderation;

/// <summary>Every new message passes the moderation queue in the Worker; what the people in the room see of it.</summary>
public sealed class ModerationQueueTests(ModerationQueueTests.StrictRules server) : IClassFixture<ModerationQueueTests.StrictRules>
{
    private readonly ApiServer _api = server.Api;

    /// <summary>
    /// A Worker whose flood and repeat rules are strict enough for <see cref="FloodsAndRepeatedTextAreRejected"/>;
    /// the other tests write at most two messages per author and room.
    /// </summary>
    public sealed class StrictRules(TestInfrastructure infrastructure) : ModeratedChatServer(infrastructure)
    {
        protected override (string Key, string Value)[] WorkerSettings =>
            [("Moderation:Rules:FloodMaxMessages", "3"), ("Moderation:Rules:FloodWindow", "00:01:00"), ("Moderation:Rules:RepeatMaxCopies", "2")];
    }

    [Fact]
    public async Task AFilteredMessageInAPostModeratedRoomDisappearsForEveryoneWhileACleanOneStays()
    {
        var room = await server.NewRoomAsync();
        await using var alice = await ChatApi.ConnectAsync(_api, "alice");
        await using var bob = await ChatApi.ConnectAsync(_api, "bob");
        await alice.JoinAsync(room);
        await bob.JoinAsync(room);
        var admin = await server.AdminAsync();

        var bad = await alice.SendAsync(room, "well D-4-R-N it all", "rejected-later");
        var clean = await alice.SendAsync(room, "well done, all of you");
        var moderatorsWord = await admin.SendOverRestAsync(room, "moderators may say darn");

        await bob.Created.WaitForAsync(m => m.Id == bad.Id); // post-moderated: shown at once...
        var removed = await bob.Deleted.WaitForAsync(d => d.MessageId == bad.Id); // ...and removed
        await alice.Deleted.WaitForAsync(d => d.MessageId == bad.Id);
        await _api.WaitUntilJudgedAsync(clean.Id, moderatorsWord.Id);

        Assert.Equal(room, removed.RoomId);
        Assert.Equal(bad.Seq, removed.Seq);
        Assert.True(removed.ChangeSeq > clean.ChangeSeq);
        var history = await bob.Session.FullHistoryAsync(room);
        Assert.DoesNotContain(history, m => m.Id == bad.Id);
        Assert.Contains(history, m => m.Id == clean.Id && m.Content == "well done, all of you");
        Assert.Contains(history, m => m.Id == moderatorsWord.Id);
        Assert.DoesNotContain(bob.Deleted.Items, d => d.MessageId == clean.Id || d.MessageId == moderatorsWord.Id);

        var rejected = await _api.StateAsync(bad.Id);
        Assert.Equal(nameof(MessageStatus.Rejected), rejected.Status);
        Assert.Contains("filtered word: darn", rejected.ModerationNote);
        Assert.Equal((nameof(MessageStatus.Approved), (string?)null), ((await _api.StateAsync(clean.Id)).Status, (await _api.StateAsync(clean.Id)).ModerationNote));
        Assert.Equal(nameof(MessageStatus.Approved), (await _api.StateAsync(moderatorsWord.Id)).Status);
        var audit = Assert.Single(await _api.AuditAsync("message.reject", bad.Id, clean.Id, moderatorsWord.Id));
        Assert.Equal((bad.Id.ToString(), (Guid?)null), audit);

        // A client catching up by change number learns of the removal too.
        var changes = await bob.Session.HistoryAsync(room, $"?changedAfter={clean.ChangeSeq}");
        Assert.Contains(changes.Messages, m => m.Id == bad.Id && m.Deleted && m.Content == "");

        // The author's retry of the rejected send (its first answer lost) is answered with it, never sent again.
        var retried = await alice.SendAsync(room, "well D-4-R-N it all", "rejected-later");
        Assert.Equal((bad.Id, bad.Seq), (retried.Id, retried.Seq));
    }

    [Fact]
    public async Task AFlaggedMessageInAPreModeratedRoomStaysHiddenUntilAModeratorApprovesIt()
    {
        var room = await server.NewRoomAsync(ModerationMode.PreModerated);
        await using var alice = await ChatApi.ConnectAsync(_api, "alice");
        await using var bob = await ChatApi.ConnectAsync(_api, "bob");
        await alice.JoinAsync(room);
        await bob.JoinAsync(room);

        var flagged = await alice.SendAsync(room, "d a r n this queue");
        var harmless = await alice.SendAsync(room, "a harmless question");
        await _api.WaitUntilJudgedAsync(flagged.Id, harmless.Id);

        var judged = await _api.StateAsync(flagged.Id);
        Assert.Equal(nameof(MessageStatus.Pending), judged.Status);
        Assert.Contains("filtered word: darn", judged.ModerationNote);
        Assert.Equal(new MessageState(nameof(MessageStatus.Pending), (await _api.StateAsync(harmless.Id)).ModeratedAt, null),
            await _api.StateAsync(harmless.Id));
        Assert.DoesNotContain(bob.Created.Items, m => m.Id == flagged.Id || m.Id == harmless.Id);
        Assert.DoesNotContain(await bob.Session.FullHistoryAsync(room), m => m.Id == flagged.Id);

        var adminId = await _api.UserIdAsync(TestInfrastructure.AdminUserName);
        await using (var scope = _api.Services.CreateAsyncScope())
        {
            var decisions = scope.ServiceProvider.GetRequiredService<ModerationDecisions>();
            var approved = await decisions.ApproveAsync(flagged.Id, adminId, "203.0.113.7", AuthApi.Ct);
            Assert.True(approved.Succeeded, approved.Detail);
            Assert.Equal(ChatError.Conflict, (await decisions.ApproveAsync(flagged.Id, adminId, null, AuthApi.Ct)).Error);
            Assert.Equal(ChatError.NotFound, (await decisions.ApproveAsync(Guid.NewGuid(), adminId, null, AuthApi.Ct)).Error);
        }

        var shown = await bob.Created.WaitForAsync(m => m.Id == flagged.Id);
        Assert.Equal(nameof(MessageStatus.Approved), shown.Status);
        Assert.Equal("d a r n this queue", shown.Content);
        Assert.True(shown.ChangeSeq > harmless.ChangeSeq);
        Assert.Contains(await bob.Session.FullHistoryAsync(room), m => m.Id == flagged.Id && m.Status == nameof(MessageStatus.Approved));
        Assert.DoesNotContain(bob.Created.Items, m => m.Id == harmless.Id);
        Assert.Equal([(flagged.Id.ToString(), (Guid?)adminId)], await _api.AuditAsync("message.approve", flagged.Id, harmless.Id));
    }

    [Fact]
    public async Task AModeratorsRejectionOfAPendingMessageReachesOnlyItsAuthorAndTheModerators()
    {
        var room = await server.NewRoomAsync(ModerationMode.PreModerated);
        await using var alice = await ChatApi.ConnectAsync(_api, "alice");
        await using var bob = await ChatApi.ConnectAsync(_api, "bob");
        await using var admin = await ChatClient.ConnectAsync(_api, await server.AdminAsync());
        await alice.JoinAsync(room);
        await bob.JoinAsync(room);
        var pending = await alice.SendAsync(room, "buy my stuff");
        var adminId = await _api.UserIdAsync(TestInfrastructure.AdminUserName);

        await using (var scope = _api.Services.CreateAsyncScope())
        {
            var decisions = scope.ServiceProvider.GetRequiredService<ModerationDecisions>();
            var rejected = await decisions.RejectAsync(pending.Id, new Viewer(adminId, UserRole.Admin), "advertising", null, AuthApi.Ct);
            Assert.True(rejected.Succeeded, rejected.Detail);
            Assert.Equal(ChatError.Conflict, (await decisions.RejectAsync(pending.Id, new Viewer(adminId, UserRole.Admin), "again", null, AuthApi.Ct)).Error);
            Assert.Equal(ChatError.Conflict, (await decisions.ApproveAsync(pending.Id, adminId, null, AuthApi.Ct)).Error);
        }

        await alice.Deleted.WaitForAsync(d => d.MessageId == pending.Id);
        await admin.Deleted.WaitForAsync(d => d.MessageId == pending.Id);
        await bob.HeartbeatAsync(); // a round trip after the broadcast
        Assert.Empty(bob.Deleted.Items);
        Assert.Equal(new MessageState(nameof(MessageStatus.Rejected), (await _api.StateAsync(pending.Id)).ModeratedAt, "advertising"),
            await _api.StateAsync(pending.Id));
        Assert.Equal([(pending.Id.ToString(), (Guid?)adminId)], await _api.AuditAsync("message.reject", pending.Id));
    }

    [Fact]
    public async Task AMessageThatNeverReachedTheQueueIsJudgedByTheSweep()
    {
        var room = await server.NewRoomAsync();
        await using var alice = await ChatApi.ConnectAsync(_api, "alice");
        await using var bob = await ChatApi.ConnectAsync(_api, "bob");
        await bob.JoinAsync(room);

        // Stored while Redis was away: no stream entry.
        var lost = await _api.InsertUnqueuedMessageAsync(room, alice.UserId, "darn, nobody queued me", TimeSpan.FromSeconds(10));
        var lostClean = await _api.InsertUnqueuedMessageAsync(room, alice.UserId, "nobody queued me either", TimeSpan.FromSeconds(10));

        await bob.Deleted.WaitForAsync(d => d.MessageId == lost, TimeSpan.FromSeconds(15));
        await _api.WaitUntilJudgedAsync(lostClean);
        Assert.Equal(nameof(MessageStatus.Rejected), (await _api.StateAsync(lost)).Status);
        Assert.Equal(nameof(MessageStatus.Approved), (await _api.StateAsync(lostClean)).Status);
        Assert.Equal([(lost.ToString(), (Guid?)null)], await _api.AuditAsync("message.reject", lost, lostClean));
    }

    [Fact]
    public async Task FloodsAndRepeatedTextAreRejected()
    {
        Guid[] rooms = [await server.NewRoomAsync(), await server.NewRoomAsync()];
        await using var alice = await ChatApi.ConnectAsync(_api, "alice");

        var flood = new List<Guid>();
        foreach (var text in new[] { "one", "two", "three", "four" })
            flood.Add((await alice.SendAsync(rooms[0], text)).Id);
        var repeats = new List<Guid>();
        for (var i = 0; i < 3; i++)
            repeats.Add((await alice.SendAsync(rooms[1], "JOIN MY SERVER")).Id);
        await _api.WaitUntilJudgedAsync([.. flood, .. repeats]);

        Assert.Equal(["Approved", "Approved", "Approved", "Rejected"], await StatusesAsync(_api, flood));
        Assert.StartsWith("flood: 4 messages", (await _api.StateAsync(flood[3])).ModerationNote);
        Assert.Equal(["Approved", "Approved", "Rejected"], await StatusesAsync(_api, repeats));
        Assert.StartsWith("repeated text: 3 copies", (await _api.StateAsync(repeats[2])).ModerationNote);
    }

    private static async Task<List<string>> StatusesAsync(ApiFactory api, List<Guid> ids)
    {
        var statuses = new List<string>();
        foreach (var id in ids)
            statuses.Add((await api.StateAsync(id)).Status);
        return statuses;
    }
}
