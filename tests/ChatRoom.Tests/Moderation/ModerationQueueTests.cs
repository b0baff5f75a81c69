using ChatRoom.Data.Entities;
using ChatRoom.Chat;
using ChatRoom.Realtime;
using ChatRoom.Chat.Moderation;
using ChatRoom.Tests.Realtime;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace ChatRoom.Tests.Moderation;

/// <summary>Every new message passes the moderation queue in the Worker; what the people in the room see of it.</summary>
public sealed class ModerationQueueTests(TestInfrastructure infrastructure)
{
    [Fact]
    public async Task AFilteredMessageInAPostModeratedRoomDisappearsForEveryoneWhileACleanOneStays()
    {
        await using var api = await ApiServer.StartAsync(infrastructure, ChatApi.Settings());
        var room = (await ChatApi.RoomsAsync(api))[0];
        await using var worker = ModerationKit.StartWorker(api);
        await using var alice = await ChatApi.ConnectAsync(api, "alice");
        await using var bob = await ChatApi.ConnectAsync(api, "bob");
        await alice.JoinAsync(room);
        await bob.JoinAsync(room);
        var admin = await api.NewHttpClient().LoginAdminAsync();

        var bad = await alice.SendAsync(room, "well D-4-R-N it all", "rejected-later");
        var clean = await alice.SendAsync(room, "well done, all of you");
        var moderatorsWord = await admin.SendOverRestAsync(room, "moderators may say darn");

        await bob.Created.WaitForAsync(m => m.Id == bad.Id); // post-moderated: shown at once...
        var removed = await bob.Deleted.WaitForAsync(d => d.MessageId == bad.Id); // ...and removed
        await alice.Deleted.WaitForAsync(d => d.MessageId == bad.Id);
        await api.WaitUntilJudgedAsync(clean.Id, moderatorsWord.Id);

        Assert.Equal(room, removed.RoomId);
        Assert.Equal(bad.Seq, removed.Seq);
        Assert.True(removed.ChangeSeq > clean.ChangeSeq);
        var history = await bob.Session.FullHistoryAsync(room);
        Assert.DoesNotContain(history, m => m.Id == bad.Id);
        Assert.Contains(history, m => m.Id == clean.Id && m.Content == "well done, all of you");
        Assert.Contains(history, m => m.Id == moderatorsWord.Id);
        Assert.DoesNotContain(bob.Deleted.Items, d => d.MessageId == clean.Id || d.MessageId == moderatorsWord.Id);

        var rejected = await api.StateAsync(bad.Id);
        Assert.Equal(nameof(MessageStatus.Rejected), rejected.Status);
        Assert.Contains("filtered word: darn", rejected.ModerationNote);
        Assert.Equal((nameof(MessageStatus.Approved), (string?)null), ((await api.StateAsync(clean.Id)).Status, (await api.StateAsync(clean.Id)).ModerationNote));
        Assert.Equal(nameof(MessageStatus.Approved), (await api.StateAsync(moderatorsWord.Id)).Status);
        var audit = Assert.Single(await api.AuditAsync("message.reject"));
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
        await using var api = await ApiServer.StartAsync(infrastructure, ChatApi.Settings());
        var room = (await ChatApi.RoomsAsync(api))[1];
        await api.SetModerationModeAsync(room, ModerationMode.PreModerated);
        await using var worker = ModerationKit.StartWorker(api);
        await using var alice = await ChatApi.ConnectAsync(api, "alice");
        await using var bob = await ChatApi.ConnectAsync(api, "bob");
        await alice.JoinAsync(room);
        await bob.JoinAsync(room);

        var flagged = await alice.SendAsync(room, "d a r n this queue");
        var harmless = await alice.SendAsync(room, "a harmless question");
        await api.WaitUntilJudgedAsync(flagged.Id, harmless.Id);

        var judged = await api.StateAsync(flagged.Id);
        Assert.Equal(nameof(MessageStatus.Pending), judged.Status);
        Assert.Contains("filtered word: darn", judged.ModerationNote);
        Assert.Equal(new MessageState(nameof(MessageStatus.Pending), (await api.StateAsync(harmless.Id)).ModeratedAt, null),
            await api.StateAsync(harmless.Id));
        Assert.DoesNotContain(bob.Created.Items, m => m.Id == flagged.Id || m.Id == harmless.Id);
        Assert.DoesNotContain(await bob.Session.FullHistoryAsync(room), m => m.Id == flagged.Id);

        var adminId = await api.UserIdAsync(TestInfrastructure.AdminUserName);
        await using (var scope = api.Services.CreateAsyncScope())
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
        Assert.Equal([(flagged.Id.ToString(), (Guid?)adminId)], await api.AuditAsync("message.approve"));
    }

