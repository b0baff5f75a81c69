using ChatRoom.Api.Auth;
using ChatRoom.Api.Messages;
using ChatRoom.Chat.Moderation;
using ChatRoom.Realtime;

namespace ChatRoom.Api.Moderation;

/// <summary>Moderators review what pre-moderated rooms hold back: approve (everyone sees it) or reject.</summary>
public static class ReviewQueueEndpoints
{
    public static RouteGroupBuilder MapReviewQueue(this RouteGroupBuilder moderation)
    {
        moderation.MapGet("/queue", Pending)
            .WithSummary("Messages waiting for approval, oldest first, optionally of one room, with the queue's findings; cursor-paged.");
        moderation.MapPost("/messages/{id:guid}/approve", Approve)
            .WithSummary("Publishes a pending message to its room.");
        moderation.MapPost("/messages/{id:guid}/reject", Reject).ProducesValidationProblem()
            .WithSummary("Rejects a pending or published message: it disappears for everyone.");
        return moderation;
    }

    private static async Task<Results<Ok<Page<PendingMessageResponse>>, ValidationProblem>> Pending(
        Guid? roomId, string? cursor, int? limit, ChatDbContext db, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var position = Cursor.ValidatePosition(errors, cursor, limit);
        if (!errors.IsEmpty)
            return TypedResults.ValidationProblem(errors.ToDictionary());

        var query = db.Messages.AsNoTracking().Where(m => m.Status == MessageStatus.Pending && m.DeletedAt == null);
        if (roomId is { } room)
            query = query.Where(m => m.RoomId == room);
        if (position is { } p)
            query = query.Where(m => EF.Functions.GreaterThan(ValueTuple.Create(m.CreatedAt, m.Id), ValueTuple.Create(p.At, p.Id)));
        var take = limit ?? Cursor.DefaultLimit;
        var page = await query.OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).Take(take + 1)
            .WithViewParts().Include(m => m.Room)
            .ToListAsync(ct);
        var items = page.Take(take).Select(m => new PendingMessageResponse(m.ToDto(), m.Room!.Name, m.ModerationNote)).ToList();
        var next = page.Count > take ? Cursor.Encode(items[^1].Message.CreatedAt, items[^1].Message.Id) : null;
        return TypedResults.Ok(new Page<PendingMessageResponse>(items, next));
    }

    private static async Task<Results<Ok<MessageDto>, ProblemHttpResult>> Approve(
        Guid id, ModerationDecisions decisions, HttpContext http, CancellationToken ct)
    {
        var result = await decisions.ApproveAsync(id, http.User.UserId(), http.ClientIp(), ct);
        return result.Succeeded ? TypedResults.Ok(result.Value!) : result.ToProblem(http);
    }

    private static async Task<Results<Ok<MessageDto>, ProblemHttpResult>> Reject(
        Guid id, RejectMessageRequest request, ModerationDecisions decisions, HttpContext http, CancellationToken ct)
    {
        var result = await decisions.RejectAsync(id, http.User.Viewer(), request.Reason.TrimToNull() ?? "Rejected by a moderator.", http.ClientIp(), ct);
        return result.Succeeded ? TypedResults.Ok(result.Value!) : result.ToProblem(http);
    }
}
