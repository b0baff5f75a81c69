using System.Globalization;
using System.Text;

namespace ChatRoom.Data.Identity;

/// <summary>
/// What a name or a message must be to read as what it is: something visible, with no control or format
/// characters (bidi overrides, zero-width joiners) that reorder or hide text, and, for anyone but staff, no name
/// that reads as a role ("Admin", "m0d3rator", "Chat Staff").
/// </summary>
public static class DisplayNameRules
{
    public const int MaxLength = 64;

    private static readonly HashSet<string> StaffWords = new(StringComparer.Ordinal)
    {
        "admin", "admins", "administrator", "administrators", "moderator", "moderators", "mod", "mods",
        "staff", "system", "sysop", "official", "support", "chatroom",
    };

    /// <summary>True when the text has a character someone would see (not only spaces, marks or invisible ones).</summary>
    public static bool HasVisibleCharacter(string text) =>
        text.EnumerateRunes().Any(r => Rune.GetUnicodeCategory(r) is not (
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.SpaceSeparator or
            UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.NonSpacingMark or
            UnicodeCategory.EnclosingMark or UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse));

    /// <summary>True when the text holds a control or format character (call on well-formed UTF-16 only).</summary>
    public static bool HasHiddenCharacters(string text) =>
        text.EnumerateRunes().Any(r => Rune.GetUnicodeCategory(r) is UnicodeCategory.Control or UnicodeCategory.Format);

    /// <summary>True when a word of the name, or all its letters together, read as a staff role, leetspeak and case aside.</summary>
    public static bool ReadsAsStaff(string name)
    {
        var letters = new StringBuilder(name.Length);
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormKD))
        {
            var letter = Unleet(char.ToLowerInvariant(c));
            if (letter is >= 'a' and <= 'z')
            {
                letters.Append(letter);
                word.Append(letter);
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }
        if (word.Length > 0)
            words.Add(word.ToString());
        return StaffWords.Contains(letters.ToString()) || words.Any(StaffWords.Contains);
    }

    private static char Unleet(char c) => c switch
    {
        '0' => 'o',
        '1' or '!' or '|' => 'i',
        '3' => 'e',
        '4' or '@' => 'a',
        '5' or '$' => 's',
        '7' or '+' => 't',
        _ => c,
    };
}
