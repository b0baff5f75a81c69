using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatRoom.Tests.Browser;

/// <summary>Two people message each other directly in the browser, and a block ends it.</summary>
[Collection(OneBrowserClassAtATime.Name)]
public sealed class ConversationBrowserTests(LiveSystem system) : BrowserTest(system), IClassFixture<LiveSystem>
{
    [Fact]
    public async Task TwoPeopleTalkDirectlyLiveUntilOneBlocksTheOther()
    {
        var anaName = AuthApi.UniqueName("ana");
        var benName = AuthApi.UniqueName("ben");
        var ana = await OpenBrowserAsync("ana");
        await ana.RegisterAsync(anaName);
        var ben = await OpenBrowserAsync("ben");
        await ben.RegisterAsync(benName);
        await OpenMessagesAsync(ben);

        await OpenMessagesAsync(ana);
        var start = ana.Page.GetByRole(AriaRole.Region, new() { Name = "New conversation" });
        await start.GetByRole(AriaRole.Combobox, new() { Name = "Find people" }).FillAsync(benName[..8]);
        await start.GetByRole(AriaRole.Option).Filter(new() { HasText = benName }).ClickAsync();
        await start.GetByRole(AriaRole.Button, new() { Name = "Start conversation" }).ClickAsync();
        await Expect(ana.Heading).ToHaveTextAsync(benName);
        await Expect(ana.ConnectionBanner).ToBeEmptyAsync();
        await ana.SendAsync("Hello Ben, just between us");

        // Ben's list shows it without a reload, and he answers from the conversation.
        var conversations = ben.Page.GetByRole(AriaRole.List, new() { Name = "Conversations" });
        await Expect(conversations).ToContainTextAsync("Hello Ben, just between us");
        await conversations.GetByRole(AriaRole.Link, new() { Name = anaName }).ClickAsync();
        await Expect(ben.Message("Hello Ben, just between us")).ToBeVisibleAsync();
        await ben.SendAsync("Hi Ana!");
        await Expect(ana.Message("Hi Ana!")).ToBeVisibleAsync();

        // Ben blocks Ana (confirming the dialog): Ana can send no more, and is not told who blocked whom.
        await ben.Message("Hello Ben, just between us").GetByRole(AriaRole.Button, new() { Name = $"Block {anaName}" }).ClickAsync();
        await Expect(ben.Messages.GetByText("Message from a blocked person")).ToBeVisibleAsync();
        await Expect(ben.Page.GetByRole(AriaRole.Button, new() { Name = $"Unblock {anaName}" }).First).ToBeVisibleAsync();
        var composer = ana.Page.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true });
        await composer.FillAsync("are you there?");
        await composer.PressAsync("Enter");
        await Expect(ana.Page.GetByText("You cannot send messages in this conversation: one of you has blocked the other.")).ToBeVisibleAsync();
        Assert.Contains(Dialogs, d => d.StartsWith($"confirm: Block {anaName}?", StringComparison.Ordinal));
    }

    private static async Task OpenMessagesAsync(ChatPage person)
    {
        await person.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Messages" }).ClickAsync();
        await Expect(person.Heading).ToHaveTextAsync("Messages");
    }
}
