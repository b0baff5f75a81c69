using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatRoom.Tests.Browser;

/// <summary>What a person does in the SPA, found as they find it: by role, label and visible text.</summary>
public sealed partial class ChatPage(IPage page)
{
    public IPage Page { get; } = page;

    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator AccountButton => Page.GetByRole(AriaRole.Button, new() { NameRegex = AccountName() });

    public ILocator Messages => Page.GetByRole(AriaRole.Log, new() { Name = "Messages" });

    /// <summary>The room's connection banner (joining, reconnecting, disconnected); empty while all is well.</summary>
    public ILocator ConnectionBanner => Page.GetByRole(AriaRole.Status, new() { Name = "Connection" });

    public ILocator Message(string text) => Messages.GetByRole(AriaRole.Listitem).Filter(new() { HasText = text });

    public async Task RegisterAsync(string userName, string? displayName = null, string password = AuthApi.Password)
    {
        await Page.GotoAsync("/signin");
        await Page.GetByRole(AriaRole.Tab, new() { Name = "New account" }).ClickAsync();
        await Page.GetByLabel("User name").FillAsync(userName);
        await Page.GetByLabel("Password").FillAsync(password);
        if (displayName is not null)
            await Page.GetByLabel("Display name").FillAsync(displayName);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(Heading).ToHaveTextAsync("Lounges");
    }

    public async Task SignInAsync(string userName, string password)
    {
        await Page.GotoAsync("/signin");
        await Page.GetByLabel("User name").FillAsync(userName);
        await Page.GetByLabel("Password").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(Heading).ToHaveTextAsync("Lounges");
    }

    public async Task SignOutAsync()
    {
        await AccountButton.ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(Heading).ToHaveTextAsync("Welcome to ChatRoom");
    }

    /// <summary>From the lounge list into a room, once the room has been joined (unless it is expected to refuse: <paramref name="joins"/> false).</summary>
    public async Task OpenRoomAsync(string roomName, bool joins = true)
    {
        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })
            .GetByRole(AriaRole.Link, new() { Name = "Lounges" }).ClickAsync();
        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Lounges" })
            .GetByRole(AriaRole.Link, new() { Name = roomName, Exact = true }).ClickAsync();
        if (!joins)
            return;
        await Expect(Heading).ToHaveTextAsync(roomName);
        await Expect(ConnectionBanner).ToBeEmptyAsync();
    }

    /// <summary>
    /// Types a message and presses Enter; returns once the server has acknowledged it (it can be edited). A message with
    /// formatting is found by <paramref name="shown"/>, some of its text as it appears.
    /// </summary>
    public async Task SendAsync(string text, string? shown = null)
    {
        await Page.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true }).FillAsync(text);
        await Page.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true }).PressAsync("Enter");
        await Expect(EditButton(shown ?? text)).ToBeVisibleAsync();
    }

    public ILocator EditButton(string text) => Message(text).GetByRole(AriaRole.Button, new() { NameRegex = EditName() });

    public ILocator DeleteButton(string text) => Message(text).GetByRole(AriaRole.Button, new() { NameRegex = DeleteName() });

    public async Task EditAsync(string text, string newText)
    {
        await EditButton(text).ClickAsync();
        var editor = Messages.GetByRole(AriaRole.Textbox, new() { Name = "Edit message" });
        await editor.FillAsync(newText);
        await editor.PressAsync("Enter");
        await Expect(Message(newText)).ToContainTextAsync("(edited)");
    }

    /// <summary>Reacts to the message with <paramref name="text"/> through its "React" picker, with the emoji named <paramref name="emojiName"/>.</summary>
    public async Task ReactAsync(string text, string emojiName)
    {
        var message = Message(text);
        await message.HoverAsync();
        await message.GetByRole(AriaRole.Button, new() { Name = "React", Exact = true }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = $"React with {emojiName}" }).ClickAsync();
    }

    /// <summary>Answers the message with <paramref name="text"/> from its "Reply" action; returns once the reply is acknowledged.</summary>
    public async Task ReplyAsync(string text, string reply)
    {
        var message = Message(text);
        await message.HoverAsync();
        await message.GetByRole(AriaRole.Button, new() { Name = "Reply", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Group, new() { NameRegex = ReplyingTo() })).ToBeVisibleAsync();
        await SendAsync(reply);
    }

    /// <summary>Light, Dark or System, from the account menu.</summary>
    public async Task ChooseThemeAsync(string theme)
    {
        await AccountButton.ClickAsync();
        await Page.GetByLabel("Theme").SelectOptionAsync(new SelectOptionValue { Label = theme });
        await Page.Keyboard.PressAsync("Escape");
    }

    [GeneratedRegex("^Replying to ")]
    private static partial Regex ReplyingTo();

    [GeneratedRegex("^Account:")]
    private static partial Regex AccountName();

    [GeneratedRegex("^Edit your message")]
    private static partial Regex EditName();

    [GeneratedRegex("^Delete your message")]
    private static partial Regex DeleteName();
}
