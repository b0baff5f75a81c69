using static Microsoft.Playwright.Assertions;

namespace ChatRoom.Tests.Browser;

[Collection(OneBrowserClassAtATime.Name)]
public sealed class SessionTests(LiveSystem system) : BrowserTest(system), IClassFixture<LiveSystem>
{
    [Fact]
    public async Task AReloadKeepsThePersonSignedInAndSigningOutEndsIt()
    {
        var ana = await OpenBrowserAsync("ana");
        await ana.RegisterAsync(AuthApi.UniqueName("ana"), "Ana");

        await ana.Page.ReloadAsync();

        await Expect(ana.Heading).ToHaveTextAsync("Lounges");
        await Expect(ana.AccountButton).ToContainTextAsync("Ana");

        await ana.SignOutAsync();
        await ana.Page.ReloadAsync();

        await Expect(ana.Heading).ToHaveTextAsync("Welcome to ChatRoom");
        await Expect(ana.AccountButton).ToHaveCountAsync(0);
        await ana.Page.GotoAsync("/");
        await Expect(ana.Heading).ToHaveTextAsync("Welcome to ChatRoom");
        Assert.Empty(PageErrors);
    }

    [Fact]
    public async Task AReloadInARoomJoinsItAgain()
    {
        var ana = await OpenBrowserAsync("ana");
        await ana.RegisterAsync(AuthApi.UniqueName("ana"));
        await ana.OpenRoomAsync("Deutsch");
        var room = ana.Page.Url;
        await ana.Page.ReloadAsync();

        await Expect(ana.Heading).ToHaveTextAsync("Deutsch");
        await Expect(ana.ConnectionBanner).ToBeEmptyAsync();
        Assert.Equal(room, ana.Page.Url);
        Assert.Empty(PageErrors);
    }
}
