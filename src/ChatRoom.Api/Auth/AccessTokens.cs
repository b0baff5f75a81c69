using System.Text;
using ChatRoom.Realtime;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatRoom.Api.Auth;

/// <summary>The access token's claims: the names the hub reads too (<see cref="ChatIdentity"/>).</summary>
public static class ChatClaims
{
    public const string UserId = ChatIdentity.UserIdClaim;
    public const string SessionId = ChatIdentity.SessionIdClaim;
    public const string Role = ChatIdentity.RoleClaim;
    public const string Name = ChatIdentity.NameClaim;

    /// <summary>The JWT <c>typ</c> of access tokens (RFC 9068); nothing else is accepted as one.</summary>
    public const string AccessTokenType = "at+jwt";
}

/// <summary>Signs access tokens: HS256 only, issuer and audience from configuration, 15 minutes by default.</summary>
public sealed class AccessTokens(IOptions<JwtOptions> options, TimeProvider clock)
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly SigningCredentials _credentials = new(SigningKey(options.Value), SecurityAlgorithms.HmacSha256);

    public TimeSpan Lifetime => options.Value.AccessTokenLifetime;

    public string Create(User user, Guid sessionId)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = options.Value.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + options.Value.AccessTokenLifetime,
            TokenType = ChatClaims.AccessTokenType,
            SigningCredentials = _credentials,
            Claims = new Dictionary<string, object>
            {
                [ChatClaims.UserId] = user.Id.ToString(),
                [ChatClaims.SessionId] = sessionId.ToString(),
                [ChatClaims.Role] = user.Role.ToString(),
                [ChatClaims.Name] = user.UserName,
                [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
            },
        });
    }

    public static SymmetricSecurityKey SigningKey(JwtOptions options) =>
        new(Encoding.UTF8.GetBytes(options.SigningKey ?? throw new InvalidOperationException("Jwt:SigningKey is not set.")));
}
