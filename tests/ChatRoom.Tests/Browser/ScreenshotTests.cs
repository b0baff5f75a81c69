using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatRoom.Tests.Browser;

/// <summary>
/// The pages as people see them, saved to <c>artifacts/screenshots/</c> on every run (docs/screenshots holds the
/// copies the README shows). Each asserts the page is in the state worth showing before it is taken.
/// </summary>
[Collection(OneBrowserClassAtATime.Name)]
public sealed class ScreenshotTests(LiveSystem system) : BrowserTest(system), IClassFixture<LiveSystem>
{
    [Fact]
    public async Task TheSignInPage()
    {
        var visitor = await OpenBrowserAsync("visitor");
        await visitor.Page.GotoAsync("/");

        await Expect(visitor.Heading).ToHaveTextAsync("Welcome to ChatRoom");
        await Expect(visitor.Page.GetByRole(AriaRole.Tab, new() { Name = "Sign in" })).ToHaveAttributeAsync("aria-selected", "true");
        await SaveAsync(visitor, "sign-in");
    }

    [Fact]
    public async Task TheChatPageOnADesktopAndOnAPhoneInLightAndDark()
    {
        var ana = await OpenBrowserAsync("ana", Desktop);
        var ben = await OpenBrowserAsync("ben", Phone);
        await ana.RegisterAsync(AuthApi.UniqueName("ana"), "Ana");
        await ben.RegisterAsync(AuthApi.UniqueName("ben"), "Ben");
        await ana.OpenRoomAsync("English");
        await ben.OpenRoomAsync("English");

        await ana.SendAsync("Morning! Has anyone tried the new **Portuguese** room? 🇵🇹", shown: "Has anyone tried");
        await ben.ReplyAsync("Has anyone tried", "Not yet. Is it busy?");
        await ana.SendAsync("A few people. The guide is at https://example.com/rooms, have a look.");
        await ana.SendAsync("Tip: `/help` in any room lists what you can do ✨", shown: "Tip:");
        await ben.SendAsync("Thanks, will do! 🎉");
        await ben.ReactAsync("Tip:", "thumbs up");
        await Expect(ana.Message("Tip:").GetByRole(AriaRole.Button, new() { Name = "👍 1 reaction" })).ToBeVisibleAsync();
        await Expect(ana.Message("Thanks, will do")).ToBeVisibleAsync();
        await Expect(ben.Message("have a look")).ToBeVisibleAsync();
        await Expect(ana.Page.GetByRole(AriaRole.Complementary, new() { Name = "Online" })).ToContainTextAsync("Ben");
        await Expect(ana.Messages.Locator("strong")).ToHaveTextAsync("Portuguese");
        await Expect(ana.Message("Not yet").GetByRole(AriaRole.Button, new() { NameRegex = new("^Reply to Ana: Morning!") })).ToBeVisibleAsync();
        await Expect(ana.Message("Has anyone tried").GetByRole(AriaRole.Button, new() { Name = "1 reply, open thread" })).ToBeVisibleAsync();

        await SaveAsync(ana, "chat-desktop");
        await SaveAsync(ben, "chat-phone");
        foreach (var person in new[] { ana, ben })
        {
            await person.ChooseThemeAsync("Dark");
            await Expect(person.Page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        }
        await SaveAsync(ana, "chat-desktop-dark");
        await SaveAsync(ben, "chat-phone-dark");
    }

    [Fact]
    public async Task TheAdminUsersPage()
    {
        foreach (var name in new[] { "maria", "tomas", "yuki" })
            await Servers.Api.NewHttpClient().RegisterAsync(name);
        var admin = await OpenBrowserAsync("admin");
        await admin.SignInAsync(TestInfrastructure.AdminUserName, TestInfrastructure.AdminPassword);
        await admin.Page.GetByRole(AriaRole.Link, new() { Name = "Admin: Users" }).ClickAsync();

        await Expect(admin.Page.GetByRole(AriaRole.Table)).ToContainTextAsync("maria");
        await SaveAsync(admin, "admin-users");
    }

    private static async Task SaveAsync(ChatPage person, string name)
    {
        // No caret blinking, hover toolbar or half-finished transitions in the picture.
        await person.Page.EvaluateAsync("() => document.activeElement?.blur()");
        await person.Page.Mouse.MoveAsync(0, 0);
        await person.Page.ScreenshotAsync(new() { Path = Screenshots.PathFor(name), Animations = ScreenshotAnimations.Disabled });
    }
}
