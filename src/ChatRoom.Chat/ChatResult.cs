namespace ChatRoom.Chat;

public enum ChatError
{
    None,
    BadRequest,
    NotFound,
    Forbidden,
    Conflict,
    TooManyRequests,
    Unavailable,
}

/// <summary>
/// The outcome of a chat operation, mapped to a problem answer by REST and to a HubException by the hub.
/// <see cref="Code"/> is one of <see cref="ChatRoom.Contracts.ErrorCodes"/>; <see cref="Error"/> gives its HTTP status.
/// </summary>
public readonly record struct ChatResult<T>(T? Value, ChatError Error, string? Code, string? Detail, TimeSpan? RetryAfter = null)
{
    public bool Succeeded => Error == ChatError.None;

    /// <summary>
    /// The detail and, when there is one, the wait: what a hub client is told, and the detail of a REST answer
    /// (which also carries the wait in <c>Retry-After</c>), as every rate limit says it.
    /// </summary>
    public string? DetailWithWait => RetryAfter is { } wait
        ? $"{Detail} Try again in {Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))} s."
        : Detail;

    /// <summary>The wait in whole seconds, at least one, when there is one.</summary>
    public int? RetryAfterSeconds => RetryAfter is { } wait ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : null;

    public static ChatResult<T> Ok(T value) => new(value, ChatError.None, null, null);

    public static ChatResult<T> Fail(ChatError error, string code, string detail, TimeSpan? retryAfter = null) =>
        new(default, error, code, detail, retryAfter);

    /// <summary>The same failure for another result type.</summary>
    public ChatResult<TOther> As<TOther>() => new(default, Error, Code, Detail, RetryAfter);
}
