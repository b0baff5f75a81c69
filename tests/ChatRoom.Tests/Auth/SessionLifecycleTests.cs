using ChatRoom.Api.Auth;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Net.Http.Headers;

namespace ChatRoom.Tests.Auth;

public sealed class SessionLifecycleTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly ApiFactory _api = fixture.Api;

    public enum CsrfMistake
    {
        NoHeader,
        GarbageHeader,
        HeaderDiffersFromCookie,
        AnotherSessionsToken,
        NoCookie,
    }

    [Fact]
    public async Task ABrowserRegistersSignsInRefreshesAndSignsOut()
    {
        // A client that keeps cookies the way a browser does (paths included).
        using var browser = _api.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        using var bare = _api.NewClient();
        var name = AuthApi.UniqueName("flow");

        var registered = await browser.RegisterAsync(name);
        Assert.Equal(name, registered.UserName);
        Assert.Equal("User", registered.Role);

        using var login = await browser.PostJsonAsync("/api/auth/login", new { userName = name, password = AuthApi.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var tokens = (await login.Content.ReadFromJsonAsync<TokenResponse>(AuthApi.Ct))!;
        var loginCookies = AuthApi.SetCookies(login);
        var refreshCookie = loginCookies[AuthCookies.RefreshCookie];
        Assert.True(refreshCookie.HttpOnly);
        Assert.Equal(SameSiteMode.Strict, refreshCookie.SameSite);
        Assert.Equal("/api/auth", refreshCookie.Path.ToString());
        Assert.False(loginCookies[AuthCookies.CsrfCookie].HttpOnly);
        Assert.Equal("no-store", login.Headers.CacheControl?.ToString());
        Assert.Equal(registered.Id, tokens.User.Id);
        Assert.InRange(tokens.ExpiresIn, 60, 15 * 60);

        using (var me = await browser.GetAsync("/api/auth/me", tokens.AccessToken))
        {
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
            var user = await me.Content.ReadFromJsonAsync<UserResponse>(AuthApi.Ct);
            Assert.Equal(name, user!.UserName);
        }

        // The browser sends the refresh cookie by itself; the SPA copies the CSRF token into the header.
        using var refreshRequest = new HttpRequestMessage(HttpMethod.Post, "/api/auth/refresh");
        refreshRequest.Headers.Add(Csrf.HeaderName, tokens.CsrfToken);
        using var refresh = await browser.SendAsync(refreshRequest, AuthApi.Ct);
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        var refreshed = (await refresh.Content.ReadFromJsonAsync<TokenResponse>(AuthApi.Ct))!;
        var rotated = AuthApi.SetCookies(refresh)[AuthCookies.RefreshCookie].Value.ToString();
        Assert.NotEqual(refreshCookie.Value.ToString(), rotated);
        Assert.NotEqual(tokens.AccessToken, refreshed.AccessToken);
        Assert.Equal(AuthApi.SessionIdOf(tokens.AccessToken), AuthApi.SessionIdOf(refreshed.AccessToken));

        using var logoutRequest = new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout");
        logoutRequest.Headers.Add(Csrf.HeaderName, refreshed.CsrfToken);
        using var logout = await browser.SendAsync(logoutRequest, AuthApi.Ct);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Contains(AuthApi.SetCookies(logout), c => c.Key == AuthCookies.RefreshCookie && c.Value.Expires < DateTimeOffset.UtcNow);

        using (var again = await bare.PostWithCookiesAsync("/api/auth/refresh", rotated, refreshed.CsrfToken, refreshed.CsrfToken))
            await AuthApi.ReadProblemAsync(again, HttpStatusCode.Unauthorized);
        using (var oldAccess = await bare.GetAsync("/api/auth/me", refreshed.AccessToken))
            Assert.Contains("Sign in again", (await AuthApi.ReadProblemAsync(oldAccess, HttpStatusCode.Unauthorized)).Detail, StringComparison.Ordinal);
        using (var olderAccess = await bare.GetAsync("/api/auth/me", tokens.AccessToken))
            Assert.Equal(HttpStatusCode.Unauthorized, olderAccess.StatusCode);
    }

    [Fact]
    public async Task EachRefreshHandsOutANewTokenAndTheSessionKeepsWorking()
    {
        using var client = _api.NewClient();
        var session = await client.RegisterAndLoginAsync("rotating");
        var seen = new HashSet<string> { session.RefreshToken };

        for (var i = 0; i < 3; i++)
        {
            using var refresh = await session.RefreshAsync();
            Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
            Assert.True(seen.Add(session.RefreshToken), "A refresh handed out a token seen before.");
        }

        using var me = await session.GetAsync("/api/auth/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task RefreshWithoutAnySessionCookieIsUnauthorized()
    {
        using var client = _api.NewClient();

        using var response = await client.PostWithCookiesAsync("/api/auth/refresh", null, null, null);

        await AuthApi.ReadProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData(CsrfMistake.NoHeader)]
    [InlineData(CsrfMistake.GarbageHeader)]
    [InlineData(CsrfMistake.HeaderDiffersFromCookie)]
    [InlineData(CsrfMistake.AnotherSessionsToken)]
    [InlineData(CsrfMistake.NoCookie)]
    public async Task RefreshWithABadCsrfTokenIsForbiddenAndChangesNothing(CsrfMistake mistake)
    {
        using var client = _api.NewClient();
        var session = await client.RegisterAndLoginAsync("csrf-refresh");
        var (cookie, header) = await BadCsrfAsync(client, session, mistake);

        using (var refused = await client.PostWithCookiesAsync("/api/auth/refresh", session.RefreshToken, cookie, header))
        {
            var problem = await AuthApi.ReadProblemAsync(refused, HttpStatusCode.Forbidden);
            Assert.Contains(Csrf.HeaderName, problem.Detail, StringComparison.Ordinal);
            Assert.Empty(AuthApi.SetCookies(refused));
        }

        // Nothing was rotated or revoked: the very same token still refreshes with the right CSRF token.
        using var refresh = await session.RefreshAsync();
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
    }

    [Theory]
    [InlineData(CsrfMistake.NoHeader)]
    [InlineData(CsrfMistake.GarbageHeader)]
    [InlineData(CsrfMistake.HeaderDiffersFromCookie)]
    [InlineData(CsrfMistake.AnotherSessionsToken)]
    [InlineData(CsrfMistake.NoCookie)]
    public async Task LogoutWithABadCsrfTokenIsForbiddenAndTheSessionLivesOn(CsrfMistake mistake)
    {
        using var client = _api.NewClient();
        var session = await client.RegisterAndLoginAsync("csrf-logout");
        var (cookie, header) = await BadCsrfAsync(client, session, mistake);

        using (var refused = await client.PostWithCookiesAsync("/api/auth/logout", session.RefreshToken, cookie, header))
        {
            await AuthApi.ReadProblemAsync(refused, HttpStatusCode.Forbidden);
            Assert.Empty(AuthApi.SetCookies(refused));
        }

        using (var me = await session.GetAsync("/api/auth/me"))
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        using var refresh = await session.RefreshAsync();
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
    }

    [Fact]
    public async Task ChangingThePasswordEndsTheOtherSessionsButKeepsThisOne()
    {
        using var client = _api.NewClient();
        var name = AuthApi.UniqueName("pw");
        await client.RegisterAsync(name);
        var laptop = await client.LoginAsync(name);
        var phone = await client.LoginAsync(name);
        const string newPassword = "A-Brand-New-Password-2";

        using (var change = await laptop.SendAsync(HttpMethod.Post, "/api/auth/password",
            new { currentPassword = AuthApi.Password, newPassword }))
            Assert.Equal(HttpStatusCode.NoContent, change.StatusCode);

        using (var phoneMe = await phone.GetAsync("/api/auth/me"))
            Assert.Equal(HttpStatusCode.Unauthorized, phoneMe.StatusCode);
        using (var phoneRefresh = await phone.RefreshAsync())
            Assert.Equal(HttpStatusCode.Unauthorized, phoneRefresh.StatusCode);

        using (var laptopMe = await laptop.GetAsync("/api/auth/me"))
            Assert.Equal(HttpStatusCode.OK, laptopMe.StatusCode);
        using (var laptopRefresh = await laptop.RefreshAsync())
            Assert.Equal(HttpStatusCode.OK, laptopRefresh.StatusCode);

        using (var old = await client.PostJsonAsync("/api/auth/login", new { userName = name, password = AuthApi.Password }))
            Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        await client.LoginAsync(name, newPassword);
    }

    [Fact]
    public async Task AWrongCurrentPasswordIsAValidationProblemAndChangesNothing()
    {
        using var client = _api.NewClient();
        var name = AuthApi.UniqueName("pw-wrong");
        await client.RegisterAsync(name);
        var session = await client.LoginAsync(name);
        var other = await client.LoginAsync(name);

        using (var change = await session.SendAsync(HttpMethod.Post, "/api/auth/password",
            new { currentPassword = "not-the-password", newPassword = "A-Brand-New-Password-2" }))
        {
            var problem = await AuthApi.ReadProblemAsync(change, HttpStatusCode.BadRequest);
            Assert.Contains("CurrentPassword", problem.Errors.Keys);
        }

        using (var otherMe = await other.GetAsync("/api/auth/me"))
            Assert.Equal(HttpStatusCode.OK, otherMe.StatusCode);
        await client.LoginAsync(name);
    }

    [Fact]
    public async Task ANewPasswordOutsideTheRulesIsAValidationProblem()
    {
        using var client = _api.NewClient();
        var session = await client.RegisterAndLoginAsync("pw-rules");

        using var change = await session.SendAsync(HttpMethod.Post, "/api/auth/password",
            new { currentPassword = AuthApi.Password, newPassword = "short" });

        var problem = await AuthApi.ReadProblemAsync(change, HttpStatusCode.BadRequest);
        Assert.Contains("NewPassword", problem.Errors.Keys);
    }

    [Fact]
    public async Task PasswordChangeAndMeNeedASignedInUser()
    {
        using var client = _api.NewClient();

        using var me = await client.GetAsync("/api/auth/me", accessToken: null);
        using var password = await client.PostJsonAsync("/api/auth/password",
            new { currentPassword = AuthApi.Password, newPassword = "A-Brand-New-Password-2" });

        await AuthApi.ReadProblemAsync(me, HttpStatusCode.Unauthorized);
        await AuthApi.ReadProblemAsync(password, HttpStatusCode.Unauthorized);
        Assert.Contains(me.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    private static async Task<(string? Cookie, string? Header)> BadCsrfAsync(HttpClient client, Session session, CsrfMistake mistake)
    {
        switch (mistake)
        {
            case CsrfMistake.NoHeader:
                return (session.CsrfToken, null);
            case CsrfMistake.GarbageHeader:
                return ("garbage.token", "garbage.token");
            case CsrfMistake.HeaderDiffersFromCookie:
                return (session.CsrfToken, session.CsrfToken[..^2] + (session.CsrfToken.EndsWith("AA", StringComparison.Ordinal) ? "BB" : "AA"));
            case CsrfMistake.AnotherSessionsToken:
                // A real, correctly signed token, but for another sign-in (here: of another user).
                var other = await client.RegisterAndLoginAsync("csrf-other");
                return (other.CsrfToken, other.CsrfToken);
            case CsrfMistake.NoCookie:
                return (null, session.CsrfToken);
            default:
                throw new ArgumentOutOfRangeException(nameof(mistake));
        }
    }
}
