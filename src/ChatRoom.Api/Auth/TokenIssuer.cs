namespace ChatRoom.Api.Auth;

/// <summary>Answers a successful sign-in or refresh: access token in the body, refresh and CSRF tokens in cookies.</summary>
public sealed class TokenIssuer(AccessTokens accessTokens, Csrf csrf)
{
    public TokenResponse Issue(HttpContext http, User user, SessionFamily family, string refreshToken)
    {
        var csrfToken = csrf.Issue(family.Id);
        AuthCookies.Set(http, refreshToken, csrfToken, family.ExpiresAt);
        http.Response.Headers.CacheControl = "no-store";
        return new TokenResponse(
            accessTokens.Create(user, family.Id),
            (int)accessTokens.Lifetime.TotalSeconds,
            csrfToken,
            UserResponse.From(user));
    }
}
