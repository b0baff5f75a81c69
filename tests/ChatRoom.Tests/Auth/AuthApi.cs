using System.Net.Http.Headers;
using System.Text.Json;
using ChatRoom.Api.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.Net.Http.Headers;

namespace ChatRoom.Tests.Auth;

/// <summary>
/// The identity endpoints as a browser uses them, with the cookies handled by hand so that tests can
/// replay old refresh tokens and mix up CSRF tokens on purpose.
/// </summary>
public static class AuthApi
{
    public const string Password = "Correct-Horse-Battery-1";

    /// <summary>Limits high enough that classes testing something else never run into them.</summary>
    public static readonly IReadOnlyDictionary<string, string> RelaxedLimits = new Dictionary<string, string>
    {
        ["RateLimits:Auth:IpRequests"] = "100000",
        ["RateLimits:Auth:FailuresBeforeDelay"] = "1000",
        ["RateLimits:Auth:AccountFailures"] = "1000000",
    };

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A user name no other test in the class uses (classes have databases of their own).</summary>
    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";

    public static Task<ApiFactory> CreateApiAsync(TestInfrastructure infrastructure, params (string Key, string Value)[] settings) =>
        CreateApiAsync(infrastructure, clock: null, settings);

    /// <summary>An Api with relaxed limits and the given settings, telling time by <paramref name="clock"/> when given.</summary>
    public static Task<ApiFactory> CreateApiAsync(TestInfrastructure infrastructure, TimeProvider? clock, params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string>(RelaxedLimits);
        foreach (var (key, value) in settings)
            all[key] = value;
        return ApiFactory.CreateAsync(infrastructure, all, clock);
    }

    public static HttpClient NewClient(this ApiFactory api) => api.CreateClient(new() { HandleCookies = false });

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object? body, string? accessToken = null) =>
        client.SendJsonAsync(HttpMethod.Post, path, body, accessToken);

    public static async Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string path, object? body, string? accessToken = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
            request.Content = JsonContent.Create(body);
        if (accessToken is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return await client.SendAsync(request, Ct);
    }

    public static async Task<HttpResponseMessage> SendRawAsync(this HttpClient client, HttpMethod method, string path, string json, string? accessToken = null)
    {
        using var request = new HttpRequestMessage(method, path)
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        if (accessToken is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return await client.SendAsync(request, Ct);
    }

    public static Task<HttpResponseMessage> GetAsync(this HttpClient client, string path, string? accessToken) =>
        client.SendJsonAsync(HttpMethod.Get, path, body: null, accessToken);

    public static async Task<UserResponse> RegisterAsync(this HttpClient client, string userName, string password = Password)
    {
        using var response = await client.PostJsonAsync("/api/auth/register", new { userName, password });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<UserResponse>(Ct))!;
    }

    public static async Task<Session> LoginAsync(this HttpClient client, string userName, string password = Password)
    {
        using var response = await client.PostJsonAsync("/api/auth/login", new { userName, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Session.FromResponseAsync(client, response);
    }

    public static Task<Session> LoginAdminAsync(this HttpClient client) =>
        client.LoginAsync(TestInfrastructure.AdminUserName, TestInfrastructure.AdminPassword);

    public static async Task<Session> RegisterAndLoginAsync(this HttpClient client, string prefix)
    {
        var name = UniqueName(prefix);
        await client.RegisterAsync(name);
        return await client.LoginAsync(name);
    }

    public static async Task<Session> GuestAsync(this HttpClient client, string? displayName = null)
    {
        using var response = await client.PostJsonAsync("/api/auth/guest", new { displayName });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Session.FromResponseAsync(client, response);
    }

    /// <summary>POST /api/auth/refresh or /logout with exactly the cookies and header given.</summary>
    public static async Task<HttpResponseMessage> PostWithCookiesAsync(this HttpClient client, string path,
        string? refreshToken, string? csrfCookie, string? csrfHeader)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        var cookies = new List<string>();
        if (refreshToken is not null)
            cookies.Add($"{AuthCookies.RefreshCookie}={refreshToken}");
        if (csrfCookie is not null)
            cookies.Add($"{AuthCookies.CsrfCookie}={csrfCookie}");
        if (cookies.Count > 0)
            request.Headers.Add(HeaderNames.Cookie, string.Join("; ", cookies));
        if (csrfHeader is not null)
            request.Headers.Add(Csrf.HeaderName, csrfHeader);
        return await client.SendAsync(request, Ct);
    }

    public static Dictionary<string, SetCookieHeaderValue> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues(HeaderNames.SetCookie, out var values)
            ? SetCookieHeaderValue.ParseList([.. values]).ToDictionary(c => c.Name.ToString(), StringComparer.Ordinal)
            : [];

    /// <summary>Reads a problem answer, checking it is one (RFC 9457 media type) and says something useful.</summary>
    public static async Task<HttpValidationProblemDetails> ReadProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>(Ct))!;
        Assert.Equal((int)status, problem.Status);
        Assert.True(!string.IsNullOrWhiteSpace(problem.Detail) || problem.Errors.Count > 0,
            $"The {(int)status} problem says neither detail nor errors.");
        Assert.False(string.IsNullOrEmpty(problem.Code()), $"The {(int)status} problem has no code: {problem.Detail}");
        return problem;
    }

    /// <summary>Reads a problem answer and checks the code clients act on.</summary>
    public static async Task<HttpValidationProblemDetails> ReadProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var problem = await ReadProblemAsync(response, status);
        Assert.Equal(code, problem.Code());
        return problem;
    }

    /// <summary>The problem's stable <c>code</c>, or null when it has none.</summary>
    public static string? Code(this ProblemDetails problem) =>
        problem.Extensions.TryGetValue("code", out var code) && code is JsonElement { ValueKind: JsonValueKind.String } text ? text.GetString() : null;

    public static Guid SessionIdOf(string accessToken) => Guid.Parse(new JsonWebToken(accessToken).GetClaim(JwtRegisteredClaimNames.Sid).Value);
}

