using System.Globalization;
using Microsoft.Extensions.Time.Testing;

namespace ChatRoom.Tests.Auth;

/// <summary>
/// Sign-in guessing is slowed per account and client address, never locked per account; the auth endpoints are
/// capped per address. Clients come from the addresses the tests give them, as the server sees them.
/// </summary>
public sealed class AuthRateLimitTests(AuthRateLimitTests.Apis apis) : IClassFixture<AuthRateLimitTests.Apis>
{
    private const int IpRequests = 5;

    // The Throttled Api: waits long enough that none passes during a test.
    private const int FailuresBeforeDelay = 3;
    private const int AccountFailures = 6;
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan AccountDelay = TimeSpan.FromMinutes(5);

    // The Backoff Api, whose fake clock the tests move on.
    private const int BackoffFailuresBeforeDelay = 2;
    private static readonly TimeSpan BackoffFirstDelay = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan BackoffMaxDelay = TimeSpan.FromSeconds(40);

    public sealed class Apis(TestInfrastructure infrastructure) : IAsyncLifetime
    {
        public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
        public ApiFactory Throttled { get; private set; } = null!;
        public ApiFactory Backoff { get; private set; } = null!;
        public ApiFactory IpLimited { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            Throttled = await AuthApi.CreateApiAsync(infrastructure,
                ("RateLimits:Auth:FailuresBeforeDelay", Text(FailuresBeforeDelay)), ("RateLimits:Auth:FirstDelay", FirstDelay.ToString()),
                ("RateLimits:Auth:AccountFailures", Text(AccountFailures)), ("RateLimits:Auth:AccountWindow", "1.00:00:00"),
                ("RateLimits:Auth:AccountDelay", AccountDelay.ToString()));
            Backoff = await AuthApi.CreateApiAsync(infrastructure, Clock,
                ("RateLimits:Auth:FailuresBeforeDelay", Text(BackoffFailuresBeforeDelay)), ("RateLimits:Auth:FirstDelay", BackoffFirstDelay.ToString()),
                ("RateLimits:Auth:MaxDelay", BackoffMaxDelay.ToString()));
            IpLimited = await AuthApi.CreateApiAsync(infrastructure,
                ("RateLimits:Auth:IpRequests", Text(IpRequests)), ("RateLimits:Auth:IpWindow", "1.00:00:00"));
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var api in new[] { Throttled, Backoff, IpLimited }.Where(a => a is not null))
                await api.DisposeAsync();
        }

        private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task AnAttackerFailingFromOneAddressDoesNotStopTheOwnerSigningInFromAnother()
    {
        var owner = await RegisterAsync(apis.Throttled, "victim");
        using var attacker = From(apis.Throttled, "203.0.113.7");
        using var home = From(apis.Throttled, "198.51.100.23");

        await FailAsync(attacker, owner, FailuresBeforeDelay);
        using (var refused = await SignInAsync(attacker, owner, AuthApi.Password))
            await AssertWaitAsync(refused, FirstDelay);
        // Counted for the account, whatever case its name is typed in.
        using (var shouting = await SignInAsync(attacker, owner.ToUpperInvariant(), AuthApi.Password))
            await AssertWaitAsync(shouting, FirstDelay);

        await home.LoginAsync(owner);
    }

    [Fact]
    public async Task AnAccountUnderAttackFromManyAddressesSlowsThemButNeverLocksTheOwnerOut()
    {
        var owner = await RegisterAsync(apis.Throttled, "popular");
        using var home = From(apis.Throttled, "198.51.100.50");
        await home.LoginAsync(owner);

        // One guess each from more addresses than the account's ceiling: none of them is slowed on its own.
        for (var i = 0; i <= AccountFailures; i++)
        {
            using var bot = From(apis.Throttled, $"203.0.113.{100 + i}");
            await FailAsync(bot, owner);
        }

        // From now on a failure costs its address the account-wide wait, yet a new address still gets its first try.
        using var another = From(apis.Throttled, "203.0.113.200");
        await FailAsync(another, owner);
        using (var refused = await SignInAsync(another, owner, AuthApi.Password))
            await AssertWaitAsync(refused, AccountDelay);

        // The owner at home mistypes and signs in at once; somewhere new, the first try goes through.
        await FailAsync(home, owner);
        await home.LoginAsync(owner);
        using var travelling = From(apis.Throttled, "192.0.2.80");
        await travelling.LoginAsync(owner);
    }

