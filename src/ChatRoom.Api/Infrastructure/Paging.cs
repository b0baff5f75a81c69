using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace ChatRoom.Api.Infrastructure;

/// <summary>One page of a keyset-paged list; pass <see cref="NextCursor"/> back as <c>cursor</c> for the next.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

public static class Cursor
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Encode(string value) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(value));

    public static bool TryDecode(string? cursor, out string value)
    {
        value = "";
        if (string.IsNullOrEmpty(cursor))
            return false;
        try
        {
            // Only text this API could have encoded: valid UTF-8 without NUL.
            value = StrictUtf8.GetString(WebEncoders.Base64UrlDecode(cursor));
            return !value.Contains('\0', StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>A position in a list ordered by (time, id), newest or oldest first.</summary>
    public static string Encode(DateTimeOffset at, Guid id) =>
        Encode(string.Create(CultureInfo.InvariantCulture, $"{at.UtcTicks}|{id}"));

    public static bool TryDecode(string? cursor, out (DateTimeOffset At, Guid Id) position)
    {
        position = default;
        if (!TryDecode(cursor, out string text) || text.Split('|') is not [var ticks, var id] ||
            !long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var utcTicks) ||
            utcTicks > DateTimeOffset.MaxValue.UtcTicks || !Guid.TryParse(id, out var guid))
            return false;
        position = (new DateTimeOffset(utcTicks, TimeSpan.Zero), guid);
        return true;
    }

    /// <summary>Checks <c>limit</c> and <c>cursor</c> of a (time, id)-paged list.</summary>
    public static (DateTimeOffset At, Guid Id)? ValidatePosition(ValidationErrors errors, string? cursor, int? limit)
    {
        ValidateLimit(errors, limit);
        if (cursor is null)
            return null;
        if (TryDecode(cursor, out (DateTimeOffset At, Guid Id) position))
            return position;
        errors.Add("cursor", "cursor is not one this API handed out.");
        return null;
    }

    public static void ValidateLimit(ValidationErrors errors, int? limit)
    {
        if (limit is < 1 or > MaxLimit)
            errors.Add("limit", $"limit must be between 1 and {MaxLimit}.");
    }
}
