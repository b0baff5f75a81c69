using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatRoom.Tests.Browser;

/// <summary>A mention reaches the person named wherever they are in the app, and a reaction reaches the room.</summary>
[Collection(OneBrowserClassAtATime.Name)]
public sealed class NotificationBrowserTests(LiveSystem system) : BrowserTest(system), IClassFixture<LiveSystem>
{
    [Fact]
    public async Task AMentionIsCountedLiveForThePersonNamedAndAReactionShowsInTheRoom()
    {
        var anaName = AuthApi.UniqueName("ana");
        var benName = AuthApi.UniqueName("ben");
        var ben = await OpenBrowserAsync("ben");
        await ben.RegisterAsync(benName);
        var ana = await OpenBrowserAsync("ana");
        await ana.RegisterAsync(anaName);
        await ana.OpenRoomAsync("English");
        await ben.OpenRoomAsync("Deutsch");

        await ana.SendAsync($"@{benName} can you look at this?");

        // Ben is in another room: the header counts it at once, and the list says who mentioned him where.
        var link = ben.Page.GetByRole(AriaRole.Link, new() { Name = "Notifications, 1 unread" });
        await Expect(link).ToBeVisibleAsync();
        await link.ClickAsync();
        await Expect(ben.Heading).ToHaveTextAsync("Notifications");
        var item = ben.Page.GetByRole(AriaRole.List, new() { Name = "Notifications" }).GetByRole(AriaRole.Listitem).First;
        await Expect(item).ToContainTextAsync($"{anaName} mentioned you in English");
        await ben.Page.GetByRole(AriaRole.Button, new() { Name = "Mark all as read" }).ClickAsync();
        await Expect(ben.Page.GetByRole(AriaRole.Link, new() { Name = "Notifications", Exact = true })).ToBeVisibleAsync();

        // Ben answers with a reaction from the picker; Ana sees it on her message.
        await ben.OpenRoomAsync("English");
        var message = ben.Message("can you look at this?");
        await message.GetByRole(AriaRole.Button, new() { Name = "React" }).ClickAsync();
        var picker = ben.Page.GetByRole(AriaRole.Dialog, new() { Name = "Choose a reaction" });
        await picker.GetByRole(AriaRole.Searchbox, new() { Name = "Search reactions" }).FillAsync("thumbs");
        await picker.GetByRole(AriaRole.Button, new() { Name = "React with thumbs up" }).ClickAsync();
        await Expect(message.GetByRole(AriaRole.Button, new() { Name = "👍 1 reaction, including you" })).ToBeVisibleAsync();
        await Expect(ana.Message("can you look at this?").GetByRole(AriaRole.Button, new() { Name = "👍 1 reaction" })).ToBeVisibleAsync();
    }
}
