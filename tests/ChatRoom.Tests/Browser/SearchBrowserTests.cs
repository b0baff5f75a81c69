using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatRoom.Tests.Browser;

/// <summary>Search in the browser finds a message by its words' stems, highlighted, and never a deleted one.</summary>
[Collection(OneBrowserClassAtATime.Name)]
public sealed class SearchBrowserTests(LiveSystem system) : BrowserTest(system), IClassFixture<LiveSystem>
{
    [Fact]
    public async Task SearchFindsAMessageByItsWordsAndNotOneThatWasDeleted()
    {
        var word = "zq" + string.Concat(Guid.NewGuid().ToString("N").Where(char.IsAsciiLetter).Take(8));
        var ana = await OpenBrowserAsync("ana");
        await ana.RegisterAsync(AuthApi.UniqueName("ana"), "Ana");
        await ana.OpenRoomAsync("English");
        await ana.SendAsync($"The foxes were jumping over the fence {word}");
        await ana.SendAsync($"Delete me later {word}");
        await ana.DeleteButton("Delete me later").ClickAsync();
        await Expect(ana.Message("Delete me later")).ToHaveCountAsync(0);

        var ben = await OpenBrowserAsync("ben");
        await ben.RegisterAsync(AuthApi.UniqueName("ben"), "Ben");
        await ben.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Search" }).ClickAsync();
        await Expect(ben.Heading).ToHaveTextAsync("Search");
        var form = ben.Page.GetByRole(AriaRole.Search, new() { Name = "Messages" });
        await form.GetByRole(AriaRole.Searchbox, new() { Name = "Search messages" }).FillAsync($"fox jump {word}");
        await form.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();

        var results = ben.Page.GetByRole(AriaRole.List, new() { Name = "Search results" });
        await Expect(results.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(1);
        await Expect(results.Locator("mark")).ToHaveTextAsync(["foxes", "jumping", word]);

        await form.GetByRole(AriaRole.Searchbox, new() { Name = "Search messages" }).FillAsync(word);
        await form.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(ben.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "result" })).ToHaveTextAsync("1 result");
        await Expect(results).Not.ToContainTextAsync("Delete me later");

        await results.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(ben.Heading).ToHaveTextAsync("English");
        await Expect(ben.Message("The foxes were jumping")).ToBeVisibleAsync();
    }
}
