namespace ChatRoom.Api.Infrastructure;

public static class ErrorHandling
{
    private const string DetailKey = "chatroom.problem-detail";
    private const string CodeKey = "chatroom.problem-code";

    /// <summary>RFC 9457 problem details for every error answer, each with a <c>code</c> and a useful detail.</summary>
    public static IHostApplicationBuilder AddErrorHandling(this IHostApplicationBuilder builder)
    {
        // Answers made by middleware (authentication, routing, the exception handler) carry no code or detail of
        // their own; the endpoints' own answers already have both, and keep them.
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var http = context.HttpContext;
            var status = context.ProblemDetails.Status ?? http.Response.StatusCode;
            context.ProblemDetails.Detail ??= http.Items[DetailKey] as string ?? DefaultDetail(status, http.Request);
            if (context.ProblemDetails.Extensions.TryGetValue("code", out var code) && code is not null)
                return;
            context.ProblemDetails.Extensions["code"] = http.Items[CodeKey] as string ?? CodeFor(status);
        });
        builder.Services.AddExceptionHandler<BadRequestHandler>();
        // Let unreadable bodies and parameters reach BadRequestHandler instead of becoming bare 400s.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return builder;
    }

    /// <summary>The code and detail of a problem answer that a middleware writes later (e.g. the authentication challenge).</summary>
    public static void SetProblem(this HttpContext context, string code, string detail)
    {
        context.Items[CodeKey] = code;
        context.Items[DetailKey] = detail;
    }

    /// <summary>The code an answer gets from its status alone, when nothing more specific said what went wrong.</summary>
    public static string CodeFor(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => ErrorCodes.AuthUnauthorized,
        StatusCodes.Status403Forbidden => ErrorCodes.AuthForbidden,
        StatusCodes.Status404NotFound => ErrorCodes.NotFound,
        StatusCodes.Status405MethodNotAllowed => ErrorCodes.MethodNotAllowed,
        StatusCodes.Status409Conflict => ErrorCodes.Conflict,
        StatusCodes.Status413PayloadTooLarge => ErrorCodes.TooLarge,
        StatusCodes.Status415UnsupportedMediaType => ErrorCodes.UnsupportedMediaType,
        StatusCodes.Status429TooManyRequests => ErrorCodes.RateLimited,
        StatusCodes.Status503ServiceUnavailable => ErrorCodes.Unavailable,
        >= 500 => ErrorCodes.ServerError,
        _ => ErrorCodes.RequestInvalid,
    };

    private static string? DefaultDetail(int status, HttpRequest request) => status switch
    {
        StatusCodes.Status401Unauthorized => "Sign in first: this needs a valid access token (Authorization: Bearer).",
        StatusCodes.Status403Forbidden => "Your account's role does not allow this.",
        StatusCodes.Status404NotFound => $"There is nothing at {request.Path}.",
        StatusCodes.Status405MethodNotAllowed => $"{request.Method} is not allowed on {request.Path}.",
        StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
        StatusCodes.Status415UnsupportedMediaType => "Send the body as application/json.",
        >= 500 => "Something went wrong on the server. It has been logged; try again later.",
        _ => null,
    };
}
