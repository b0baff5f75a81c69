using ChatRoom.Chat.Messages;
using Microsoft.AspNetCore.Http.Features;

namespace ChatRoom.Api.Messages;

/// <summary>
/// <see cref="ReplyToId"/>: the message of the same room this one answers, if any; <see cref="AttachmentIds"/>: files uploaded
/// for it (<c>POST /api/rooms/{roomId}/attachments</c>); with files the text may be empty.
/// </summary>
public sealed record SendMessageRequest(string? Content, string? ClientMessageId, Guid? ReplyToId = null, IReadOnlyList<Guid>? AttachmentIds = null);

public sealed record EditMessageRequest(string? Content);

public sealed record HistoryPage(IReadOnlyList<MessageDto> Messages, bool HasMore);

/// <summary>A message and the replies to it, oldest first; <see cref="HasMore"/>: ask again with <c>after</c> the last reply's seq.</summary>
public sealed record ThreadPage(MessageDto Original, IReadOnlyList<MessageDto> Replies, bool HasMore);

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
        messages.MapGet("/{id:guid}/thread", Thread).WithSummary("The message and its replies, oldest first, paged by the replies' seq.");
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

    private static async Task<Results<Ok<ThreadPage>, ValidationProblem, ProblemHttpResult>> Thread(
        Guid id, long? after, int? limit, MessageQueries queries, RoomAccess access, ChatDbContext db, HttpContext http, CancellationToken ct)
    {
        if (limit is < 1 or > MessageQueries.MaxPage || after is < 0)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["limit"] = [$"limit must be between 1 and {MessageQueries.MaxPage}, and after is not negative."],
            });
        var viewer = http.User.Viewer();
        var roomId = await db.Messages.Where(m => m.Id == id).Select(m => (Guid?)m.RoomId).SingleOrDefaultAsync(ct);
        // Whoever may not read the room is told the same as for a message that does not exist.
        if (roomId is null || !(await access.CheckAsync(roomId.Value, viewer, write: false, ct)).Succeeded)
            return MessageNotFound(id, http);
        var thread = await queries.ThreadAsync(roomId.Value, id, after, limit ?? 50, viewer, ct);
        return thread is { } t ? TypedResults.Ok(new ThreadPage(t.Original, t.Replies, t.HasMore)) : MessageNotFound(id, http);
    }

    private static ProblemHttpResult MessageNotFound(Guid id, HttpContext http) =>
        ChatResult<MessageDto>.Fail(ChatError.NotFound, ErrorCodes.MessageNotFound, $"There is no message {id}.").ToProblem(http);

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
        var result = await chat.SendAsync(http.User.Viewer(), author, roomId, request.Content, request.ClientMessageId, ct,
            new MessageExtras(request.ReplyToId, request.AttachmentIds));
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
