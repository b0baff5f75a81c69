using ChatRoom.Chat;
using ChatRoom.Realtime;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatRoom.Tests.Realtime;

/// <summary>
/// One browser tab's hub connection over a real WebSocket, as the SPA opens it (access token in the query),
/// recording every event it receives.
/// </summary>
public sealed class ChatClient : IAsyncDisposable
{
    private readonly TaskCompletionSource<Exception?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChatClient(HubConnection hub, Session session)
    {
        Hub = hub;
        Session = session;
        hub.On<MessageDto>(nameof(IChatClient.MessageCreated), Created.Add);
        hub.On<MessageDto>(nameof(IChatClient.MessageUpdated), Updated.Add);
        hub.On<MessageDeletedEvent>(nameof(IChatClient.MessageDeleted), Deleted.Add);
        hub.On<RoomMemberEvent>(nameof(IChatClient.UserJoined), Joined.Add);
        hub.On<RoomMemberEvent>(nameof(IChatClient.UserLeft), Left.Add);
        hub.On<TypingEvent>(nameof(IChatClient.Typing), Typing.Add);
        hub.On<PresenceEvent>(nameof(IChatClient.PresenceChanged), Presence.Add);
        hub.On<SessionRevokedEvent>(nameof(IChatClient.SessionRevoked), Revoked.Add);
        hub.On<ModerationNoticeEvent>(nameof(IChatClient.ModerationNotice), Notices.Add);
        hub.On<RoomInfo>(nameof(IChatClient.RoomUpdated), RoomsUpdated.Add);
        hub.On<RoomHeadEvent>(nameof(IChatClient.RoomHead), Heads.Add);
        hub.On<ConversationActivityEvent>(nameof(IChatClient.ConversationActivity), Activity.Add);
        hub.On<RoomUnread>(nameof(IChatClient.ReadMarkerMoved), Read.Add);
        hub.On<NotificationDto>(nameof(IChatClient.NotificationCreated), Notifications.Add);
        hub.Closed += error =>
        {
            _closed.TrySetResult(error);
            return Task.CompletedTask;
        };
    }

    public HubConnection Hub { get; }
    public Session Session { get; }
    public Guid UserId => Session.User.Id;

    public Inbox<MessageDto> Created { get; } = new();
    public Inbox<MessageDto> Updated { get; } = new();
    public Inbox<MessageDeletedEvent> Deleted { get; } = new();
    public Inbox<RoomMemberEvent> Joined { get; } = new();
    public Inbox<RoomMemberEvent> Left { get; } = new();
    public Inbox<TypingEvent> Typing { get; } = new();
    public Inbox<PresenceEvent> Presence { get; } = new();
    public Inbox<SessionRevokedEvent> Revoked { get; } = new();
    public Inbox<ModerationNoticeEvent> Notices { get; } = new();
    public Inbox<RoomInfo> RoomsUpdated { get; } = new();
    public Inbox<RoomHeadEvent> Heads { get; } = new();
    public Inbox<ConversationActivityEvent> Activity { get; } = new();
    public Inbox<RoomUnread> Read { get; } = new();
    public Inbox<NotificationDto> Notifications { get; } = new();

    /// <summary>Completes when the connection has closed (with the error the client saw, if any).</summary>
    public Task<Exception?> Closed => _closed.Task;

    /// <summary>Waits for the connection to close, failing after <see cref="Inbox.Deadline"/>.</summary>
    public Task<Exception?> WaitUntilClosedAsync() => Closed.WaitAsync(Inbox.Deadline, TestContext.Current.CancellationToken);

    /// <summary>
    /// Connects and waits until the server has set the connection up: <c>StartAsync</c> returns after the
    /// handshake, before the hub's <c>OnConnectedAsync</c> (presence, groups) has run; a call is answered only
    /// after it, so a first heartbeat marks the moment the user is really there.
    /// </summary>
    public static async Task<ChatClient> ConnectAsync(ApiServer api, Session session, Action<HttpConnectionOptions>? configure = null)
    {
        var client = Create(api, session, configure);
        await client.Hub.StartAsync(TestContext.Current.CancellationToken);
        await client.HeartbeatAsync();
        return client;
    }

    /// <summary>A connection that is built but not started, for tests of refused connections.</summary>
    public static ChatClient Create(ApiServer api, Session session, Action<HttpConnectionOptions>? configure = null)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(api.Address, ChatHub.Path), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.AccessTokenProvider = () => Task.FromResult<string?>(session.AccessToken);
                configure?.Invoke(options);
            })
            .Build();
        return new ChatClient(hub, session);
    }

    public Task<JoinRoomResult> JoinAsync(Guid roomId, long? afterChangeSeq = null) =>
        Hub.InvokeAsync<JoinRoomResult>(nameof(ChatHub.JoinRoom), roomId, afterChangeSeq, TestContext.Current.CancellationToken);

    public Task<CatchUpResult> CatchUpAsync(Guid roomId, long afterChangeSeq) =>
        Hub.InvokeAsync<CatchUpResult>(nameof(ChatHub.CatchUp), roomId, afterChangeSeq, TestContext.Current.CancellationToken);

    public Task LeaveAsync(Guid roomId) =>
        Hub.InvokeAsync(nameof(ChatHub.LeaveRoom), roomId, TestContext.Current.CancellationToken);

    public Task<SendAck> SendAsync(Guid roomId, string? content, string? clientMessageId = null) =>
        Hub.InvokeAsync<SendAck>(nameof(ChatHub.SendMessage), roomId, content, clientMessageId ?? Guid.NewGuid().ToString(),
            TestContext.Current.CancellationToken);

    public Task<SendAck> ReplyAsync(Guid roomId, Guid replyToId, string content, string? clientMessageId = null) =>
        SendWithAsync(roomId, content, new MessageExtras(ReplyToId: replyToId), clientMessageId);

    public Task<SendAck> SendWithAsync(Guid roomId, string content, MessageExtras extras, string? clientMessageId = null) =>
        Hub.InvokeAsync<SendAck>(nameof(ChatHub.SendMessageWith), roomId, content, clientMessageId ?? Guid.NewGuid().ToString(), extras,
            TestContext.Current.CancellationToken);

    public Task TypingAsync(Guid roomId, bool isTyping) =>
        Hub.InvokeAsync(nameof(ChatHub.Typing), roomId, isTyping, TestContext.Current.CancellationToken);

    public Task HeartbeatAsync() => Hub.InvokeAsync(nameof(ChatHub.Heartbeat), TestContext.Current.CancellationToken);

    public Task StopAsync() => Hub.StopAsync(TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => Hub.DisposeAsync();
}
