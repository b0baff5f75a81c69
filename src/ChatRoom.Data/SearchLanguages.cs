using ChatRoom.Data.Entities;

namespace ChatRoom.Data;

/// <summary>
/// The text search configuration each message is indexed with: the stemming of its room's language where PostgreSQL
/// ships one, else <see cref="Simple"/> (words as written, no stemming). Conversations have no language: simple.
/// </summary>
public static class SearchLanguages
{
    public const string Simple = "simple";

    // PostgreSQL 15's built-in configurations, by the ISO 639-1 code of their language.
    private static readonly Dictionary<string, string> ByLanguage = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ar"] = "arabic",
        ["hy"] = "armenian",
        ["eu"] = "basque",
        ["ca"] = "catalan",
        ["da"] = "danish",
        ["nl"] = "dutch",
        ["en"] = "english",
        ["fi"] = "finnish",
        ["fr"] = "french",
        ["de"] = "german",
        ["el"] = "greek",
        ["hi"] = "hindi",
        ["hu"] = "hungarian",
        ["id"] = "indonesian",
        ["ga"] = "irish",
        ["it"] = "italian",
        ["lt"] = "lithuanian",
        ["ne"] = "nepali",
        ["no"] = "norwegian",
        ["nb"] = "norwegian",
        ["nn"] = "norwegian",
        ["pt"] = "portuguese",
        ["ro"] = "romanian",
        ["ru"] = "russian",
        ["sr"] = "serbian",
        ["es"] = "spanish",
        ["sv"] = "swedish",
        ["ta"] = "tamil",
        ["tr"] = "turkish",
        ["yi"] = "yiddish",
    };

    /// <summary>Every configuration a message can have, so a search can ask in all of them at once.</summary>
    public static readonly string[] All = [Simple, .. ByLanguage.Values.Distinct()];

    /// <summary>The configuration for a room: its BCP 47 tag's language part decides (<c>pt-BR</c> is Portuguese).</summary>
    public static string For(Room room) => room.Kind == RoomKind.Conversation ? Simple : ForLanguage(room.LanguageCode);

    /// <summary>The configuration for a BCP 47 tag: its language part decides.</summary>
    public static string ForLanguage(string languageCode) => ByLanguage.GetValueOrDefault(languageCode.Split('-', 2)[0], Simple);

    /// <summary>The same choice in SQL, over a column holding a BCP 47 tag (for indexing messages stored before).</summary>
    public static string SqlFor(string languageColumn) =>
        $"CASE lower(split_part({languageColumn}, '-', 1)) " +
        string.Join(" ", ByLanguage.Select(l => $"WHEN '{l.Key.ToLowerInvariant()}' THEN '{l.Value}'")) + $" ELSE '{Simple}' END";
}
