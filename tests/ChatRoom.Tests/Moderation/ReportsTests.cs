using ChatRoom.Api.Infrastructure;
using ChatRoom.Api.Moderation;
using ChatRoom.Tests.Realtime;

namespace ChatRoom.Tests.Moderation;

/// <summary>Anyone signed in reports a message or a user once; moderators work through the queue.</summary>
public sealed class ReportsTests(ChatServerFixture server) : IClassFixture<ChatServerFixture>, IAsyncLifetime
{
    private readonly ApiServer _api = server.Api;
    private Session _moderator = null!;
    private Session _admin = null!;
    private Guid _room;

    public async ValueTask InitializeAsync()
    {
        _room = await server.NewRoomAsync();
        _admin = await server.AdminAsync();
        _moderator = await ModerationApi.ModeratorAsync(_api, _admin);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task OneOpenReportPerReporterAndTargetAndAnotherOnceItIsClosed()
    {
        var alice = await ChatApi.SignInAsync(_api, "alice");
        var bob = await ChatApi.SignInAsync(_api, "bob");
        var message = await bob.SendOverRestAsync(_room, "spam spam spam");

        var first = await ReadCreatedAsync(await alice.ReportAsync(messageId: message.Id, reason: "spam"));
        using (var again = await alice.ReportAsync(messageId: message.Id, reason: "still spam"))
            Assert.Contains("already reported", (await AuthApi.ReadProblemAsync(again, HttpStatusCode.Conflict)).Detail, StringComparison.Ordinal);
        // The user and the message are different targets; so are different reporters.
        await ReadCreatedAsync(await alice.ReportAsync(userId: bob.User.Id, reason: "spams everywhere"));
        var guest = await _api.NewHttpClient().GuestAsync();
        await ReadCreatedAsync(await guest.ReportAsync(messageId: message.Id));

        using (var resolve = await _moderator.SendAsync(HttpMethod.Post, $"/api/admin/reports/{first.Id}/resolve", new { note = "muted" }))
        {
            Assert.Equal(HttpStatusCode.OK, resolve.StatusCode);
            var resolved = (await resolve.Content.ReadFromJsonAsync<ReportResponse>(AuthApi.Ct))!;
            Assert.Equal("Resolved", resolved.Status);
            Assert.Equal(_moderator.User.Id, resolved.ResolvedBy!.Id);
            Assert.Equal("muted", resolved.ResolutionNote);
        }
        await ReadCreatedAsync(await alice.ReportAsync(messageId: message.Id, reason: "he is at it again"));
    }

    [Fact]
    public async Task TheQueueListsByStatusNewestFirstAndAReportClosesOnlyOnce()
    {
        var alice = await ChatApi.SignInAsync(_api, "alice");
        var targets = new List<Guid>();
        for (var i = 0; i < 3; i++)
            targets.Add((await ChatApi.SignInAsync(_api, $"target{i}")).User.Id);
        var reports = new List<ReportResponse>();
        foreach (var target in targets)
            reports.Add(await ReadCreatedAsync(await alice.ReportAsync(userId: target, reason: $"report on {target}")));

        using (var dismiss = await _moderator.SendAsync(HttpMethod.Post, $"/api/admin/reports/{reports[1].Id}/dismiss", new { }))
            Assert.Equal(HttpStatusCode.OK, dismiss.StatusCode);
        using (var twice = await _moderator.SendAsync(HttpMethod.Post, $"/api/admin/reports/{reports[1].Id}/resolve", new { }))
            Assert.Contains("already dismissed", (await AuthApi.ReadProblemAsync(twice, HttpStatusCode.Conflict)).Detail, StringComparison.Ordinal);
        using (var missing = await _moderator.SendAsync(HttpMethod.Post, $"/api/admin/reports/{Guid.NewGuid()}/resolve", new { }))
            await AuthApi.ReadProblemAsync(missing, HttpStatusCode.NotFound);

        // The class shares the queue: the test pages through all of it, one report a page, and finds its own in order.
        var open = await AllPagesAsync("/api/admin/reports?limit=1");
        Assert.Equal(reports[2].Id, open[0].Id);
        Assert.Equal([reports[2].Id, reports[0].Id], open.Select(r => r.Id).Where(reports.Select(r => r.Id).Contains));
        var dismissed = await AllPagesAsync("/api/admin/reports?status=dismissed&limit=1");
        Assert.Equal(reports[1].Id, Assert.Single(dismissed, r => reports.Any(ours => ours.Id == r.Id)).Id);

        var audit = await _admin.GetFromJsonAsync<Page<Api.Admin.AuditEntryResponse>>($"/api/admin/audit?entityType=report&entityId={reports[1].Id}");
        Assert.Equal(["report.dismiss", "report.create"], audit.Items.Select(a => a.Action));
    }

    [Fact]
    public async Task ReportsOfNothingOfOneselfOrOfInvisibleMessagesAreRefused()
    {
        var alice = await ChatApi.SignInAsync(_api, "alice");
        var own = await alice.SendOverRestAsync(_room, "mine");
        using (var self = await alice.ReportAsync(userId: alice.User.Id))
            await AuthApi.ReadProblemAsync(self, HttpStatusCode.BadRequest);
        using (var ownMessage = await alice.ReportAsync(messageId: own.Id))
            await AuthApi.ReadProblemAsync(ownMessage, HttpStatusCode.BadRequest);
        using (var unknown = await alice.ReportAsync(messageId: Guid.NewGuid()))
            await AuthApi.ReadProblemAsync(unknown, HttpStatusCode.NotFound);
        using (var both = await alice.ReportAsync(messageId: own.Id, userId: _moderator.User.Id))
            Assert.Contains("MessageId", (await AuthApi.ReadProblemAsync(both, HttpStatusCode.BadRequest)).Errors.Keys);
        using (var noReason = await alice.ReportAsync(userId: _moderator.User.Id, reason: "  "))
            Assert.Contains("Reason", (await AuthApi.ReadProblemAsync(noReason, HttpStatusCode.BadRequest)).Errors.Keys);

        var bob = await ChatApi.SignInAsync(_api, "bob");
        var deleted = await bob.SendOverRestAsync(_room, "regret");
        (await bob.DeleteAsync(deleted.Id)).Dispose();
        using (var gone = await alice.ReportAsync(messageId: deleted.Id))
            await AuthApi.ReadProblemAsync(gone, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task OnlyModeratorsAndAdminsSeeAndCloseReports()
    {
        var alice = await ChatApi.SignInAsync(_api, "alice");
        var report = await ReadCreatedAsync(await alice.ReportAsync(userId: _moderator.User.Id));
        foreach (var (method, path) in new[]
        {
            (HttpMethod.Get, "/api/admin/reports"),
            (HttpMethod.Post, $"/api/admin/reports/{report.Id}/resolve"),
            (HttpMethod.Post, $"/api/admin/reports/{report.Id}/dismiss"),
        })
        {
            using var refused = await alice.SendAsync(method, path, new { });
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
        using var anonymous = await _api.NewHttpClient().PostJsonAsync("/api/reports", new { userId = alice.User.Id, reason = "x" });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains((await _admin.GetFromJsonAsync<Page<ReportResponse>>("/api/admin/reports")).Items, r => r.Id == report.Id);
    }

    /// <summary>Every page of a listing, following the cursor to the end; each page holds one report.</summary>
    private async Task<List<ReportResponse>> AllPagesAsync(string path)
    {
        var all = new List<ReportResponse>();
        var page = await _moderator.GetFromJsonAsync<Page<ReportResponse>>(path);
        all.Add(Assert.Single(page.Items));
        while (page.NextCursor is not null)
        {
            page = await _moderator.GetFromJsonAsync<Page<ReportResponse>>($"{path}&cursor={page.NextCursor}");
            all.Add(Assert.Single(page.Items));
        }
        return all;
    }

    internal static async Task<ReportResponse> ReadCreatedAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.True(response.StatusCode == HttpStatusCode.Created,
                $"The report answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(AuthApi.Ct)}");
            return (await response.Content.ReadFromJsonAsync<ReportResponse>(AuthApi.Ct))!;
        }
    }
}
