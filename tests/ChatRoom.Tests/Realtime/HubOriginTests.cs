using System.Net.WebSockets;
using ChatRoom.Chat;
using ChatRoom.Realtime;

namespace ChatRoom.Tests.Realtime;

/// <summary>A page of another site cannot open the hub with the user's token; the app's own origin can.</summary>
public sealed class HubOriginTests(HubOriginTests.Server server) : IClassFixture<HubOriginTests.Server>, IAsyncLifetime
{
    private const string Evil = "https://evil.example";
    private const string Partner = "https://chat.partner.example";
    private readonly ApiServer _api = server.Api;
    private Session _alice = null!;

    /// <summary>An Api that also serves a partner's site, besides the app's own origin.</summary>
    public sealed class Server(TestInfrastructure infrastructure) : ChatServerFixture(infrastructure)
    {
        protected override (string Key, string Value)[] Settings => [("Realtime:AllowedOrigins:0", Partner)];
    }

    public async ValueTask InitializeAsync() => _alice = await ChatApi.SignInAsync(_api, "alice");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private string SameOrigin => _api.Address.GetLeftPart(UriPartial.Authority);

    [Fact]
    public async Task NegotiatingFromAnotherSitesPageIsRefused()
    {
        using var evil = await NegotiateAsync(Evil);
        using var same = await NegotiateAsync(SameOrigin);
        using var partner = await NegotiateAsync(Partner);
        using var noOrigin = await NegotiateAsync(null);

        var problem = await AuthApi.ReadProblemAsync(evil, HttpStatusCode.Forbidden);
        Assert.Contains(Evil, problem.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Equal(HttpStatusCode.OK, partner.StatusCode);
        Assert.Equal(HttpStatusCode.OK, noOrigin.StatusCode);
    }

    [Fact]
    public async Task AWebSocketFromAnotherSitesPageIsRefused()
    {
        Assert.Equal(HttpStatusCode.Forbidden, await OpenWebSocketAsync(Evil));
        Assert.Equal(HttpStatusCode.SwitchingProtocols, await OpenWebSocketAsync(SameOrigin));
    }

    [Fact]
    public async Task AHubConnectionFromTheAppsOwnOriginWorksAndOneFromAnotherSiteDoesNot()
    {
        await using var own = await ChatClient.ConnectAsync(_api, _alice, o => o.Headers["Origin"] = SameOrigin);
        await using var evil = ChatClient.Create(_api, _alice, o => o.Headers["Origin"] = Evil);

        var joined = await own.JoinAsync(await server.NewRoomAsync());
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => evil.Hub.StartAsync(AuthApi.Ct));

        Assert.NotNull(joined.Room);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task PagesServedByTheWebInFrontOfTheApiMayOpenTheHubThroughItsProxy()
    {
        await using var web = new WebFactory(_api.Address.ToString().TrimEnd('/'));
        using var browser = new HttpClient { BaseAddress = web.StartAndGetAddress() };

        using var own = await NegotiateAsync(browser.BaseAddress.GetLeftPart(UriPartial.Authority), browser);
        using var evil = await NegotiateAsync(Evil, browser);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, evil.StatusCode);
    }

    private async Task<HttpResponseMessage> NegotiateAsync(string? origin, HttpClient? through = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{ChatHub.Path}/negotiate?negotiateVersion=1");
        request.Headers.Authorization = new("Bearer", _alice.AccessToken);
        if (origin is not null)
            request.Headers.Add("Origin", origin);
        return await (through ?? _api.NewHttpClient()).SendAsync(request, AuthApi.Ct);
    }

    /// <summary>A WebSocket straight to the hub, as a browser opens it: token in the query, Origin set by the browser.</summary>
    private async Task<HttpStatusCode> OpenWebSocketAsync(string origin)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Origin", origin);
        var uri = new UriBuilder(new Uri(_api.Address, ChatHub.Path)) { Scheme = "ws", Query = $"access_token={_alice.AccessToken}" }.Uri;
        try
        {
            await socket.ConnectAsync(uri, AuthApi.Ct);
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", AuthApi.Ct);
        }
        catch (WebSocketException)
        {
            // Refused during the handshake: the status says why.
        }
        return socket.HttpStatusCode;
    }
}
