using System.Globalization;
using System.Text;

namespace ChatRoom.Worker.Moderation;

/// <summary>
/// Finds filtered words in a text however they are dressed up: any case, accents and other diacritics,
/// compatibility forms (full-width letters, ligatures), leetspeak (<c>0→o 1→i 3→e 4→a 5→s 7→t @→a $→s</c>),
/// stretched letters (<c>baaad</c>), invisible characters, and separators inside the word (<c>b.a.d</c>,
/// <c>b a d</c>, <c>b-a-d</c>). A word matches only as a whole word: <c>class</c> does not contain <c>ass</c>.
/// Stretched letters match by shape: each letter of the filtered word may repeat, never shrink, so the
/// filtered <c>ass</c> matches <c>asss</c> but not the innocent <c>as</c>.
/// </summary>
public sealed class WordFilter
{
    // Longest run of spaced-out single letters that is searched ("b a d"); longer runs are not prose anyway.
    private const int MaxSpelledOut = 40;

    private readonly Dictionary<string, List<(string Word, int[] Runs)>> _byShape = new(StringComparer.Ordinal);

    public WordFilter(IEnumerable<string> words)
    {
        foreach (var word in words)
        {
            var letters = new string([.. Normalise(word, leet: true).Where(char.IsLetter)]);
            if (letters.Length == 0)
                continue;
            var (shape, runs) = Shape(letters);
            if (!_byShape.TryGetValue(shape, out var list))
                _byShape[shape] = list = [];
            if (!list.Any(w => w.Runs.SequenceEqual(runs)))
                list.Add((word.Trim(), runs));
        }
    }

    public bool IsEmpty => _byShape.Count == 0;

    /// <summary>The filtered words (as configured) that occur in <paramref name="text"/>, each once.</summary>
    public IReadOnlyList<string> Find(string text)
    {
        if (IsEmpty)
            return [];
        var found = new List<string>();
        // Digits and symbols are read both as leetspeak and as plain separators: "b4d" and "bad1" are both "bad".
        foreach (var leet in (bool[])[true, false])
        {
            foreach (var candidate in Candidates(Normalise(text, leet)))
            {
                var (shape, runs) = Shape(candidate);
                if (!_byShape.TryGetValue(shape, out var words))
                    continue;
                foreach (var (word, wordRuns) in words)
                {
                    if (!found.Contains(word) && runs.Zip(wordRuns).All(r => r.First >= r.Second))
                        found.Add(word);
                }
            }
        }
        return found;
    }

    /// <summary>
    /// Lower case without diacritics, invisible characters or full-width forms; with <paramref name="leet"/>,
    /// the leetspeak digits and symbols become the letters they stand for. (The services run with invariant
    /// globalization, where <c>string.Normalize</c> does not decompose letters: hence the table.)
    /// </summary>
    public static string Normalise(string text, bool leet)
    {
        var result = new StringBuilder(text.Length);
        foreach (var original in text)
        {
            var c = original;
            switch (CharUnicodeInfo.GetUnicodeCategory(c))
            {
                case UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark:
                case UnicodeCategory.Format: // zero-width space, joiners, direction marks
                    continue;
            }
            if (c is >= '\uFF01' and <= '\uFF5E')
                c = (char)(c - 0xFEE0); // full-width ASCII
            c = char.ToLowerInvariant(c);
            switch (c)
            {
                case 'ß': result.Append("ss"); continue;
                case 'æ': result.Append("ae"); continue;
                case 'œ': result.Append("oe"); continue;
                case 'ĳ': result.Append("ij"); continue;
                case 'ﬀ': result.Append("ff"); continue;
                case 'ﬁ': result.Append("fi"); continue;
                case 'ﬂ': result.Append("fl"); continue;
                case 'ø': result.Append('o'); continue;
                case 'đ': result.Append('d'); continue;
                case 'ł': result.Append('l'); continue;
                case 'ı': result.Append('i'); continue;
            }
            if (Folds.TryGetValue(c, out var plain))
                c = plain;
            result.Append(leet ? Leet(c) : c);
        }
        return result.ToString();
    }