    [Fact]
    public async Task AModeratorsRejectionOfAPendingMessageReachesOnlyItsAuthorAndTheModerators()
    {
        await using var api = await ApiServer.StartAsync(infrastructure, ChatApi.Settings());
        var room = (await ChatApi.RoomsAsync(api))[2];
        await api.SetModerationModeAsync(room, ModerationMode.PreModerated);
        await using var alice = await ChatApi.ConnectAsync(api, "alice");
        await using var bob = await ChatApi.ConnectAsync(api, "bob");
        await using var admin = await ChatClient.ConnectAsync(api, await api.NewHttpClient().LoginAdminAsync());
        await alice.JoinAsync(room);
        await bob.JoinAsync(room);
        var pending = await alice.SendAsync(room, "buy my stuff");
        var adminId = await api.UserIdAsync(TestInfrastructure.AdminUserName);

        await using (var scope = api.Services.CreateAsyncScope())
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
        Assert.Equal(new MessageState(nameof(MessageStatus.Rejected), (await api.StateAsync(pending.Id)).ModeratedAt, "advertising"),
            await api.StateAsync(pending.Id));
        Assert.Equal([(pending.Id.ToString(), (Guid?)adminId)], await api.AuditAsync("message.reject"));
    }

    [Fact]
    public async Task EntriesADeadWorkerReadButNeverAcknowledgedAreClaimedAndFinished()
    {
        await using var api = await ApiServer.StartAsync(infrastructure, ChatApi.Settings());
        var room = (await ChatApi.RoomsAsync(api))[0];
        await using var alice = await ChatApi.ConnectAsync(api, "alice");
        await using var bob = await ChatApi.ConnectAsync(api, "bob");
        await alice.JoinAsync(room);
        await bob.JoinAsync(room);
        var sent = new List<Guid>();
        for (var i = 0; i < 3; i++)
            sent.Add((await alice.SendAsync(room, $"darn number {i}")).Id);

        // A Worker that read the entries and died before judging them (no Worker runs yet).
        await using var redis = await ConnectionMultiplexer.ConnectAsync(api.RedisConnectionString);
        var db = redis.GetDatabase();
        var key = ModerationStream.KeyFor(api.ChannelPrefix);
        await Eventually.HoldsAsync(async () => await db.StreamLengthAsync(key) == 3);
        await db.StreamCreateConsumerGroupAsync(key, ModerationStream.GroupName, StreamPosition.Beginning);
        var taken = await db.StreamReadGroupAsync(key, ModerationStream.GroupName, "worker-that-died", StreamPosition.NewMessages, 100);
        Assert.Equal(3, taken.Length);

        await using var worker = ModerationKit.StartWorker(api, ("Moderation:Sweep:Enabled", "false"));

        await bob.Deleted.WaitForCountAsync(3, d => sent.Contains(d.MessageId), TimeSpan.FromSeconds(15));
        await Eventually.HoldsAsync(async () => (await db.StreamPendingAsync(key, ModerationStream.GroupName)).PendingMessageCount == 0,
            because: "The claimed entries were not acknowledged.");
        Assert.Equal(3, (await api.AuditAsync("message.reject")).Count);
    }

