using System.Collections.Concurrent;
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

    private readonly ConcurrentDictionary<Guid, long> _sentChanges = new();
    private readonly ConcurrentDictionary<Guid, long> _postedChanges = new();
    private long _dropped;
    private DateTimeOffset _lastDropLog = DateTimeOffset.MinValue;

    public void Post(Audience audience, string what, Func<IChatClient, Task> send) =>
        Post(new Broadcast(what, clients => send(Clients(clients, audience)), audience as Audience.Room));

    /// <summary>Queues <paramref name="send"/>; <paramref name="what"/> names it in logs.</summary>
    public void Post(string what, Func<IHubClients<IChatClient>, Task> send) => Post(new Broadcast(what, send, null));

    private void Post(Broadcast broadcast)
    {
        if (broadcast.Change is (var roomId, var changeSeq))
            _postedChanges.AddOrUpdate(roomId, changeSeq, (_, before) => Math.Max(before, changeSeq));
        if (!_queue.Writer.TryWrite(broadcast))
            Dropped([broadcast], "the broadcast queue is full");
    }

    /// <summary>
    /// The latest change of the room that went out from here to the whole room: the backplane took it for every
    /// replica, this one included. A client that missed an earlier change sees the hole when this one arrives, so
    /// only a later change, or one sent from elsewhere, needs announcing (<see cref="RoomHeads"/>). Forgotten
    /// whenever the Redis connection fails, since what was in flight then may not have arrived.
    /// </summary>
    public long? SentChange(Guid roomId) => _sentChanges.TryGetValue(roomId, out var changeSeq) ? changeSeq : null;

    /// <summary>The latest change of the room queued here for the whole room: sent, or on its way unless it fails.</summary>
    public long? PostedChange(Guid roomId) => _postedChanges.TryGetValue(roomId, out var changeSeq) ? changeSeq : null;

    private void RecordSent(Broadcast broadcast)
    {
        if (broadcast.Change is (var roomId, var changeSeq))
            _sentChanges.AddOrUpdate(roomId, changeSeq, (_, before) => Math.Max(before, changeSeq));
    }

    /// <summary>A room change that did not go out is no longer on its way: the room's next announcement covers it.</summary>
    private void RecordLost(Broadcast broadcast)
    {
        if (broadcast.Change is (var roomId, _))
            _postedChanges.TryRemove(roomId, out _);
    }

    /// <summary>Forgets what was sent: used when the connection to Redis fails, and for rooms nobody here is in any more.</summary>
    public void ForgetSent(Guid? roomId = null)
    {
        if (roomId is { } id)
        {
            _sentChanges.TryRemove(id, out _);
            _postedChanges.TryRemove(id, out _);
        }
        else
        {
            _sentChanges.Clear();
            _postedChanges.Clear();
        }
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
        redis.ConnectionFailed += (_, _) => ForgetSent();
        redis.ConnectionRestored += (_, _) => ForgetSent();
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
                Dropped(batch, "Redis is not connected");
                continue;
            }
            var sent = batch.Select(b => (Broadcast: b, Task: Start(b))).ToList();
            foreach (var (broadcast, task) in sent)
            {
                try
                {
                    await task;
                    metrics.RecordBroadcast();
                    RecordSent(broadcast);
                }
                catch (Exception ex)
                {
                    metrics.RecordBroadcastLost(1);
                    RecordLost(broadcast);
                    logger.LogWarning(ex, "Broadcast failed ({What}); clients catch up from the database", broadcast.What);
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

    private void Dropped(IReadOnlyCollection<Broadcast> broadcasts, string why)
    {
        foreach (var broadcast in broadcasts)
            RecordLost(broadcast);
        metrics.RecordBroadcastLost(broadcasts.Count);
        var total = Interlocked.Add(ref _dropped, broadcasts.Count);
        var now = clock.GetUtcNow();
        if (now - _lastDropLog < DropLogInterval)
            return;
        _lastDropLog = now;
        logger.LogWarning("{Total} broadcast(s) not sent so far ({Why}); clients catch up from the database", total, why);
    }

    private sealed record Broadcast(string What, Func<IHubClients<IChatClient>, Task> Send, Audience.Room? Room)
    {
        /// <summary>The room change this broadcast carries to the whole room, if it carries one.</summary>
        public (Guid RoomId, long ChangeSeq)? Change =>
            Room is { ChangeSeq: { } changeSeq, ExceptConnectionId: null } ? (Room.RoomId, changeSeq) : null;
    }
}
