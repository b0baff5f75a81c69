using ChatRoom.Api.Infrastructure;
using ChatRoom.Tests.Realtime;

namespace ChatRoom.Tests.Moderation;

/// <summary>Each reporter may file a limited number of reports in a window.</summary>
public sealed class ReportLimitTests(ReportLimitTests.ThreeReportsADay server) : IClassFixture<ReportLimitTests.ThreeReportsADay>
{
    public sealed class ThreeReportsADay(TestInfrastructure infrastructure) : ChatServerFixture(infrastructure)
    {
        protected override (string Key, string Value)[] Settings =>
            [("RateLimits:Reports:PerUser", "3"), ("RateLimits:Reports:Window", "1.00:00:00")];
    }

    [Fact]
    public async Task ReportsBeyondTheLimitPerReporterAreRefusedWithRetryAfter()
    {
        var api = server.Api;
        var alice = await ChatApi.SignInAsync(api, "alice");
        var targets = new List<Guid>();
        for (var i = 0; i < 4; i++)
            targets.Add((await ChatApi.SignInAsync(api, $"target{i}")).User.Id);

        foreach (var target in targets.Take(3))
            await ReportsTests.ReadCreatedAsync(await alice.ReportAsync(userId: target));
        using (var refused = await alice.ReportAsync(userId: targets[3]))
        {
            var problem = await AuthApi.ReadProblemAsync(refused, HttpStatusCode.TooManyRequests, ErrorCodes.ReportRateLimited);
            var retryAfter = refused.Headers.RetryAfter?.Delta;
            Assert.NotNull(retryAfter);
            Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
            Assert.EndsWith($" Try again in {retryAfter.Value.TotalSeconds:0} s.", problem.Detail, StringComparison.Ordinal);
        }

        // The limit is the reporter's own: others still report.
        var bob = await ChatApi.SignInAsync(api, "bob");
        await ReportsTests.ReadCreatedAsync(await bob.ReportAsync(userId: targets[3]));
    }
}
