namespace ChatRoom.Api.Infrastructure;

/// <summary>
/// Enum values from their names in requests, ignoring case. Not <c>Enum.TryParse</c>: it also takes numbers and
/// comma-separated lists ("User,Moderator" is 1|2, which is Admin).
/// </summary>
public static class EnumNames
{
    public static T? Parse<T>(string? name, IEnumerable<T>? allowed = null) where T : struct, Enum
    {
        foreach (var candidate in allowed ?? Enum.GetValues<T>())
        {
            if (string.Equals(candidate.ToString(), name, StringComparison.OrdinalIgnoreCase))
                return candidate;
        }
        return null;
    }

    /// <summary>"Kind must be one of: Warn, Mute, ...", for validation errors.</summary>
    public static string OneOf<T>(string field, IEnumerable<T>? allowed = null) where T : struct, Enum =>
        $"{field} must be one of: {string.Join(", ", allowed ?? Enum.GetValues<T>())}.";
}
