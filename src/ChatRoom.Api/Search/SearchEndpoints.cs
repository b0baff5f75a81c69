using System.Globalization;
using ChatRoom.Api.Messages;
using ChatRoom.Chat.Messages;

namespace ChatRoom.Api.Search;

/// <summary><see cref="NextCursor"/>: pass it as <c>cursor</c> for the next page; null on the last.</summary>
public sealed record SearchPage(IReadOnlyList<SearchHit> Hits, string? NextCursor);

public static class SearchEndpoints
{
    public static IHostApplicationBuilder AddSearch(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<MessageSearch>();
        return builder;
    }

    public static IEndpointRouteBuilder MapSearch(this IEndpointRouteBuilder app)
    {
        var search = app.MapGroup("/api/search").WithTags("Search").RequireAuthorization();
        search.MapGet("/messages", Messages)
            .WithSummary("Full-text search over the messages the user may read (web-search syntax: \"exact words\", or, -not), best first.");
        return app;
    }

    private static async Task<Results<Ok<SearchPage>, ProblemHttpResult>> Messages(
        string? q, Guid? roomId, string? cursor, int? limit, MessageSearch search, RoomAccess access, HttpContext http, CancellationToken ct)
    {
        var words = q?.Trim() ?? "";
        if (words.Length is 0 or > MessageSearch.MaxQueryLength || MessageRules.ContentError(words, out _) is not null)
            return Invalid($"q must be 1–{MessageSearch.MaxQueryLength} characters of text to look for.", http);
        if (limit is < 1 or > MessageSearch.MaxPage)
            return Invalid($"limit must be between 1 and {MessageSearch.MaxPage}.", http);
        var offset = 0;
        if (cursor is not null && (!int.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out offset) || offset >= MessageSearch.MaxResults))
            return Invalid("cursor is not one a search answered; start again without it.", http);

        var viewer = http.User.Viewer();
        if (roomId is { } room && await access.CheckAsync(room, viewer, write: false, ct) is { Succeeded: false } refused)
            return refused.ToProblem(http);
        var (hits, next) = await search.SearchAsync(viewer, words, roomId, offset, limit ?? 20, ct);
        return TypedResults.Ok(new SearchPage(hits, next?.ToString(CultureInfo.InvariantCulture)));
    }

    private static ProblemHttpResult Invalid(string detail, HttpContext http) =>
        ChatResult<SearchPage>.Fail(ChatError.BadRequest, ErrorCodes.SearchQueryInvalid, detail).ToProblem(http);
}
