using System.Text.RegularExpressions;
using ChatRoom.Api.Rooms;
using ChatRoom.Tests.Verification;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatRoom.Tests.Browser;

/// <summary>The whole system with the Api in Development, so text messages go to its log (the development sender), as on a laptop.</summary>
public class TrustSystem(TestInfrastructure infrastructure) : LiveSystem(infrastructure)
{
    private readonly CapturedLogs _logs = new();

    protected override (string Key, string Value)[] ApiSettings => [("environment", "Development"), ("Sms:Provider", "Development")];

    public override CapturedLogs ApiLogs => _logs;

    /// <summary>The last code the development sender "texted" to <paramref name="number"/>, read from the Api's log.</summary>
    public string CodeSentTo(string number) =>
        ApiLogs.Lines.Where(line => line.Contains($"Development text message to {number}", StringComparison.Ordinal))
            .Select(line => Regex.Match(line, @"\b\d{6}\b").Value).LastOrDefault(code => code.Length == 6)
        ?? throw new InvalidOperationException($"No code was sent to {number}.");
}

/// <summary>
/// A member proves their phone with the code the development sender logged, sends an identity document that a
/// moderator looks at and approves, and then writes in a room for age-verified members with a verified phone.
/// </summary>
[Collection(OneBrowserClassAtATime.Name)]
public sealed class TrustTests(TrustSystem system) : BrowserTest(system), IClassFixture<TrustSystem>
{
    [Fact]
    public async Task AMemberVerifiesPhoneAndAgeThenWritesInAnAdultsOnlyRoom()
    {
        var admin = await Servers.Api.NewHttpClient().LoginAdminAsync();
        var roomName = $"After dark {Guid.NewGuid():N}"[..17];
        var lounge = (await admin.GetFromJsonAsync<List<AdminLoungeResponse>>("/api/admin/lounges")).First();
        using (var created = await admin.SendAsync(HttpMethod.Post, $"/api/admin/lounges/{lounge.Id}/rooms", new
        {
            slug = $"r-{Guid.NewGuid():N}"[..16],
            name = roomName,
            languageCode = "en",
            adultsOnly = true,
            requiresVerifiedPhone = true,
        }))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var moderatorName = AuthApi.UniqueName("mod");
        using (var created = await admin.SendAsync(HttpMethod.Post, "/api/users", new { userName = moderatorName, password = AuthApi.Password, role = "Moderator" }))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var idaName = AuthApi.UniqueName("ida");
        var ida = await OpenBrowserAsync("ida");
        await ida.RegisterAsync(idaName);
        await ida.OpenRoomAsync(roomName, joins: false);
        await Expect(ida.Heading).ToHaveTextAsync("18+ room");
        await ida.Page.GetByRole(AriaRole.Link, new() { Name = "Verify your age" }).ClickAsync();

        // The phone: the code comes from the Api's log, where the development sender writes it.
        const string number = "+4915112345678";
        var phone = ida.Page.GetByRole(AriaRole.Region, new() { Name = "Phone number" });
        await phone.GetByRole(AriaRole.Textbox, new() { Name = "Phone number" }).FillAsync(number);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Send code" }).ClickAsync();
        var code = phone.GetByRole(AriaRole.Textbox, new() { Name = "Code" });
        await Expect(code).ToBeVisibleAsync();
        await code.FillAsync(system.CodeSentTo(number));
        await phone.GetByRole(AriaRole.Button, new() { Name = "Verify", Exact = true }).ClickAsync();
        await Expect(phone.GetByText("Your phone number ending in")).ToBeVisibleAsync();

        // The document: an identity card drawn for the test, sent from the profile.
        var card = await new DocumentRenderer(Servers.Browser).PictureAsync(DocumentRenderer.Card(
            "REPUBLIC OF EXAMPLE", "IDENTITY CARD", "Surname: MUSTERMANN", "Given names: ERIKA", "Date of birth: 12.08.1990", "Document No: L01X00T47"));
        var verification = ida.Page.GetByRole(AriaRole.Region, new() { Name = "Age verification" });
        await verification.GetByLabel("Identity document").SetInputFilesAsync(new FilePayload { Name = "id-card.png", MimeType = "image/png", Buffer = card });
        await verification.GetByRole(AriaRole.Button, new() { Name = "Send document" }).ClickAsync();
        await Expect(verification.GetByText("Waiting for review.")).ToBeVisibleAsync();

        // The moderator sees what OCR read, looks at the document and approves it.
        var moderator = await OpenBrowserAsync("moderator");
        await moderator.SignInAsync(moderatorName, AuthApi.Password);
        await moderator.Page.GetByRole(AriaRole.Link, new() { Name = "Moderation" }).ClickAsync();
        await moderator.Page.GetByRole(AriaRole.Tab, new() { Name = "Identity documents" }).ClickAsync();
        var document = moderator.Page.GetByRole(AriaRole.Article).Filter(new() { HasText = idaName });
        await Expect(document).ToContainTextAsync("ERIKA MUSTERMANN", new() { Timeout = 60_000 });
        await Expect(document).ToContainTextAsync("1990");
        await document.GetByRole(AriaRole.Button, new() { Name = "View document" }).ClickAsync();
        await Expect(document.GetByRole(AriaRole.Img, new() { NameRegex = new Regex("^Identity document of") })).ToBeVisibleAsync();
        await document.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Expect(moderator.Page.GetByText(new Regex("^Approved the document from"))).ToBeVisibleAsync();

        // The member is told at once, and the room lets them in.
        await Expect(ida.Page.GetByText("Your identity document was approved: you are age verified.")).ToBeVisibleAsync();
        await Expect(verification.GetByText("Age verified.")).ToBeVisibleAsync();
        await ida.OpenRoomAsync(roomName);
        await ida.SendAsync("Verified twice over, and in.");
    }
}
