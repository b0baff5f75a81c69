using ChatRoom.Chat.Messages;
using Microsoft.AspNetCore.Http.Features;

namespace ChatRoom.Api.Messages;

public sealed record SendMessageRequest(string? Content, string? ClientMessageId);

public sealed record EditMessageRequest(string? Content);

public sealed record HistoryPage(IReadOnlyList<MessageDto> Messages, bool HasMore);

public static class MessagesEndpoints
{
    public static IEndpointRouteBuilder MapMessages(this IEndpointRouteBuilder app)
    {
        var rooms = app.MapGroup("/api/rooms/{roomId:guid}/messages").WithTags("Messages").RequireAuthorization();
        rooms.MapGet("/", History);
        rooms.MapPost("/", Send);

        var messages = app.MapGroup("/api/messages").WithTags("Messages").RequireAuthorization();
        messages.MapPut("/{id:guid}", Edit);
        messages.MapDelete("/{id:guid}", Delete);
        messages.MapPut("/{id:guid}/reactions/{emoji}", React)
            .WithSummary("Adds the user's reaction with this emoji (one of GET /api/reactions); reacting twice changes nothing.");
        messages.MapDelete("/{id:guid}/reactions/{emoji}", Unreact).WithSummary("Takes the user's reaction with this emoji back.");
        app.MapGet("/api/reactions", () => TypedResults.Ok(Reactions.Allowed)).WithTags("Messages").AllowAnonymous()
            .WithSummary("The emoji people may react with, with the words they are found by.");
        return app;
    }

    /// <summary>
    /// <c>before</c>/<c>after</c> page by <c>seq</c> (ascending results); <c>changedAfter</c> returns every create,
    /// edit and delete after that change sequence (for catch-up), deletions as tombstones.
    /// </summary>
    private static async Task<Results<Ok<HistoryPage>, ValidationProblem, ProblemHttpResult>> History(
        Guid roomId, long? before, long? after, long? changedAfter, int? limit, MessageQueries queries, RoomAccess access,
        HttpContext http, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (limit is < 1 or > MessageQueries.MaxPage)
            errors.Add("limit", $"limit must be between 1 and {MessageQueries.MaxPage}.");
        if (changedAfter is not null && (before is not null || after is not null))
            errors.Add("changedAfter", "changedAfter cannot be combined with before or after.");
        if (before is < 0 || after is < 0 || changedAfter is < 0)
            errors.Add("seq", "Sequence numbers are not negative.");
        if (!errors.IsEmpty)
            return TypedResults.ValidationProblem(errors.ToDictionary());

        var viewer = http.User.Viewer();
        var room = await access.CheckAsync(roomId, viewer, write: false, ct);
        if (!room.Succeeded)
            return room.ToProblem(http);

        var (messages, hasMore) = changedAfter is { } since
            ? await queries.ChangesAsync(roomId, since, limit ?? MessageQueries.MaxPage, viewer, ct)
            : await queries.PageAsync(roomId, before, after, limit ?? 50, viewer, ct);
        return TypedResults.Ok(new HistoryPage(messages, hasMore));
    }

    private static Task<Results<Ok<MessageDto>, ProblemHttpResult>> React(
        Guid id, string emoji, MessageReactions reactions, HttpContext http, CancellationToken ct) =>
        ReactAsync(id, emoji, add: true, reactions, http, ct);

    private static Task<Results<Ok<MessageDto>, ProblemHttpResult>> Unreact(
        Guid id, string emoji, MessageReactions reactions, HttpContext http, CancellationToken ct) =>
        ReactAsync(id, emoji, add: false, reactions, http, ct);

    private static async Task<Results<Ok<MessageDto>, ProblemHttpResult>> ReactAsync(
        Guid id, string emoji, bool add, MessageReactions reactions, HttpContext http, CancellationToken ct)
    {
        var result = await reactions.ReactAsync(http.User.Viewer(), id, emoji, add, ct);
        return result.Value is { } message ? TypedResults.Ok(message) : result.ToProblem(http);
    }

    private static async Task<Results<Created<MessageDto>, Ok<MessageDto>, ProblemHttpResult>> Send(
        Guid roomId, SendMessageRequest request, ChatService chat, HttpContext http, CancellationToken ct)
    {
        // The session check put the author, as shown now, on the request.
        var author = http.Features.GetRequiredFeature<UserSummary>();
        var result = await chat.SendAsync(http.User.Viewer(), author, roomId, request.Content, request.ClientMessageId, ct);
        if (!result.Succeeded)
            return result.ToProblem(http);
        var (message, created) = result.Value!;
        // A retry of an earlier send answers 200 with the original message: same id, same seq.
        return created ? TypedResults.Created($"/api/messages/{message.Id}", message) : TypedResults.Ok(message);
    }

    private static async Task<Results<Ok<MessageDto>, ProblemHttpResult>> Edit(
        Guid id, EditMessageRequest request, ChatService chat, HttpContext http, CancellationToken ct)
    {
        var result = await chat.EditAsync(http.User.Viewer(), id, request.Content, http.ClientIp(), ct);
        return result.Succeeded ? TypedResults.Ok(result.Value!) : result.ToProblem(http);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, ChatService chat, HttpContext http, CancellationToken ct)
    {
        var result = await chat.DeleteAsync(http.User.Viewer(), id, http.ClientIp(), ct);
        return result.Succeeded ? TypedResults.NoContent() : result.ToProblem(http);
    }
}
