using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ChatRoom.Chat;
using ChatRoom.Realtime;
using Microsoft.Extensions.DependencyInjection;

namespace ChatRoom.Tests.Realtime;

/// <summary>Many people sending into one room at once, and senders retrying: order and identity hold.</summary>
public sealed class ConcurrentSendTests(ChatServerFixture server) : IClassFixture<ChatServerFixture>, IAsyncLifetime
{
    private readonly ApiServer _api = server.Api;
    private Guid _room;

    public async ValueTask InitializeAsync() => _room = await server.NewRoomAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task FiftySendersOfTwentyMessagesEachGetGapFreeSeqsAndAcknowledgementsThatMatchTheStoredRows()
    {
        const int senders = 50, perSender = 20;
        using var batches = BatchSizes();
        var sessions = await SignInManyAsync(senders);
        // Every fifth sender uses REST, the others the hub; all of them at once.
        var hubs = await Task.WhenAll(sessions.Where((_, i) => i % 5 != 0).Select(s => ChatClient.ConnectAsync(_api, s)));
        await using var watcher = await ChatApi.ConnectAsync(_api, "watcher");
        await watcher.JoinAsync(_room);
        var acks = new ConcurrentBag<(Guid AuthorId, string ClientMessageId, SendAck Ack)>();

        var started = System.Diagnostics.Stopwatch.StartNew();
        var sends = sessions.Select(async (session, i) =>
        {
            var hub = i % 5 != 0 ? hubs.Single(h => h.Session == session) : null;
            await Task.WhenAll(Enumerable.Range(0, perSender).Select(async n =>
            {
                var clientMessageId = $"{i}-{n}";
                var content = $"sender {i} message {n}";
                var ack = hub is not null
                    ? await hub.SendAsync(_room, content, clientMessageId)
                    : await Rest(session, _room, content, clientMessageId);
                acks.Add((session.User.Id, clientMessageId, ack));
            }));
        });
        await Task.WhenAll(sends);
        var elapsed = started.Elapsed;
        var delivered = await watcher.Created.WaitForCountAsync(senders * perSender, deadline: TimeSpan.FromSeconds(30));

        var stored = await _api.StoredMessagesAsync(_room);
        Assert.Equal(Enumerable.Range(1, senders * perSender).Select(i => (long)i), stored.Select(m => m.Seq));
        Assert.Equal(senders * perSender, acks.Count);
        var byKey = stored.ToDictionary(m => (m.AuthorId, m.ClientMessageId));
        Assert.All(acks, a =>
        {
            var row = byKey[(a.AuthorId, a.ClientMessageId)];
            Assert.Equal((row.Id, row.Seq, row.ChangeSeq, row.CreatedAt), (a.Ack.Id, a.Ack.Seq, a.Ack.ChangeSeq, a.Ack.CreatedAt));
        });
        Assert.Equal(stored.Select(m => m.Id).Order(), delivered.Select(m => m.Id).Order());
        // The writer commits many sends per transaction under load (group commit).
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{senders * perSender} sends acknowledged in {elapsed.TotalMilliseconds:F0} ms, committed in {batches.Count} batches (largest {batches.Largest}).");
        Assert.True(batches.Count < senders * perSender, $"{batches.Count} batches for {senders * perSender} sends: no group commit.");
        foreach (var hub in hubs)
            await hub.DisposeAsync();
    }

    [Fact]
    public async Task RetryingASendWithTheSameClientMessageIdReturnsTheSameMessage()
    {
        await using var alice = await ChatApi.ConnectAsync(_api, "alice");

        var hubFirst = await alice.SendAsync(_room, "hello", "retry-1");
        var hubRetry = await alice.SendAsync(_room, "hello", "retry-1");
        using var restFirst = await alice.Session.PostMessageAsync(_room, "again", "retry-2");
        using var restRetry = await alice.Session.PostMessageAsync(_room, "again", "retry-2");
        using var restRetryOfHubSend = await alice.Session.PostMessageAsync(_room, "hello", "retry-1");
        var hubRetryOfRestSend = await alice.SendAsync(_room, "again", "retry-2");

        Assert.Equal(hubFirst, hubRetry);
        Assert.Equal(HttpStatusCode.Created, restFirst.StatusCode);
        Assert.Equal(HttpStatusCode.OK, restRetry.StatusCode);
        Assert.Equal(HttpStatusCode.OK, restRetryOfHubSend.StatusCode);
        var first = (await restFirst.Content.ReadFromJsonAsync<MessageDto>(AuthApi.Ct))!;
        var retry = (await restRetry.Content.ReadFromJsonAsync<MessageDto>(AuthApi.Ct))!;
        var ofHub = (await restRetryOfHubSend.Content.ReadFromJsonAsync<MessageDto>(AuthApi.Ct))!;
        Assert.Equal((first.Id, first.Seq, first.CreatedAt, first.Content), (retry.Id, retry.Seq, retry.CreatedAt, retry.Content));
        Assert.Equal((hubFirst.Id, hubFirst.Seq), (ofHub.Id, ofHub.Seq));
        Assert.Equal((first.Id, first.Seq), (hubRetryOfRestSend.Id, hubRetryOfRestSend.Seq));
        Assert.Equal(alice.Session.User.UserName, retry.Author.UserName);
        Assert.Equal([1L, 2L], (await _api.StoredMessagesAsync(_room)).Select(m => m.Seq));
    }

