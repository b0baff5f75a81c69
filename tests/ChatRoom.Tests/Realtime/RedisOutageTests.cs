using System.Collections.Concurrent;
using System.Diagnostics;
using ChatRoom.Tests.Browser;
using ChatRoom.Tests.Moderation;

namespace ChatRoom.Tests.Realtime;

/// <summary>
/// Redis dies under two Api replicas while people chat, and comes back empty. Redis carries the broadcasts,
/// the revocation announcements and the caches, and is never the system of record: every acknowledged message
/// is stored, sends keep being acknowledged at once, committed changes (edits, deletions, a moderator's
/// rejection) answer success, a ban made while it is
/// away still closes the banned user's connection on the other replica, and every connected reader's view
/// equals the database within seconds of Redis being back, without a reload. This class brings its own Redis,
/// so stopping it disturbs no other test.
/// </summary>
public sealed class RedisOutageTests(RedisOutageTests.Servers servers) : IClassFixture<RedisOutageTests.Servers>, IAsyncLifetime
{
    private const int SendsAfterOutage = 10;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(4);

    private readonly RedisServer _redis = servers.Redis;
    private readonly ApiServer _one = servers.Api;
    private readonly ApiServer _two = servers.Replica;
    private Guid _room;

    /// <summary>Two replicas over a Redis server of their own, which the tests stop and start again.</summary>
    public sealed class Servers(TestInfrastructure infrastructure) : ReplicatedChatServerFixture(infrastructure)
    {
        public RedisServer Redis { get; private set; } = null!;

        protected override string? RedisConnectionString => Redis.ConnectionString();

        public override async ValueTask InitializeAsync()
        {
            Redis = await RedisServer.StartAsync();
            await base.InitializeAsync();
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            if (Redis is not null)
                await Redis.DisposeAsync();
        }
    }

