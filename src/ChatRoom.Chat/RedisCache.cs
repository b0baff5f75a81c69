using StackExchange.Redis;

namespace ChatRoom.Chat;

/// <summary>A cached entry's keys: its value and the generation every forget of it bumps.</summary>
public readonly record struct CacheKey(RedisKey Value, RedisKey Generation);

/// <summary>What a read found: each entry's value (null when missing or not trusted) and the generations seen.</summary>
public sealed record CacheRead(IReadOnlyList<string?> Values, IReadOnlyList<RedisValue> Generations);

/// <summary>
/// Values cached in Redis for every replica, whose source of truth is the database, and which a change must drop
/// everywhere at once. A read that loaded the database just before a change must not put the old value back after
/// the change dropped it: every forget bumps the entry's generation, and a loaded value is written only if the
/// generations are still those seen before the database was read. Values carry the time they were written, and
/// after losing Redis this replica trusts only values written after it reconnected: a Redis restarted from disk,
/// or one that missed this replica's forgets, cannot serve a value cached before a change it never heard of.
/// Without Redis every read is a miss and every write is skipped: the database answers.
/// </summary>
public sealed class RedisCache
{
    private readonly RedisGuard redis;
    private readonly TimeProvider clock;
    private long _trustWrittenSince;

    public RedisCache(RedisGuard redis, TimeProvider clock)
    {
        this.redis = redis;
        this.clock = clock;
        _trustWrittenSince = clock.GetUtcNow().ToUnixTimeMilliseconds();
        // Back from an outage, the server may be another one (restored from disk) or may have missed forgets this
        // replica could not send: what was cached before now is read again from the database.
        redis.Connection.ConnectionRestored += (_, _) => Interlocked.Exchange(ref _trustWrittenSince, clock.GetUtcNow().ToUnixTimeMilliseconds());
    }

    /// <summary>The entries' values and generations in one round trip; null when Redis cannot answer.</summary>
    public async Task<CacheRead?> ReadAsync(IReadOnlyList<CacheKey> entries, string onFailure)
    {
        RedisKey[] keys = [.. entries.Select(e => e.Value), .. entries.Select(e => e.Generation)];
        var values = await redis.ReadAsync<RedisValue[]?>(null, async db => await db.StringGetAsync(keys), onFailure);
        return values is null ? null : new CacheRead([.. values.Take(entries.Count).Select(Trusted)], [.. values.Skip(entries.Count)]);
    }

    /// <summary>
    /// Writes the values (one per entry) unless an entry was forgotten since <paramref name="seen"/> was read. The
    /// check and the writes are one script: a conditional MULTI makes the client wait for the condition's answer
    /// while it holds the connection's writer, which stalls every other command on the shared connection (the
    /// backplane's publishes among them) for a round trip per write.
    /// </summary>
    public Task WriteAsync(IReadOnlyList<CacheKey> entries, CacheRead seen, IReadOnlyList<string> values, TimeSpan ttl, string onFailure) =>
        redis.WriteAsync(db =>
        {
            var written = clock.GetUtcNow().ToUnixTimeMilliseconds();
            var count = entries.Count;
            var keys = new RedisKey[count * 2];
            var args = new RedisValue[count * 2 + 1];
            for (var i = 0; i < count; i++)
            {
                keys[i] = entries[i].Generation;
                keys[count + i] = entries[i].Value;
                // Generations are counters, never empty: "" stands for "no generation yet".
                args[i] = seen.Generations[i].HasValue ? seen.Generations[i] : RedisValue.EmptyString;
                args[count + i] = $"{values[i]}|{written}";
            }
            args[count * 2] = Jittered(ttl).Ticks / TimeSpan.TicksPerMillisecond;
            return db.ScriptEvaluateAsync(WriteIfUnchanged, keys, args);
        }, onFailure);

    // KEYS: the generations, then the values; ARGV: the generations seen, the values, the lifetime in milliseconds.
    private const string WriteIfUnchanged = """
        local n = #KEYS / 2
        for i = 1, n do
            if (redis.call('GET', KEYS[i]) or '') ~= ARGV[i] then return 0 end
        end
        for i = 1, n do
            redis.call('SET', KEYS[n + i], ARGV[n + i], 'PX', ARGV[2 * n + 1])
        end
        return 1
        """;

    /// <summary>
    /// The lifetime, shortened by up to a quarter at random: entries written together (every connection of a
    /// reconnect wave, say) would otherwise expire together, and their reloads arrive at the database at once.
    /// </summary>
    private static TimeSpan Jittered(TimeSpan ttl) => ttl - ttl / 4 * Random.Shared.NextDouble();

    /// <summary>Drops the entry and bumps its generation (kept longer than any value can live), so no earlier read writes it back.</summary>
    public Task ForgetAsync(CacheKey entry, TimeSpan ttl, string onFailure) => redis.WriteAsync(async db =>
    {
        var batch = db.CreateBatch();
        var done = Task.WhenAll(
            batch.StringIncrementAsync(entry.Generation),
            batch.KeyExpireAsync(entry.Generation, ttl * 2),
            batch.KeyDeleteAsync(entry.Value));
        batch.Execute();
        await done;
    }, onFailure);

    /// <summary>A cached value's content, if it was written after this replica last (re)connected to Redis.</summary>
    private string? Trusted(RedisValue value)
    {
        if (!value.HasValue)
            return null;
        var text = value.ToString();
        var bar = text.LastIndexOf('|');
        return bar >= 0 && long.TryParse(text.AsSpan(bar + 1), out var written) && written >= Interlocked.Read(ref _trustWrittenSince)
            ? text[..bar]
            : null;
    }
}
