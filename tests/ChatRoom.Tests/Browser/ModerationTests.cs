using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatRoom.Tests.Browser;

[Collection(OneBrowserClassAtATime.Name)]
public sealed partial class ModerationTests(LiveSystem system) : BrowserTest(system), IClassFixture<LiveSystem>
{
    [Fact]
    public async Task AReportReachesAModeratorWhoResolvesItAndMutesTheAuthorWhoIsToldUntilWhen()
    {
        var moderatorName = AuthApi.UniqueName("mod");
        var admin = await Servers.Api.NewHttpClient().LoginAdminAsync();
        using (var created = await admin.SendAsync(HttpMethod.Post, "/api/users", new { userName = moderatorName, password = AuthApi.Password, role = "Moderator" }))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var benName = AuthApi.UniqueName("ben");
        var ana = await OpenBrowserAsync("ana");
        await ana.RegisterAsync(AuthApi.UniqueName("ana"));
        var ben = await OpenBrowserAsync("ben");
        await ben.RegisterAsync(benName);
        await ana.OpenRoomAsync("English");
        await ben.OpenRoomAsync("English");
        const string spam = "buy cheap watches at my shop";
        await ben.SendAsync(spam);

        await ana.Message(spam).GetByRole(AriaRole.Button, new() { NameRegex = ReportName() }).ClickAsync();
        var dialog = ana.Page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Reason").FillAsync("advertising");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Send report" }).ClickAsync();
        await Expect(dialog).ToContainTextAsync("Your report is with the moderators");

        var moderator = await OpenBrowserAsync("moderator");
        await moderator.SignInAsync(moderatorName, AuthApi.Password);
        await moderator.Page.GetByRole(AriaRole.Link, new() { Name = "Moderation" }).ClickAsync();
        await Expect(moderator.Heading).ToHaveTextAsync("Moderation");
        var report = moderator.Page.GetByRole(AriaRole.Article).Filter(new() { HasText = spam });
        await Expect(report).ToContainTextAsync("advertising");
        await report.GetByRole(AriaRole.Button, new() { Name = "Resolve" }).ClickAsync();
        await Expect(moderator.Page.GetByText("Report resolved.")).ToBeVisibleAsync();

        await moderator.OpenRoomAsync("English");
        await moderator.Message(spam).GetByRole(AriaRole.Button, new() { Name = $"Mute {benName} for 10 minutes" }).ClickAsync();
        await Expect(moderator.Page.GetByText($"{benName} is muted for 10 minutes.")).ToBeVisibleAsync();

        var composer = ben.Page.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true });
        await composer.FillAsync("why can I not talk");
        await composer.PressAsync("Enter");
        await Expect(ben.Page.GetByText(MutedUntil()).First).ToBeVisibleAsync();
        // The refused send is logged by the browser as a failed request (403); nothing else went wrong.
        Assert.DoesNotContain(PageErrors, e => !e.Contains("403", StringComparison.Ordinal));
    }

    [GeneratedRegex("^Report ")]
    private static partial Regex ReportName();

    [GeneratedRegex("muted until")]
    private static partial Regex MutedUntil();
}
