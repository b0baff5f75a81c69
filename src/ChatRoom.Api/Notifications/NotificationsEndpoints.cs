using ChatRoom.Api.Auth;
using ChatRoom.Api.Messages;
using ChatRoom.Chat.Notifications;

namespace ChatRoom.Api.Notifications;

/// <summary>The user's notifications (mentions, direct messages, moderation notices) and the rooms they muted.</summary>
public static class NotificationsEndpoints
{
    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder app)
    {
        var notifications = app.MapGroup("/api/me/notifications").WithTags("Notifications").RequireAuthorization();
        notifications.MapGet("/", List).ProducesValidationProblem()
            .WithSummary("The user's notifications, newest first, with the unread count; one about a deleted or rejected message is left out.");
        notifications.MapPost("/{id:guid}/read", MarkRead).WithSummary("Marks one notification read.");
        notifications.MapPost("/read", MarkAllRead).WithSummary("Marks every notification read.");

        var mutes = app.MapGroup("/api").WithTags("Notifications").RequireAuthorization();
        mutes.MapGet("/me/mutes", Mutes).WithSummary("The rooms and conversations the user muted.");
        mutes.MapPut("/rooms/{roomId:guid}/mute", Mute).WithSummary("No notifications from this room (its messages still arrive).");
        mutes.MapDelete("/rooms/{roomId:guid}/mute", Unmute).WithSummary("Notifications from this room again.");
        return app;
    }

    private static async Task<Results<Ok<NotificationPage>, ValidationProblem>> List(
        string? cursor, int? limit, ChatDbContext db, HttpContext http, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var position = Cursor.ValidatePosition(errors, cursor, limit);
        if (!errors.IsEmpty)
            return TypedResults.ValidationProblem(errors.ToDictionary());
        var userId = http.User.UserId();
        var visible = db.Notifications.AsNoTracking().Where(n => n.UserId == userId
            && (n.MessageId == null || (n.Message!.DeletedAt == null && n.Message.Status == MessageStatus.Approved)));
        var query = visible;
        if (position is { } p)
            query = query.Where(n => EF.Functions.LessThan(ValueTuple.Create(n.CreatedAt, n.Id), ValueTuple.Create(p.At, p.Id)));
        var take = limit ?? Cursor.DefaultLimit;
        var page = await query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(take + 1)
            .Include(n => n.Message).ThenInclude(m => m!.Author)
            .Include(n => n.Message).ThenInclude(m => m!.ReplyTo).ThenInclude(p => p!.Author)
            .ToListAsync(ct);
        var items = page.Take(take).Select(n => Notifier.Describe(n, n.Message?.ToDto())).ToList();
        var unread = await visible.CountAsync(n => n.ReadAt == null, ct);
        return TypedResults.Ok(new NotificationPage(items, page.Count > take ? Cursor.Encode(items[^1].CreatedAt, items[^1].Id) : null, unread));
    }

    private static async Task<NoContent> MarkRead(Guid id, ChatDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var userId = http.User.UserId();
        await db.Notifications.Where(n => n.Id == id && n.UserId == userId && n.ReadAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(n => n.ReadAt, clock.GetUtcNow()), ct);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> MarkAllRead(ChatDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var userId = http.User.UserId();
        await db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(n => n.ReadAt, clock.GetUtcNow()), ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<List<Guid>>> Mutes(ChatDbContext db, HttpContext http, CancellationToken ct)
    {
        var userId = http.User.UserId();
        return TypedResults.Ok(await db.RoomMutes.Where(m => m.UserId == userId && m.LiftedAt == null).Select(m => m.RoomId).ToListAsync(ct));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Mute(
        Guid roomId, RoomAccess access, ChatDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var viewer = http.User.Viewer();
        var room = await access.CheckAsync(roomId, viewer, write: false, ct);
        if (!room.Succeeded)
            return room.ToProblem(http);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO room_mutes (user_id, room_id, created_at) VALUES ({viewer.Id}, {roomId}, {clock.GetUtcNow()})
            ON CONFLICT (user_id, room_id) DO UPDATE SET created_at = excluded.created_at, lifted_at = NULL WHERE room_mutes.lifted_at IS NOT NULL
            """, ct);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> Unmute(Guid roomId, ChatDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var userId = http.User.UserId();
        await db.RoomMutes.Where(m => m.UserId == userId && m.RoomId == roomId && m.LiftedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.LiftedAt, clock.GetUtcNow()), ct);
        return TypedResults.NoContent();
    }
}
