using ChatRoom.Data;
using ChatRoom.Chat;
using ChatRoom.Realtime;
using ChatRoom.Contracts;
using ChatRoom.Chat.Presence;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatRoom.Worker.Jobs;

public sealed class HeartbeatExpiryOptions : JobOptions
{
    public const string SectionName = "Jobs:HeartbeatExpiry";

    public HeartbeatExpiryOptions() => Interval = TimeSpan.FromSeconds(10);
}

/// <summary>
/// Takes users offline whose last heartbeat is older than <see cref="PresenceOptions.Timeout"/> (a closed
/// browser, a dead Api replica), tells every client through the backplane, and records their last-seen time.
/// Removing a user from the presence set is atomic, so with several Workers each user is expired once.
/// </summary>
public sealed class HeartbeatExpiryJob(
    IConnectionMultiplexer redis,
    IServiceScopeFactory scopes,
    IHubContext<ChatHub, IChatClient> hub,
    IOptions<PresenceOptions> presence,
    IOptions<HeartbeatExpiryOptions> options,
    JobMetrics metrics,
    ILogger<HeartbeatExpiryJob> logger,
    TimeProvider clock)
    : ScheduledJob("heartbeat-expiry", options.Value, metrics, logger, clock)
{
    private readonly TimeProvider _clock = clock;
    private readonly ILogger _logger = logger;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var db = redis.GetDatabase();
        var deadline = (_clock.GetUtcNow() - presence.Value.Timeout).ToUnixTimeMilliseconds();
        var silent = await db.SortedSetRangeByScoreWithScoresAsync(PresenceTracker.SeenKey, double.NegativeInfinity, deadline);

        var expired = new List<(Guid UserId, DateTimeOffset LastSeen)>();
        foreach (var entry in silent)
        {
            // Only the Worker whose ZREM removed the entry announces it.
            if (!await db.SortedSetRemoveAsync(PresenceTracker.SeenKey, entry.Element))
                continue;
            await db.HashDeleteAsync(PresenceTracker.ConnectionsKey, entry.Element);
            var lastSeen = DateTimeOffset.FromUnixTimeMilliseconds((long)entry.Score);
            var userId = Guid.Parse(entry.Element.ToString());
            expired.Add((userId, lastSeen));
            await hub.Clients.All.PresenceChanged(new PresenceEvent(userId, false, lastSeen));
        }
        if (expired.Count == 0)
            return;

        await using var scope = scopes.CreateAsyncScope();
        var chat = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        foreach (var (userId, lastSeen) in expired)
        {
            await chat.Users.Where(u => u.Id == userId && (u.LastSeenAt == null || u.LastSeenAt < lastSeen))
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.LastSeenAt, lastSeen), cancellationToken);
        }
        _logger.LogInformation("{Count} silent user(s) went offline", expired.Count);
    }
}
