using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using StackExchange.Redis;

namespace ChatRoom.Chat.Moderation;

public sealed class ModerationStreamOptions
{
    public const string SectionName = "Moderation:Stream";

    /// <summary>
    /// Approximate length the stream is trimmed to. Entries trimmed before a Worker read them are not lost:
    /// their messages stay unjudged in PostgreSQL and the sweep judges them.
    /// </summary>
    [Range(100, 100_000_000)]
    public int MaxLength { get; set; } = 100_000;
}

/// <summary>One stream entry: a new message waiting for its verdict.</summary>
public sealed record ModerationEntry(RedisValue EntryId, Guid MessageId);

/// <summary>
/// The moderation queue: a Redis Stream (<c>{Realtime:ChannelPrefix}:moderation</c>) with one consumer group that
/// every Worker reads through. The message writer adds an entry per new message; a Worker acknowledges an entry
/// only after the verdict is committed, and claims entries a dead Worker left pending. Redis is not the system of
/// record: <c>messages.moderated_at</c> is, so anything lost here is found again by the Worker's sweep.
/// </summary>
[SuppressMessage("Naming", "CA1711", Justification = "It is a Redis Stream, and named as the queue's design names it.")]
public sealed class ModerationStream(
    IConnectionMultiplexer redis,
    IOptions<RealtimeOptions> realtime,
    IOptions<ModerationStreamOptions> options,
    ILogger<ModerationStream> logger)
{
    public const string GroupName = "moderation";
    private const string MessageIdField = "message";
    private const string RoomIdField = "room";

    public RedisKey Key { get; } = KeyFor(realtime.Value.ChannelPrefix);

    public static RedisKey KeyFor(string channelPrefix) => $"{channelPrefix}:moderation";

    /// <summary>
    /// Queues the messages for judgement: all entries are sent at once (pipelined), then awaited together.
    /// Never throws: with Redis away the send still succeeds and the sweep judges the message later.
    /// </summary>
    public async Task AddAsync(IReadOnlyList<MessageDto> messages)
    {
        if (messages.Count == 0)
            return;
        if (!redis.IsConnected)
        {
            // Waiting for a reconnect would hold up the next batch of sends.
            logger.LogWarning("Redis is not connected; {Count} message(s) wait for the moderation sweep", messages.Count);
            return;
        }
        try
        {
            var db = redis.GetDatabase();
            var adds = new Task[messages.Count];
            for (var i = 0; i < messages.Count; i++)
            {
                adds[i] = db.StreamAddAsync(Key,
                    [new NameValueEntry(MessageIdField, messages[i].Id.ToString("N")), new NameValueEntry(RoomIdField, messages[i].RoomId.ToString("N"))],
                    maxLength: options.Value.MaxLength, useApproximateMaxLength: true);
            }
            await Task.WhenAll(adds);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Queueing {Count} message(s) for moderation failed; the sweep judges them", messages.Count);
        }
    }

    /// <summary>Creates the consumer group (reading from the start of the stream) if it does not exist yet.</summary>
    public async Task EnsureGroupAsync()
    {
        try
        {
            await redis.GetDatabase().StreamCreateConsumerGroupAsync(Key, GroupName, StreamPosition.Beginning, createStream: true);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
        }
    }

    /// <summary>Entries no consumer of the group has read yet, now owned (pending) by <paramref name="consumer"/>.</summary>
    public async Task<IReadOnlyList<ModerationEntry>> ReadNewAsync(string consumer, int count)
    {
        var entries = await redis.GetDatabase().StreamReadGroupAsync(Key, GroupName, consumer, StreamPosition.NewMessages, count);
        return Parse(entries);
    }

    /// <summary>
    /// Takes over entries that other consumers (or this one) read but did not acknowledge for
    /// <paramref name="minIdle"/> (XAUTOCLAIM). Entries trimmed from the stream meanwhile are dropped by Redis.
    /// </summary>
    public async Task<IReadOnlyList<ModerationEntry>> ClaimAbandonedAsync(string consumer, TimeSpan minIdle, int count)
    {
        var claimed = new List<ModerationEntry>();
        RedisValue start = "0-0";
        do
        {
            var result = await redis.GetDatabase().StreamAutoClaimAsync(Key, GroupName, consumer,
                (long)minIdle.TotalMilliseconds, start, count - claimed.Count);
            claimed.AddRange(Parse(result.ClaimedEntries));
            start = result.NextStartId;
        }
        while (start != "0-0" && claimed.Count < count);
        return claimed;
    }

    public Task AcknowledgeAsync(IReadOnlyList<RedisValue> entryIds) =>
        entryIds.Count == 0 ? Task.CompletedTask : redis.GetDatabase().StreamAcknowledgeAsync(Key, GroupName, [.. entryIds]);

    /// <summary>
    /// Forgets consumers (Workers that stopped) with nothing pending that have not read for <paramref name="idle"/>,
    /// so the group's consumer list does not grow with every restart. Live consumers read every poll interval.
    /// </summary>
    public async Task<int> RemoveIdleConsumersAsync(TimeSpan idle)
    {
        var db = redis.GetDatabase();
        var removed = 0;
        foreach (var consumer in await db.StreamConsumerInfoAsync(Key, GroupName))
        {
            if (consumer.PendingMessageCount == 0 && consumer.IdleTimeInMilliseconds > idle.TotalMilliseconds)
            {
                await db.StreamDeleteConsumerAsync(Key, GroupName, consumer.Name);
                removed++;
            }
        }
        return removed;
    }

    private static List<ModerationEntry> Parse(StreamEntry[] entries)
    {
        var parsed = new List<ModerationEntry>(entries.Length);
        foreach (var entry in entries)
        {
            // A malformed entry still gets an id, so that it is acknowledged and not claimed for ever.
            var messageId = !entry.IsNull && Guid.TryParse((string?)entry[MessageIdField], out var id) ? id : Guid.Empty;
            parsed.Add(new ModerationEntry(entry.Id, messageId));
        }
        return parsed;
    }
}
