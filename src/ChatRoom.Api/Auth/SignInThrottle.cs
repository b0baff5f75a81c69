using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatRoom.Api.Auth;

/// <summary>
/// Slows password guessing down without giving anyone a way to lock someone else out of their account.
/// <para>
/// Failures are counted per account and client address (<see cref="HttpContextExtensions.ClientNetwork"/>). After
/// <see cref="AuthRateLimitOptions.FailuresBeforeDelay"/> of them that pair waits before each next try, 1 s, 2 s, 4 s …
/// up to <see cref="AuthRateLimitOptions.MaxDelay"/>; the right password resets it. A guesser on one address is
/// slowed to a few tries an hour, while the owner on any other address is not affected at all.
/// </para>
/// <para>
/// Many addresses guessing at one account (more than <see cref="AuthRateLimitOptions.AccountFailures"/> failures in
/// <see cref="AuthRateLimitOptions.AccountWindow"/>) make every further failure cost its address at least
/// <see cref="AuthRateLimitOptions.AccountDelay"/>, so a botnet gets about one guess per address per delay. There is
/// still no lock: the first try from any address goes through, and addresses the account signed in from recently are
/// spared the account-wide delay, so the owner signs in at once, or after a short wait following a typo elsewhere.
/// </para>
/// Unknown account names are counted like real ones, so waits do not tell which names exist. The counts live in
/// Redis, shared by the replicas; while Redis is unreachable each replica counts in its own memory.
/// </summary>
public sealed class SignInThrottle(IConnectionMultiplexer redis, IOptions<AuthRateLimitOptions> options, TimeProvider clock,
    ILogger<SignInThrottle> logger)
{
    // KEYS: account failures, pair record, known address. Returns the pair's failures, the account's, and whether the
    // address is known to the account.
    private const string FailureScript = """
        local account = redis.call('INCR', KEYS[1])
        if account == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        local pair = redis.call('HINCRBY', KEYS[2], 'failures', 1)
        redis.call('PEXPIRE', KEYS[2], ARGV[2])
        return { pair, account, redis.call('EXISTS', KEYS[3]) }
        """;

    // Two failures at once must not shorten each other's wait.
    private const string WaitScript = """
        local current = tonumber(redis.call('HGET', KEYS[1], 'until') or '0')
        if tonumber(ARGV[1]) > current then redis.call('HSET', KEYS[1], 'until', ARGV[1]) end
        return 0
        """;

    private readonly FallbackCounters _memory = new();

    /// <summary>How long this address must wait before it may try a password for the account again (zero: now).</summary>
    public async Task<TimeSpan> WaitAsync(string account, HttpContext http)
    {
        var keys = new Keys(account, http.ClientNetwork());
        var now = clock.GetUtcNow();
        var until = await UseAsync(
            async db => (long?)await db.HashGetAsync(keys.Pair, "until") ?? 0,
            () => _memory.Get(keys.Pair + ":until", now));
        var wait = DateTimeOffset.FromUnixTimeMilliseconds(until) - now;
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    public async Task FailedAsync(string account, HttpContext http)
    {
        var limit = options.Value;
        var keys = new Keys(account, http.ClientNetwork());
        var now = clock.GetUtcNow();
        var (pairFailures, accountFailures, known) = await UseAsync(
            async db =>
            {
                var counts = (RedisResult[])(await db.ScriptEvaluateAsync(FailureScript, [keys.Account, keys.Pair, keys.Known],
                    [Milliseconds(limit.AccountWindow), Milliseconds(limit.FailureMemory)]))!;
                return ((long)counts[0], (long)counts[1], (long)counts[2] == 1);
            },
            () => (_memory.Increment(keys.Pair + ":failures", now, limit.FailureMemory, slide: true),
                _memory.Increment(keys.Account, now, limit.AccountWindow, slide: false),
                _memory.Get(keys.Known, now) == 1));

        var delay = Delay(limit, pairFailures, underAttack: accountFailures > limit.AccountFailures && !known);
        if (delay == TimeSpan.Zero)
            return;
        var until = (now + delay).ToUnixTimeMilliseconds();
        await UseAsync(
            async db =>
            {
                await db.ScriptEvaluateAsync(WaitScript, [keys.Pair], [until]);
                return until;
            },
            () => _memory.Raise(keys.Pair + ":until", until, now, limit.FailureMemory));
    }

    /// <summary>The right password: this address starts afresh and is spared the account-wide delay from now on.</summary>
    public async Task SucceededAsync(string account, HttpContext http)
    {
        var keys = new Keys(account, http.ClientNetwork());
        var now = clock.GetUtcNow();
        var memory = options.Value.KnownAddressMemory;
        await UseAsync(
            async db =>
            {
                var forget = db.KeyDeleteAsync(keys.Pair);
                var remember = db.StringSetAsync(keys.Known, 1, memory);
                await Task.WhenAll(forget, remember);
                return 1L;
            },
            () =>
            {
                _memory.Remove(keys.Pair + ":failures");
                _memory.Remove(keys.Pair + ":until");
                return _memory.Raise(keys.Known, 1, now, memory);
            });
    }

    internal static TimeSpan Delay(AuthRateLimitOptions limit, long pairFailures, bool underAttack)
    {
        var beyond = pairFailures - limit.FailuresBeforeDelay;
        var delay = beyond < 0
            ? TimeSpan.Zero
            : TimeSpan.FromMilliseconds(Math.Min(limit.MaxDelay.TotalMilliseconds, limit.FirstDelay.TotalMilliseconds * Math.Pow(2, beyond)));
        return underAttack && limit.AccountDelay > delay ? limit.AccountDelay : delay;
    }

    private async Task<T> UseAsync<T>(Func<IDatabase, Task<T>> inRedis, Func<T> inMemory)
    {
        try
        {
            if (!redis.IsConnected)
                throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, "Redis is not connected.");
            return await inRedis(redis.GetDatabase());
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning("Sign-in throttling falls back to this instance's memory: {Reason}", ex.Message);
            return inMemory();
        }
    }

    private static long Milliseconds(TimeSpan span) => (long)span.TotalMilliseconds;

    /// <summary>The pair's keys share the account's hash tag, so one script may touch them all in a Redis cluster too.</summary>
    private readonly record struct Keys(string AccountName, string Address)
    {
        public string Account => $"chatroom:signin:{{{AccountName}}}:failures";
        public string Pair => $"chatroom:signin:{{{AccountName}}}:pair:{Address}";
        public string Known => $"chatroom:signin:{{{AccountName}}}:known:{Address}";
    }

    /// <summary>Expiring counters for while Redis is away: the same rules, per replica.</summary>
    private sealed class FallbackCounters
    {
        private const int PruneAbove = 10_000;
        private const int MaxEntries = 200_000;
        private readonly Lock _gate = new();
        private readonly Dictionary<string, (long Value, DateTimeOffset Expires)> _entries = new(StringComparer.Ordinal);
        private int _pruneAbove = PruneAbove;

        public long Get(string key, DateTimeOffset now)
        {
            lock (_gate)
                return _entries.TryGetValue(key, out var entry) && entry.Expires > now ? entry.Value : 0;
        }

        /// <summary>Adds one; <paramref name="slide"/> restarts the expiry at every increment, otherwise it runs from the first.</summary>
        public long Increment(string key, DateTimeOffset now, TimeSpan lifetime, bool slide)
        {
            lock (_gate)
            {
                var fresh = !_entries.TryGetValue(key, out var entry) || entry.Expires <= now;
                var next = fresh ? (1, now + lifetime) : (entry.Value + 1, slide ? now + lifetime : entry.Expires);
                Store(key, next, now);
                return next.Item1;
            }
        }

        /// <summary>Sets the value if it is larger than the current one.</summary>
        public long Raise(string key, long value, DateTimeOffset now, TimeSpan lifetime)
        {
            lock (_gate)
            {
                if (_entries.TryGetValue(key, out var entry) && entry.Expires > now && entry.Value >= value)
                    return entry.Value;
                Store(key, (value, now + lifetime), now);
                return value;
            }
        }

        public void Remove(string key)
        {
            lock (_gate)
                _entries.Remove(key);
        }

        private void Store(string key, (long, DateTimeOffset) entry, DateTimeOffset now)
        {
            _entries[key] = entry;
            if (_entries.Count <= _pruneAbove)
                return;
            foreach (var stale in _entries.Where(e => e.Value.Expires <= now).Select(e => e.Key).ToList())
                _entries.Remove(stale);
            // Bounded even under a flood of made-up names: forget the entries closest to expiring anyway.
            if (_entries.Count > MaxEntries)
                foreach (var oldest in _entries.OrderBy(e => e.Value.Expires).Take(_entries.Count - (MaxEntries / 2)).Select(e => e.Key).ToList())
                    _entries.Remove(oldest);
            _pruneAbove = Math.Clamp(_entries.Count * 2, PruneAbove, MaxEntries);
        }
    }
}
