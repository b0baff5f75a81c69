using ChatRoom.Chat.Moderation;
using ChatRoom.Tests.Realtime;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace ChatRoom.Tests.Moderation;

/// <summary>
/// Workers that die, start after another or run side by side: every message is still judged, and once. The Api is
/// shared by the class; no Worker runs between tests, because each test is about which Workers run when: it
/// starts its own.
/// </summary>
public sealed class ModerationWorkersTests(ChatServerFixture server) : IClassFixture<ChatServerFixture>
{
    private readonly ApiServer _api = server.Api;

    [Fact]
    public async Task EntriesADeadWorkerReadButNeverAcknowledgedAreClaimedAndFinished()
    {
        var room = await server.NewRoomAsync();
        await using var alice = await ChatApi.ConnectAsync(_api, "alice");
        await using var bob = await ChatApi.ConnectAsync(_api, "bob");
        await alice.JoinAsync(room);
        await bob.JoinAsync(room);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(_api.RedisConnectionString);
        var db = redis.GetDatabase();
        var key = ModerationStream.KeyFor(_api.ChannelPrefix);
        var last = await db.StreamRangeAsync(key, count: 1, messageOrder: Order.Descending);
        RedisValue before = last.Length == 0 ? "0-0" : last[0].Id;
        var sent = new List<Guid>();
        for (var i = 0; i < 3; i++)
            sent.Add((await alice.SendAsync(room, $"darn number {i}")).Id);

        // A Worker that read the entries and died before judging them (no Worker runs yet). Earlier entries
        // were read by the Workers of earlier tests, or are left to nobody: the group starts after them.
        await Eventually.HoldsAsync(async () => (await db.StreamRangeAsync(key, before)).Count(e => e.Id != before) == 3);
        if ((await db.StreamGroupInfoAsync(key)).Any(g => g.Name == ModerationStream.GroupName))
            await db.ExecuteAsync("XGROUP", "SETID", key, ModerationStream.GroupName, before);
        else
            await db.StreamCreateConsumerGroupAsync(key, ModerationStream.GroupName, before);
        var taken = await db.StreamReadGroupAsync(key, ModerationStream.GroupName, "worker-that-died", StreamPosition.NewMessages, 100);
        Assert.Equal(3, taken.Length);

        await using var worker = ModerationKit.StartWorker(_api, ("Moderation:Sweep:Enabled", "false"));

        await bob.Deleted.WaitForCountAsync(3, d => sent.Contains(d.MessageId), TimeSpan.FromSeconds(15));
        await Eventually.HoldsAsync(async () => (await db.StreamPendingAsync(key, ModerationStream.GroupName)).PendingMessageCount == 0,
            because: "The claimed entries were not acknowledged.");
        Assert.Equal(3, (await _api.AuditAsync("message.reject", sent)).Count);
    }

    [Fact]
    public async Task TwoWorkersTogetherJudgeEachMessageOnce()
    {
        var room = await server.NewRoomAsync();
        await using var alice = await ChatApi.ConnectAsync(_api, "alice");
        await using var bob = await ChatApi.ConnectAsync(_api, "bob");
        await alice.JoinAsync(room);
        await bob.JoinAsync(room);
        // The Workers' loops wait on this clock: they judge only when the test moves it. It runs half a minute
        // ahead of the Api's, so every message is old enough for the sweep as soon as it is written.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddSeconds(30));
        var sweepInterval = TimeSpan.FromMilliseconds(100);
        // The sweep takes any unjudged message at once, so queue and sweep of both Workers race for every message.
        (string, string)[] racing = [("Moderation:Sweep:MinAge", "00:00:00"), ("Moderation:Sweep:Interval", "00:00:00.100")];
        await using var first = ModerationKit.StartWorker(_api, clock, racing);
        await using var second = ModerationKit.StartWorker(_api, clock, racing);

        var sends = Enumerable.Range(0, 20).Select(i => alice.SendAsync(room, i % 2 == 0 ? $"darn {i}" : $"hello {i}")).ToList();
        var acks = await Task.WhenAll(sends);
        var bad = acks.Where((_, i) => i % 2 == 0).Select(a => a.Id).ToHashSet();
        // One tick: both queue consumers and both sweeps start at the same moment.
        await WorkerFactory.RunAgainAsync(clock, sweepInterval, "moderation-sweep", first, second);

        await bob.Deleted.WaitForCountAsync(bad.Count, d => bad.Contains(d.MessageId), TimeSpan.FromSeconds(15));
        await _api.WaitUntilJudgedAsync([.. acks.Select(a => a.Id)]);
        // More rounds of both Workers, until each has read and acknowledged every entry.
        await WorkerFactory.RunAgainAsync(clock, sweepInterval, "moderation-sweep", first, second);
        await WorkerFactory.RunAgainAsync(clock, sweepInterval, "moderation-sweep", first, second);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(_api.RedisConnectionString);
        await Eventually.HoldsAsync(() => AllEntriesAcknowledgedAsync(redis.GetDatabase(), ModerationStream.KeyFor(_api.ChannelPrefix)),
            because: "The Workers did not read and acknowledge every entry.");

        Assert.Equal(bad.Order(), bob.Deleted.Items.Select(d => d.MessageId).Order());
        Assert.Equal(bad.Select(id => id.ToString()).Order(), (await _api.AuditAsync("message.reject", acks.Select(a => a.Id))).Select(a => a.EntityId).Order());
    }

    private static async Task<bool> AllEntriesAcknowledgedAsync(IDatabase db, RedisKey key)
    {
        var stream = await db.StreamInfoAsync(key);
        var group = (await db.StreamGroupInfoAsync(key)).Single(g => g.Name == ModerationStream.GroupName);
        return group.PendingMessageCount == 0 && group.LastDeliveredId == (string?)stream.LastGeneratedId;
    }
}
