namespace ChatRoom.Api.Infrastructure;

public static class ErrorHandling
{
    private const string DetailKey = "chatroom.problem-detail";

    /// <summary>RFC 9457 problem details for every error answer, with a useful detail for bad requests.</summary>
    public static IHostApplicationBuilder AddErrorHandling(this IHostApplicationBuilder builder)
    {
        // Answers made by middleware (authentication, routing) carry no detail of their own: say what happened.
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Detail ??= context.HttpContext.Items[DetailKey] as string
                ?? DefaultDetail(context.ProblemDetails.Status, context.HttpContext.Request));
        builder.Services.AddExceptionHandler<BadRequestHandler>();
        // Let unreadable bodies and parameters reach BadRequestHandler instead of becoming bare 400s.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return builder;
    }

    /// <summary>The detail for a problem answer that a middleware writes later (e.g. the authentication challenge).</summary>
    public static void SetProblemDetail(this HttpContext context, string detail) => context.Items[DetailKey] = detail;

    private static string? DefaultDetail(int? status, HttpRequest request) => status switch
    {
        StatusCodes.Status401Unauthorized => "Sign in first: this needs a valid access token (Authorization: Bearer).",
        StatusCodes.Status403Forbidden => "Your account's role does not allow this.",
        StatusCodes.Status404NotFound => $"There is nothing at {request.Path}.",
        StatusCodes.Status405MethodNotAllowed => $"{request.Method} is not allowed on {request.Path}.",
        StatusCodes.Status415UnsupportedMediaType => "Send the body as application/json.",
        _ => null,
    };
}