    [Fact]
    public async Task GuessingTheCurrentPasswordIsLimitedLikeSigningIn()
    {
        using var laptop = From(apis.Throttled, "198.51.100.77");
        var session = await laptop.RegisterAndLoginAsync("guessed");

        for (var i = 0; i < FailuresBeforeDelay; i++)
        {
            using var wrong = await session.SendAsync(HttpMethod.Post, "/api/auth/password",
                new { currentPassword = $"Guess-Number-{i}", newPassword = "A-Brand-New-Password-2" });
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }

        using (var right = await session.SendAsync(HttpMethod.Post, "/api/auth/password",
            new { currentPassword = AuthApi.Password, newPassword = "A-Brand-New-Password-2" }))
            await AssertWaitAsync(right, FirstDelay);
        using (var login = await SignInAsync(laptop, session.User.UserName, AuthApi.Password))
            await AssertWaitAsync(login, FirstDelay);
        using var phone = From(apis.Throttled, "198.51.100.78");
        await phone.LoginAsync(session.User.UserName);
    }

    [Fact]
    public async Task ForwardedAddressesCountOnlyFromTrustedProxies()
    {
        var owner = await RegisterAsync(apis.Throttled, "forwarded");

        // A client that is not a trusted proxy cannot choose the address its failures are counted under.
        for (var i = 0; i < FailuresBeforeDelay; i++)
        {
            using var spoofing = From(apis.Throttled, "203.0.113.9", forwardedFor: $"192.0.2.{i + 1}");
            await FailAsync(spoofing, owner);
        }
        using (var spoofing = From(apis.Throttled, "203.0.113.9", forwardedFor: "192.0.2.99"))
        using (var refused = await SignInAsync(spoofing, owner, AuthApi.Password))
            await AssertWaitAsync(refused, FirstDelay);

        // Behind the trusted proxy (the Web, on loopback) clients are told apart by the address it forwards.
        using var guesser = From(apis.Throttled, "127.0.0.1", forwardedFor: "192.0.2.10");
        await FailAsync(guesser, owner, FailuresBeforeDelay);
        using (var refused = await SignInAsync(guesser, owner, AuthApi.Password))
            await AssertWaitAsync(refused, FirstDelay);
        using var ownerBehindProxy = From(apis.Throttled, "127.0.0.1", forwardedFor: "192.0.2.11");
        await ownerBehindProxy.LoginAsync(owner);
    }

    [Fact]
    public async Task SuccessfulSignInsDoNotCountTowardsAnyLimit()
    {
        var name = await RegisterAsync(apis.Throttled, "regular");
        using var client = From(apis.Throttled, "198.51.100.90");

        for (var i = 0; i <= AccountFailures; i++)
            await client.LoginAsync(name);
    }

    [Fact]
    public async Task RepeatedFailuresFromOneAddressWaitLongerEachTimeUntilTheRightPasswordResetsThem()
    {
        var owner = await RegisterAsync(apis.Backoff, "forgetful");
        using var client = From(apis.Backoff, "203.0.113.40");

        await FailAsync(client, owner, BackoffFailuresBeforeDelay);
        foreach (var seconds in new[] { 10, 20, 40, 40 })
        {
            var wait = TimeSpan.FromSeconds(seconds);
            using (var refused = await SignInAsync(client, owner, AuthApi.Password))
                await AssertWaitAsync(refused, wait);
            apis.Clock.Advance(wait);
            await FailAsync(client, owner);
        }
        apis.Clock.Advance(BackoffMaxDelay);
        await client.LoginAsync(owner);

        // A fresh start: the free tries again, then the first wait.
        await FailAsync(client, owner, BackoffFailuresBeforeDelay);
        using (var refused = await SignInAsync(client, owner, AuthApi.Password))
            await AssertWaitAsync(refused, BackoffFirstDelay);
    }

