using ChatRoom.Api.Auth;

namespace ChatRoom.Api.Conversations;

public static class ConversationsEndpoints
{
    public static IHostApplicationBuilder AddConversations(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<Conversations>();
        builder.Services.AddScoped<Blocks>();
        return builder;
    }

    /// <summary>
    /// Direct messages (<c>/api/conversations</c>) and blocks (<c>/api/me/blocks</c>). A conversation's messages go
    /// through the rooms' endpoints and hub methods with the conversation's id.
    /// </summary>
    public static IEndpointRouteBuilder MapConversations(this IEndpointRouteBuilder app)
    {
        var conversations = app.MapGroup("/api/conversations").WithTags("Conversations").RequireAuthorization();
        conversations.MapGet("/", List).WithSummary("The user's conversations, the most recently active first (at most 100).");
        conversations.MapPost("/", Start).ProducesValidationProblem()
            .WithSummary("Starts a conversation with one person (the existing one if there is one: 200) or a group of up to ten (201).");
        conversations.MapGet("/{id:guid}", Get).WithSummary("One of the user's conversations.");
        conversations.MapDelete("/{id:guid}/members/me", Leave).WithSummary("Leaves a group conversation.");

        var blocks = app.MapGroup("/api/me/blocks").WithTags("Conversations").RequireAuthorization();
        blocks.MapGet("/", ListBlocks).WithSummary("The people the user blocked.");
        blocks.MapPut("/{userId:guid}", Block)
            .WithSummary("Blocks someone: no direct messages between the two, and the SPA hides their messages.");
        blocks.MapDelete("/{userId:guid}", Unblock).WithSummary("Lifts a block.");
        return app;
    }

    private static async Task<Ok<List<ConversationResponse>>> List(Conversations conversations, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await conversations.ListAsync(http.User.UserId(), ct));

    private static Task<Results<Created<ConversationResponse>, Ok<ConversationResponse>, ProblemHttpResult>> Start(
        StartConversationRequest request, Conversations conversations, HttpContext http, CancellationToken ct) =>
        conversations.StartAsync(http.User.Viewer(), request.MemberIds!, ct);

    private static Task<Results<Ok<ConversationResponse>, ProblemHttpResult>> Get(Guid id, Conversations conversations, HttpContext http, CancellationToken ct) =>
        conversations.GetAsync(id, http.User.UserId(), ct);

    private static Task<Results<NoContent, ProblemHttpResult>> Leave(Guid id, Conversations conversations, HttpContext http, CancellationToken ct) =>
        conversations.LeaveAsync(id, http.User.UserId(), ct);

    private static async Task<Ok<List<BlockResponse>>> ListBlocks(Blocks blocks, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await blocks.ListAsync(http.User.UserId(), ct));

    private static Task<Results<Ok<BlockResponse>, ProblemHttpResult>> Block(Guid userId, Blocks blocks, HttpContext http, CancellationToken ct) =>
        blocks.BlockAsync(http.User.UserId(), userId, ct);

    private static Task<NoContent> Unblock(Guid userId, Blocks blocks, HttpContext http, CancellationToken ct) =>
        blocks.UnblockAsync(http.User.UserId(), userId, ct);
}