    /// <summary>Latin letters with diacritics (Latin-1, Extended-A/B, Extended Additional) and their plain letter.</summary>
    private static readonly Dictionary<char, char> Folds = new Dictionary<string, string>
    {
        ["a"] = "ÀÁÂÃÄÅàáâãäåĀāĂăĄąǍǎǞǟǠǡǺǻȀȁȂȃȦȧḀḁẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặ",
        ["b"] = "ḂḃḄḅḆḇ",
        ["c"] = "ÇçĆćĈĉĊċČčḈḉ",
        ["d"] = "ĎďḊḋḌḍḎḏḐḑḒḓ",
        ["e"] = "ÈÉÊËèéêëĒēĔĕĖėĘęĚěȄȅȆȇȨȩḔḕḖḗḘḙḚḛḜḝẸẹẺẻẼẽẾếỀềỂểỄễỆệ",
        ["f"] = "Ḟḟ",
        ["g"] = "ĜĝĞğĠġĢģǦǧǴǵḠḡ",
        ["h"] = "ĤĥȞȟḢḣḤḥḦḧḨḩḪḫẖ",
        ["i"] = "ÌÍÎÏìíîïĨĩĪīĬĭĮįİǏǐȈȉȊȋḬḭḮḯỈỉỊị",
        ["j"] = "Ĵĵǰ",
        ["k"] = "ĶķǨǩḰḱḲḳḴḵ",
        ["l"] = "ĹĺĻļĽľĿŀḶḷḸḹḺḻḼḽ",
        ["m"] = "ḾḿṀṁṂṃ",
        ["n"] = "ÑñŃńŅņŇňǸǹṄṅṆṇṈṉṊṋ",
        ["o"] = "ÒÓÔÕÖòóôõöŌōŎŏŐőƠơǑǒǪǫǬǭȌȍȎȏȪȫȬȭȮȯȰȱṌṍṎṏṐṑṒṓỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợ",
        ["p"] = "ṔṕṖṗ",
        ["r"] = "ŔŕŖŗŘřȐȑȒȓṘṙṚṛṜṝṞṟ",
        ["s"] = "ŚśŜŝŞşŠšſȘșṠṡṢṣṤṥṦṧṨṩẛ",
        ["t"] = "ŢţŤťȚțṪṫṬṭṮṯṰṱẗ",
        ["u"] = "ÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲųƯưǓǔǕǖǗǘǙǚǛǜȔȕȖȗṲṳṴṵṶṷṸṹṺṻỤụỦủỨứỪừỬửỮữỰự",
        ["v"] = "ṼṽṾṿ",
        ["w"] = "ŴŵẀẁẂẃẄẅẆẇẈẉẘ",
        ["x"] = "ẊẋẌẍ",
        ["y"] = "ÝýÿŶŷŸȲȳẎẏẙỲỳỴỵỶỷỸỹ",
        ["z"] = "ŹźŻżŽžẐẑẒẓẔẕ",
    }.SelectMany(f => f.Value.Select(c => (c, f.Key[0]))).ToDictionary(p => p.c, p => p.Item2);

    private static char Leet(char c) => c switch
    {
        '0' => 'o',
        '1' => 'i',
        '3' => 'e',
        '4' => 'a',
        '5' => 's',
        '7' => 't',
        '@' => 'a',
        '$' => 's',
        _ => c,
    };

    /// <summary>
    /// The letter sequences a filtered word could hide in: every run of letters; the runs of one
    /// whitespace-free token joined ("b.a.d", "ba-d"); and spelled-out single letters, whatever separates
    /// them ("b a d", "b. a. d").
    /// </summary>
    private static IEnumerable<string> Candidates(string text)
    {
        var token = new List<string>();
        var spelled = new List<string>();
        var chunk = new StringBuilder();

        foreach (var c in text.Append(' '))
        {
            if (char.IsLetter(c))
            {
                chunk.Append(c);
                continue;
            }
            if (chunk.Length > 0)
            {
                var piece = chunk.ToString();
                chunk.Clear();
                yield return piece;
                token.Add(piece);
                if (piece.Length == 1 && spelled.Count < MaxSpelledOut)
                {
                    spelled.Add(piece);
                }
                else
                {
                    foreach (var joined in Stretches(spelled))
                        yield return joined;
                    spelled.Clear();
                }
            }
            if (char.IsWhiteSpace(c))
            {
                if (token.Count > 1)
                    yield return string.Concat(token);
                token.Clear();
            }
        }
        foreach (var joined in Stretches(spelled))
            yield return joined;
    }

    /// <summary>
    /// A spelled-out word, also without one single-letter word before or after it ("a b a d idea"), but not
    /// every piece of it: "c l a s s" spells "class", not "ass".
    /// </summary>
    private static IEnumerable<string> Stretches(List<string> letters)
    {
        for (var skipFirst = 0; skipFirst <= 1; skipFirst++)
        {
            for (var skipLast = 0; skipLast <= 1; skipLast++)
            {
                var length = letters.Count - skipFirst - skipLast;
                if (length >= 2)
                    yield return string.Concat(letters.Skip(skipFirst).Take(length));
            }
        }
    }

    /// <summary>"baaad" → ("bad", [1, 3, 1]).</summary>
    private static (string Shape, int[] Runs) Shape(string letters)
    {
        var shape = new StringBuilder();
        var runs = new List<int>();
        foreach (var c in letters)
        {
            if (shape.Length > 0 && shape[^1] == c)
            {
                runs[^1]++;
            }
            else
            {
                shape.Append(c);
                runs.Add(1);
            }
        }
        return (shape.ToString(), [.. runs]);
    }
}
