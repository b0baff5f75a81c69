using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatRoom.Tests.Auth;

/// <summary>
/// Access tokens someone made up. Each forgery changes one thing in a token that is otherwise exactly
/// like one the Api issues, and the first test shows that such a token with nothing changed is accepted.
/// </summary>
public sealed class TokenForgeryTests(TokenForgeryTests.SignedIn fixture) : IClassFixture<TokenForgeryTests.SignedIn>
{
    private readonly ApiFactory _api = fixture.Api;
    private readonly Session _session = fixture.Session;

    /// <summary>The Api and one signed-in user whose tokens the forgeries imitate.</summary>
    public sealed class SignedIn(TestInfrastructure infrastructure) : ApiFixture(infrastructure)
    {
        public Session Session { get; private set; } = null!;

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            Session = await Api.NewClient().RegisterAndLoginAsync("forgery");
        }
    }

    [Fact]
    public async Task ATokenMadeExactlyLikeTheApiMakesThemIsAccepted()
    {
        using var client = _api.NewClient();

        using var response = await client.GetAsync("/api/auth/me", Forge(_ => { }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task TheRoleWrittenInATokenDoesNotOverrideTheAccountsRole()
    {
        using var client = _api.NewClient();

        // Correctly signed and claiming Admin, for an account that is a plain User.
        using var response = await client.GetAsync("/api/admin/audit", Forge(_ => { }));

        await AuthApi.ReadProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("unsigned (alg none)")]
    [InlineData("signed with another key")]
    [InlineData("signed with the right key but HS384")]
    [InlineData("for another audience")]
    [InlineData("from another issuer")]
    [InlineData("expired beyond the clock skew")]
    [InlineData("typed JWT instead of at+jwt")]
    [InlineData("without a type")]
    [InlineData("without an expiry")]
    [InlineData("without a session")]
    [InlineData("naming a session that does not exist")]
    public async Task AForgedAccessTokenIsRefused(string forgery)
    {
        using var client = _api.NewClient();
        var token = Forge(forgery);

        using var response = await client.GetAsync("/api/auth/me", token);

        await AuthApi.ReadProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AnExpiredTokenIsAnsweredSoThatTheClientKnowsToRefresh()
    {
        using var client = _api.NewClient();

        using var response = await client.GetAsync("/api/auth/me", Forge("expired beyond the clock skew"));

        var problem = await AuthApi.ReadProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("expired", problem.Detail, StringComparison.Ordinal);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer" && h.Parameter!.Contains("invalid_token", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARefreshTokenIsNoAccessToken()
    {
        using var client = _api.NewClient();

        using var response = await client.GetAsync("/api/auth/me", _session.RefreshToken);

        await AuthApi.ReadProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ACsrfTokenIsNoAccessToken()
    {
        using var client = _api.NewClient();

        using var response = await client.GetAsync("/api/auth/me", _session.CsrfToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AnAccessTokenInTheQueryStringCountsOnlyForTheHub()
    {
        using var client = _api.NewClient();

        using var response = await client.GetAsync($"/api/auth/me?access_token={_session.AccessToken}", accessToken: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ATokenPairingOneUserWithAnotherUsersSessionIsRefusedAndLeavesThatSessionAlone()
    {
        using var client = _api.NewClient();
        var victim = await _api.NewClient().RegisterAndLoginAsync("victim");

        // Correctly signed (a leaked key), naming the signed-in user but the victim's live session.
        using var forged = await client.GetAsync("/api/auth/me", Forge(d => d.Claims[JwtRegisteredClaimNames.Sid] = victim.SessionId.ToString()));
        using var victimAfter = await victim.GetAsync("/api/auth/me");

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, victimAfter.StatusCode);
    }

    private string Forge(string forgery) => forgery switch
    {
        "unsigned (alg none)" => Forge(d => d.SigningCredentials = null),
        "signed with another key" => Forge(d => d.SigningCredentials = Credentials(RandomNumberGenerator.GetBytes(32), SecurityAlgorithms.HmacSha256)),
        "signed with the right key but HS384" => Forge(d => d.SigningCredentials = Credentials(Encoding.UTF8.GetBytes(ApiFactory.SigningKey), SecurityAlgorithms.HmacSha384)),
        "for another audience" => Forge(d => d.Audience = "someone-else"),
        "from another issuer" => Forge(d => d.Issuer = "someone-else"),
        "expired beyond the clock skew" => Forge(d =>
        {
            d.IssuedAt = d.NotBefore = DateTime.UtcNow.AddMinutes(-20);
            d.Expires = DateTime.UtcNow.AddMinutes(-5);
        }),
        "typed JWT instead of at+jwt" => Forge(d => d.TokenType = "JWT"),
        "without a type" => Forge(d => d.TokenType = null),
        "without an expiry" => Forge(d => d.Expires = null),
        "without a session" => Forge(d => d.Claims.Remove(JwtRegisteredClaimNames.Sid)),
        "naming a session that does not exist" => Forge(d => d.Claims[JwtRegisteredClaimNames.Sid] = Guid.NewGuid().ToString()),
        _ => throw new ArgumentOutOfRangeException(nameof(forgery)),
    };

    /// <summary>A token like the Api's for the signed-in user, with one change applied.</summary>
    private string Forge(Action<SecurityTokenDescriptor> change)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = "chatroom",
            Audience = "chatroom",
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(15),
            TokenType = "at+jwt",
            SigningCredentials = Credentials(Encoding.UTF8.GetBytes(ApiFactory.SigningKey), SecurityAlgorithms.HmacSha256),
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = _session.User.Id.ToString(),
                [JwtRegisteredClaimNames.Sid] = _session.SessionId.ToString(),
                ["role"] = "Admin",
                ["name"] = _session.User.UserName,
                [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
            },
        };
        change(descriptor);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    private static SigningCredentials Credentials(byte[] key, string algorithm) => new(new SymmetricSecurityKey(key), algorithm);
}
