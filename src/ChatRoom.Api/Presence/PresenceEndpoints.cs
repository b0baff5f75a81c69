using ChatRoom.Chat.Presence;

namespace ChatRoom.Api.Presence;

public static class PresenceEndpoints
{
    public static IEndpointRouteBuilder MapPresence(this IEndpointRouteBuilder app)
    {
        var presence = app.MapGroup("/api/presence").WithTags("Presence").RequireAuthorization();
        presence.MapGet("/", Online);
        presence.MapPost("/heartbeat", Heartbeat).RequireRateLimiting(RateLimits.HeartbeatPerUser);
        return app;
    }

    private static async Task<Ok<List<OnlineUser>>> Online(PresenceService presence, CancellationToken ct) =>
        TypedResults.Ok(await presence.OnlineAsync(ct));

    private static async Task<NoContent> Heartbeat(PresenceService presence, HttpContext http)
    {
        await presence.HeartbeatAsync(http.User.UserId());
        return TypedResults.NoContent();
    }
}
