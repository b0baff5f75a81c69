using System.Text.RegularExpressions;
using ChatRoom.Tests.Realtime;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatRoom.Tests.Browser;

/// <summary>The whole system as on a laptop: texts to the Api's log, and the development payment provider's checkout page.</summary>
public sealed class MarketSystem(TestInfrastructure infrastructure) : TrustSystem(infrastructure)
{
    protected override (string Key, string Value)[] ApiSettings => [.. base.ApiSettings, ("Payments:Provider", "Development")];
}

/// <summary>
/// A member lists an item, another buys it through the development provider's checkout page, both see the sale, and
/// an admin refunds it: every step in Chromium, through the Web, the Api and PostgreSQL.
/// </summary>
[Collection(OneBrowserClassAtATime.Name)]
public sealed class MarketplaceBrowserTests(MarketSystem system) : BrowserTest(system), IClassFixture<MarketSystem>
{
    [Fact]
    public async Task AMemberListsAnItemAnotherBuysItBothSeeTheSaleAndAnAdminRefundsIt()
    {
        var word = "zq" + string.Concat(Guid.NewGuid().ToString("N").Where(char.IsAsciiLetter).Take(8));
        var title = $"Vintage {word} synthesizer";
        const string listingIdPattern = "[0-9a-f-]{36}";

        // The seller proved a phone number (selling needs one); the code comes from the Api's log.
        var sellerAccount = await Servers.Api.NewHttpClient().RegisterAndLoginAsync("seller");
        var number = "+49151" + Random.Shared.Next(10_000_000, 99_999_999);
        using (var asked = await sellerAccount.SendAsync(HttpMethod.Post, "/api/me/phone", new { phoneNumber = number }))
            Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        using (var verified = await sellerAccount.SendAsync(HttpMethod.Post, "/api/me/phone/verify", new { code = system.CodeSentTo(number) }))
            Assert.Equal(HttpStatusCode.OK, verified.StatusCode);

        var seller = await OpenBrowserAsync("seller");
        await seller.SignInAsync(sellerAccount.User.UserName, AuthApi.Password);
        await seller.Page.GetByRole(AriaRole.Link, new() { Name = "Marketplace", Exact = true }).First.ClickAsync();
        await Expect(seller.Heading).ToHaveTextAsync("Marketplace");
        await seller.Page.GetByRole(AriaRole.Link, new() { Name = "Sell something" }).ClickAsync();
        await seller.Page.GetByLabel("Title").FillAsync(title);
        await seller.Page.GetByLabel("Description").FillAsync("Works perfectly.\nComes with its power supply.");
        await seller.Page.GetByRole(AriaRole.Combobox, new() { Name = "Category" }).SelectOptionAsync(new SelectOptionValue { Label = "Music" });
        await seller.Page.GetByLabel("Price").FillAsync("245.50");
        await seller.Page.GetByRole(AriaRole.Button, new() { Name = "Create listing" }).ClickAsync();
        await Expect(seller.Heading).ToHaveTextAsync(title);
        await seller.Page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Expect(seller.Page.GetByText("On offer", new() { Exact = true }).First).ToBeVisibleAsync();

        // The buyer finds it, pays on the development checkout page and comes back to the purchase.
        var buyer = await OpenBrowserAsync("buyer");
        var buyerName = AuthApi.UniqueName("buyer");
        await buyer.RegisterAsync(buyerName);
        await buyer.Page.GotoAsync("/marketplace");
        await buyer.Page.GetByRole(AriaRole.Searchbox, new() { Name = "Search listings" }).Or(buyer.Page.GetByRole(AriaRole.Textbox, new() { Name = "Search listings" }))
            .FillAsync(word);
        await buyer.Page.Keyboard.PressAsync("Enter");
        await Expect(buyer.Page.GetByRole(AriaRole.Link, new() { Name = title })).ToBeVisibleAsync();
        await ShootAsync(buyer, "marketplace-browse");
        await buyer.Page.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Expect(buyer.Heading).ToHaveTextAsync(title);
        await Expect(buyer.Page.GetByText("€245.50").First).ToBeVisibleAsync();
        await ShootAsync(buyer, "marketplace-listing");

        // A question first: the conversation with the seller opens with a line naming the listing.
        await buyer.Page.GetByRole(AriaRole.Button, new() { Name = "Contact the seller" }).ClickAsync();
        var box = buyer.Page.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true });
        await Expect(box).ToHaveValueAsync(new Regex($"^About your listing “{title}” \\(http.*/marketplace/listings/{listingIdPattern}\\): $"));
        await box.PressSequentiallyAsync("is it still available?");
        // Once the conversation is joined, Enter sends.
        await Expect(buyer.Page.GetByRole(AriaRole.Button, new() { Name = "Send" })).ToBeEnabledAsync();
        await box.PressAsync("Enter");
        await Expect(buyer.Message("is it still available?")).ToBeVisibleAsync();
        await buyer.Page.GoBackAsync();

        await buyer.Page.GetByRole(AriaRole.Button, new() { Name = "Buy now" }).ClickAsync();
        await Expect(buyer.Page.GetByRole(AriaRole.Heading, new() { Name = "Development checkout" })).ToBeVisibleAsync();
        await ShootAsync(buyer, "marketplace-dev-checkout");
        await buyer.Page.GetByRole(AriaRole.Button, new() { Name = "Pay" }).ClickAsync();
        await Expect(buyer.Heading).ToHaveTextAsync("Purchase");
        await Expect(buyer.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Paid" })).ToBeVisibleAsync();

        // The seller sees the question with the listing's link, and the sale.
        await seller.Page.GotoAsync("/conversations");
        await seller.Page.GetByRole(AriaRole.List, new() { Name = "Conversations" }).GetByRole(AriaRole.Link, new() { Name = buyerName }).First.ClickAsync();
        var question = seller.Message("is it still available?");
        await Expect(question.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("marketplace.listings") })).ToBeVisibleAsync();
        await seller.Page.GotoAsync("/marketplace/orders");
        await seller.Page.GetByRole(AriaRole.Tab, new() { Name = "Sales" }).ClickAsync();
        var sale = seller.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = title }).Or(seller.Page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = title }));
        await Expect(sale).ToContainTextAsync("Paid");
        await ShootAsync(seller, "marketplace-sales");

        // An admin refunds it; the buyer sees the refund.
        var admin = await OpenBrowserAsync("admin");
        await admin.SignInAsync(TestInfrastructure.AdminUserName, TestInfrastructure.AdminPassword);
        await admin.Page.GotoAsync("/admin/marketplace");
        await Expect(admin.Heading).ToHaveTextAsync("Marketplace administration");
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = $"Refund {title}" }).ClickAsync();
        await admin.Page.GetByRole(AriaRole.Dialog).GetByLabel("Reason").FillAsync("Arrived broken");
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Confirm refund" }).ClickAsync();
        await Expect(admin.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = title })).ToContainTextAsync("Refunded");
        await ShootAsync(admin, "marketplace-admin");

        await buyer.Page.ReloadAsync();
        await Expect(buyer.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Refunded" })).ToBeVisibleAsync();
        await Expect(buyer.Page.GetByText("Arrived broken")).ToBeVisibleAsync();
        Assert.DoesNotContain(PageErrors, e => e.Contains("Content Security Policy", StringComparison.Ordinal));
    }

    // The pages as people see them, to artifacts/screenshots/ on every run.
    private static async Task ShootAsync(ChatPage person, string name) =>
        await person.Page.ScreenshotAsync(new() { Path = Screenshots.PathFor(name), Animations = ScreenshotAnimations.Disabled, FullPage = true });
}
