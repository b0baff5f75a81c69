using System.Globalization;
using ChatRoom.Api.Infrastructure;
using ChatRoom.Chat;
using ChatRoom.Realtime;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatRoom.Api.Messages;

public static class ChatProblems
{
    public static ProblemHttpResult ToProblem<T>(this ChatResult<T> result, HttpContext http)
    {
        if (result.RetryAfter is { } retryAfter)
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return result.Error switch
        {
            ChatError.BadRequest => Problems.BadRequest(result.Detail!),
            ChatError.NotFound => Problems.NotFound(result.Detail!),
            ChatError.Forbidden => Problems.Forbidden(result.Detail!),
            ChatError.Conflict => Problems.Conflict(result.Detail!),
            ChatError.TooManyRequests => TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests", detail: result.DetailWithWait),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Try again", detail: result.Detail),
        };
    }
}
