using ChatRoom.Api.Auth;
using ChatRoom.Chat.Rooms;

namespace ChatRoom.Api.Rooms;

/// <summary>Admins create, rename, archive and configure lounges and rooms; every change is audited with before and after.</summary>
public static class RoomAdminEndpoints
{
    public static IEndpointRouteBuilder MapRoomAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").WithTags("Admin").RequireAuthorization(AuthRegistration.AdminPolicy);
        admin.MapGet("/lounges", List).WithSummary("Every lounge with its rooms, archived ones included.");
        admin.MapPost("/lounges", CreateLounge).ProducesValidationProblem();
        admin.MapPatch("/lounges/{id:guid}", UpdateLounge).ProducesValidationProblem();
        admin.MapPost("/lounges/{loungeId:guid}/rooms", CreateRoom).ProducesValidationProblem()
            .WithSummary("Adds a language room; moderation mode (PostModerated by default), slow mode and guest access are set here or later.");
        admin.MapPatch("/rooms/{id:guid}", UpdateRoom).ProducesValidationProblem()
            .WithSummary("Renames, archives or reconfigures a room; its members are told at once (RoomUpdated).");
        return app;
    }

    private static async Task<Ok<List<AdminLoungeResponse>>> List(ChatDbContext db, CancellationToken ct)
    {
        var lounges = await db.Lounges.AsNoTracking().Include(l => l.Rooms).OrderBy(l => l.SortOrder).ThenBy(l => l.Name).ToListAsync(ct);
        return TypedResults.Ok(lounges.Select(AdminLoungeResponse.From).ToList());
    }

    private static async Task<Results<Created<AdminLoungeResponse>, ProblemHttpResult>> CreateLounge(
        CreateLoungeRequest request, ChatDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var lounge = new Lounge
        {
            Id = Guid.CreateVersion7(now),
            Slug = request.Slug!,
            Name = request.Name!.Trim(),
            Description = request.Description.TrimToNull(),
            SortOrder = request.SortOrder ?? 0,
            RequiresVerifiedPhone = request.RequiresVerifiedPhone ?? false,
            AdultsOnly = request.AdultsOnly ?? false,
            CreatedAt = now,
        };
        db.Lounges.Add(lounge);
        db.Audit(AuditActions.LoungeCreate, "lounge", lounge.Id, http.User.UserId(), now, after: AdminLoungeResponse.From(lounge), ipAddress: http.ClientIp());
        if (!await db.TrySaveChangesAsync(ct))
            return Problems.Of(StatusCodes.Status409Conflict, ErrorCodes.LoungeSlugTaken, $"There is already a lounge \"{request.Slug}\".");
        return TypedResults.Created($"/api/admin/lounges/{lounge.Id}", AdminLoungeResponse.From(lounge));
    }

    private static async Task<Results<Ok<AdminLoungeResponse>, ProblemHttpResult>> UpdateLounge(
        Guid id, LoungeChanges request, ChatDbContext db, RoomUpdates updates, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var lounge = await db.Lounges.Include(l => l.Rooms).SingleOrDefaultAsync(l => l.Id == id, ct);
        if (lounge is null)
            return Problems.Of(StatusCodes.Status404NotFound, ErrorCodes.LoungeNotFound, $"There is no lounge {id}.");
        var before = AdminLoungeResponse.From(lounge);
        var now = clock.GetUtcNow();
        lounge.Name = request.Name?.Trim() ?? lounge.Name;
        if (request.Description is not null)
            lounge.Description = request.Description.TrimToNull();
        lounge.SortOrder = request.SortOrder ?? lounge.SortOrder;
        lounge.RequiresVerifiedPhone = request.RequiresVerifiedPhone ?? lounge.RequiresVerifiedPhone;
        lounge.AdultsOnly = request.AdultsOnly ?? lounge.AdultsOnly;
        if (request.Archived is { } archived)
            lounge.ArchivedAt = archived ? lounge.ArchivedAt ?? now : null;
        db.Audit(AuditActions.LoungeUpdate, "lounge", lounge.Id, http.User.UserId(), now, before, AdminLoungeResponse.From(lounge), ipAddress: http.ClientIp());
        await db.SaveChangesAsync(ct);
        updates.LoungeChanged(lounge);
        return TypedResults.Ok(AdminLoungeResponse.From(lounge));
    }

    private static async Task<Results<Created<AdminRoomResponse>, ProblemHttpResult>> CreateRoom(
        Guid loungeId, CreateRoomRequest request, ChatDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        if (!await db.Lounges.AnyAsync(l => l.Id == loungeId, ct))
            return Problems.Of(StatusCodes.Status404NotFound, ErrorCodes.LoungeNotFound, $"There is no lounge {loungeId}.");
        var now = clock.GetUtcNow();
        var room = new Room
        {
            Id = Guid.CreateVersion7(now),
            LoungeId = loungeId,
            Slug = request.Slug!,
            Name = request.Name!.Trim(),
            LanguageCode = request.LanguageCode!,
            CreatedAt = now,
        };
        request.Settings().ApplyTo(room, now);
        db.Rooms.Add(room);
        db.Audit(AuditActions.RoomCreate, "room", room.Id, http.User.UserId(), now, after: AdminRoomResponse.From(room), ipAddress: http.ClientIp());
        if (!await db.TrySaveChangesAsync(ct))
            return Problems.Of(StatusCodes.Status409Conflict, ErrorCodes.RoomSlugTaken, $"This lounge already has a room \"{request.Slug}\".");
        return TypedResults.Created($"/api/rooms/{room.Id}", AdminRoomResponse.From(room));
    }

    private static async Task<Results<Ok<AdminRoomResponse>, ProblemHttpResult>> UpdateRoom(Guid id, RoomChanges request, ChatDbContext db,
        RoomUpdates updates, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var room = await db.Rooms.Include(r => r.Lounge).SingleOrDefaultAsync(r => r.Id == id && r.Kind == RoomKind.Lounge, ct);
        if (room is null)
            return Problems.Of(StatusCodes.Status404NotFound, ErrorCodes.RoomNotFound, $"There is no room {id}.");
        var before = AdminRoomResponse.From(room);
        var now = clock.GetUtcNow();
        request.ApplyTo(room, now);
        db.Audit(AuditActions.RoomUpdate, "room", room.Id, http.User.UserId(), now, before, AdminRoomResponse.From(room), ipAddress: http.ClientIp());
        await db.SaveChangesAsync(ct);
        updates.RoomChanged(room);
        return TypedResults.Ok(AdminRoomResponse.From(room));
    }
}
