using System.Globalization;
using System.Text.RegularExpressions;

namespace ChatRoom.Worker.Moderation;

public sealed class ModerationRulesOptions
{
    public const string SectionName = "Moderation:Rules";

    /// <summary>Words that get a message rejected (post-moderated rooms) or flagged (pre-moderated). Single words.</summary>
    public string[] BlockedWords { get; set; } = [];

    /// <summary>Most links one message may carry.</summary>
    [Range(0, 100)]
    public int MaxLinks { get; set; } = 3;

    /// <summary>Hosts no message may link to; a host blocks its subdomains too.</summary>
    public string[] BlockedHosts { get; set; } = [];

    public bool GuestsCanPostLinks { get; set; }

    /// <summary>Flood: most messages one author may write in one room within <see cref="FloodWindow"/>; the next ones are rejected.</summary>
    [Range(1, 10_000)]
    public int FloodMaxMessages { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan FloodWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Repeats: most copies of the same text one author may write in one room within <see cref="RepeatWindow"/>.</summary>
    [Range(1, 10_000)]
    public int RepeatMaxCopies { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RepeatWindow { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// The checks that need only the text and who wrote it (word filter, link rules). Pure: the flood and repeat
/// checks, which look at earlier messages, live with the judge.
/// </summary>
public sealed class ContentChecks
{
    private static readonly Regex Link = new(@"\b(?:https?://|www\.)[^\s<>""']+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromSeconds(1));

    private readonly ModerationRulesOptions _rules;
    private readonly WordFilter _words;
    private readonly string[] _blockedHosts;
    private readonly Regex? _blockedHostMention;

    public ContentChecks(IOptions<ModerationRulesOptions> options)
    {
        _rules = options.Value;
        _words = new WordFilter(_rules.BlockedWords);
        _blockedHosts = [.. _rules.BlockedHosts.Select(NormaliseHost).Where(h => h.Length > 0).Distinct()];
        // A blocked host is found even without a scheme ("visit evil.example/offer").
        _blockedHostMention = _blockedHosts.Length == 0 ? null : new Regex(
            $@"(?<![\w.-])(?:[\w-]+\.)*(?:{string.Join('|', _blockedHosts.Select(Regex.Escape))})(?![\w-])",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    /// <summary>Why the text breaks the rules, one reason each; empty when it does not.</summary>
    public IReadOnlyList<string> Check(string content, bool authorIsGuest)
    {
        var reasons = new List<string>();
        var words = _words.Find(content);
        if (words.Count > 0)
            reasons.Add($"filtered word: {string.Join(", ", words)}");

        var links = Link.Matches(content).Select(m => m.Value).ToList();
        if (links.Count > 0 && authorIsGuest && !_rules.GuestsCanPostLinks)
            reasons.Add("links from guests are not allowed");
        if (links.Count > _rules.MaxLinks)
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"too many links: {links.Count} (at most {_rules.MaxLinks})"));

        var blocked = links.Select(HostOf).Where(IsBlocked)
            .Concat(_blockedHostMention?.Matches(content).Select(m => NormaliseHost(m.Value)) ?? [])
            .Distinct().ToList();
        if (blocked.Count > 0)
            reasons.Add($"link to a blocked host: {string.Join(", ", blocked)}");
        return reasons;
    }

    private bool IsBlocked(string host) =>
        host.Length > 0 && _blockedHosts.Any(b => host == b || host.EndsWith("." + b, StringComparison.Ordinal));

    private static string HostOf(string link)
    {
        var absolute = link.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? "http://" + link : link;
        return Uri.TryCreate(absolute, UriKind.Absolute, out var uri) ? NormaliseHost(uri.IdnHost) : "";
    }

    private static string NormaliseHost(string host) => host.Trim().TrimEnd('.').ToLowerInvariant();
}
