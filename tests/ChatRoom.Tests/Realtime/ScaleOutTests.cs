namespace ChatRoom.Tests.Realtime;

/// <summary>
/// Two Api replicas behind one Redis and one database, as behind a load balancer: people connected to
/// different replicas chat as if there were one, and sequence numbers stay gap-free.
/// </summary>
public sealed class ScaleOutTests(ReplicatedChatServerFixture servers) : IClassFixture<ReplicatedChatServerFixture>, IAsyncLifetime
{
    private readonly ApiServer _one = servers.Api;
    private readonly ApiServer _two = servers.Replica;
    private Guid _room;

    public async ValueTask InitializeAsync() => _room = await servers.NewRoomAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task PeopleOnDifferentReplicasSeeEachOthersMessagesEditsDeletionsAndArrivals()
    {
        await using var alice = await ChatApi.ConnectAsync(_one, "alice");
        await using var bob = await ChatClient.ConnectAsync(_two, await ChatApi.SignInAsync(_two, "bob"));
        await alice.JoinAsync(_room);
        await bob.JoinAsync(_room);

        var arrival = await alice.Joined.WaitForAsync(j => j.User.Id == bob.UserId);
        var fromAlice = await alice.SendAsync(_room, "hello from replica one");
        var atBob = await bob.Created.WaitForAsync(m => m.Id == fromAlice.Id);
        var fromBob = await bob.SendAsync(_room, "hello from replica two");
        var atAlice = await alice.Created.WaitForAsync(m => m.Id == fromBob.Id);
        (await bob.Session.EditAsync(fromBob.Id, "edited on replica two")).Dispose();
        var edited = await alice.Updated.WaitForAsync(m => m.Id == fromBob.Id);
        (await alice.Session.DeleteAsync(fromAlice.Id)).Dispose();
        await bob.Deleted.WaitForAsync(d => d.MessageId == fromAlice.Id);

        Assert.Equal(_room, arrival.RoomId);
        Assert.Equal((fromAlice.Seq, "hello from replica one"), (atBob.Seq, atBob.Content));
        Assert.Equal((fromBob.Seq, "hello from replica two"), (atAlice.Seq, atAlice.Content));
        Assert.Equal([1L, 2L], new[] { fromAlice.Seq, fromBob.Seq });
        Assert.Equal("edited on replica two", edited.Content);
    }

    [Fact]
    public async Task ConcurrentSendsOnBothReplicasKeepSeqsGapFreeAndReachEveryone()
    {
        const int sendersPerReplica = 5, perSender = 20, total = 2 * sendersPerReplica * perSender;
        var replicas = new[] { _one, _two };
        var senders = await Task.WhenAll(Enumerable.Range(0, 2 * sendersPerReplica).Select(async i =>
        {
            var api = replicas[i % 2];
            return await ChatClient.ConnectAsync(api, await ChatApi.SignInAsync(api, $"sender{i}"));
        }));
        await using var watcherOne = await ChatApi.ConnectAsync(_one, "watcher");
        await using var watcherTwo = await ChatClient.ConnectAsync(_two, await ChatApi.SignInAsync(_two, "watcher"));
        await watcherOne.JoinAsync(_room);
        await watcherTwo.JoinAsync(_room);

        var acks = await Task.WhenAll(senders.SelectMany(sender =>
            Enumerable.Range(0, perSender).Select(n => sender.SendAsync(_room, $"{sender.Session.User.UserName} {n}"))));
        var seenOnOne = await watcherOne.Created.WaitForCountAsync(total, deadline: TimeSpan.FromSeconds(30));
        var seenOnTwo = await watcherTwo.Created.WaitForCountAsync(total, deadline: TimeSpan.FromSeconds(30));

        var stored = await _one.StoredMessagesAsync(_room);
        Assert.Equal(Enumerable.Range(1, total).Select(i => (long)i), stored.Select(m => m.Seq));
        Assert.Equal(stored.Select(m => (m.Id, m.Seq)).Order(), acks.Select(a => (a.Id, a.Seq)).Order());
        Assert.Equal(stored.Select(m => m.Id).Order(), seenOnOne.Select(m => m.Id).Order());
        Assert.Equal(stored.Select(m => m.Id).Order(), seenOnTwo.Select(m => m.Id).Order());
        foreach (var sender in senders)
            await sender.DisposeAsync();
    }

    [Fact]
    public async Task TheSameSendArrivingAtBothReplicasAtOnceIsStoredOnce()
    {
        await using var onOne = await ChatApi.ConnectAsync(_one, "alice");
        await using var onTwo = await ChatClient.ConnectAsync(_two, onOne.Session);
        using var restOnTwo = _two.NewHttpClient();

        for (var round = 0; round < 10; round++)
        {
            var id = $"twice-{round}";
            var hubSends = await Task.WhenAll(onOne.SendAsync(_room, "once", id), onTwo.SendAsync(_room, "once", id));
            Assert.Equal(hubSends[0], hubSends[1]);

            var restId = $"twice-rest-{round}";
            var responses = await Task.WhenAll(
                onOne.Session.PostMessageAsync(_room, "once", restId),
                restOnTwo.SendJsonAsync(HttpMethod.Post, $"/api/rooms/{_room}/messages", new { content = "once", clientMessageId = restId },
                    onOne.Session.AccessToken));
            // One of them stored it (201), the other found it stored (200).
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Created], responses.Select(r => r.StatusCode).Order());
            var messages = await Task.WhenAll(responses.Select(r => r.Content.ReadFromJsonAsync<MessageDto>(AuthApi.Ct)));
            Assert.Equal(messages[0]!.Id, messages[1]!.Id);
            foreach (var response in responses)
                response.Dispose();
        }

        var stored = await _one.StoredMessagesAsync(_room);
        Assert.Equal(20, stored.Count);
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), stored.Select(m => m.Seq));
    }
}
