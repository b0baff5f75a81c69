using System.Net;
using ChatRoom.Tests.Infrastructure;

namespace ChatRoom.Tests.Auth;

/// <summary>
/// Windows are a day long so that no test straddles the start of a new window, whenever it runs.
/// </summary>
public sealed class AuthRateLimitTests(AuthRateLimitTests.Apis apis) : IClassFixture<AuthRateLimitTests.Apis>
{
    private const int IpRequests = 5;
    private readonly ApiFactory _accountLimited = apis.AccountLimited.Api;
    private readonly ApiFactory _ipLimited = apis.IpLimited.Api;

    public sealed class Apis(TestInfrastructure infrastructure) : IAsyncLifetime
    {
        public ApiFixture AccountLimited { get; } = new LimitFixture(infrastructure,
            ("RateLimits:Auth:AccountAttempts", "5"), ("RateLimits:Auth:AccountWindow", "1.00:00:00"));

        public ApiFixture IpLimited { get; } = new LimitFixture(infrastructure,
            ("RateLimits:Auth:IpRequests", IpRequests.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("RateLimits:Auth:IpWindow", "1.00:00:00"));

        public async ValueTask InitializeAsync()
        {
            await AccountLimited.InitializeAsync();
            await IpLimited.InitializeAsync();
        }

        public async ValueTask DisposeAsync()
        {
            await AccountLimited.DisposeAsync();
            await IpLimited.DisposeAsync();
        }
    }

    private sealed class LimitFixture(TestInfrastructure infrastructure, params (string Key, string Value)[] settings)
        : ApiFixture(infrastructure)
    {
        protected override (string Key, string Value)[] Settings => settings;
    }

    [Fact]
    public async Task FiveFailedSignInsLockTheAccountEvenForTheRightPasswordButNotOtherAccounts()
    {
        using var client = _accountLimited.NewClient();
        var target = AuthApi.UniqueName("target");
        var bystander = AuthApi.UniqueName("bystander");
        await client.RegisterAsync(target);
        await client.RegisterAsync(bystander);

        for (var i = 0; i < 5; i++)
        {
            using var failed = await client.PostJsonAsync("/api/auth/login", new { userName = target, password = $"Wrong-Password-{i}" });
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using (var locked = await client.PostJsonAsync("/api/auth/login", new { userName = target, password = AuthApi.Password }))
            await AssertTooManyAsync(locked, TimeSpan.FromDays(1));
        // The lock is on the account, whatever case the name is typed in.
        using (var shouting = await client.PostJsonAsync("/api/auth/login", new { userName = target.ToUpperInvariant(), password = AuthApi.Password }))
            await AssertTooManyAsync(shouting, TimeSpan.FromDays(1));
        await client.LoginAsync(bystander);
    }

    [Fact]
    public async Task SuccessfulSignInsDoNotCountTowardsTheAccountLimit()
    {
        using var client = _accountLimited.NewClient();
        var name = AuthApi.UniqueName("regular");
        await client.RegisterAsync(name);

        for (var i = 0; i < 6; i++)
            await client.LoginAsync(name);
    }

    [Fact]
    public async Task GuessingTheCurrentPasswordIsLimitedLikeSigningIn()
    {
        using var client = _accountLimited.NewClient();
        var session = await client.RegisterAndLoginAsync("guessed");

        for (var i = 0; i < 5; i++)
        {
            using var wrong = await session.SendAsync(HttpMethod.Post, "/api/auth/password",
                new { currentPassword = $"Guess-Number-{i}", newPassword = "A-Brand-New-Password-2" });
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }

        using (var right = await session.SendAsync(HttpMethod.Post, "/api/auth/password",
            new { currentPassword = AuthApi.Password, newPassword = "A-Brand-New-Password-2" }))
            await AssertTooManyAsync(right, TimeSpan.FromDays(1));
        using (var login = await client.PostJsonAsync("/api/auth/login", new { userName = session.User.UserName, password = AuthApi.Password }))
            await AssertTooManyAsync(login, TimeSpan.FromDays(1));
    }

    [Fact]
    public async Task TooManyAuthRequestsFromOneAddressAreRefusedWithRetryAfter()
    {
        using var client = _ipLimited.NewClient();

        for (var i = 0; i < IpRequests; i++)
        {
            using var allowed = await client.PostWithCookiesAsync("/api/auth/refresh", null, null, null);
            Assert.Equal(HttpStatusCode.Unauthorized, allowed.StatusCode);
        }

        using (var refused = await client.PostWithCookiesAsync("/api/auth/refresh", null, null, null))
            await AssertTooManyAsync(refused, TimeSpan.FromDays(1));
        using (var login = await client.PostJsonAsync("/api/auth/login", new { userName = TestInfrastructure.AdminUserName, password = TestInfrastructure.AdminPassword }))
            await AssertTooManyAsync(login, TimeSpan.FromDays(1));
        using (var register = await client.PostJsonAsync("/api/auth/register", new { userName = AuthApi.UniqueName("late"), password = AuthApi.Password }))
            await AssertTooManyAsync(register, TimeSpan.FromDays(1));
    }

    private static async Task AssertTooManyAsync(HttpResponseMessage response, TimeSpan window)
    {
        var problem = await AuthApi.ReadProblemAsync(response, HttpStatusCode.TooManyRequests);
        Assert.Contains("Too many", problem.Detail, StringComparison.Ordinal);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), window);
    }
}
