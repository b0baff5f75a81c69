using ChatRoom.Api.Admin;
using ChatRoom.Api.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace ChatRoom.Tests.Auth;

/// <summary>
/// Rotation with reuse detection: a rotated refresh token that comes back after the grace period means it
/// was copied, so the whole sign-in ends. The Api runs on a fake clock that stands still unless a test moves
/// it, so "within the grace period" and "after it" are what the test says, however fast the machine is.
/// </summary>
public sealed class RefreshReuseTests(RefreshReuseTests.ClockedApi fixture) : IClassFixture<RefreshReuseTests.ClockedApi>
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(1);
    private readonly ApiFactory _api = fixture.Api;

    public sealed class ClockedApi(TestInfrastructure infrastructure) : ApiFixture(infrastructure)
    {
        public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

        protected override TimeProvider Clock => Time;

        protected override (string Key, string Value)[] Settings => [("Sessions:RotationGracePeriod", Grace.ToString())];
    }

    [Fact]
    public async Task AnAccessTokenRunsOutOnTheServersClockAndARefreshRenewsIt()
    {
        using var client = _api.NewClient();
        var session = await client.RegisterAndLoginAsync("expiry");
        using (var fresh = await session.GetAsync("/api/auth/me"))
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);

        // The default lifetime (15 min) and the clock skew allowed (30 s), and a second more.
        fixture.Time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(31));
        using (var expired = await session.GetAsync("/api/auth/me"))
            await AuthApi.ReadProblemAsync(expired, HttpStatusCode.Unauthorized, ErrorCodes.AuthTokenExpired);

        using (var refresh = await session.RefreshAsync())
            Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        using var renewed = await session.GetAsync("/api/auth/me");
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
    }

    [Fact]
    public async Task ReplayingARotatedRefreshTokenAfterTheGracePeriodEndsTheWholeSession()
    {
        using var client = _api.NewClient();
        var thief = await client.RegisterAndLoginAsync("reuse");
        var victim = thief.Copy();
        using (var refresh = await victim.RefreshAsync())
            Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        fixture.Time.Advance(Grace + TimeSpan.FromSeconds(1));

        using (var replay = await thief.RefreshAsync())
        {
            var problem = await AuthApi.ReadProblemAsync(replay, HttpStatusCode.Unauthorized);
            Assert.Contains("used again", problem.Detail, StringComparison.Ordinal);
        }

        using (var newest = await victim.RefreshAsync())
            Assert.Equal(HttpStatusCode.Unauthorized, newest.StatusCode);
        using (var access = await victim.GetAsync("/api/auth/me"))
            Assert.Equal(HttpStatusCode.Unauthorized, access.StatusCode);

        var admin = await client.LoginAdminAsync();
        using var audit = await admin.GetAsync($"/api/admin/audit?action=session.refresh_reuse&entityId={victim.SessionId}");
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
        var entry = Assert.Single((await audit.Content.ReadFromJsonAsync<Page<AuditEntryResponse>>(AuthApi.Ct))!.Items);
        Assert.Equal("session", entry.EntityType);
        Assert.Equal(victim.User.Id, entry.ActorId);
    }

    [Fact]
    public async Task ASecondTabRefreshingWithTheSameCookieWithinTheGracePeriodKeepsTheSession()
    {
        using var client = _api.NewClient();
        var firstTab = await client.RegisterAndLoginAsync("two-tabs");
        var secondTab = firstTab.Copy();

        using (var first = await firstTab.RefreshAsync())
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using (var second = await secondTab.RefreshAsync())
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.NotEqual(firstTab.RefreshToken, secondTab.RefreshToken);

        // Both tabs go on working, and nobody was flagged.
        using (var again = await firstTab.RefreshAsync())
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        using (var secondAgain = await secondTab.RefreshAsync())
            Assert.Equal(HttpStatusCode.OK, secondAgain.StatusCode);
        using (var me = await secondTab.GetAsync("/api/auth/me"))
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);

        var admin = await client.LoginAdminAsync();
        using var audit = await admin.GetAsync($"/api/admin/audit?action=session.refresh_reuse&entityId={firstTab.SessionId}");
        Assert.Empty((await audit.Content.ReadFromJsonAsync<Page<AuditEntryResponse>>(AuthApi.Ct))!.Items);
    }

    [Fact]
    public async Task TwoTabsRefreshingAtTheSameMomentBothKeepTheSession()
    {
        using var client = _api.NewClient();
        var firstTab = await client.RegisterAndLoginAsync("same-moment");
        var tabs = Enumerable.Range(0, 4).Select(_ => firstTab.Copy()).Prepend(firstTab).ToList();

        var responses = await Task.WhenAll(tabs.Select(tab => tab.RefreshAsync()));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        foreach (var response in responses)
            response.Dispose();
        Assert.Equal(tabs.Count, tabs.Select(t => t.RefreshToken).Distinct().Count());
        foreach (var tab in tabs)
        {
            using var again = await tab.RefreshAsync();
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }
    }

    [Fact]
    public async Task ReuseEndsOnlyTheSessionItHappenedIn()
    {
        using var client = _api.NewClient();
        var name = AuthApi.UniqueName("reuse-other");
        await client.RegisterAsync(name);
        var attacked = await client.LoginAsync(name);
        var elsewhere = await client.LoginAsync(name);
        var stolen = attacked.Copy();
        using (var refresh = await attacked.RefreshAsync())
            Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        fixture.Time.Advance(Grace + TimeSpan.FromSeconds(1));

        using (var replay = await stolen.RefreshAsync())
            Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);

        using var other = await elsewhere.RefreshAsync();
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }
}
