using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using ChatRoom.Chat;
using ChatRoom.Realtime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatRoom.Tests.Realtime;

/// <summary>Bad sends are refused with a reason, over REST (a 400 problem) and over the hub (a HubException).</summary>
public sealed class ValidationTests(ChatServerFixture server) : IClassFixture<ChatServerFixture>, IAsyncLifetime
{
    private readonly ApiServer _api = server.Api;
    private Guid _room;

    public async ValueTask InitializeAsync() => _room = await server.NewRoomAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    // Theory data by name: xunit serializes theory arguments, and a lone surrogate does not survive that.
    private static string Content(string kind) => kind switch
    {
        "empty" => "",
        "whitespace" => " \t\r\n ",
        "too long" => new string('x', 4001),
        "too long after trimming" => " " + new string('x', 4001) + " ",
        "NUL" => "before\0after",
        "broken surrogate" => "before\ud800after",
        "only invisible characters" => "\u200b\u200d\u2060\u202e",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [InlineData("empty")]
    [InlineData("whitespace")]
    [InlineData("too long")]
    [InlineData("too long after trimming")]
    [InlineData("NUL")]
    [InlineData("broken surrogate")]
    [InlineData("only invisible characters")]
    public async Task ContentThatIsNotAcceptableIsAnsweredWithABadRequestProblem(string kind)
    {
        var alice = await ChatApi.SignInAsync(_api, "alice");
        // JSON as a browser writes it: .NET's serializer would turn a lone surrogate into U+FFFD on the way.
        var content = kind == "broken surrogate" ? "\"before\\ud800after\"" : JsonSerializer.Serialize(Content(kind));

        using var response = await alice.Client.SendRawAsync(HttpMethod.Post, $"/api/rooms/{_room}/messages",
            $$"""{"content":{{content}},"clientMessageId":"{{Guid.NewGuid()}}"}""", alice.AccessToken);

        await AuthApi.ReadProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Empty(await _api.StoredMessagesAsync(_room));
    }

    // The .NET client writes a lone surrogate as U+FFFD, which is valid text; a browser sends it escaped (below).
    [Theory]
    [InlineData("empty")]
    [InlineData("whitespace")]
    [InlineData("too long")]
    [InlineData("too long after trimming")]
    [InlineData("NUL")]
    [InlineData("only invisible characters")]
    public async Task ContentThatIsNotAcceptableIsRefusedOverTheHubAndTheConnectionGoesOn(string kind)
    {
        await using var alice = await ChatApi.ConnectAsync(_api, "alice");

        var refused = await Assert.ThrowsAsync<HubException>(() => alice.SendAsync(_room, Content(kind)));

        Assert.Contains("message", refused.Detail(ErrorCodes.ChatContentInvalid), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HubConnectionState.Connected, alice.Hub.State);
        Assert.Equal(1, (await alice.SendAsync(_room, "fine")).Seq);
        Assert.Single(await _api.StoredMessagesAsync(_room));
    }

    [Fact]
    public async Task ABrokenSurrogateSentOverTheHubAsABrowserSendsItIsRefused()
    {
        var alice = await ChatApi.SignInAsync(_api, "alice");
        using var socket = new ClientWebSocket();
        var uri = new UriBuilder(new Uri(_api.Address, ChatHub.Path)) { Scheme = "ws", Query = $"access_token={alice.AccessToken}" }.Uri;
        await socket.ConnectAsync(uri, AuthApi.Ct);
        var frames = new HubFrames(socket);

        await frames.SendAsync("""{"protocol":"json","version":1}""");
        Assert.Equal("{}", await frames.ReceiveAsync());
        await frames.SendAsync($$"""{"type":1,"invocationId":"1","target":"SendMessage","arguments":["{{_room}}","before\ud800after","raw-1"]}""");
        string completion;
        do
            completion = await frames.ReceiveAsync();
        while (!completion.Contains("\"invocationId\":\"1\"", StringComparison.Ordinal));

        using var json = JsonDocument.Parse(completion);
        Assert.Equal(3, json.RootElement.GetProperty("type").GetInt32());
        Assert.True(json.RootElement.TryGetProperty("error", out _), completion);
        Assert.Empty(await _api.StoredMessagesAsync(_room));
    }

    [Fact]
    public async Task TheLongestAllowedMessageIsAcceptedInAnyScript()
    {
        await using var alice = await ChatApi.ConnectAsync(_api, "alice");
        // 4000 characters outside ASCII: three bytes each in UTF-8, six when a JSON writer escapes them.
        var cjk = new string('語', 4000);
        var latin = "  " + new string('x', 4000) + "  ";

        var overHub = await alice.SendAsync(_room, cjk);
        var overRest = await alice.Session.SendOverRestAsync(_room, latin);

        var history = await alice.Session.HistoryAsync(_room);
        Assert.Equal([cjk, new string('x', 4000)], history.Messages.Select(m => m.Content));
        Assert.Equal([overHub.Id, overRest.Id], history.Messages.Select(m => m.Id));
    }

    [Fact]
    public async Task ASendWithoutAClientMessageIdIsRefused()
    {
        await using var alice = await ChatApi.ConnectAsync(_api, "alice");

        using var missing = await alice.Session.SendAsync(HttpMethod.Post, $"/api/rooms/{_room}/messages", new { content = "hi" });
        using var empty = await alice.Session.PostMessageAsync(_room, "hi", "");
        using var notJson = await alice.Session.Client.SendRawAsync(HttpMethod.Post, $"/api/rooms/{_room}/messages", "{not json",
            alice.Session.AccessToken);
        var overHub = await Assert.ThrowsAsync<HubException>(() =>
            alice.Hub.InvokeAsync<object>("SendMessage", _room, "hi", null, TestContext.Current.CancellationToken));

        var problem = await AuthApi.ReadProblemAsync(missing, HttpStatusCode.BadRequest);
        Assert.Contains("clientMessageId", problem.Detail ?? string.Join(' ', problem.Errors.Keys), StringComparison.Ordinal);
        await AuthApi.ReadProblemAsync(empty, HttpStatusCode.BadRequest);
        await AuthApi.ReadProblemAsync(notJson, HttpStatusCode.BadRequest);
        Assert.Contains("clientMessageId", overHub.Detail(ErrorCodes.ChatClientMessageIdInvalid), StringComparison.Ordinal);
        Assert.Empty(await _api.StoredMessagesAsync(_room));
    }

    [Fact]
    public async Task AnUnknownRoomIsNotFound()
    {
        var nowhere = Guid.NewGuid();
        await using var alice = await ChatApi.ConnectAsync(_api, "alice");

        using var send = await alice.Session.PostMessageAsync(nowhere, "hi", Guid.NewGuid().ToString());
        using var history = await alice.Session.GetAsync($"/api/rooms/{nowhere}/messages");
        using var room = await alice.Session.GetAsync($"/api/rooms/{nowhere}");
        var hubSend = await Assert.ThrowsAsync<HubException>(() => alice.SendAsync(nowhere, "hi"));
        var hubJoin = await Assert.ThrowsAsync<HubException>(() => alice.JoinAsync(nowhere));

        await AuthApi.ReadProblemAsync(send, HttpStatusCode.NotFound);
        await AuthApi.ReadProblemAsync(history, HttpStatusCode.NotFound);
        await AuthApi.ReadProblemAsync(room, HttpStatusCode.NotFound);
        Assert.Contains(nowhere.ToString(), hubSend.Detail(ErrorCodes.RoomNotFound), StringComparison.Ordinal);
        Assert.Contains(nowhere.ToString(), hubJoin.Detail(ErrorCodes.RoomNotFound), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HistoryLimitsOutsideOneToAHundredAreRefused()
    {
        var alice = await ChatApi.SignInAsync(_api, "alice");

        using var zero = await alice.GetAsync($"/api/rooms/{_room}/messages?limit=0");
        using var tooMany = await alice.GetAsync($"/api/rooms/{_room}/messages?limit=101");
        using var mixed = await alice.GetAsync($"/api/rooms/{_room}/messages?changedAfter=1&after=1");

        await AuthApi.ReadProblemAsync(zero, HttpStatusCode.BadRequest);
        await AuthApi.ReadProblemAsync(tooMany, HttpStatusCode.BadRequest);
        await AuthApi.ReadProblemAsync(mixed, HttpStatusCode.BadRequest);
    }

    /// <summary>The SignalR JSON protocol by hand: messages end with the record separator 0x1E.</summary>
    private sealed class HubFrames(ClientWebSocket socket)
    {
        private const char Separator = '\u001e';
        private readonly Queue<string> _received = new();
        private readonly StringBuilder _partial = new();

        public Task SendAsync(string message) =>
            socket.SendAsync(Encoding.UTF8.GetBytes(message + Separator), WebSocketMessageType.Text, true, AuthApi.Ct);

        public async Task<string> ReceiveAsync()
        {
            var buffer = new byte[4096];
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(AuthApi.Ct);
            deadline.CancelAfter(Inbox.Deadline);
            while (_received.Count == 0)
            {
                var result = await socket.ReceiveAsync(buffer, deadline.Token);
                _partial.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
                var text = _partial.ToString();
                var end = text.LastIndexOf(Separator);
                if (end < 0)
                    continue;
                foreach (var message in text[..end].Split(Separator))
                    _received.Enqueue(message);
                _partial.Clear().Append(text[(end + 1)..]);
            }
            return _received.Dequeue();
        }
    }
}
