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
    public async Task TheChatPageOnADesktopAndOnAPhone()
    {
        var ana = await OpenBrowserAsync("ana", Desktop);
        var ben = await OpenBrowserAsync("ben", Phone);
        await ana.RegisterAsync("ana", "Ana");
        await ben.RegisterAsync("ben", "Ben");
        await ana.OpenRoomAsync("English");
        await ben.OpenRoomAsync("English");

        await ana.SendAsync("Morning! Has anyone tried the new Portuguese room?");
        await ben.SendAsync("Not yet. Is it busy?");
        await ana.SendAsync("A few people. The guide is at https://example.com/rooms, have a look.");
        await ben.SendAsync("Thanks, will do!");
        await Expect(ana.Message("Thanks, will do")).ToBeVisibleAsync();
        await Expect(ben.Message("have a look")).ToBeVisibleAsync();
        await Expect(ana.Page.GetByRole(AriaRole.Complementary, new() { Name = "Online" })).ToContainTextAsync("Ben");

        await SaveAsync(ana, "chat-desktop");
        await SaveAsync(ben, "chat-phone");
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
        // No caret blinking or half-finished transitions in the picture.
        await person.Page.EvaluateAsync("() => document.activeElement?.blur()");
        await person.Page.ScreenshotAsync(new() { Path = Screenshots.PathFor(name), Animations = ScreenshotAnimations.Disabled });
    }
}
