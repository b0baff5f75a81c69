using ChatRoom.Chat;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace ChatRoom.Tests.Foundation;

/// <summary>
/// The shared cache in front of the database (sessions, restrictions) against a real Redis: a value loaded before a
/// change is never written back after the change dropped it, and values expire.
/// </summary>
public sealed class RedisCacheTests(TestInfrastructure infrastructure) : IAsyncLifetime
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(60);
    private readonly CacheKey _session = new("test:session", "test:session-gen");
    private readonly CacheKey _user = new("test:user", "test:user-gen");
    private ConnectionMultiplexer _redis = null!;
    private RedisCache _cache = null!;

    public async ValueTask InitializeAsync()
    {
        _redis = await ConnectionMultiplexer.ConnectAsync(infrastructure.CreateRedisConnectionString());
        _cache = new RedisCache(new RedisGuard(_redis, NullLogger<RedisGuard>.Instance), TimeProvider.System);
    }

    public async ValueTask DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task ALoadedValueIsServedUntilItIsForgotten()
    {
        var seen = await ReadAsync();
        Assert.Equal([null, null], seen.Values);
        await _cache.WriteAsync([_session, _user], seen, ["1", "alice"], Ttl, "write failed");

        Assert.Equal(["1", "alice"], (await ReadAsync()).Values);

        await _cache.ForgetAsync(_user, Ttl, "forget failed");
        Assert.Equal(["1", null], (await ReadAsync()).Values);
    }

    [Fact]
    public async Task AValueLoadedBeforeAChangeIsNotWrittenBackAfterIt()
    {
        await _cache.ForgetAsync(_user, Ttl, "forget failed");
        var seen = await ReadAsync();

        // Another replica changes the user (and drops the entry) while this one reads the database.
        await _cache.ForgetAsync(_user, Ttl, "forget failed");
        await _cache.WriteAsync([_session, _user], seen, ["1", "alice before the change"], Ttl, "write failed");

        Assert.Equal([null, null], (await ReadAsync()).Values);

        // Read afresh after the change, the value is written.
        var after = await ReadAsync();
        await _cache.WriteAsync([_session, _user], after, ["1", "alice after the change"], Ttl, "write failed");
        Assert.Equal(["1", "alice after the change"], (await ReadAsync()).Values);
    }

    [Fact]
    public async Task ValuesExpireWithinTheirLifetimeSpreadOverItsLastQuarter()
    {
        var lifetimes = new List<TimeSpan>();
        for (var i = 0; i < 20; i++)
        {
            var entry = new CacheKey($"test:spread:{i}", $"test:spread-gen:{i}");
            await _cache.WriteAsync([entry], await _cache.ReadAsync([entry], "read failed") ?? throw new InvalidOperationException(), ["x"], Ttl, "write failed");
            lifetimes.Add(await _redis.GetDatabase().KeyTimeToLiveAsync(entry.Value) ?? TimeSpan.Zero);
        }

        Assert.All(lifetimes, lifetime => Assert.InRange(lifetime, Ttl * 0.75 - TimeSpan.FromSeconds(1), Ttl));
        // Entries written together do not all expire together.
        Assert.True(lifetimes.Max() - lifetimes.Min() > TimeSpan.FromSeconds(2), $"lifetimes {string.Join(", ", lifetimes)}");
    }

    private async Task<CacheRead> ReadAsync() =>
        await _cache.ReadAsync([_session, _user], "read failed") ?? throw new InvalidOperationException("Redis did not answer");
}
