extern alias web;

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using ChatRoom.Chat;
using ChatRoom.Realtime;
using ChatRoom.Tests.Realtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace ChatRoom.Tests.Web;

/// <summary>
/// The Web in front of two Api replicas, as an AppHost with <c>WithReplicas(2)</c> or any load-balanced deployment
/// gives it: both serve, a stopped one is left out within one health-check interval, and a hub connection keeps to
/// one replica.
/// </summary>
public sealed class ApiReplicasTests(TestInfrastructure infrastructure) : IAsyncLifetime
{
    private static readonly TimeSpan HealthCheckInterval = TimeSpan.FromSeconds(1);

    private readonly CapturedLogs _webLogs = new();
    private Replica _first = null!;
    private Replica _second = null!;
    private WebFactory _web = null!;
    private HttpClient _browser = null!;

    public async ValueTask InitializeAsync()
    {
        var database = await infrastructure.CreateDatabaseAsync();
        var redis = infrastructure.CreateRedisConnectionString();
        var channelPrefix = $"test-{Guid.NewGuid():N}";
        _first = Replica.Start(database, redis, channelPrefix);
        _second = Replica.Start(database, redis, channelPrefix);
        _web = new WebFactory([_first.Address, _second.Address], _webLogs,
            new Dictionary<string, string> { ["ApiProxy:HealthCheckInterval"] = HealthCheckInterval.ToString() });
        _browser = new HttpClient { BaseAddress = _web.StartAndGetAddress() };
    }

    public async ValueTask DisposeAsync()
    {
        _browser.Dispose();
        await _web.DisposeAsync();
        await _first.DisposeAsync();
        await _second.DisposeAsync();
    }

    [Fact]
    public async Task RequestsThroughTheWebAreServedByEveryReplica()
    {
        for (var i = 0; i < 40; i++)
            Assert.Equal(HttpStatusCode.OK, await GetLoungesAsync());

        Assert.True(_first.CountServed("/api/lounges") > 0, "The first replica served none.");
        Assert.True(_second.CountServed("/api/lounges") > 0, "The second replica served none.");
    }

    [Fact]
    public async Task WhenAReplicaStopsRequestsSucceedAgainWithinOneHealthCheckInterval()
    {
        await Eventually.HoldsAsync(async () =>
            await GetLoungesAsync() == HttpStatusCode.OK && _first.CountServed("/api/lounges") > 0 && _second.CountServed("/api/lounges") > 0);

        await _first.DisposeAsync();
        var sinceStop = Stopwatch.StartNew();
        var outcomes = new List<(TimeSpan Sent, HttpStatusCode Status)>();
        while (sinceStop.Elapsed < 3 * HealthCheckInterval)
            outcomes.Add((sinceStop.Elapsed, await GetLoungesAsync()));

        Assert.All(outcomes.Where(o => o.Status != HttpStatusCode.OK), failed => Assert.True(failed.Sent < HealthCheckInterval,
            $"A request sent {failed.Sent.TotalMilliseconds:F0} ms after the replica stopped answered {(int)failed.Status}."));
        Assert.Contains(outcomes, o => o.Sent >= 2 * HealthCheckInterval && o.Status == HttpStatusCode.OK);
    }

    [Fact]
    public async Task AReplicaThatStopsWhileNobodyAsksIsLeftOutBeforeTheNextRequest()
    {
        await _first.DisposeAsync();

        // Without traffic only the active health check can notice; once it has, no request reaches the dead replica.
        await Eventually.HoldsAsync(() => Task.FromResult(_webLogs.Lines.Any(line =>
                line.Contains("replica-0", StringComparison.Ordinal) && line.Contains("cluster `api` is set to 'Unhealthy'", StringComparison.Ordinal))),
            within: TimeSpan.FromSeconds(10), because: "The health check did not take the stopped replica out.");
        for (var i = 0; i < 20; i++)
            Assert.Equal(HttpStatusCode.OK, await GetLoungesAsync());
    }

    [Theory]
    [InlineData(HttpTransportType.WebSockets)]
    [InlineData(HttpTransportType.ServerSentEvents)]
    [InlineData(HttpTransportType.LongPolling)]
    public async Task EveryHubConnectionKeepsToOneReplicaAndTheConnectionsSpreadOverBoth(HttpTransportType transport)
    {
        var session = await _browser.RegisterAndLoginAsync("spread");
        var hubs = new List<HubConnection>();
        try
        {
            for (var i = 0; i < 4; i++)
            {
                // Each one a browser of its own (its own cookies), named in a header so the replicas can tell them apart.
                var hub = Connect(session, transport, tag: $"{transport}-{i}");
                hubs.Add(hub);
                await hub.StartAsync(AuthApi.Ct);
                for (var beat = 0; beat < 3; beat++)
                    await hub.InvokeAsync("Heartbeat", AuthApi.Ct);
            }

            var replicasPerConnection = Enumerable.Range(0, hubs.Count)
                .Select(i => new[] { _first, _second }.Count(r => r.ServedHubRequestsOf($"{transport}-{i}") > 0))
                .ToList();
            Assert.All(replicasPerConnection, count => Assert.Equal(1, count));
            Assert.True(_first.ServedHubRequestsOf($"{transport}-") > 0 && _second.ServedHubRequestsOf($"{transport}-") > 0,
                "All hub connections went to one replica.");
        }
        finally
        {
            foreach (var hub in hubs)
                await hub.DisposeAsync();
        }
    }

