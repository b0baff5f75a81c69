using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace ChatRoom.Realtime;

/// <summary>
/// Events to clients after a commit. <see cref="Post"/> never waits and never throws: what is committed stays a
/// success whatever happens to its broadcast, and the next commit never waits for Redis. One loop sends the
/// queued events in the order they were posted (issued together, so the backplane writes them in that order)
/// and logs the ones that fail. While Redis is away events are dropped at once instead of piling up behind
/// timeouts: clients notice the gap from the change numbers (and the rooms' heads) and catch up from the
/// database, which is what makes a lost broadcast harmless.
/// </summary>
public sealed class ChatBroadcasts(
    IHubContext<ChatHub, IChatClient> hub,
    IConnectionMultiplexer redis,
    ChatMetrics metrics,
    TimeProvider clock,
    ILogger<ChatBroadcasts> logger) : BackgroundService, IChatEvents
{
    private const int Capacity = 100_000;
    private const int MaxInFlight = 512;
    private static readonly TimeSpan DropLogInterval = TimeSpan.FromSeconds(10);

    private readonly Channel<Broadcast> _queue = Channel.CreateBounded<Broadcast>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });

    private long _dropped;
    private DateTimeOffset _lastDropLog = DateTimeOffset.MinValue;

    public void Post(Audience audience, string what, Func<IChatClient, Task> send) =>
        Post(what, clients => send(Clients(clients, audience)));

    /// <summary>Queues <paramref name="send"/>; <paramref name="what"/> names it in logs.</summary>
    public void Post(string what, Func<IHubClients<IChatClient>, Task> send)
    {
        if (!_queue.Writer.TryWrite(new Broadcast(what, send)))
            Dropped(1, "the broadcast queue is full");
    }

    private static IChatClient Clients(IHubClients<IChatClient> clients, Audience audience) => audience switch
    {
        Audience.Room { ExceptConnectionId: { } except } room => clients.GroupExcept(ChatGroups.Room(room.RoomId), except),
        Audience.Room room => clients.Group(ChatGroups.Room(room.RoomId)),
        Audience.Rooms rooms => clients.Groups(rooms.RoomIds.Select(ChatGroups.Room).ToList()),
        Audience.User user => clients.Group(ChatGroups.User(user.UserId)),
        Audience.AuthorAndModerators author => clients.Groups(ChatGroups.User(author.AuthorId), ChatGroups.Moderators),
        _ => throw new ArgumentOutOfRangeException(nameof(audience), audience, null),
    };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Broadcast>(MaxInFlight);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
                await SendWaitingAsync(batch);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is queued still goes out if it can.
            _queue.Writer.TryComplete();
            await SendWaitingAsync(batch);
        }
    }

    private async Task SendWaitingAsync(List<Broadcast> batch)
    {
        while (true)
        {
            batch.Clear();
            while (batch.Count < MaxInFlight && _queue.Reader.TryRead(out var broadcast))
                batch.Add(broadcast);
            if (batch.Count == 0)
                return;
            if (!redis.IsConnected)
            {
                Dropped(batch.Count, "Redis is not connected");
                continue;
            }
            var sent = batch.Select(b => (b.What, Task: Start(b))).ToList();
            foreach (var (what, task) in sent)
            {
                try
                {
                    await task;
                    metrics.RecordBroadcast();
                }
                catch (Exception ex)
                {
                    metrics.RecordBroadcastLost(1);
                    logger.LogWarning(ex, "Broadcast failed ({What}); clients catch up from the database", what);
                }
            }
        }
    }

    private Task Start(Broadcast broadcast)
    {
        try
        {
            return broadcast.Send(hub.Clients);
        }
        catch (Exception ex)
        {
            return Task.FromException(ex);
        }
    }

    private void Dropped(int count, string why)
    {
        metrics.RecordBroadcastLost(count);
        var total = Interlocked.Add(ref _dropped, count);
        var now = clock.GetUtcNow();
        if (now - _lastDropLog < DropLogInterval)
            return;
        _lastDropLog = now;
        logger.LogWarning("{Total} broadcast(s) not sent so far ({Why}); clients catch up from the database", total, why);
    }

    private sealed record Broadcast(string What, Func<IHubClients<IChatClient>, Task> Send);
}
