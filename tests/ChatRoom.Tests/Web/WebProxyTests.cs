using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ChatRoom.Tests.Web;

/// <summary>The browser talks only to ChatRoom.Web; it must reach the Api for HTTP and WebSocket requests.</summary>
public sealed class WebProxyTests(WebProxyTests.WebInFront servers) : IClassFixture<WebProxyTests.WebInFront>
{
    private readonly Uri _webAddress = servers.WebAddress;

    /// <summary>The Web in front of one Api, shared by the tests of the class: they only read.</summary>
    public sealed class WebInFront(TestInfrastructure infrastructure) : IAsyncLifetime
    {
        private KestrelApiFactory _api = null!;
        private WebFactory _web = null!;

        public Uri WebAddress { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            _api = new KestrelApiFactory(await infrastructure.CreateDatabaseAsync(), infrastructure.CreateRedisConnectionString());
            _web = new WebFactory(_api.StartAndGetAddress().ToString().TrimEnd('/'));
            WebAddress = _web.StartAndGetAddress();
        }

        public async ValueTask DisposeAsync()
        {
            if (_web is not null)
                await _web.DisposeAsync();
            if (_api is not null)
                await _api.DisposeAsync();
        }
    }

    [Fact]
    public async Task BehindATlsTerminatingIngressTheWebSendsHstsAndMarksTheHubCookieSecure()
    {
        using var client = new HttpClient { BaseAddress = _webAddress };

        // The ingress (here: a loopback client, trusted like a configured proxy) says the browser came over HTTPS.
        using var page = await client.SendAsync(Behind(HttpMethod.Get, "/"), TestContext.Current.CancellationToken);
        using var negotiate = await client.SendAsync(Behind(HttpMethod.Post, "/hubs/chat/negotiate?negotiateVersion=1"), TestContext.Current.CancellationToken);
        using var plain = await client.GetAsync("/", TestContext.Current.CancellationToken);

        Assert.StartsWith("max-age=", page.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
        var affinity = negotiate.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".ChatRoom.HubReplica=", StringComparison.Ordinal));
        Assert.Contains("secure", affinity, StringComparison.OrdinalIgnoreCase);
    }

    private static HttpRequestMessage Behind(HttpMethod method, string path) => new(method, path)
    {
        Headers = { { "X-Forwarded-Proto", "https" }, { "X-Forwarded-Host", "chat.example.org" } },
    };

    [Fact]
    public async Task TheLoungeListComesThroughTheWebOrigin()
    {
        using var client = new HttpClient { BaseAddress = _webAddress };

        var lounges = await client.GetFromJsonAsync<List<LoungeResponse>>("/api/lounges", TestContext.Current.CancellationToken);

        Assert.Equal("Lobby", Assert.Single(lounges!).Name);
    }

    [Fact]
    public async Task ApiErrorsReachTheBrowserAsTheApiWroteThem()
    {
        using var client = new HttpClient { BaseAddress = _webAddress };

        using var response = await client.GetAsync("/api/no-such-thing", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TheSpaIsServedWithSecurityHeadersAndClientRoutesFallBackToIt()
    {
        using var client = new HttpClient { BaseAddress = _webAddress };

        using var root = await client.GetAsync("/", TestContext.Current.CancellationToken);
        using var deepLink = await client.GetAsync("/rooms/some-room", TestContext.Current.CancellationToken);

        var html = await root.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("<div id=\"root\">", html, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", root.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", root.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", root.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(html, await deepLink.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task WebSocketsUnderHubsAreProxiedBothWays()
    {
        using var socket = new ClientWebSocket();
        var uri = new UriBuilder(_webAddress) { Scheme = "ws", Path = KestrelApiFactory.EchoPath }.Uri;

        await socket.ConnectAsync(uri, TestContext.Current.CancellationToken);
        await socket.SendAsync(Encoding.UTF8.GetBytes("hello through the proxy"), WebSocketMessageType.Text, true,
            TestContext.Current.CancellationToken);
        var buffer = new byte[256];
        var received = await socket.ReceiveAsync(buffer, TestContext.Current.CancellationToken);

        Assert.Equal("echo: hello through the proxy", Encoding.UTF8.GetString(buffer, 0, received.Count));
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// The Api on a real port (YARP needs one), with a WebSocket echo under /hubs so the proxying of
    /// upgrades can be observed end to end.
    /// </summary>
    private sealed class KestrelApiFactory : ApiFactory
    {
        public const string EchoPath = "/hubs/test-echo";

        public KestrelApiFactory(string database, string redis) : base(database, redis) => UseKestrelOn(0);

        public Uri StartAndGetAddress()
        {
            StartServer();
            return ClientOptions.BaseAddress;
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, EchoStartup>());
        }

        private sealed class EchoStartup : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                app.UseWebSockets();
                app.Use(async (context, nextMiddleware) =>
                {
                    if (context.Request.Path != EchoPath || !context.WebSockets.IsWebSocketRequest)
                    {
                        await nextMiddleware(context);
                        return;
                    }
                    using var socket = await context.WebSockets.AcceptWebSocketAsync();
                    var buffer = new byte[256];
                    var message = await socket.ReceiveAsync(buffer, context.RequestAborted);
                    var reply = Encoding.UTF8.GetBytes("echo: " + Encoding.UTF8.GetString(buffer, 0, message.Count));
                    await socket.SendAsync(reply, WebSocketMessageType.Text, true, context.RequestAborted);
                    await socket.ReceiveAsync(buffer, context.RequestAborted);
                    await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", context.RequestAborted);
                });
                next(app);
            };
        }
    }
}
