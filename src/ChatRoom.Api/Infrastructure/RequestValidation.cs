using ChatRoom.Chat.Messages;
namespace ChatRoom.Api.Infrastructure;

/// <summary>
/// Field errors that a handler or middleware finds itself (query values, cursors), answered as the same validation
/// problem as the request bodies' attributes give.
/// </summary>
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
        return TextRules.Check(field, value, min, max) is { } message ? Add(field, message) : this;
    }

    public IDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
}

public static class TextRules
{
    /// <summary>What is wrong with a text value (NUL, a broken surrogate pair, its length), or null.</summary>
    public static string? Check(string field, string value, int min, int max)
    {
        if (value.Contains('\0', StringComparison.Ordinal))
            return $"{field} must not contain NUL characters.";
        if (!IsValidUtf16(value))
            return $"{field} contains invalid characters.";
        if (value.Length < min || value.Length > max)
            return min == max ? $"{field} must be {min} characters." : $"{field} must be {min} to {max} characters.";
        return null;
    }

    public static bool IsValidUtf16(string value) => MessageRules.IsWellFormedUtf16(value);

    /// <summary>Trimmed, or null when nothing is left: how free-text names are stored.</summary>
    public static string? TrimToNull(this string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
