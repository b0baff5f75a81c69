using ChatRoom.Api.Messages;

namespace ChatRoom.Api.Rooms;

public static class RoomsEndpoints
{
    public static IEndpointRouteBuilder MapRooms(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/lounges/{loungeId:guid}/rooms", ListRooms).WithTags("Lounges").AllowAnonymous();
        app.MapGet("/api/rooms/{roomId:guid}", GetRoom).WithTags("Rooms").RequireAuthorization();
        return app;
    }

    private static async Task<Results<Ok<List<RoomSummary>>, ProblemHttpResult>> ListRooms(Guid loungeId, ChatDbContext db, CancellationToken ct)
    {
        var lounge = await db.Lounges.AsNoTracking().SingleOrDefaultAsync(l => l.Id == loungeId && l.ArchivedAt == null, ct);
        if (lounge is null)
            return Problems.Of(StatusCodes.Status404NotFound, ErrorCodes.LoungeNotFound, $"There is no open lounge {loungeId}.");
        var rooms = await db.Rooms.AsNoTracking()
            .Where(r => r.LoungeId == loungeId && r.ArchivedAt == null)
            .OrderBy(r => r.SortOrder).ThenBy(r => r.Name)
            .ToListAsync(ct);
        return TypedResults.Ok(rooms.Select(r => RoomSummary.From(r, lounge)).ToList());
    }

    private static async Task<Results<Ok<RoomInfo>, ProblemHttpResult>> GetRoom(Guid roomId, RoomAccess access, HttpContext http, CancellationToken ct)
    {
        var room = await access.CheckAsync(roomId, http.User.Viewer(), write: false, ct);
        return room.Succeeded ? TypedResults.Ok(RoomAccess.Describe(room.Value!)) : room.ToProblem(http);
    }
}