    [Fact]
    public async Task UnknownNamesAreSlowedDownLikeRealOnes()
    {
        var real = await RegisterAsync(apis.Backoff, "real");
        var unknown = AuthApi.UniqueName("nobody");
        using var client = From(apis.Backoff, "203.0.113.41");

        await FailAsync(client, real, BackoffFailuresBeforeDelay);
        await FailAsync(client, unknown, BackoffFailuresBeforeDelay);

        using var realRefused = await SignInAsync(client, real, AuthApi.Password);
        using var unknownRefused = await SignInAsync(client, unknown, AuthApi.Password);
        var realProblem = await AssertWaitAsync(realRefused, BackoffFirstDelay);
        var unknownProblem = await AssertWaitAsync(unknownRefused, BackoffFirstDelay);
        Assert.Equal(WithoutWait(realProblem), WithoutWait(unknownProblem));

        static string WithoutWait(string detail) => detail[..detail.IndexOf(" Try again", StringComparison.Ordinal)];
    }

    [Fact]
    public async Task AddressesInOneIPv6NetworkCountAsOneClient()
    {
        var owner = await RegisterAsync(apis.Backoff, "sixty-four");
        using var first = From(apis.Backoff, "2001:db8:1:2::10");
        using var sameNetwork = From(apis.Backoff, "2001:db8:1:2:ffff::99");
        using var otherNetwork = From(apis.Backoff, "2001:db8:1:3::10");

        await FailAsync(first, owner, BackoffFailuresBeforeDelay);
        using (var refused = await SignInAsync(sameNetwork, owner, AuthApi.Password))
            await AssertWaitAsync(refused, BackoffFirstDelay);
        await otherNetwork.LoginAsync(owner);
    }

    [Fact]
    public async Task TooManyAuthRequestsFromOneAddressAreRefusedWithRetryAfter()
    {
        using var client = apis.IpLimited.NewClient();

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

    /// <summary>A client whose requests reach the Api from <paramref name="address"/>, optionally with an X-Forwarded-For.</summary>
    private static HttpClient From(ApiFactory api, string address, string? forwardedFor = null)
    {
        var remote = IPAddress.Parse(address);
        var client = new HttpClient(api.Server.CreateHandler(context => context.Connection.RemoteIpAddress = remote))
        {
            BaseAddress = api.Server.BaseAddress,
        };
        if (forwardedFor is not null)
            client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        return client;
    }

    private static async Task<string> RegisterAsync(ApiFactory api, string prefix)
    {
        var name = AuthApi.UniqueName(prefix);
        using var client = api.NewClient();
        await client.RegisterAsync(name);
        return name;
    }

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password) =>
        client.PostJsonAsync("/api/auth/login", new { userName, password });

    private static async Task FailAsync(HttpClient client, string userName, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            using var failed = await SignInAsync(client, userName, $"Wrong-Password-{i}");
            var problem = await AuthApi.ReadProblemAsync(failed, HttpStatusCode.Unauthorized, ErrorCodes.AuthInvalidCredentials);
            Assert.Equal("Invalid user name or password.", problem.Detail);
        }
    }

    /// <summary>Checks a 429 that asks for about <paramref name="expected"/> (a little less once time has run on), and returns its detail.</summary>
    private static async Task<string> AssertWaitAsync(HttpResponseMessage response, TimeSpan expected)
    {
        var problem = await AuthApi.ReadProblemAsync(response, HttpStatusCode.TooManyRequests, ErrorCodes.AuthTooManyFailures);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, expected - TimeSpan.FromSeconds(3), expected);
        Assert.EndsWith($" Try again in {retryAfter.Value.TotalSeconds:0} s.", problem.Detail, StringComparison.Ordinal);
        return problem.Detail!;
    }

    private static async Task AssertTooManyAsync(HttpResponseMessage response, TimeSpan window)
    {
        var problem = await AuthApi.ReadProblemAsync(response, HttpStatusCode.TooManyRequests, ErrorCodes.AuthRateLimited);
        Assert.Contains("Too many", problem.Detail, StringComparison.Ordinal);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), window);
    }
}
