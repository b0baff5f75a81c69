using ChatRoom.Data.Identity;

namespace ChatRoom.Chat.Messages;

public static class MessageRules
{
    /// <summary>Trims and checks message text: 1–4000 characters, no NUL, well-formed UTF-16. Null when valid.</summary>
    public static string? ContentError(string? content, out string trimmed)
    {
        trimmed = content?.Trim() ?? "";
        if (content is null || trimmed.Length == 0)
            return "A message needs some text.";
        if (trimmed.Length > Message.MaxContentLength)
            return $"A message can have at most {Message.MaxContentLength} characters (this one has {trimmed.Length}).";
        if (trimmed.Contains('\0', StringComparison.Ordinal))
            return "A message must not contain NUL characters.";
        if (!IsWellFormedUtf16(trimmed))
            return "A message must be valid text (it contains a broken surrogate pair).";
        return DisplayNameRules.HasVisibleCharacter(trimmed) ? null : "A message needs at least one visible character.";
    }

    public static string? ClientMessageIdError(string? clientMessageId) =>
        clientMessageId is null || clientMessageId.Length is 0 or > Message.MaxClientMessageIdLength ||
        clientMessageId.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))
            ? $"clientMessageId must be 1–{Message.MaxClientMessageIdLength} visible characters (a UUID is a good choice)."
            : null;

    /// <summary>No lone surrogate: text every client and database can store and show.</summary>
    public static bool IsWellFormedUtf16(string value)
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
