using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace ChatRoom.Tests.Foundation;

/// <summary>
/// Every signed-in user has a budget of REST calls, reads included, and of heartbeats; going over it is a 429 that
/// says how long to wait. The counts are shared through Redis, and while Redis is down each replica keeps counting.
/// </summary>
public sealed class RequestRateLimitTests(RequestRateLimitTests.LimitedApi fixture, TestInfrastructure infrastructure)
    : IClassFixture<RequestRateLimitTests.LimitedApi>
{
    // Heartbeats count towards the calls too: the heartbeat test stays below this.
    private const int Calls = 6;
    private const int Heartbeats = 2;

    public sealed class LimitedApi(TestInfrastructure infrastructure) : ApiFixture(infrastructure)
    {
        protected override (string Key, string Value)[] Settings =>
        [
            ("RateLimits:Api:PerUser", Calls.ToString(CultureInfo.InvariantCulture)), ("RateLimits:Api:Window", "1.00:00:00"),
            ("RateLimits:Heartbeat:PerUser", Heartbeats.ToString(CultureInfo.InvariantCulture)), ("RateLimits:Heartbeat:Window", "01:00:00"),
        ];
    }

    [Fact]
    public async Task AUserMakingTooManyCallsIsToldToWaitWhileOthersCarryOn()
    {
        using var client = fixture.Api.NewClient();
        var alice = await client.RegisterAndLoginAsync("alice");

        for (var i = 0; i < Calls; i++)
        {
            using var read = await alice.GetAsync("/api/auth/me");
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }
        using (var refused = await alice.GetAsync("/api/presence"))
            await AssertToldToWaitAsync(refused, ErrorCodes.RateLimited, TimeSpan.FromDays(1));

        // The budget is Alice's own, and signing in or reading the public lounges spends none.
        var bob = await client.RegisterAndLoginAsync("bob");
        using (var other = await bob.GetAsync("/api/auth/me"))
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        using (var lounges = await client.GetAsync("/api/lounges", accessToken: null))
            Assert.Equal(HttpStatusCode.OK, lounges.StatusCode);
    }

    [Fact]
    public async Task HeartbeatsBeyondTheirLimitAreRefusedButOtherCallsGoOn()
    {
        using var client = fixture.Api.NewClient();
        var alice = await client.RegisterAndLoginAsync("alice");

        for (var i = 0; i < Heartbeats; i++)
        {
            using var beat = await alice.SendAsync(HttpMethod.Post, "/api/presence/heartbeat");
            Assert.Equal(HttpStatusCode.NoContent, beat.StatusCode);
        }
        using (var refused = await alice.SendAsync(HttpMethod.Post, "/api/presence/heartbeat"))
            await AssertToldToWaitAsync(refused, ErrorCodes.PresenceRateLimited, TimeSpan.FromHours(1));
        using var online = await alice.GetAsync("/api/presence");
        Assert.Equal(HttpStatusCode.OK, online.StatusCode);
    }

    [Fact]
    public async Task LimitsKeepHoldingWhileRedisIsDown()
    {
        // An Api of its own, over a Redis of its own that the test stops.
        await using var redis = await RedisServer.StartAsync();
        var settings = new Dictionary<string, string>(AuthApi.RelaxedLimits)
        {
            ["RateLimits:Api:PerUser"] = Calls.ToString(CultureInfo.InvariantCulture),
            ["RateLimits:Api:Window"] = "1.00:00:00",
        };
        await using var api = new ApiFactory(await infrastructure.CreateDatabaseAsync(), redis.ConnectionString(), settings);
        using var client = api.NewClient();
        var alice = await client.RegisterAndLoginAsync("alice");

        await redis.StopAsync();
        var multiplexer = api.Services.GetRequiredService<IConnectionMultiplexer>();
        await Eventually.HoldsAsync(() => Task.FromResult(!multiplexer.IsConnected), because: "the Api noticed Redis was gone");

        for (var i = 0; i < Calls; i++)
        {
            using var read = await alice.GetAsync("/api/auth/me");
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }
        using var refused = await alice.GetAsync("/api/auth/me");
        await AssertToldToWaitAsync(refused, ErrorCodes.RateLimited, TimeSpan.FromDays(1));
    }

    private static async Task AssertToldToWaitAsync(HttpResponseMessage response, string code, TimeSpan window)
    {
        var problem = await AuthApi.ReadProblemAsync(response, HttpStatusCode.TooManyRequests, code);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), window);
        Assert.EndsWith($" Try again in {retryAfter.Value.TotalSeconds:0} s.", problem.Detail, StringComparison.Ordinal);
        Assert.True(problem.Extensions.ContainsKey("retryAfter"), "the wait is a field too");
    }
}