/// <summary>One signed-in browser tab: the access token it keeps in memory and the cookies the Api set.</summary>
public sealed class Session
{
    private Session(HttpClient client, TokenResponse tokens, string refreshToken)
    {
        Client = client;
        Apply(tokens, refreshToken);
    }

    public HttpClient Client { get; }
    public string AccessToken { get; private set; } = "";
    public string RefreshToken { get; private set; } = "";
    public string CsrfToken { get; private set; } = "";
    public UserResponse User { get; private set; } = null!;
    public Guid SessionId => AuthApi.SessionIdOf(AccessToken);

    public static async Task<Session> FromResponseAsync(HttpClient client, HttpResponseMessage response)
    {
        var tokens = (await response.Content.ReadFromJsonAsync<TokenResponse>(AuthApi.Ct))!;
        var cookies = AuthApi.SetCookies(response);
        Assert.Equal(tokens.CsrfToken, cookies[AuthCookies.CsrfCookie].Value.ToString());
        return new Session(client, tokens, cookies[AuthCookies.RefreshCookie].Value.ToString());
    }

    public Task<HttpResponseMessage> GetAsync(string path) => Client.GetAsync(path, AccessToken);

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null) =>
        Client.SendJsonAsync(method, path, body, AccessToken);

    public async Task<T> GetFromJsonAsync<T>(string path)
    {
        using var response = await GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<T>(AuthApi.Ct))!;
    }

    /// <summary>Refreshes as the SPA does; on success this tab keeps the new tokens.</summary>
    public async Task<HttpResponseMessage> RefreshAsync()
    {
        var response = await Client.PostWithCookiesAsync("/api/auth/refresh", RefreshToken, CsrfToken, CsrfToken);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            var tokens = (await response.Content.ReadFromJsonAsync<TokenResponse>(AuthApi.Ct))!;
            Apply(tokens, AuthApi.SetCookies(response)[AuthCookies.RefreshCookie].Value.ToString());
        }
        return response;
    }

    public Task<HttpResponseMessage> LogoutAsync() =>
        Client.PostWithCookiesAsync("/api/auth/logout", RefreshToken, CsrfToken, CsrfToken);

    /// <summary>A second tab of the same browser: same cookies, its own copy of the access token.</summary>
    public Session Copy() => (Session)MemberwiseClone();

    private void Apply(TokenResponse tokens, string refreshToken)
    {
        AccessToken = tokens.AccessToken;
        CsrfToken = tokens.CsrfToken;
        User = tokens.User;
        RefreshToken = refreshToken;
    }
}
