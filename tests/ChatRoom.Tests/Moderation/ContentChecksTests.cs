extern alias worker;

using Microsoft.Extensions.Options;
using ContentChecks = worker::ChatRoom.Worker.Moderation.ContentChecks;
using ModerationRulesOptions = worker::ChatRoom.Worker.Moderation.ModerationRulesOptions;
using WordFilter = worker::ChatRoom.Worker.Moderation.WordFilter;

namespace ChatRoom.Tests.Moderation;

public sealed class ContentChecksTests
{
    private static readonly WordFilter Filter = new(["bad", "ass", "darn", "Schöne"]);

    [Theory]
    [InlineData("this is bad")]
    [InlineData("this is BAD!")]
    [InlineData("Bäd news")]
    [InlineData("b4d")]
    [InlineData("8 b@d apples")]
    [InlineData("what a baaaad day")]
    [InlineData("bbaadd")]
    [InlineData("b.a.d")]
    [InlineData("b a d")]
    [InlineData("b - a - d")]
    [InlineData("b_4_d idea")]
    [InlineData("ba-d")]
    [InlineData("b\u200Bad")] // zero-width space
    [InlineData("ｂａｄ")] // full-width letters
    [InlineData("bad1")]
    [InlineData("kick his @$$")]
    [InlineData("a s s")]
    [InlineData("you are a b a d person")]
    [InlineData("my-ass-hurts")]
    [InlineData("d4rn it")]
    [InlineData("schone")]
    public void TheFilterFindsAWordHoweverItIsWritten(string text) =>
        Assert.NotEmpty(Filter.Find(text));

    [Theory]
    [InlineData("a classic class")]
    [InlineData("assassins pass the brass")]
    [InlineData("as far as I know")]
    [InlineData("badge and badminton")]
    [InlineData("the embassy")]
    [InlineData("Bad Homburg is a badass town")] // "badass" is one word: neither bad nor ass alone
    [InlineData("darnation? no: darned socks")]
    [InlineData("c l a s s")]
    [InlineData("I have a c l a s s")]
    [InlineData("a b c")]
    [InlineData("1337 h4x0r")]
    [InlineData("")]
    public void TheFilterLeavesInnocentWordsAlone(string text)
    {
        if (text.StartsWith("Bad ", StringComparison.Ordinal))
        {
            // "Bad" alone is filtered; the point here is that "badass" did not add "ass".
            Assert.Equal(["bad"], Filter.Find(text));
            return;
        }
        Assert.Empty(Filter.Find(text));
    }

    [Fact]
    public void EachFilteredWordIsReportedOnceAsConfigured()
    {
        Assert.Equal(["bad", "ass"], Filter.Find("bad bad b4d, you a$$ and ASS"));
        Assert.Equal(["Schöne"], Filter.Find("SCHÖNE"));
    }

    [Fact]
    public void NormalisingRemovesCaseDiacriticsAndLeetspeak()
    {
        Assert.Equal("creme brulee", WordFilter.Normalise("Crème Brûlée", leet: false));
        Assert.Equal("strasse", WordFilter.Normalise("Straße", leet: false));
        Assert.Equal("oieastaas", WordFilter.Normalise("0134574@$", leet: true));
        Assert.Equal("0134574@$", WordFilter.Normalise("0134574@$", leet: false));
    }

    [Fact]
    public void AnEmptyFilterFindsNothing() =>
        Assert.Empty(new WordFilter(["", "  ", "!!"]).Find("anything at all"));

    [Fact]
    public void LinkRulesCountLinksBlockHostsAndKeepGuestsFromPostingLinks()
    {
        var checks = Checks(new ModerationRulesOptions { MaxLinks = 2, BlockedHosts = ["evil.example"], GuestsCanPostLinks = false });

        Assert.Empty(checks.Check("see https://docs.example/a and www.example.org", authorIsGuest: false));
        Assert.Contains(checks.Check("https://a.example https://b.example https://c.example", authorIsGuest: false),
            r => r.StartsWith("too many links: 3", StringComparison.Ordinal));
        Assert.Contains(checks.Check("go to https://WWW.Evil.Example/offer now", authorIsGuest: false),
            r => r.Contains("evil.example", StringComparison.Ordinal));
        Assert.Contains(checks.Check("type shop.evil.example/deal in your browser", authorIsGuest: false),
            r => r.Contains("shop.evil.example", StringComparison.Ordinal));
        Assert.Empty(checks.Check("notevil.example and evil.examples are fine", authorIsGuest: false));
        Assert.Equal(["links from guests are not allowed"], checks.Check("https://docs.example", authorIsGuest: true));
        Assert.Empty(checks.Check("no links here, just a sentence. Another one.", authorIsGuest: true));
    }

    [Fact]
    public void GuestsMayPostLinksWhenTheRulesAllowIt() =>
        Assert.Empty(Checks(new ModerationRulesOptions { GuestsCanPostLinks = true }).Check("https://docs.example", authorIsGuest: true));

    [Fact]
    public void EveryBrokenRuleIsAReason()
    {
        var checks = Checks(new ModerationRulesOptions { BlockedWords = ["bad"], MaxLinks = 0 });

        var reasons = checks.Check("bad link: https://x.example", authorIsGuest: false);

        Assert.Equal(2, reasons.Count);
        Assert.Equal("filtered word: bad", reasons[0]);
    }

    private static ContentChecks Checks(ModerationRulesOptions options) => new(Options.Create(options));
}
