namespace ChatRoom.Api.Rooms;

public static class LoungesEndpoints
{
    public static IEndpointRouteBuilder MapLounges(this IEndpointRouteBuilder app)
    {
        var lounges = app.MapGroup("/api/lounges").WithTags("Lounges");

        lounges.MapGet("/", ListLounges)
            .AllowAnonymous()
            .WithSummary("Lounges with their language rooms, in display order; archived ones are left out.");

        return app;
    }

    private static async Task<Ok<List<LoungeResponse>>> ListLounges(ChatDbContext db, CancellationToken cancellationToken)
    {
        var lounges = await db.Lounges
            .AsNoTracking()
            .Where(l => l.ArchivedAt == null)
            .OrderBy(l => l.SortOrder).ThenBy(l => l.Name)
            .Include(l => l.Rooms.Where(r => r.ArchivedAt == null).OrderBy(r => r.SortOrder).ThenBy(r => r.Name))
            .ToListAsync(cancellationToken);

        return TypedResults.Ok(lounges
            .Select(l => new LoungeResponse(l.Id, l.Slug, l.Name, l.Description, [.. l.Rooms.Select(r => RoomSummary.From(r, l))], l.AdultsOnly))
            .ToList());
    }
}
