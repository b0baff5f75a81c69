using System.ComponentModel.DataAnnotations;
using ChatRoom.Api.Auth;
using ChatRoom.Api.Messages;

namespace ChatRoom.Api.ReadMarkers;

/// <summary><see cref="Seq"/>: the last message the user has seen (its <c>seq</c>).</summary>
public sealed record MarkReadRequest([MustHave, Range(0, long.MaxValue)] long? Seq);

/// <summary>
/// Read markers: how far each user has read each room and conversation, kept in PostgreSQL so every device of the
/// user shows the same unread counts, and moved on every device at once.
/// </summary>
public static class ReadMarkersEndpoints
{
    public static IEndpointRouteBuilder MapReadMarkers(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/rooms/{roomId:guid}/read", MarkRead).WithTags("Read markers").RequireAuthorization().ProducesValidationProblem()
            .WithSummary("Moves the user's read marker in the room forward to seq (never back); answers the unread count after it.");
        app.MapGet("/api/me/unread", Unread).WithTags("Read markers").RequireAuthorization()
            .WithSummary("Unread counts of the user's conversations and of the rooms they have read in.");
        return app;
    }

    private static async Task<Results<Ok<RoomUnread>, ProblemHttpResult>> MarkRead(
        Guid roomId, MarkReadRequest request, RoomAccess access, ChatDbContext db, IChatEvents events, TimeProvider clock,
        HttpContext http, CancellationToken ct)
    {
        var viewer = http.User.Viewer();
        var room = await access.CheckAsync(roomId, viewer, write: false, ct);
        if (!room.Succeeded)
            return room.ToProblem(http);

        // Never past the room's last message, never back: two devices marking at once end at the furthest.
        var now = clock.GetUtcNow();
        var marked = await db.Database.SqlQuery<long>($"""
            INSERT INTO read_markers (user_id, room_id, last_read_seq, updated_at)
            SELECT {viewer.Id}, id, LEAST({request.Seq!.Value}, last_seq), {now} FROM rooms WHERE id = {roomId}
            ON CONFLICT (user_id, room_id) DO UPDATE
                SET last_read_seq = GREATEST(read_markers.last_read_seq, excluded.last_read_seq), updated_at = excluded.updated_at
            RETURNING last_read_seq AS "Value"
            """).ToListAsync(ct);
        var unread = await UnreadOf(db, viewer.Id, db.Rooms.Where(r => r.Id == roomId)).SingleAsync(ct);
        events.Post(new Audience.User(viewer.Id), $"read marker of {viewer.Id} in {roomId}", clients => clients.ReadMarkerMoved(unread));
        return TypedResults.Ok(unread);
    }

    private static async Task<Ok<List<RoomUnread>>> Unread(ChatDbContext db, HttpContext http, CancellationToken ct)
    {
        var me = http.User.UserId();
        var rooms = db.Rooms.Where(r => (r.Kind == RoomKind.Conversation && r.Members.Any(m => m.UserId == me && m.LeftAt == null))
            || (r.Kind == RoomKind.Lounge && r.ArchivedAt == null && db.ReadMarkers.Any(k => k.RoomId == r.Id && k.UserId == me)));
        return TypedResults.Ok(await UnreadOf(db, me, rooms).ToListAsync(ct));
    }

    // Messages of others after the marker that the user can see (one's own messages are read by writing them), counted
    // no further than the most a client shows.
    private static IQueryable<RoomUnread> UnreadOf(ChatDbContext db, Guid userId, IQueryable<Room> rooms) => rooms.AsNoTracking()
        .Select(r => new
        {
            r.Id,
            Read = db.ReadMarkers.Where(k => k.RoomId == r.Id && k.UserId == userId).Select(k => (long?)k.LastReadSeq).FirstOrDefault() ?? 0,
        })
        .Select(r => new RoomUnread(r.Id, r.Read, db.Messages.Where(m => m.RoomId == r.Id && m.Seq > r.Read && m.AuthorId != userId
            && m.Status == MessageStatus.Approved && m.DeletedAt == null).Take(RoomUnread.MaxCounted).Count()));
}
