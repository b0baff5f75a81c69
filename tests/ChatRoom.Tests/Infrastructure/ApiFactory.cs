using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace ChatRoom.Tests.Infrastructure;

/// <summary>
/// The Api over a real PostgreSQL database and a real Redis, configured as run.sh configures it. Given a
/// <paramref name="clock"/> (a <c>FakeTimeProvider</c>), the whole Api tells time by it instead of the system clock.
/// </summary>
public class ApiFactory(string databaseConnectionString, string redisConnectionString,
    IReadOnlyDictionary<string, string>? settings = null, TimeProvider? clock = null)
    : WebApplicationFactory<Program>
{
    /// <summary>A factory over a fresh database cloned from the seeded template, and a Redis database of its own.</summary>
    public static async Task<ApiFactory> CreateAsync(TestInfrastructure infrastructure,
        IReadOnlyDictionary<string, string>? settings = null, TimeProvider? clock = null) =>
        new(await infrastructure.CreateDatabaseAsync(), infrastructure.CreateRedisConnectionString(), settings, clock);

    /// <summary>The key tokens are signed with in tests (forged-token tests sign with others).</summary>
    public const string SigningKey = "test-signing-key-of-at-least-thirty-two-bytes-0123456789";
    public const string PhoneKey = "test-phone-encryption-key-of-at-least-thirty-two-bytes";
    public const string PhoneHashKey = "test-phone-hash-key-of-at-least-thirty-two-bytes-012345";

    public string DatabaseConnectionString => databaseConnectionString;

    public string RedisConnectionString => redisConnectionString;

    public IReadOnlyDictionary<string, string>? Settings => settings;

    /// <summary>The clock the Api runs on, when a test gave one.</summary>
    public TimeProvider? Clock => clock;

    public string ChannelPrefix { get; init; } = $"test-{Guid.NewGuid():N}";

    /// <summary>When set, every line the Api logs is kept here too (e.g. the development text messages).</summary>
    public CapturedLogs? Logs { get; init; }

    private int? _kestrelPort;

    /// <summary>Serves on a real Kestrel port (0: any free one) instead of the in-memory test server.</summary>
    protected void UseKestrelOn(int port)
    {
        UseKestrel();
        _kestrelPort = port;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        if (_kestrelPort is { } port)
            KestrelTestPort.Listen(builder, port);
        // Host settings, so Program sees them while it registers services.
        // As in production, the Api connects as its own role, which may not DELETE.
        builder.UseSetting("ConnectionStrings:chatdb", DatabaseRolesForTests.Api(databaseConnectionString));
        builder.UseSetting("ConnectionStrings:redis", redisConnectionString);
        builder.UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", "");
        builder.UseSetting("Jwt:SigningKey", SigningKey);
        builder.UseSetting("PhoneProtection:Keys:1", PhoneKey);
        builder.UseSetting("PhoneProtection:CurrentKeyId", "1");
        builder.UseSetting("PhoneProtection:HashKey", PhoneHashKey);
        // Test classes share one Redis server: their backplanes must not hear each other.
        builder.UseSetting("Realtime:ChannelPrefix", ChannelPrefix);
        // Most tests send faster than a person; the limits themselves are tested with their own settings.
        builder.UseSetting("RateLimits:Messages:PerUser", "100000");
        builder.UseSetting("RateLimits:Api:PerUser", "1000000");
        builder.UseSetting("RateLimits:Heartbeat:PerUser", "100000");
        builder.UseSetting("Realtime:HubCallsPerSecond", "10000");
        builder.UseSetting("Realtime:HubCallBurst", "100000");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            builder.UseSetting(key, value);
        if (clock is not null)
            builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton(clock)));
        if (Logs is not null)
            builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }
}
