using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace ChatRoom.AppHost.Tests;

public sealed class AppHostTests(ChatRoomAppFixture chatRoom) : IClassFixture<ChatRoomAppFixture>
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task MigrationsRunToTheEndAndExitWithZero()
    {
        using var timeout = NewTimeout();

        var migrations = await chatRoom.App.ResourceNotifications.WaitForResourceAsync(
            "migrations",
            change => change.Snapshot.State?.Text is { } state && KnownResourceStates.TerminalStates.Contains(state),
            timeout.Token);

        Assert.Equal(0, migrations.Snapshot.ExitCode);
    }

    [Theory]
    [InlineData("postgres")]
    [InlineData("redis")]
    [InlineData("api")]
    [InlineData("worker")]
    [InlineData("web")]
    public async Task EveryLongRunningResourceBecomesHealthy(string resource)
    {
        using var timeout = NewTimeout();

        var healthy = await chatRoom.App.ResourceNotifications.WaitForResourceHealthyAsync(
            resource, WaitBehavior.StopOnResourceUnavailable, timeout.Token);

        Assert.Equal(KnownResourceStates.Running, healthy.Snapshot.State?.Text);
    }

    [Fact]
    public async Task WebServesTheSpaWithItsScript()
    {
        using var timeout = NewTimeout();
        using var web = chatRoom.App.CreateHttpClient("web");

        using var page = await web.GetAsync(new Uri("/", UriKind.Relative), timeout.Token);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync(timeout.Token);
        Assert.Contains("<div id=\"root\">", html, StringComparison.Ordinal);

        // A page whose bundle does not load is a blank page: fetch the script index.html points at.
        var script = Regex.Match(html, "<script[^>]+src=\"(/assets/[^\"]+\\.js)\"");
        Assert.True(script.Success, "index.html references no /assets/*.js bundle: " + html);
        using var bundle = await web.GetAsync(new Uri(script.Groups[1].Value, UriKind.Relative), timeout.Token);
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
    }

    [Fact]
    public async Task ApiReportsItselfHealthy()
    {
        using var timeout = NewTimeout();
        using var api = chatRoom.App.CreateHttpClient("api");

        using var response = await api.GetAsync(new Uri("/health", UriKind.Relative), timeout.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task WebProxiesTheLoungeListWithTheSeededLobby()
    {
        using var timeout = NewTimeout();
        using var web = chatRoom.App.CreateHttpClient("web");

        using var response = await web.GetAsync(new Uri("/api/lounges", UriKind.Relative), timeout.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var lounges = await response.Content.ReadFromJsonAsync<List<Lounge>>(timeout.Token);
        Assert.NotNull(lounges);
        var lobby = Assert.Single(lounges, lounge => lounge.Slug == "lobby");
        Assert.NotEmpty(lobby.Rooms);
    }

    private static CancellationTokenSource NewTimeout()
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(RequestTimeout);
        return timeout;
    }

    private sealed record Lounge(string Slug, string Name, List<Room> Rooms);

    private sealed record Room(string Slug, string Name);
}
