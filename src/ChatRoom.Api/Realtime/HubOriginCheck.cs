using ChatRoom.Realtime;
using Microsoft.Extensions.Options;

namespace ChatRoom.Api.Realtime;

/// <summary>
/// Browsers send <c>Origin</c> on WebSocket and cross-site requests; a hub request from a page of another
/// site is refused (403) unless that origin is configured in <c>Realtime:AllowedOrigins</c>. Same-origin
/// requests (through ChatRoom.Web, whose forwarded host is trusted) and clients without an Origin pass.
/// </summary>
public sealed class HubOriginCheck(RequestDelegate next, IOptionsMonitor<RealtimeOptions> options)
{
    // Not async on the way through: a hub request lasts as long as its connection, and an awaiting frame here would
    // be held for all that time, once per connection.
    public Task InvokeAsync(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/hubs") && context.Request.Headers.Origin is [{ Length: > 0 } origin] &&
        !IsAllowed(context, origin)
            ? RefuseAsync(context, origin)
            : next(context);

    private static async Task RefuseAsync(HttpContext context, string origin)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = 403, Title = "Forbidden", Detail = $"Origin {origin} may not connect to the chat hub." },
        });
    }

    private bool IsAllowed(HttpContext context, string origin)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri))
            return false;
        var sameHost = string.Equals(uri.Authority, context.Request.Host.Value, StringComparison.OrdinalIgnoreCase);
        return sameHost || options.CurrentValue.AllowedOrigins.Contains(origin.TrimEnd('/'), StringComparer.OrdinalIgnoreCase);
    }
}
