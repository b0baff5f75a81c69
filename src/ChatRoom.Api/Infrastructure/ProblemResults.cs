using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;

namespace ChatRoom.Api.Infrastructure;

/// <summary>
/// Problem answers with their stable <c>code</c> (one of <see cref="ErrorCodes"/>): there is no way to make one without a
/// code. Clients act on the code and <c>retryAfter</c>, never on the wording of the detail.
/// </summary>
public static class Problems
{
    public static ProblemHttpResult Of(int status, string code, string detail, int? retryAfterSeconds = null)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (retryAfterSeconds is { } seconds)
            extensions["retryAfter"] = seconds;
        return TypedResults.Problem(statusCode: status, title: ReasonPhrases.GetReasonPhrase(status), detail: detail, extensions: extensions);
    }

    /// <summary>A 429 that says the wait three ways: the <c>Retry-After</c> header, <c>retryAfter</c> and the end of the detail.</summary>
    public static ProblemHttpResult TooMany(HttpContext http, string code, string detail, TimeSpan retryAfter)
    {
        var seconds = http.SetRetryAfter(retryAfter);
        return Of(StatusCodes.Status429TooManyRequests, code, WithWait(detail, seconds), seconds);
    }

    /// <summary>A validation problem whose fields are wrong for a reason a client may act on (<paramref name="code"/>).</summary>
    public static ValidationProblem Invalid(IDictionary<string, string[]> errors, string code = ErrorCodes.RequestInvalid, string? detail = null) =>
        TypedResults.ValidationProblem(errors, detail: detail, extensions: new Dictionary<string, object?> { ["code"] = code });

    /// <summary>Sets <c>Retry-After</c> in whole seconds (at least one) and returns them.</summary>
    public static int SetRetryAfter(this HttpContext http, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return seconds;
    }

    public static string WithWait(string detail, int seconds) => $"{detail} Try again in {seconds} s.";
}
