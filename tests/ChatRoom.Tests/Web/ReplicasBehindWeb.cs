using System.Collections.Concurrent;
using ChatRoom.Realtime;
using ChatRoom.Tests.Realtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace ChatRoom.Tests.Web;

/// <summary>
/// The Web in front of two Api replicas (one database, one Redis, one backplane), as an AppHost with
/// <c>WithReplicas(2)</c> or any load-balanced deployment gives it, and a browser that talks to the Web.
/// </summary>
public sealed class ReplicasBehindWeb(TestInfrastructure infrastructure) : IAsyncLifetime
{
    public static readonly TimeSpan HealthCheckInterval = TimeSpan.FromSeconds(1);

    private WebFactory _web = null!;

    public Replica First { get; private set; } = null!;

    public Replica Second { get; private set; } = null!;

    /// <summary>Every line the Web logs.</summary>
    public CapturedLogs WebLogs { get; } = new();

    public HttpClient Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var database = await infrastructure.CreateDatabaseAsync();
        var redis = infrastructure.CreateRedisConnectionString();
        var channelPrefix = $"test-{Guid.NewGuid():N}";
        First = Replica.Start(database, redis, channelPrefix);
        Second = Replica.Start(database, redis, channelPrefix);
        _web = new WebFactory([First.Address, Second.Address], WebLogs,
            new Dictionary<string, string> { ["ApiProxy:HealthCheckInterval"] = HealthCheckInterval.ToString() });
        Browser = new HttpClient { BaseAddress = _web.StartAndGetAddress() };
    }

    public async ValueTask DisposeAsync()
    {
        Browser?.Dispose();
        if (_web is not null)
            await _web.DisposeAsync();
        if (First is not null)
            await First.DisposeAsync();
        if (Second is not null)
            await Second.DisposeAsync();
    }

    public async Task<HttpStatusCode> GetLoungesAsync()
    {
        using var response = await Browser.GetAsync("/api/lounges", AuthApi.Ct);
        return response.StatusCode;
    }

    /// <summary>A hub connection through the Web, its requests tagged so the replicas can tell whose they served.</summary>
    public HubConnection Connect(Session session, HttpTransportType transport, string tag, bool reconnect = false)
    {
        var builder = new HubConnectionBuilder().WithUrl(new Uri(Browser.BaseAddress!, ChatHub.Path), options =>
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
    public sealed class Replica : ApiFactory
    {
        public const string TagHeader = "X-Test-Client";

        private readonly ConcurrentQueue<(string Path, string Tag)> _served = new();

        private Replica(string database, string redis, string channelPrefix) : base(database, redis, ChatApi.Settings())
        {
            ChannelPrefix = channelPrefix;
            UseKestrelOn(0);
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
