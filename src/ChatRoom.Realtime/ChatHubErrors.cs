using System.Text.Encodings.Web;
using System.Text.Json;

namespace ChatRoom.Realtime;

/// <summary>
/// A hub method's failure as the caller sees it: a <see cref="HubException"/> whose message is a <see cref="HubError"/>
/// in JSON (camelCase), so the client acts on its code as a REST client acts on a problem's.
/// </summary>
public static class ChatHubErrors
{
    // The message travels inside the hub protocol's own JSON or MessagePack, never into HTML: no need to escape
    // apostrophes and accents, which would only make the detail harder to read in logs.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static HubException Error(string code, string detail, TimeSpan? retryAfter = null) =>
        new(JsonSerializer.Serialize(new HubError(code, WithWait(detail, retryAfter), Seconds(retryAfter)), Json));

    /// <summary>The value of a successful result; a failed one becomes the caller's error.</summary>
    public static T OrThrow<T>(this ChatResult<T> result) =>
        result.Succeeded ? result.Value! : throw Error(result.Code!, result.Detail!, result.RetryAfter);

    private static int? Seconds(TimeSpan? wait) => wait is { } w ? Math.Max(1, (int)Math.Ceiling(w.TotalSeconds)) : null;

    private static string WithWait(string detail, TimeSpan? wait) => wait is null ? detail : $"{detail} Try again in {Seconds(wait)} s.";
}