    public async ValueTask InitializeAsync()
    {
        // The test before may have just brought Redis back: start once both replicas reach it again.
        await Eventually.HoldsAsync(() => HealthyAsync(_one));
        await Eventually.HoldsAsync(() => HealthyAsync(_two));
        _room = await servers.NewRoomAsync();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task ReadersOnBothReplicasConvergeAndSendsKeepFlowingThroughAnOutage()
    {
        await using var readerOne = await ChatApi.ConnectAsync(_one, "reader");
        await using var readerTwo = await ChatClient.ConnectAsync(_two, await ChatApi.SignInAsync(_two, "reader"));
        var viewOne = await RoomView.JoinAsync(readerOne, _room);
        var viewTwo = await RoomView.JoinAsync(readerTwo, _room);
        await using var hubWriter = await ChatApi.ConnectAsync(_one, "hubwriter");
        var restWriter = await ChatApi.SignInAsync(_two, "restwriter");
        var moderator = await ModerationApi.ModeratorAsync(_two, await servers.AdminAsync());

        var acks = new ConcurrentBag<(TimeSpan Latency, bool DuringOutage)>();
        var redisDown = false;
        using var stopSending = new CancellationTokenSource();
        var load = Task.WhenAll(
            SendUntilAsync(n => hubWriter.SendAsync(_room, $"hub {n}"), acks, () => redisDown, stopSending.Token),
            SendUntilAsync(n => restWriter.SendOverRestAsync(_room, $"rest {n}"), acks, () => redisDown, stopSending.Token));

        // Chat is under way before Redis goes: the REST writer's first four messages are changed during the outage.
        var early = new List<MessageDto>();
        await Eventually.HoldsAsync(async () =>
        {
            early = [.. (await restWriter.FullHistoryAsync(_room)).Where(m => m.Author.Id == restWriter.User.Id).Take(4)];
            return early.Count == 4;
        });
        await _redis.StopAsync();
        redisDown = true;
        var outageStarted = Stopwatch.StartNew();

        // Committed changes while the broadcasts cannot go out: each answers success, none stalls behind Redis.
        var changes = new List<(string What, HttpStatusCode Status, TimeSpan Took)>
        {
            await TimedAsync("edit", () => restWriter.EditAsync(early[0].Id, "edited while Redis was away")),
            await TimedAsync("delete", () => restWriter.DeleteAsync(early[1].Id)),
            await TimedAsync("moderator delete", () => moderator.DeleteAsync(early[2].Id)),
            await TimedAsync("rejection", () => moderator.SendAsync(HttpMethod.Post, $"/api/admin/moderation/messages/{early[3].Id}/reject", new { reason = "spam" })),
        };

        // The outage lasts its full length whatever the changes took: its length is what is under test, not a wait for something.
        var outageLeft = Outage - outageStarted.Elapsed;
        if (outageLeft > TimeSpan.Zero)
            await Task.Delay(outageLeft, AuthApi.Ct);
        await _redis.StartAgainAsync();
        var back = Stopwatch.StartNew();
        var acknowledgedWhenBack = acks.Count;
        redisDown = false;
        // Chat goes on after Redis is back: the readers learn of what they missed from the live events too.
        await Eventually.HoldsAsync(() => Task.FromResult(acks.Count >= acknowledgedWhenBack + SendsAfterOutage));
        var sendingAfterBack = back.Elapsed;
        await stopSending.CancelAsync();
        await load;

        var stored = (await restWriter.FullHistoryAsync(_room)).Select(m => (m.Seq, m.Id, m.Content)).ToList();
        await viewOne.WaitUntilShowsAsync(stored, TimeSpan.FromSeconds(5));
        await viewTwo.WaitUntilShowsAsync(stored, TimeSpan.FromSeconds(5));
        var sinceBack = back.Elapsed;

        var duringOutage = acks.Where(a => a.DuringOutage).Select(a => a.Latency).Order().ToList();
        var p99 = duringOutage[(int)Math.Ceiling(duringOutage.Count * 0.99) - 1];
        Report($"outage {Outage.TotalSeconds:0.#} s; {acks.Count} sends acknowledged, {duringOutage.Count} while Redis was down " +
            $"(p50 {Percentile(duringOutage, 0.5).TotalMilliseconds:0} ms, p99 {p99.TotalMilliseconds:0} ms, max {duringOutage[^1].TotalMilliseconds:0} ms); " +
            $"changes during the outage: {string.Join(", ", changes.Select(c => $"{c.What} {(int)c.Status} in {c.Took.TotalMilliseconds:0} ms"))}; " +
            $"both readers' views equal to the database {sinceBack.TotalSeconds:0.0} s after Redis was back " +
            $"(sends went on for {sendingAfterBack.TotalSeconds:0.0} s of it) " +
            $"(catch-ups: {viewOne.CatchUps} and {viewTwo.CatchUps})");

        Assert.All(changes, c => Assert.True(c.Status is HttpStatusCode.OK or HttpStatusCode.NoContent, $"{c.What} answered {(int)c.Status}"));
        Assert.NotEmpty(duringOutage);
        // Not a speed measurement: a send that waited for Redis would take its 5 s timeout.
        Assert.True(duringOutage[^1] < TimeSpan.FromSeconds(2), $"A send waited {duringOutage[^1].TotalMilliseconds:0} ms while Redis was down.");
        Assert.Equal(acks.Count - 3, stored.Count);
        Assert.DoesNotContain(stored, m => m.Id == early[1].Id || m.Id == early[2].Id || m.Id == early[3].Id);
        Assert.Contains(stored, m => m.Content == "edited while Redis was away");
        Assert.True(viewOne.CatchUps > 0 && viewTwo.CatchUps > 0, "The readers missed events, so each must have caught up.");
    }

    [Fact]
    public async Task ABanWhileRedisIsDownClosesTheConnectionOnTheOtherReplicaAndStaysInForceWhenRedisIsBack()
    {
        await using var member = await ChatApi.ConnectAsync(_two, "member");
        await member.JoinAsync(_room);
        var admin = await servers.AdminAsync();
        using (var before = await member.Session.GetAsync("/api/auth/me"))
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        await _redis.StopAsync();
        var ban = Stopwatch.StartNew();
        await admin.ActOkAsync(new { kind = "Ban", userId = member.UserId, reason = "spam" });
        await member.WaitUntilClosedAsync();
        var closedAfter = ban.Elapsed;
        using var duringOutage = await member.Session.GetAsync("/api/auth/me");

        await _redis.StartAgainAsync();
        await Eventually.HoldsAsync(() => HealthyAsync(_one));
        using var afterOnOne = await _one.NewHttpClient().GetAsync("/api/auth/me", member.Session.AccessToken);
        using var afterOnTwo = await member.Session.GetAsync("/api/auth/me");
        Report($"ban during the outage: the connection on the other replica closed after {closedAfter.TotalMilliseconds:0} ms");

        Assert.True(closedAfter < TimeSpan.FromSeconds(5), $"The banned user's connection stayed open {closedAfter.TotalSeconds:0.0} s.");
        Assert.Equal(HttpStatusCode.Unauthorized, duringOutage.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterOnOne.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterOnTwo.StatusCode);
    }

    private static async Task SendUntilAsync(Func<int, Task> send, ConcurrentBag<(TimeSpan, bool)> acks, Func<bool> redisDown, CancellationToken stop)
    {
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var down = redisDown();
            var started = Stopwatch.StartNew();
            await send(n);
            acks.Add((started.Elapsed, down || redisDown()));
            // A writer's pace, not a wait for anything: about twenty messages a second each.
            try
            {
                await Task.Delay(50, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Ready, which for the Api includes reaching Redis.</summary>
    private static async Task<bool> HealthyAsync(ApiServer api)
    {
        using var client = new HttpClient { BaseAddress = api.Address };
        using var probe = await client.GetAsync("/health", AuthApi.Ct);
        return probe.StatusCode == HttpStatusCode.OK;
    }

    private static async Task<(string, HttpStatusCode, TimeSpan)> TimedAsync(string what, Func<Task<HttpResponseMessage>> change)
    {
        var started = Stopwatch.StartNew();
        using var response = await change();
        return (what, response.StatusCode, started.Elapsed);
    }

    private static TimeSpan Percentile(List<TimeSpan> sorted, double p) => sorted[(int)Math.Ceiling(sorted.Count * p) - 1];

    /// <summary>The figures, in the test output and in <c>artifacts/reliability/</c> for the README.</summary>
    private static void Report(string line)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        var path = Path.Combine(Path.GetDirectoryName(Screenshots.Directory)!, "reliability", "redis-outage.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.AppendAllText(path, $"{DateTimeOffset.UtcNow:u} {line}{Environment.NewLine}");
    }
}
