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
public sealed class RedisOutageTests(TestInfrastructure infrastructure) : IAsyncLifetime
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(4);

    private RedisServer _redis = null!;
    private ApiServer _one = null!;
    private ApiServer _two = null!;
    private IReadOnlyList<Guid> _rooms = null!;

    public async ValueTask InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _one = await ApiServer.StartAsync(infrastructure, ChatApi.Settings(), _redis.ConnectionString());
        _two = _one.StartReplica();
        _rooms = await ChatApi.RoomsAsync(_one);
    }

    public async ValueTask DisposeAsync()
    {
        await _two.DisposeAsync();
        await _one.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task ReadersOnBothReplicasConvergeAndSendsKeepFlowingThroughAnOutage()
    {
        var room = _rooms[0];
        await using var readerOne = await ChatApi.ConnectAsync(_one, "reader");
        await using var readerTwo = await ChatClient.ConnectAsync(_two, await ChatApi.SignInAsync(_two, "reader"));
        var viewOne = await RoomView.JoinAsync(readerOne, room);
        var viewTwo = await RoomView.JoinAsync(readerTwo, room);
        await using var hubWriter = await ChatApi.ConnectAsync(_one, "hubwriter");
        var restWriter = await ChatApi.SignInAsync(_two, "restwriter");
        var moderator = await ModerationApi.ModeratorAsync(_two, await ModerationApi.AdminAsync(_two));

        var acks = new ConcurrentBag<(TimeSpan Latency, bool DuringOutage)>();
        var redisDown = false;
        using var stopSending = new CancellationTokenSource();
        var load = Task.WhenAll(
            SendUntilAsync(n => hubWriter.SendAsync(room, $"hub {n}"), acks, () => redisDown, stopSending.Token),
            SendUntilAsync(n => restWriter.SendOverRestAsync(room, $"rest {n}"), acks, () => redisDown, stopSending.Token));

        await Task.Delay(TimeSpan.FromSeconds(1), AuthApi.Ct);
        var early = (await restWriter.FullHistoryAsync(room)).Where(m => m.Author.Id == restWriter.User.Id).Take(4).ToList();
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

        await Task.Delay(Outage - outageStarted.Elapsed, AuthApi.Ct);
        await _redis.StartAgainAsync();
        var back = Stopwatch.StartNew();
        redisDown = false;
        await Task.Delay(TimeSpan.FromSeconds(1), AuthApi.Ct);
        await stopSending.CancelAsync();
        await load;

        var stored = (await restWriter.FullHistoryAsync(room)).Select(m => (m.Seq, m.Id, m.Content)).ToList();
        await viewOne.WaitUntilShowsAsync(stored, TimeSpan.FromSeconds(5));
        await viewTwo.WaitUntilShowsAsync(stored, TimeSpan.FromSeconds(5));
        var sinceBack = back.Elapsed;

        var duringOutage = acks.Where(a => a.DuringOutage).Select(a => a.Latency).Order().ToList();
        var p99 = duringOutage[(int)Math.Ceiling(duringOutage.Count * 0.99) - 1];
        Report($"outage {Outage.TotalSeconds:0.#} s; {acks.Count} sends acknowledged, {duringOutage.Count} while Redis was down " +
            $"(p50 {Percentile(duringOutage, 0.5).TotalMilliseconds:0} ms, p99 {p99.TotalMilliseconds:0} ms, max {duringOutage[^1].TotalMilliseconds:0} ms); " +
            $"changes during the outage: {string.Join(", ", changes.Select(c => $"{c.What} {(int)c.Status} in {c.Took.TotalMilliseconds:0} ms"))}; " +
            $"both readers' views equal to the database {sinceBack.TotalSeconds:0.0} s after Redis was back (sends went on for 1 s of it) " +
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
        await member.JoinAsync(_rooms[1]);
        var admin = await ModerationApi.AdminAsync(_one);
        using (var before = await member.Session.GetAsync("/api/auth/me"))
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        await _redis.StopAsync();
        var ban = Stopwatch.StartNew();
        await admin.ActOkAsync(new { kind = "Ban", userId = member.UserId, reason = "spam" });
        await member.WaitUntilClosedAsync();
        var closedAfter = ban.Elapsed;
        using var duringOutage = await member.Session.GetAsync("/api/auth/me");

        await _redis.StartAgainAsync();
        await Eventually.HoldsAsync(async () =>
        {
            using var probe = await _one.NewHttpClient().GetAsync("/health", AuthApi.Ct);
            return probe.StatusCode == HttpStatusCode.OK;
        });
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