    [Fact]
    public async Task AHubConnectionWhoseReplicaStopsReconnectsToTheOther()
    {
        var session = await _browser.RegisterAndLoginAsync("moved");
        await using var hub = Connect(session, HttpTransportType.WebSockets, tag: "moving", reconnect: true);
        var reconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Reconnected += _ =>
        {
            reconnected.TrySetResult();
            return Task.CompletedTask;
        };
        await hub.StartAsync(AuthApi.Ct);
        await hub.InvokeAsync("Heartbeat", AuthApi.Ct);
        var (serving, other) = _first.ServedHubRequestsOf("moving") > 0 ? (_first, _second) : (_second, _first);

        await serving.DisposeAsync();

        await reconnected.Task.WaitAsync(TimeSpan.FromSeconds(20), AuthApi.Ct);
        await hub.InvokeAsync("Heartbeat", AuthApi.Ct);
        Assert.True(other.ServedHubRequestsOf("moving") > 0);
    }

    [Fact]
    public async Task TheHubReplicaCookieIsHttpOnlyStrictAndKeptToTheHubs()
    {
        var session = await _browser.RegisterAndLoginAsync("cookie");
        using var negotiate = new HttpRequestMessage(HttpMethod.Post, $"{ChatHub.Path}/negotiate?negotiateVersion=1");
        negotiate.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.AccessToken);

        using var response = await _browser.SendAsync(negotiate, AuthApi.Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = AuthApi.SetCookies(response)[web::ChatRoom.Web.ApiProxy.HubAffinityCookie];
        Assert.True(cookie.HttpOnly);
        Assert.Equal(Microsoft.Net.Http.Headers.SameSiteMode.Strict, cookie.SameSite);
        Assert.Equal("/hubs", cookie.Path.ToString());
        Assert.False(cookie.Secure); // plain http here; over https the cookie is Secure
    }

    [Theory]
    [InlineData("")]
    [InlineData("http://127.0.0.1:5180 localhost:5181")]
    public async Task AWebWithoutValidApiAddressesStopsAtStartNamingTheSetting(string addresses)
    {
        await using var web = new WebFactory(addresses.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        var error = Record.Exception(() => web.StartAndGetAddress());

        Assert.NotNull(error);
        Assert.Contains("services__api__http__0", error.ToString(), StringComparison.Ordinal);
    }

    private async Task<HttpStatusCode> GetLoungesAsync()
    {
        using var response = await _browser.GetAsync("/api/lounges", AuthApi.Ct);
        return response.StatusCode;
    }

    private HubConnection Connect(Session session, HttpTransportType transport, string tag, bool reconnect = false)
    {
        var builder = new HubConnectionBuilder().WithUrl(new Uri(_browser.BaseAddress!, ChatHub.Path), options =>
        {
            options.Transports = transport;
            options.AccessTokenProvider = () => Task.FromResult<string?>(session.AccessToken);
            options.Headers[Replica.TagHeader] = tag;
        });
        if (reconnect)
            builder.WithAutomaticReconnect([TimeSpan.Zero, .. Enumerable.Repeat(TimeSpan.FromMilliseconds(250), 40)]);
        return builder.Build();
    }

    /// <summary>
    /// An Api replica on a real port (same database, Redis and backplane as the others) that notes every request it
    /// serves: its path and the tag a test client put on it.
    /// </summary>
    private sealed class Replica : ApiFactory
    {
        public const string TagHeader = "X-Test-Client";

        private readonly ConcurrentQueue<(string Path, string Tag)> _served = new();

        private Replica(string database, string redis, string channelPrefix) : base(database, redis, ChatApi.Settings())
        {
            ChannelPrefix = channelPrefix;
            UseKestrel(0);
        }

        public string Address { get; private set; } = "";

        public static Replica Start(string database, string redis, string channelPrefix)
        {
            var replica = new Replica(database, redis, channelPrefix);
            replica.StartServer();
            replica.Address = replica.ClientOptions.BaseAddress.ToString().TrimEnd('/');
            return replica;
        }

        public int CountServed(string path) => _served.Count(r => r.Path == path);

        /// <summary>Hub requests (negotiate, WebSocket, SSE, polls, sends) from the clients whose tag starts so.</summary>
        public int ServedHubRequestsOf(string tagPrefix) =>
            _served.Count(r => r.Path.StartsWith(ChatHub.Path, StringComparison.Ordinal) && r.Tag.StartsWith(tagPrefix, StringComparison.Ordinal));

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new Recorder(_served)));
        }

        private sealed class Recorder(ConcurrentQueue<(string Path, string Tag)> served) : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                app.Use((context, nextMiddleware) =>
                {
                    served.Enqueue((context.Request.Path.Value ?? "", context.Request.Headers[TagHeader].ToString()));
                    return nextMiddleware(context);
                });
                next(app);
            };
        }
    }
}
