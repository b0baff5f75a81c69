using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace ChatRoom.Api.Infrastructure;

/// <summary>One page of a keyset-paged list; pass <see cref="NextCursor"/> back as <c>cursor</c> for the next.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

public static class Cursor
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;

    public static string Encode(string value) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(value));

    public static bool TryDecode(string? cursor, out string value)
    {
        value = "";
        if (string.IsNullOrEmpty(cursor))
            return false;
        try
        {
            value = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(cursor));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public static void ValidateLimit(ValidationErrors errors, int? limit)
    {
        if (limit is < 1 or > MaxLimit)
            errors.Add("limit", $"limit must be between 1 and {MaxLimit}.");
    }
}
