namespace ChatRoom.Tests.Realtime;

/// <summary>
/// A client that was away asks for what changed after the last change it saw, and ends with exactly what
/// the server has: new messages, edits and deletions included.
/// </summary>
public sealed class CatchUpTests(ChatServerFixture server) : IClassFixture<ChatServerFixture>, IAsyncLifetime
{
    private readonly ApiServer _api = server.Api;
    private Guid _room;

    public async ValueTask InitializeAsync() => _room = await server.NewRoomAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task AClientRejoiningWithItsLastChangeSeqEndsWithTheServersView()
    {
        await using var alice = await ChatApi.ConnectAsync(_api, "alice");
        var bob = await ChatApi.SignInAsync(_api, "bob");
        var local = new LocalRoom();
        await using (var away = await ChatClient.ConnectAsync(_api, bob))
        {
            local.Apply(await away.JoinAsync(_room));
            var before = new List<SendAck>();
            for (var i = 1; i <= 3; i++)
                before.Add(await alice.SendAsync(_room, $"before {i}"));
            (await alice.Session.EditAsync(before[0].Id, "before 1, edited while bob was here")).Dispose();
            await away.Created.WaitForAsync(m => m.Id == before[2].Id);
            await away.Updated.WaitForAsync(m => m.Id == before[0].Id);
            local.Apply(away);
            await away.StopAsync();

            // Bob is offline now.
            var during = new List<SendAck>();
            for (var i = 1; i <= 3; i++)
                during.Add(await alice.SendAsync(_room, $"during {i}"));
            await EnsureAsync(alice.Session.EditAsync(before[1].Id, "before 2, edited while bob was away"));
            await EnsureAsync(alice.Session.EditAsync(during[1].Id, "during 2, edited"));
            await EnsureAsync(alice.Session.DeleteAsync(before[2].Id));
            await EnsureAsync(alice.Session.DeleteAsync(during[2].Id));
        }

        await using var back = await ChatClient.ConnectAsync(_api, bob);
        var caughtUp = await back.JoinAsync(_room, local.Cursor);
        local.Apply(caughtUp);

        Assert.False(caughtUp.HasMore);
        Assert.Equal(Describe(await bob.FullHistoryAsync(_room)), Describe(local.Visible));
        // Three new messages, two edits and two deletions touched five messages; each comes once, in its latest state.
        Assert.Equal(5, caughtUp.Messages.Count);

        // The cursor it got back is exact: the next live change follows it directly.
        var next = await alice.SendAsync(_room, "welcome back");
        var live = await back.Created.WaitForAsync(m => m.Id == next.Id);
        Assert.Equal(caughtUp.ChangeSeq + 1, live.ChangeSeq);
    }

    [Fact]
    public async Task CatchingUpOnMoreThanOnePageContinuesFromTheReturnedChangeSeqWithoutSkippingAnything()
    {
        await using var alice = await ChatApi.ConnectAsync(_api, "alice");
        var bob = await ChatApi.SignInAsync(_api, "bob");
        var local = new LocalRoom();
        await using (var away = await ChatClient.ConnectAsync(_api, bob))
            local.Apply(await away.JoinAsync(_room));

        var sent = await Task.WhenAll(Enumerable.Range(1, 620).Select(i => alice.SendAsync(_room, $"message {i}")));
        await EnsureAsync(alice.Session.DeleteAsync(sent[9].Id));
        await EnsureAsync(alice.Session.EditAsync(sent[599].Id, "message 600, edited"));

        await using var back = await ChatClient.ConnectAsync(_api, bob);
        var caughtUp = await back.JoinAsync(_room, local.Cursor);
        local.Apply(caughtUp);
        var more = caughtUp.HasMore;
        while (more)
        {
            var page = await bob.HistoryAsync(_room, $"?changedAfter={local.Cursor}&limit=100");
            Assert.NotEmpty(page.Messages);
            foreach (var message in page.Messages)
                local.Apply(message);
            more = page.HasMore;
        }

        Assert.True(caughtUp.HasMore);
        Assert.Equal(Describe(await bob.FullHistoryAsync(_room)), Describe(local.Visible));
        Assert.Equal(619, local.Visible.Count);
    }

    private static async Task EnsureAsync(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NoContent, $"{(int)response.StatusCode}");
    }

    private static List<string> Describe(IEnumerable<MessageDto> messages) =>
        [.. messages.Select(m => $"{m.Seq} {m.Id} {m.Content} {(m.EditedAt is null ? "" : "(edited)")}")];

    /// <summary>A client's copy of one room, kept as the SPA keeps it: by message id, with the highest change seen.</summary>
    private sealed class LocalRoom
    {
        private readonly Dictionary<Guid, MessageDto> _messages = [];

        public long Cursor { get; private set; }

        public List<MessageDto> Visible => [.. _messages.Values.Where(m => !m.Deleted).OrderBy(m => m.Seq)];

        public void Apply(JoinRoomResult joined)
        {
            foreach (var message in joined.Messages)
                Apply(message);
            Cursor = Math.Max(Cursor, joined.ChangeSeq);
        }

        /// <summary>Everything the connection received live, in any order.</summary>
        public void Apply(ChatClient client)
        {
            foreach (var message in client.Created.Items.Concat(client.Updated.Items))
                Apply(message);
            foreach (var deleted in client.Deleted.Items)
            {
                if (_messages.TryGetValue(deleted.MessageId, out var known))
                    Apply(known with { Deleted = true, Content = "", ChangeSeq = deleted.ChangeSeq });
                Cursor = Math.Max(Cursor, deleted.ChangeSeq);
            }
        }

        /// <summary>A message in its state as of its change seq; an older state never replaces a newer one.</summary>
        public void Apply(MessageDto message)
        {
            if (!_messages.TryGetValue(message.Id, out var known) || known.ChangeSeq < message.ChangeSeq)
                _messages[message.Id] = message;
            Cursor = Math.Max(Cursor, message.ChangeSeq);
        }
    }
}
