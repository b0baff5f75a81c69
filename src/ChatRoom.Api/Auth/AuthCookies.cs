namespace ChatRoom.Api.Auth;

/// <summary>
/// The refresh token travels only in an HttpOnly, SameSite=Strict cookie scoped to <c>/api/auth</c>; the CSRF
/// token in a cookie the SPA can read (it must copy it into a header). Secure whenever the request came over HTTPS.
/// </summary>
public static class AuthCookies
{
    public const string RefreshCookie = "chatroom_refresh";
    public const string CsrfCookie = "chatroom_csrf";
    public const string RefreshPath = "/api/auth";

    public static void Set(HttpContext context, string refreshToken, string csrfToken, DateTimeOffset expires)
    {
        context.Response.Cookies.Append(RefreshCookie, refreshToken, Options(context, RefreshPath, httpOnly: true, expires));
        context.Response.Cookies.Append(CsrfCookie, csrfToken, Options(context, "/", httpOnly: false, expires));
    }

    public static void Clear(HttpContext context)
    {
        context.Response.Cookies.Delete(RefreshCookie, Options(context, RefreshPath, httpOnly: true, expires: null));
        context.Response.Cookies.Delete(CsrfCookie, Options(context, "/", httpOnly: false, expires: null));
    }

    public static string? RefreshToken(HttpContext context) => context.Request.Cookies[RefreshCookie];

    public static string? CsrfToken(HttpContext context) => context.Request.Cookies[CsrfCookie];

    private static CookieOptions Options(HttpContext context, string path, bool httpOnly, DateTimeOffset? expires) => new()
    {
        HttpOnly = httpOnly,
        Secure = context.Request.IsHttps,
        SameSite = SameSiteMode.Strict,
        Path = path,
        Expires = expires,
        IsEssential = true,
    };
}
