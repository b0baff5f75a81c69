using ChatRoom.Api.Auth;
using ChatRoom.Api.Messages;
using ChatRoom.Chat.Moderation;

namespace ChatRoom.Api.Moderation;

public static class ModerationEndpoints
{
    public static IHostApplicationBuilder AddModeration(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<ModeratorActions>();
        builder.Services.AddScoped<IAccessEnforcement, AccessEnforcement>();
        return builder;
    }

    /// <summary>Reports (<c>/api/reports</c>, <c>/api/admin/reports</c>) and moderators' actions and queue.</summary>
    public static IEndpointRouteBuilder MapModeration(this IEndpointRouteBuilder app)
    {
        app.MapReports();
        var moderation = app.MapGroup("/api/admin/moderation")
            .WithTags("Moderation")
            .RequireAuthorization(AuthRegistration.ModeratorPolicy);
        moderation.MapPost("/actions", Act).ProducesValidationProblem()
            .WithSummary("Warn, mute (timed), unmute, kick from a room, ban, unban, or delete any message. Moderators cannot act on admins.");
        moderation.MapGet("/actions", ListActions)
            .WithSummary("Moderation actions, newest first, optionally of one user; cursor-paged.");
        moderation.MapReviewQueue();
        return app;
    }

    private static async Task<Results<Created<ModerationActionResponse>, ProblemHttpResult>> Act(
        ModerationActionRequest request, ModeratorActions actions, HttpContext http, CancellationToken ct)
    {
        var moderator = http.User.Viewer();
        var result = request.ParsedKind == ModerationActionKind.DeleteMessage
            ? await actions.DeleteMessageAsync(request.MessageId!.Value, request.Reason.TrimToNull(), moderator, http.ClientIp(), ct)
            : await actions.ApplyAsync(new ModeratorCommand(request.ParsedKind, request.UserId!.Value, request.RoomId, request.Reason.TrimToNull(),
                request.DurationMinutes), moderator, http.ClientIp(), ct);
        return result.Value is { } action
            ? TypedResults.Created($"/api/admin/moderation/actions/{action.Id}", action)
            : result.ToProblem(http);
    }

    private static async Task<Results<Ok<Page<ModerationActionResponse>>, ValidationProblem>> ListActions(
        Guid? userId, string? cursor, int? limit, ChatDbContext db, ModeratorActions actions, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var position = Cursor.ValidatePosition(errors, cursor, limit);
        if (!errors.IsEmpty)
            return TypedResults.ValidationProblem(errors.ToDictionary());

        var query = db.ModerationActions.AsNoTracking();
        if (userId is { } target)
            query = query.Where(a => a.TargetUserId == target);
        if (position is { } p)
            query = query.Where(a => EF.Functions.LessThan(ValueTuple.Create(a.CreatedAt, a.Id), ValueTuple.Create(p.At, p.Id)));
        var take = limit ?? Cursor.DefaultLimit;
        var page = await query.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).Take(take + 1).ToListAsync(ct);

        var items = await actions.DescribeAsync([.. page.Take(take)], ct);
        var next = page.Count > take ? Cursor.Encode(items[^1].CreatedAt, items[^1].Id) : null;
        return TypedResults.Ok(new Page<ModerationActionResponse>(items, next));
    }
}
