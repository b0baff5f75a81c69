using System.Globalization;

namespace ChatRoom.Api.Messages;

public static class ChatProblems
{
    /// <summary>A failed chat operation as a problem answer: its status, code, detail and wait (also in <c>Retry-After</c>).</summary>
    public static ProblemHttpResult ToProblem<T>(this ChatResult<T> result, HttpContext http)
    {
        if (result.RetryAfterSeconds is { } seconds)
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var status = result.Error switch
        {
            ChatError.BadRequest => StatusCodes.Status400BadRequest,
            ChatError.NotFound => StatusCodes.Status404NotFound,
            ChatError.Forbidden => StatusCodes.Status403Forbidden,
            ChatError.Conflict => StatusCodes.Status409Conflict,
            ChatError.TooManyRequests => StatusCodes.Status429TooManyRequests,
            _ => StatusCodes.Status503ServiceUnavailable,
        };
        return Problems.Of(status, result.Code!, result.DetailWithWait!, result.RetryAfterSeconds);
    }
}
