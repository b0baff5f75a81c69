using System.Globalization;
using System.Text.RegularExpressions;

namespace ChatRoom.Worker.Verification;

/// <summary>What OCR text suggests about a document's holder: hints for a reviewer, never a decision.</summary>
public sealed partial record DocumentHints(bool Readable, string? Name, DateOnly? DateOfBirth, string? DocumentNumber, string? Note)
{
    private const int MinimumCharacters = 12;

    /// <summary>
    /// Reads the hints from <paramref name="text"/>. The date of birth is the one labelled so, else the earliest plausible
    /// date (issue and expiry dates come later in life); the document number is masked but for its last three characters.
    /// </summary>
    public static DocumentHints Read(string text, DateOnly today)
    {
        var lines = text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (text.Count(char.IsLetterOrDigit) < MinimumCharacters)
            return new(false, null, null, null, "No text could be read from the document: the reviewer reads it.");

        var name = NameOf(lines);
        var born = BirthDateOf(lines, today);
        var number = NumberOf(lines);
        var note = name is null && born is null && number is null
            ? "Text was read, but no name, date of birth or document number was recognised."
            : null;
        return new(true, name, born, number is null ? null : Mask(number), note);
    }

    private static string? NameOf(string[] lines)
    {
        string? surname = null, given = null;
        foreach (var line in lines)
        {
            if (Labelled(line, SurnameLabel()) is { } s)
                surname ??= CleanName(s);
            else if (Labelled(line, GivenNamesLabel()) is { } g)
                given ??= CleanName(g);
            else if (Labelled(line, NameLabel()) is { } full && CleanName(full) is { } whole)
                return whole;
        }
        var joined = string.Join(' ', new[] { given, surname }.Where(part => part is not null));
        return joined.Length > 0 ? joined : null;
    }

    private static DateOnly? BirthDateOf(string[] lines, DateOnly today)
    {
        foreach (var line in lines)
        {
            if (BirthLabel().IsMatch(line) && DatesIn(line, today).Take(1).ToList() is [var labelled])
                return labelled;
        }
        var dates = lines.SelectMany(line => DatesIn(line, today)).ToList();
        return dates.Count > 0 ? dates.Min() : null;
    }

    private static string? NumberOf(string[] lines)
    {
        foreach (var line in lines)
        {
            var match = NumberLabel().Match(line);
            if (!match.Success)
                continue;
            var candidate = NumberValue().Match(line[(match.Index + match.Length)..].ToUpperInvariant());
            if (candidate.Success && candidate.Value.Any(char.IsDigit))
                return candidate.Value;
        }
        return null;
    }

    private static IEnumerable<DateOnly> DatesIn(string line, DateOnly today)
    {
        foreach (Match match in NumericDate().Matches(line))
        {
            var g = match.Groups;
            var (year, month, day) = g["y1"].Success
                ? (Int(g["y1"]), Int(g["m1"]), Int(g["d1"]))
                : Int(g["a"]) > 12 || Int(g["b"]) <= 12
                    ? (Int(g["y2"]), Int(g["b"]), Int(g["a"]))   // day first, as most of the world writes it
                    : (Int(g["y2"]), Int(g["a"]), Int(g["b"]));  // 03/25/1990 can only be month first
            if (Plausible(year, month, day, today) is { } date)
                yield return date;
        }
        foreach (Match match in WordDate().Matches(line))
        {
            var month = MonthOf(match.Groups["month"].Value);
            if (month > 0 && Plausible(Int(match.Groups["year"]), month, Int(match.Groups["day"]), today) is { } date)
                yield return date;
        }
    }

    private static DateOnly? Plausible(int year, int month, int day, DateOnly today)
    {
        if (month is < 1 or > 12 || day < 1 || year < today.Year - 120 || year > today.Year || day > DateTime.DaysInMonth(year, month))
            return null;
        var date = new DateOnly(year, month, day);
        return date <= today ? date : null;
    }

    private static int MonthOf(string word)
    {
        var prefix = word[..Math.Min(3, word.Length)];
        for (var month = 1; month <= 12; month++)
        {
            if (CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedMonthName(month).Equals(prefix, StringComparison.OrdinalIgnoreCase))
                return month;
        }
        return 0;
    }

    private static int Int(Group group) => int.Parse(group.Value, CultureInfo.InvariantCulture);

    private static string? Labelled(string line, Regex label)
    {
        var match = label.Match(line);
        return match.Success ? line[(match.Index + match.Length)..] : null;
    }

    private static string? CleanName(string value)
    {
        var name = string.Join(' ', NamePart().Matches(value).Select(m => m.Value));
        return name.Length is >= 2 and <= IdentityDocument.MaxHintLength ? name : null;
    }

    public static string Mask(string number) =>
        number.Length <= 3 ? new string('•', number.Length) : new string('•', number.Length - 3) + number[^3..];

    [GeneratedRegex(@"^\W*(?:surname|last\s+name|family\s+name)s?\b\W*", RegexOptions.IgnoreCase)]
    private static partial Regex SurnameLabel();

    [GeneratedRegex(@"^\W*(?:given\s+names?|first\s+names?|forenames?)\b\W*", RegexOptions.IgnoreCase)]
    private static partial Regex GivenNamesLabel();

    [GeneratedRegex(@"^\W*(?:full\s+)?names?\b\W*", RegexOptions.IgnoreCase)]
    private static partial Regex NameLabel();

    [GeneratedRegex(@"\b(?:birth|born|DOB|d\.o\.b)\b", RegexOptions.IgnoreCase)]
    private static partial Regex BirthLabel();

    [GeneratedRegex(@"\b(?:document|passport|card|licen[cs]e|id)\s*(?:no\.?|number|nr\.?|#)\s*[:.]?\s*|\bno\.\s*", RegexOptions.IgnoreCase)]
    private static partial Regex NumberLabel();

    [GeneratedRegex(@"\b[A-Z0-9]{5,15}\b")]
    private static partial Regex NumberValue();

    [GeneratedRegex(@"\b(?:(?<y1>(?:19|20)\d\d)[-./](?<m1>\d{1,2})[-./](?<d1>\d{1,2})|(?<a>\d{1,2})[-./ ](?<b>\d{1,2})[-./ ](?<y2>(?:19|20)\d\d))\b")]
    private static partial Regex NumericDate();

    [GeneratedRegex(@"\b(?<day>\d{1,2})\s+(?<month>[A-Za-z]{3,9})\.?\s+(?<year>(?:19|20)\d\d)\b")]
    private static partial Regex WordDate();

    [GeneratedRegex(@"[\p{L}][\p{L}'’-]*")]
    private static partial Regex NamePart();
}
