using ChatRoom.Api.Infrastructure;
using ChatRoom.Data;
using ChatRoom.Chat;
using ChatRoom.Realtime;
using ChatRoom.Contracts;
using ChatRoom.Chat.Presence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace ChatRoom.Api.Presence;

public sealed record OnlineUser(UserSummary User, DateTimeOffset LastSeenAt);

public static class PresenceEndpoints
{
    public static IEndpointRouteBuilder MapPresence(this IEndpointRouteBuilder app)
    {
        var presence = app.MapGroup("/api/presence").WithTags("Presence").RequireAuthorization();
        presence.MapGet("/", Online);
        presence.MapPost("/heartbeat", Heartbeat).RequireRateLimiting(RateLimits.HeartbeatPerUser);
        return app;
    }

    private static async Task<Ok<List<OnlineUser>>> Online(PresenceTracker presence, ChatDbContext db, CancellationToken ct)
    {
        var online = await presence.OnlineAsync();
        var ids = online.Select(o => o.UserId).ToList();
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) && u.DeletedAt == null)
            .Select(u => new UserSummary(u.Id, u.UserName, u.DisplayName, u.AvatarUrl))
            .ToDictionaryAsync(u => u.Id, ct);
        return TypedResults.Ok(online.Where(o => users.ContainsKey(o.UserId))
            .Select(o => new OnlineUser(users[o.UserId], o.LastSeen))
            .OrderBy(o => o.User.UserName, StringComparer.OrdinalIgnoreCase)
            .ToList());
    }

    private static async Task<NoContent> Heartbeat(PresenceTracker presence, ChatBroadcasts broadcasts, HttpContext http)
    {
        var userId = http.User.UserId();
        if (await presence.HeartbeatAsync(userId))
        {
            var online = new PresenceEvent(userId, true, DateTimeOffset.UtcNow);
            broadcasts.Post($"user {userId} back online", clients => clients.All.PresenceChanged(online));
        }
        return TypedResults.NoContent();
    }
}
