using System.Collections.Concurrent;
using System.Globalization;
using StackExchange.Redis;

namespace ChatRoom.Chat.RateLimiting;

public readonly record struct RateLimitDecision(bool Allowed, TimeSpan RetryAfter);

/// <summary>
/// Fixed-window counters shared by every Api replica through Redis (one round trip: INCR and set the
/// expiry in a script). While Redis is unreachable each replica counts in memory, so limits still hold,
/// per replica, instead of failing open or failing every request. The Api's request policies and the chat
/// core's send limit both count here.
/// </summary>
public sealed class WindowCounter(IConnectionMultiplexer redis, TimeProvider clock, ILogger<WindowCounter> logger)
{
    private const string IncrementScript =
        "local c = redis.call('INCRBY', KEYS[1], ARGV[1]) if c == tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return c";

    private readonly ConcurrentDictionary<string, long> _fallback = new(StringComparer.Ordinal);

    /// <summary>Counts one hit and says whether it is within <paramref name="limit"/>.</summary>
    public async Task<RateLimitDecision> HitAsync(string policy, string partition, int limit, TimeSpan window)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var windowMs = (long)window.TotalMilliseconds;
        var windowIndex = now / windowMs;
        var key = $"chatroom:ratelimit:{policy}:{partition}:{windowIndex.ToString(CultureInfo.InvariantCulture)}";
        var retryAfter = TimeSpan.FromMilliseconds(((windowIndex + 1) * windowMs) - now);

        long count;
        try
        {
            if (!redis.IsConnected)
                throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, "Redis is not connected.");
            count = (long)await redis.GetDatabase().ScriptEvaluateAsync(IncrementScript, [key], [1, windowMs]);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning("Rate limiting falls back to this instance's memory: {Reason}", ex.Message);
            count = _fallback.AddOrUpdate(key, 1, (_, c) => c + 1);
            if (_fallback.Count > 10_000)
                PruneFallback(windowIndex);
        }
        return new RateLimitDecision(count <= limit, retryAfter);
    }

    private void PruneFallback(long currentWindow)
    {
        var suffix = ":" + currentWindow.ToString(CultureInfo.InvariantCulture);
        foreach (var key in _fallback.Keys.Where(k => !k.EndsWith(suffix, StringComparison.Ordinal)))
            _fallback.TryRemove(key, out _);
    }
}
