using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatRoom.Tests.Browser;

[Collection(OneBrowserClassAtATime.Name)]
public sealed class ChatTests(LiveSystem system) : BrowserTest(system), IClassFixture<LiveSystem>
{
    // Messages show within a second of the sender's acknowledgement: what people chatting notice as "live".
    private static readonly LocatorAssertionsToBeVisibleOptions WithinASecond = new() { Timeout = 1000 };

    [Fact]
    public async Task TwoPeopleInOneRoomSeeEachOthersMessagesEditsAndDeletions()
    {
        var ana = await OpenBrowserAsync("ana");
        var ben = await OpenBrowserAsync("ben");
        await ana.RegisterAsync(AuthApi.UniqueName("ana"), "Ana");
        await ben.RegisterAsync(AuthApi.UniqueName("ben"), "Ben");
        await ana.OpenRoomAsync("English");
        await ben.OpenRoomAsync("English");
        var fromAna = $"Hello from Ana {Guid.NewGuid():N}";
        var fromBen = $"Hi Ana, Ben here {Guid.NewGuid():N}";

        await ana.SendAsync(fromAna);
        await Expect(ben.Message(fromAna)).ToBeVisibleAsync(WithinASecond);
        await Expect(ben.Message(fromAna)).ToContainTextAsync("Ana");
        await Expect(ben.EditButton(fromAna)).ToHaveCountAsync(0);

        await ben.SendAsync(fromBen);
        await Expect(ana.Message(fromBen)).ToBeVisibleAsync(WithinASecond);
        await ben.EditAsync(fromBen, fromBen + " (typo fixed)");
        await Expect(ana.Message(fromBen + " (typo fixed)")).ToContainTextAsync("(edited)");

        await ana.DeleteButton(fromAna).ClickAsync();
        await Expect(ana.Message(fromAna)).ToHaveCountAsync(0);
        await Expect(ben.Message(fromAna)).ToHaveCountAsync(0);
        await Expect(ben.Message(fromBen)).ToBeVisibleAsync();
        Assert.Equal(["confirm: Delete this message?"], Dialogs);
        Assert.Empty(PageErrors);
    }

    [Fact]
    public async Task MarkupAndScriptLinksInMessagesAreShownAsTextAndRunNothing()
    {
        var ana = await OpenBrowserAsync("ana");
        var ben = await OpenBrowserAsync("ben");
        await ana.RegisterAsync(AuthApi.UniqueName("ana"));
        await ben.RegisterAsync(AuthApi.UniqueName("ben"));
        await ana.OpenRoomAsync("Français");
        await ben.OpenRoomAsync("Français");
        const string markup = "<img src=x onerror=alert(1)>";
        const string scriptLink = "click javascript:alert(1) now";

        await ana.SendAsync(markup);
        await ana.SendAsync(scriptLink);

        foreach (var person in new[] { ana, ben })
        {
            await Expect(person.Message(markup)).ToBeVisibleAsync();
            await Expect(person.Message(scriptLink)).ToBeVisibleAsync();
            await Expect(person.Messages.Locator("img")).ToHaveCountAsync(0);
            await Expect(person.Messages.GetByRole(AriaRole.Link)).ToHaveCountAsync(0);
            await Expect(person.Messages.Locator("a")).ToHaveCountAsync(0);
        }
        // An onerror handler would have fired by now, once the broken image had failed to load.
        await ben.Page.WaitForTimeoutAsync(300);
        Assert.Empty(Dialogs);
        Assert.Empty(PageErrors);
    }
}
