using ChatRoom.Tests.Realtime;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatRoom.Tests.Browser;

/// <summary>Two people in a direct conversation answer each other in a thread and share a picture no one else can open.</summary>
[Collection(OneBrowserClassAtATime.Name)]
public sealed class ThreadAndFileBrowserTests(LiveSystem system) : BrowserTest(system), IClassFixture<LiveSystem>
{
    // A 1×1 PNG: a real image, so the browser decodes and shows it.
    private static readonly byte[] Picture = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    [Fact]
    public async Task TwoPeopleReplyInAThreadAndShareAPictureThatAnOutsiderCannotOpen()
    {
        var anaName = AuthApi.UniqueName("ana");
        var benName = AuthApi.UniqueName("ben");
        var ana = await OpenBrowserAsync("ana");
        await ana.RegisterAsync(anaName, "Ana");
        var ben = await OpenBrowserAsync("ben");
        await ben.RegisterAsync(benName, "Ben");
        var anaApi = await Servers.Api.NewHttpClient().LoginAsync(anaName);
        var benApi = await Servers.Api.NewHttpClient().LoginAsync(benName);
        var conversation = await anaApi.StartConversationAsync(benApi.User.Id);
        foreach (var person in new[] { ana, ben })
        {
            await person.Page.GotoAsync($"/conversations/{conversation}");
            await Expect(person.ConnectionBanner).ToBeEmptyAsync();
        }

        await ana.SendAsync("Which day works for the trip?");
        await ben.ReplyAsync("Which day works", "Saturday!");
        await Expect(ana.Message("Saturday!").GetByRole(AriaRole.Button, new() { Name = "Reply to Ana: Which day works for the trip?" })).ToBeVisibleAsync();
        var count = ana.Message("Which day works").GetByRole(AriaRole.Button, new() { Name = "1 reply, open thread" });
        await count.ClickAsync();
        var thread = ana.Page.GetByRole(AriaRole.Complementary, new() { Name = "Thread" });
        await Expect(thread.GetByRole(AriaRole.List, new() { Name = "Replies" })).ToContainTextAsync("Saturday!");
        await thread.GetByRole(AriaRole.Textbox, new() { Name = "Reply in thread" }).FillAsync("Saturday it is");
        await thread.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();
        await Expect(thread).ToContainTextAsync("Saturday it is");
        await Expect(ben.Message("Which day works").GetByRole(AriaRole.Button, new() { Name = "2 replies, open thread" })).ToBeVisibleAsync();

        await ana.Page.GetByLabel("Attach file").SetInputFilesAsync(new FilePayload { Name = "map.png", MimeType = "image/png", Buffer = Picture });
        await Expect(ana.Page.GetByRole(AriaRole.List, new() { Name = "Files to send" })).ToContainTextAsync("Ready");
        await ana.Page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        var picture = ben.Messages.GetByRole(AriaRole.Img, new() { Name = "map.png" });
        await Expect(picture).ToBeVisibleAsync();
        // Decoded: the picture itself reached Ben's browser, not a broken image.
        await Expect(picture).ToHaveJSPropertyAsync("naturalWidth", 1);

        // Someone outside the conversation is told the file does not exist.
        var sent = (await benApi.FullHistoryAsync(conversation)).Single(m => m.Attachments is { Count: 1 });
        var carol = await Servers.Api.NewHttpClient().RegisterAndLoginAsync("carol");
        using var refused = await carol.GetAsync($"/api/attachments/{sent.Attachments![0].Id}");
        await AuthApi.ReadProblemAsync(refused, HttpStatusCode.NotFound, ErrorCodes.AttachmentNotFound);
        using var allowed = await benApi.GetAsync($"/api/attachments/{sent.Attachments[0].Id}");
        Assert.Equal(Picture, await allowed.Content.ReadAsByteArrayAsync(AuthApi.Ct));
    }
}
