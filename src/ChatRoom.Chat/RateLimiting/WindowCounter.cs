using System.Collections.Concurrent;
using System.Globalization;
using StackExchange.Redis;

namespace ChatRoom.Chat.RateLimiting;

public readonly record struct RateLimitDecision(bool Allowed, TimeSpan RetryAfter);

/// <summary>
/// Fixed-window counters shared by every Api replica through Redis (one round trip: INCR and set the
/// expiry in a script). While Redis is unreachable each replica counts in memory, so limits still hold,
/// per replica, instead of failing open or failing every request. The Api's request policies and the chat
/// core's send limit both count here: exactly, a round trip per hit (<see cref="HitAsync"/>), or here with
/// the counts shared in the background (<see cref="HitHereAsync"/>).
/// </summary>
public sealed class WindowCounter(IConnectionMultiplexer redis, TimeProvider clock, ILogger<WindowCounter> logger) : IDisposable
{
    /// <summary>How often counts taken by <see cref="HitHereAsync"/> go to Redis, and the other replicas' come back.</summary>
    public static readonly TimeSpan SyncInterval = TimeSpan.FromMilliseconds(250);

    private const string IncrementScript =
        "local c = redis.call('INCRBY', KEYS[1], ARGV[1]) if c == tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return c";

    private readonly ConcurrentDictionary<string, LocalCount> _local = new(StringComparer.Ordinal);
    private readonly Lock _syncStart = new();
    private ITimer? _sync;
    private int _syncing;

    /// <summary>Counts one hit in Redis and says whether it is within <paramref name="limit"/>.</summary>
    public async Task<RateLimitDecision> HitAsync(string policy, string partition, int limit, TimeSpan window)
    {
        var (key, windowIndex, windowMs, retryAfter) = WindowOf(policy, partition, window);
        long count;
        try
        {
            if (!redis.IsConnected)
                throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, "Redis is not connected.");
            count = (long)await redis.GetDatabase().ScriptEvaluateAsync(IncrementScript, [key], [1, windowMs]);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Counted here like a hit decided here: the count reaches Redis with the next sync once it is back.
            logger.LogWarning("Rate limiting falls back to this instance's memory: {Reason}", ex.Message);
            count = _local.GetOrAdd(key, new LocalCount(windowIndex, windowMs)).Add();
            StartSync();
        }
        return new RateLimitDecision(count <= limit, retryAfter);
    }

    /// <summary>
    /// Counts one hit and decides here: this replica's hits plus the other replicas' as Redis last told. The first hit of
    /// a window on this replica reads the window's total from Redis (one round trip per partition and window); later hits
    /// need none, and the counts are shared every <see cref="SyncInterval"/> while hits come. A user spread over several
    /// replicas may pass the limit by what those admit within one interval: worth it for a limit that sees every request.
    /// While Redis is unreachable the count is this replica's alone.
    /// </summary>
    public async ValueTask<RateLimitDecision> HitHereAsync(string policy, string partition, int limit, TimeSpan window)
    {
        var (key, windowIndex, windowMs, retryAfter) = WindowOf(policy, partition, window);
        if (!_local.TryGetValue(key, out var count))
        {
            var fresh = new LocalCount(windowIndex, windowMs);
            count = _local.GetOrAdd(key, fresh);
            if (ReferenceEquals(count, fresh))
                await SeedAsync(key, fresh);
        }
        StartSync();
        return new RateLimitDecision(count.Add() <= limit, retryAfter);
    }

    private async Task SeedAsync(string key, LocalCount count)
    {
        try
        {
            if (redis.IsConnected && await redis.GetDatabase().StringGetAsync(key) is { HasValue: true } total)
                count.Seen((long)total);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning("Rate limiting counts this window here alone for now: {Reason}", ex.Message);
        }
    }

    private (string Key, long WindowIndex, long WindowMs, TimeSpan RetryAfter) WindowOf(string policy, string partition, TimeSpan window)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var windowMs = (long)window.TotalMilliseconds;
        var windowIndex = now / windowMs;
        var key = $"chatroom:ratelimit:{policy}:{partition}:{windowIndex.ToString(CultureInfo.InvariantCulture)}";
        return (key, windowIndex, windowMs, TimeSpan.FromMilliseconds(((windowIndex + 1) * windowMs) - now));
    }

    private void StartSync()
    {
        if (Volatile.Read(ref _sync) is not null)
            return;
        lock (_syncStart)
            _sync ??= clock.CreateTimer(_ => _ = SyncAsync(), null, SyncInterval, SyncInterval);
    }

    /// <summary>Sends the hits taken since the last sync, learns the totals, and forgets windows that have ended.</summary>
    private async Task SyncAsync()
    {
        if (Interlocked.Exchange(ref _syncing, 1) == 1)
            return;
        try
        {
            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            var sends = new List<(LocalCount Count, Task<RedisResult> Total)>();
            var db = redis.IsConnected ? redis.GetDatabase() : null;
            foreach (var (key, count) in _local)
            {
                if (count.WindowIndex < now / count.WindowMs)
                    _local.TryRemove(key, out _);
                else if (db is not null && count.TakeUnsent() is var unsent and > 0)
                    sends.Add((count, db.ScriptEvaluateAsync(IncrementScript, [key], [unsent, count.WindowMs])));
            }
            try
            {
                await Task.WhenAll(sends.Select(s => s.Total));
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                // The hits stay counted here; the next sync sends what comes after.
                logger.LogWarning("Rate limit counts not shared while Redis is unreachable: {Reason}", ex.Message);
            }
            foreach (var (count, total) in sends.Where(s => s.Total.IsCompletedSuccessfully))
                count.Shared((long)await total);
        }
        finally
        {
            Volatile.Write(ref _syncing, 0);
        }
    }

    public void Dispose() => _sync?.Dispose();

    /// <summary>One window's count on this replica: the total as last known (Redis's answer, plus hits sent since) and the hits not yet sent.</summary>
    private sealed class LocalCount(long windowIndex, long windowMs)
    {
        private long _known;
        private long _unsent;

        public long WindowIndex => windowIndex;

        public long WindowMs => windowMs;

        public long Add() => Volatile.Read(ref _known) + Interlocked.Increment(ref _unsent);

        /// <summary>Moves the unsent hits into the known total (first, so a concurrent count never misses them) and answers how many.</summary>
        public long TakeUnsent()
        {
            var unsent = Volatile.Read(ref _unsent);
            Interlocked.Add(ref _known, unsent);
            Interlocked.Add(ref _unsent, -unsent);
            return unsent;
        }

        public void Shared(long total) => Volatile.Write(ref _known, total);

        /// <summary>A total read without sending: it may predate hits this replica sent meanwhile, so it only ever raises the count.</summary>
        public void Seen(long total)
        {
            var known = Volatile.Read(ref _known);
            while (total > known && Interlocked.CompareExchange(ref _known, total, known) is var found && found != known)
                known = found;
        }
    }
}
