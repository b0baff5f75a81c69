using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace ChatRoom.Api.Infrastructure;

/// <summary>
/// Malformed JSON, wrong JSON types and unreadable parameters become a 400 problem that says what was
/// wrong, instead of an empty 400 (or a 500).
/// </summary>
internal sealed class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
            return false;

        var detail = bad.InnerException switch
        {
            JsonException json => $"The request body is not valid JSON for this endpoint{(json.Path is { } path ? $" at {path}" : "")}.",
            // The framework's words for an empty body ("Implicit body inferred ... Did you mean to use a Service?")
            // speak to the Api's developers, not its clients.
            null when bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase) => "This endpoint needs a JSON body.",
            _ => bad.Message,
        };
        context.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = "Bad request",
                Detail = detail,
                Extensions = { ["code"] = ErrorHandling.CodeFor(bad.StatusCode) },
            },
        });
    }
}
