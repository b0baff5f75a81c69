using Microsoft.AspNetCore.WebUtilities;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatRoom.Api.Infrastructure;

/// <summary>The few problem answers every feature uses, worded once.</summary>
public static class Problems
{
    /// <summary>
    /// A problem answer with its stable <c>code</c> (one of <c>ErrorCodes</c>) and, for a limit, the wait in seconds
    /// as <c>retryAfter</c>: clients act on those fields, never on the wording of <paramref name="detail"/>.
    /// </summary>
    public static ProblemHttpResult Of(int status, string code, string detail, int? retryAfterSeconds = null)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (retryAfterSeconds is { } seconds)
            extensions["retryAfter"] = seconds;
        return TypedResults.Problem(statusCode: status, title: ReasonPhrases.GetReasonPhrase(status), detail: detail, extensions: extensions);
    }

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail);

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: detail);

    public static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: detail);

    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: detail);
}
