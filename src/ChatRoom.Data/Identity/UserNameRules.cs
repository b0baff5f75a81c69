using System.Text.RegularExpressions;

namespace ChatRoom.Data.Identity;

public static partial class UserNameRules
{
    public const int MinLength = 3;
    public const int MaxLength = 32;
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 128;

    public static bool IsValidUserName(string? userName) => userName is not null && Pattern().IsMatch(userName);

    public static bool IsValidPassword(string? password) =>
        password is { Length: >= MinPasswordLength and <= MaxPasswordLength } && !password.Contains('\0', StringComparison.Ordinal);

    [GeneratedRegex(@"^[A-Za-z0-9_.-]{3,32}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
