using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Playwright;

namespace ChatRoom.AppHost.Tests;

/// <summary>The Aspire dashboard, in Chromium, as an operator sees it after <c>./run.sh</c>.</summary>
[Collection(ChatRoomApp.Name)]
public sealed class DashboardTests(ChatRoomAppFixture chatRoom)
{
    private static readonly string[] Services = ["postgres", "chatdb", "redis", "blobs", "worker", "web"];

    [Fact]
    public async Task TheDashboardListsEveryResourceRunningAndTheMigrationsFinished()
    {
        await WaitUntilSettledAsync(chatRoom.App);
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1600, Height = 900 } });

        await page.GotoAsync((await chatRoom.DashboardAddressAsync()).ToString());
        var rows = page.GetByRole(AriaRole.Row);
        await Assertions.Expect(rows.Filter(new() { HasText = "migrations" })).ToContainTextAsync("Finished");

        var texts = await rows.AllInnerTextsAsync();
        await page.ScreenshotAsync(new() { Path = Screenshots.PathOf("dashboard.png"), FullPage = true });
        foreach (var service in Services)
            Assert.Contains(texts, row => Starts(row, service) && row.Contains("Running", StringComparison.Ordinal));
        Assert.Equal(2, texts.Count(row => Starts(row, "api") && row.Contains("Running", StringComparison.Ordinal)));
        Assert.DoesNotContain(texts, row => row.Contains("Unhealthy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheDashboardShowsARequestTracedFromTheWebThroughTheApiIntoTheDatabase()
    {
        await WaitUntilSettledAsync(chatRoom.App);
        using (var web = chatRoom.App.CreateHttpClient("web"))
            (await web.GetAsync(new Uri("/api/lounges", UriKind.Relative), TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1600, Height = 900 } });

        await page.GotoAsync(new Uri(await chatRoom.DashboardAddressAsync(), "/traces").ToString());

        // The Web's proxy span is the root ("web: GET /api/{**rest}"); the Api's spans and its queries to chatdb hang below it.
        await page.GetByPlaceholder("Filter").First.ClickAsync();
        await page.Keyboard.TypeAsync("GET /api");
        var trace = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "web: GET /api" })
            .Filter(new() { HasText = "api-" }).Filter(new() { HasText = "chatdb" }).First;
        await Assertions.Expect(trace).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Screenshots.PathOf("dashboard-traces.png") });
    }

    // The first cell is the resource's name (a replica's carries a suffix); parameters like db-api-password are other rows.
    private static bool Starts(string row, string name) =>
        row.TrimStart().StartsWith(name, StringComparison.Ordinal) &&
        row.TrimStart().Skip(name.Length).FirstOrDefault() is '\t' or '\n' or ' ' or '-' && !row.TrimStart().StartsWith(name + "-password", StringComparison.Ordinal);

    private static async Task WaitUntilSettledAsync(DistributedApplication app)
    {
        using var timeout = Timeouts.Start();
        foreach (var service in Services.Append("api"))
            await app.ResourceNotifications.WaitForResourceHealthyAsync(service, WaitBehavior.StopOnResourceUnavailable, timeout.Token);
        await app.ResourceNotifications.WaitForResourceAsync("migrations", KnownResourceStates.Finished, timeout.Token);
    }
}
