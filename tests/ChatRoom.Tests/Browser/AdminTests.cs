using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatRoom.Tests.Browser;

[Collection(OneBrowserClassAtATime.Name)]
public sealed class AdminTests(LiveSystem system) : BrowserTest(system), IClassFixture<LiveSystem>
{
    [Fact]
    public async Task AnAdminChangesARoleAndDeletesAUserAndFindsBothInTheAuditLog()
    {
        var ben = await Servers.Api.NewHttpClient().RegisterAndLoginAsync("ben");
        var cleo = await Servers.Api.NewHttpClient().RegisterAndLoginAsync("cleo");
        var admin = await OpenBrowserAsync("admin");
        await admin.SignInAsync(TestInfrastructure.AdminUserName, TestInfrastructure.AdminPassword);

        await admin.Page.GetByRole(AriaRole.Link, new() { Name = "Admin: Users" }).ClickAsync();
        await Expect(admin.Heading).ToHaveTextAsync("Admin: Users");
        await admin.Page.GetByLabel($"Role for {ben.User.UserName}").SelectOptionAsync("Moderator");
        await Expect(admin.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"{ben.User.UserName} is now Moderator.");
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = $"Delete {cleo.User.UserName}", Exact = true }).ClickAsync();
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = $"Yes, delete {cleo.User.UserName}" }).ClickAsync();

        await Expect(admin.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Deleted {cleo.User.UserName}.");
        await Expect(admin.Page.GetByRole(AriaRole.Rowheader, new() { Name = cleo.User.UserName })).ToHaveCountAsync(0);
        await admin.Page.ReloadAsync();
        await Expect(admin.Page.GetByLabel($"Role for {ben.User.UserName}")).ToHaveValueAsync("Moderator");

        await admin.Page.GetByRole(AriaRole.Link, new() { Name = "Admin: Audit" }).ClickAsync();
        await Expect(admin.Heading).ToHaveTextAsync("Admin: Audit");
        var entries = admin.Page.GetByRole(AriaRole.List, new() { Name = "Audit entries, newest first" });
        var roleChange = entries.GetByRole(AriaRole.Article).Filter(new() { Has = admin.Page.GetByRole(AriaRole.Heading, new() { Name = "user.role_change" }) })
            .Filter(new() { HasText = ben.User.Id.ToString() });
        var deletion = entries.GetByRole(AriaRole.Article).Filter(new() { Has = admin.Page.GetByRole(AriaRole.Heading, new() { Name = "user.delete" }) })
            .Filter(new() { HasText = cleo.User.Id.ToString() });
        await Expect(roleChange).ToContainTextAsync("Moderator");
        await Expect(roleChange).ToContainTextAsync(TestInfrastructure.AdminUserName);
        await Expect(deletion).ToBeVisibleAsync();
        await Expect(deletion).ToContainTextAsync(TestInfrastructure.AdminUserName);
        Assert.Empty(PageErrors);
    }

    [Fact]
    public async Task PeopleWhoAreNotAdminsAreNotShownTheAdminPages()
    {
        var ana = await OpenBrowserAsync("ana");
        await ana.RegisterAsync(AuthApi.UniqueName("ana"));

        await Expect(ana.Page.GetByRole(AriaRole.Link, new() { Name = "Admin: Users" })).ToHaveCountAsync(0);
        await ana.Page.GotoAsync("/admin/users");
        await Expect(ana.Heading).ToHaveTextAsync("Admins only");
    }
}