    [Fact]
    public async Task AMessageThatNeverReachedTheQueueIsJudgedByTheSweep()
    {
        await using var api = await ApiServer.StartAsync(infrastructure, ChatApi.Settings());
        var room = (await ChatApi.RoomsAsync(api))[0];
        await using var alice = await ChatApi.ConnectAsync(api, "alice");
        await using var bob = await ChatApi.ConnectAsync(api, "bob");
        await bob.JoinAsync(room);
        // Stored while Redis was away: no stream entry.
        var lost = await api.InsertUnqueuedMessageAsync(room, alice.UserId, "darn, nobody queued me", TimeSpan.FromSeconds(10));
        var lostClean = await api.InsertUnqueuedMessageAsync(room, alice.UserId, "nobody queued me either", TimeSpan.FromSeconds(10));

        await using var worker = ModerationKit.StartWorker(api);

        await bob.Deleted.WaitForAsync(d => d.MessageId == lost, TimeSpan.FromSeconds(15));
        await api.WaitUntilJudgedAsync(lostClean);
        Assert.Equal(nameof(MessageStatus.Rejected), (await api.StateAsync(lost)).Status);
        Assert.Equal(nameof(MessageStatus.Approved), (await api.StateAsync(lostClean)).Status);
        Assert.Equal([(lost.ToString(), (Guid?)null)], await api.AuditAsync("message.reject"));
    }

    [Fact]
    public async Task TwoWorkersTogetherJudgeEachMessageOnce()
    {
        await using var api = await ApiServer.StartAsync(infrastructure, ChatApi.Settings());
        var room = (await ChatApi.RoomsAsync(api))[0];
        await using var alice = await ChatApi.ConnectAsync(api, "alice");
        await using var bob = await ChatApi.ConnectAsync(api, "bob");
        await alice.JoinAsync(room);
        await bob.JoinAsync(room);
        // The sweep takes any unjudged message at once, so queue and sweep of both Workers race for every message.
        (string, string)[] racing = [("Moderation:Sweep:MinAge", "00:00:00"), ("Moderation:Sweep:Interval", "00:00:00.100")];
        await using var first = ModerationKit.StartWorker(api, racing);
        await using var second = ModerationKit.StartWorker(api, racing);

        var sends = Enumerable.Range(0, 20).Select(i => alice.SendAsync(room, i % 2 == 0 ? $"darn {i}" : $"hello {i}")).ToList();
        var acks = await Task.WhenAll(sends);
        var bad = acks.Where((_, i) => i % 2 == 0).Select(a => a.Id).ToHashSet();

        await bob.Deleted.WaitForCountAsync(bad.Count, d => bad.Contains(d.MessageId), TimeSpan.FromSeconds(15));
        await api.WaitUntilJudgedAsync([.. acks.Select(a => a.Id)]);
        await Task.Delay(TimeSpan.FromSeconds(1)); // more rounds of both Workers

        Assert.Equal(bad.Order(), bob.Deleted.Items.Select(d => d.MessageId).Order());
        Assert.Equal(bad.Select(id => id.ToString()).Order(), (await api.AuditAsync("message.reject")).Select(a => a.EntityId).Order());
    }

    [Fact]
    public async Task FloodsAndRepeatedTextAreRejected()
    {
        await using var api = await ApiServer.StartAsync(infrastructure, ChatApi.Settings());
        var rooms = await ChatApi.RoomsAsync(api);
        await using var worker = ModerationKit.StartWorker(api,
            ("Moderation:Rules:FloodMaxMessages", "3"), ("Moderation:Rules:FloodWindow", "00:01:00"), ("Moderation:Rules:RepeatMaxCopies", "2"));
        await using var alice = await ChatApi.ConnectAsync(api, "alice");

        var flood = new List<Guid>();
        foreach (var text in new[] { "one", "two", "three", "four" })
            flood.Add((await alice.SendAsync(rooms[0], text)).Id);
        var repeats = new List<Guid>();
        for (var i = 0; i < 3; i++)
            repeats.Add((await alice.SendAsync(rooms[1], "JOIN MY SERVER")).Id);
        await api.WaitUntilJudgedAsync([.. flood, .. repeats]);

        Assert.Equal(["Approved", "Approved", "Approved", "Rejected"], await StatusesAsync(api, flood));
        Assert.StartsWith("flood: 4 messages", (await api.StateAsync(flood[3])).ModerationNote);
        Assert.Equal(["Approved", "Approved", "Rejected"], await StatusesAsync(api, repeats));
        Assert.StartsWith("repeated text: 3 copies", (await api.StateAsync(repeats[2])).ModerationNote);
    }

    private static async Task<List<string>> StatusesAsync(ApiFactory api, List<Guid> ids)
    {
        var statuses = new List<string>();
        foreach (var id in ids)
            statuses.Add((await api.StateAsync(id)).Status);
        return statuses;
    }
}