    [Fact]
    public async Task TwoConcurrentSendsWithTheSameClientMessageIdStoreOneMessage()
    {
        await using var tab1 = await ChatApi.ConnectAsync(_api, "alice");
        await using var tab2 = await ChatClient.ConnectAsync(_api, tab1.Session);
        await using var watcher = await ChatApi.ConnectAsync(_api, "watcher");
        await watcher.JoinAsync(_room);

        var sends = await Task.WhenAll(
            tab1.SendAsync(_room, "once", "same-id"),
            tab2.SendAsync(_room, "once", "same-id"),
            Rest(tab1.Session, _room, "once", "same-id"));
        await watcher.Created.WaitForAsync(m => m.ClientMessageId == "same-id");
        var sentinel = await tab1.SendAsync(_room, "after");
        await watcher.Created.WaitForAsync(m => m.Id == sentinel.Id);

        Assert.Single(sends.Select(s => (s.Id, s.Seq)).Distinct());
        Assert.Single(await _api.StoredMessagesAsync(_room), m => m.ClientMessageId == "same-id");
        Assert.Single(watcher.Created.Items, m => m.ClientMessageId == "same-id");
        Assert.Equal(2, sentinel.Seq);
    }

    [Fact]
    public async Task AClientMessageIdUsedForAnotherRoomOrOtherTextIsRefusedNeverAnsweredWithTheFirstMessage()
    {
        var (first, second) = (_room, await server.NewRoomAsync());
        await using var alice = await ChatApi.ConnectAsync(_api, "alice");
        var original = await alice.SendAsync(first, "the original", "used-once");

        var otherRoom = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => alice.SendAsync(second, "the original", "used-once"));
        using var otherRoomOverRest = await alice.Session.PostMessageAsync(second, "the original", "used-once");
        using var otherText = await alice.Session.PostMessageAsync(first, "something else", "used-once");
        var retry = await alice.SendAsync(first, "the original", "used-once");

        Assert.Contains("already names another message", otherRoom.Detail(ErrorCodes.ChatClientMessageIdConflict), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, otherRoomOverRest.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, otherText.StatusCode);
        Assert.Equal((original.Id, first), (retry.Id, retry.RoomId));
        Assert.DoesNotContain(await _api.StoredMessagesAsync(second), m => m.ClientMessageId == "used-once");
        Assert.Single(await _api.StoredMessagesAsync(first), m => m.ClientMessageId == "used-once");
    }

    private async Task<List<Session>> SignInManyAsync(int count)
    {
        // Argon2 takes 19 MiB per hash: a few at a time.
        using var gate = new SemaphoreSlim(8);
        return [.. await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync(AuthApi.Ct);
            try
            {
                return await ChatApi.SignInAsync(_api, $"sender{i}");
            }
            finally
            {
                gate.Release();
            }
        }))];
    }

    private static async Task<SendAck> Rest(Session session, Guid room, string content, string clientMessageId)
    {
        var message = await session.SendOverRestAsync(room, content, clientMessageId);
        return new SendAck(message.Id, message.RoomId, message.Seq, message.ChangeSeq, message.CreatedAt);
    }

    private BatchRecorder BatchSizes() => new(_api.Services.GetRequiredService<IMeterFactory>());

    /// <summary>Listens to this server's message writer: how many batches it committed, and the largest.</summary>
    private sealed class BatchRecorder : IDisposable
    {
        private readonly MeterListener _listener = new();
        private int _count;
        private int _largest;

        public BatchRecorder(IMeterFactory meters)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == ChatMetrics.MeterName && instrument.Meter.Scope == meters &&
                    instrument.Name == "chatroom.messages.batch_size")
                    listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<int>((_, size, _, _) =>
            {
                Interlocked.Increment(ref _count);
                var largest = _largest;
                while (size > largest && Interlocked.CompareExchange(ref _largest, size, largest) != largest)
                    largest = _largest;
            });
            _listener.Start();
        }

        public int Count => Volatile.Read(ref _count);
        public int Largest => Volatile.Read(ref _largest);

        public void Dispose() => _listener.Dispose();
    }
}
