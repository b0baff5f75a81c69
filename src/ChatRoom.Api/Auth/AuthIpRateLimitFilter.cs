using ChatRoom.Chat.RateLimiting;
using ChatRoom.Api.Infrastructure;
using Microsoft.Extensions.Options;

namespace ChatRoom.Api.Auth;

/// <summary>Caps requests to the sign-in endpoints per client address (after trusted-proxy forwarding).</summary>
internal sealed class AuthIpRateLimitFilter(RateLimiter limiter, IOptions<AuthRateLimitOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var limit = options.Value;
        var decision = await limiter.HitAsync("auth-ip", context.HttpContext.ClientIp() ?? "unknown", limit.IpRequests, limit.IpWindow);
        return decision.Allowed
            ? await next(context)
            : RateLimitResults.TooMany(context.HttpContext, decision.RetryAfter, "Too many sign-in requests from this address.");
    }
}
