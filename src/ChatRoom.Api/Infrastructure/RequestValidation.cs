namespace ChatRoom.Api.Infrastructure;

/// <summary>A request that can say what is wrong with itself, field by field.</summary>
public interface IValidatable
{
    void Validate(ValidationErrors errors);
}

public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public bool Has(string field) => _errors.ContainsKey(field);

    public ValidationErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
            _errors[field] = list = [];
        list.Add(message);
        return this;
    }

    /// <summary>Checks the common text rules: present, not blank, no NUL or unpaired surrogate, within length.</summary>
    public ValidationErrors Text(string field, string? value, int min, int max, bool required = true)
    {
        if (value is null)
            return required ? Add(field, $"{field} is required.") : this;
        if (value.Contains('\0', StringComparison.Ordinal))
            return Add(field, $"{field} must not contain NUL characters.");
        if (!IsValidUtf16(value))
            return Add(field, $"{field} contains invalid characters.");
        if (value.Length < min || value.Length > max)
            return Add(field, min == max ? $"{field} must be {min} characters." : $"{field} must be {min} to {max} characters.");
        return this;
    }

    public IDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public static bool IsValidUtf16(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                i++;
            else if (char.IsSurrogate(value[i]))
                return false;
        }
        return true;
    }
}

/// <summary>
/// Answers 400 with a validation problem before the handler runs when the body is invalid. With
/// <paramref name="optional"/>, a missing body is fine (the handler's parameter must then be nullable).
/// </summary>
public sealed class ValidationFilter<T>(bool optional = false) : IEndpointFilter where T : IValidatable
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.Arguments.OfType<T>().FirstOrDefault();
        if (request is null && optional)
            return await next(context);
        if (request is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Missing request body",
                detail: "This endpoint needs a JSON body.");
        var errors = new ValidationErrors();
        request.Validate(errors);
        return errors.IsEmpty ? await next(context) : TypedResults.ValidationProblem(errors.ToDictionary());
    }
}

public static class ValidationExtensions
{
    public static RouteHandlerBuilder Validate<T>(this RouteHandlerBuilder builder, bool optional = false) where T : IValidatable =>
        builder.AddEndpointFilter(new ValidationFilter<T>(optional)).ProducesValidationProblem();

    /// <summary>Trimmed, or null when nothing is left: how free-text names are stored.</summary>
    public static string? TrimToNull(this string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
