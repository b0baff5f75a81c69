using ChatRoom.Chat.Presence;
using ChatRoom.Chat.Rooms;
using Microsoft.AspNetCore.Authorization;

namespace ChatRoom.Realtime;

/// <summary>
/// <c>/hubs/chat</c>: translates each call into one chat core operation and its result into the answer or a
/// <see cref="HubException"/> carrying a <see cref="HubError"/>. Every method acts as the authenticated user
/// (<c>sub</c> of the access token); the core decides which rooms a connection hears.
/// </summary>
[Authorize]
public sealed class ChatHub(ChatService chat, RoomSessions rooms, PresenceService presence, ConnectionRegistry connections, ChatMetrics metrics)
    : Hub<IChatClient>
{
    public const string Path = "/hubs/chat";

    private ChatConnection Connection => ConnectionOf(Context)!;

    /// <summary>The chat core's view of an open connection, once it is set up.</summary>
    public static ChatConnection? ConnectionOf(HubCallerContext context) =>
        context.Items.TryGetValue(nameof(ChatConnection), out var connection) ? connection as ChatConnection : null;

    public override async Task OnConnectedAsync()
    {
        metrics.ConnectionOpened();
        var viewer = Context.User!.Viewer();
        var connection = (await rooms.OpenAsync(Context.ConnectionId, viewer, Context.ConnectionAborted)).OrThrow();
        Context.Items[nameof(ChatConnection)] = connection;
        connections.Add(Context);

        // Each group this replica hears is a Redis subscription, a few KB held as long as someone is in it. Nothing
        // is sent to a session's group (a revocation finds its connections in the registry), so there is none.
        await Groups.AddToGroupAsync(Context.ConnectionId, ChatGroups.User(viewer.Id));
        if (viewer.Moderates)
            await Groups.AddToGroupAsync(Context.ConnectionId, ChatGroups.Moderators);
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        metrics.ConnectionClosed();
        connections.Remove(Context);
        if (ConnectionOf(Context) is { } connection)
            await rooms.CloseAsync(connection);
    }

    public async Task<JoinRoomResult> JoinRoom(Guid roomId, long? afterChangeSeq) =>
        (await rooms.JoinAsync(Connection, roomId, afterChangeSeq, Context.ConnectionAborted)).OrThrow();

    public async Task<CatchUpResult> CatchUp(Guid roomId, long afterChangeSeq) =>
        (await rooms.CatchUpAsync(Connection, roomId, afterChangeSeq, Context.ConnectionAborted)).OrThrow();

    public Task LeaveRoom(Guid roomId) => rooms.LeaveAsync(Connection, roomId);

    /// <summary>Answers only after the message is committed; a retry with the same client id returns the same message.</summary>
    public async Task<SendAck> SendMessage(Guid roomId, string content, string clientMessageId)
    {
        var message = (await chat.SendAsync(Connection.Viewer, Connection.Me, roomId, content, clientMessageId, Context.ConnectionAborted)).OrThrow().Message;
        return Ack(message);
    }

    /// <summary>
    /// <see cref="SendMessage"/> of a message with <paramref name="extras"/>: the message of the same room it answers, and
    /// files uploaded for it (<c>POST /api/rooms/{roomId}/attachments</c>).
    /// </summary>
    public async Task<SendAck> SendMessageWith(Guid roomId, string content, string clientMessageId, MessageExtras extras)
    {
        var message = (await chat.SendAsync(Connection.Viewer, Connection.Me, roomId, content, clientMessageId, Context.ConnectionAborted, extras))
            .OrThrow().Message;
        return Ack(message);
    }

    private static SendAck Ack(MessageDto message) => new(message.Id, message.RoomId, message.Seq, message.ChangeSeq, message.CreatedAt);

    public Task Typing(Guid roomId, bool isTyping)
    {
        rooms.Typing(Connection, roomId, isTyping).OrThrow();
        return Task.CompletedTask;
    }

    public Task Heartbeat() => presence.HeartbeatAsync(Connection.Viewer.Id);
}
