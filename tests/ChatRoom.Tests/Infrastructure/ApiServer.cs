namespace ChatRoom.Tests.Infrastructure;

/// <summary>
/// The Api on a real Kestrel port, so hub tests use real WebSockets as browsers do. Several servers over the
/// same database, Redis and channel prefix are replicas of one installation (<see cref="StartReplica"/>).
/// </summary>
public sealed class ApiServer : ApiFactory
{
    private readonly List<HttpClient> _clients = [];

    private ApiServer(string databaseConnectionString, string redisConnectionString, IReadOnlyDictionary<string, string>? settings,
        TimeProvider? clock, int port = 0)
        : base(databaseConnectionString, redisConnectionString, settings, clock) => UseKestrelOn(port);

    /// <summary>The server's base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>
    /// A started server over a fresh database cloned from the seeded template and a Redis database of its own
    /// (or the given Redis: a test that stops Redis brings its own), telling time by <paramref name="clock"/> when given.
    /// </summary>
    public static async Task<ApiServer> StartAsync(TestInfrastructure infrastructure, IReadOnlyDictionary<string, string>? settings = null,
        string? redisConnectionString = null, TimeProvider? clock = null, CapturedLogs? logs = null)
    {
        var server = new ApiServer(await infrastructure.CreateDatabaseAsync(), redisConnectionString ?? infrastructure.CreateRedisConnectionString(),
            settings, clock)
        { Logs = logs };
        server.Start();
        return server;
    }

    /// <summary>Another started replica of the same installation: same database, same Redis, same backplane prefix, same clock.</summary>
    public ApiServer StartReplica()
    {
        var replica = new ApiServer(DatabaseConnectionString, RedisConnectionString, Settings, Clock) { ChannelPrefix = ChannelPrefix, Logs = Logs };
        replica.Start();
        return replica;
    }

    /// <summary>
    /// Once this server is stopped (disposed): the same installation started again on the same port, as after a
    /// redeploy or a crash. Clients that reconnect to the old address find the new process.
    /// </summary>
    public ApiServer StartAgain()
    {
        var restarted = new ApiServer(DatabaseConnectionString, RedisConnectionString, Settings, Clock, Address.Port) { ChannelPrefix = ChannelPrefix, Logs = Logs };
        restarted.Start();
        return restarted;
    }

    /// <summary>A plain HTTP client for this server, disposed with it.</summary>
    public HttpClient NewHttpClient()
    {
        var client = new HttpClient { BaseAddress = Address };
        lock (_clients)
            _clients.Add(client);
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        lock (_clients)
        {
            _clients.ForEach(c => c.Dispose());
            _clients.Clear();
        }
        await base.DisposeAsync();
    }

    private void Start()
    {
        StartServer();
        Address = ClientOptions.BaseAddress;
    }
}
