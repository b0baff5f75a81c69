using ChatRoom.Chat;
using System.Collections.Concurrent;
using ChatRoom.Data;
using ChatRoom.Contracts;
using ChatRoom.Chat.Moderation;
using ChatRoom.Chat.Presence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace ChatRoom.Realtime;

/// <summary>
/// <c>/hubs/chat</c>. Every method acts as the authenticated user (<c>sub</c> of the access token); rooms are
/// joined only after the server has checked access. Errors reach the caller as a <see cref="HubException"/>
/// with a message fit to show.
/// </summary>
[Authorize]
public sealed class ChatHub(
    ChatService chat, RoomAccess access, Restrictions restrictions, PresenceTracker presence, ChatDbContext db,
    ConnectionRegistry connections, ChatBroadcasts broadcasts, ChatMetrics metrics)
    : Hub<IChatClient>
{
    public const string Path = "/hubs/chat";
    private const int CatchUpLimit = 500;
    private static readonly TimeSpan TypingThrottle = TimeSpan.FromSeconds(2);

    private Viewer Viewer => Context.User!.Viewer();

    private UserSummary Me => (UserSummary)Context.Items[nameof(Me)]!;

    private ConcurrentDictionary<Guid, TypingState> JoinedRooms =>
        (ConcurrentDictionary<Guid, TypingState>)Context.Items[nameof(JoinedRooms)]!;

    /// <summary>The rooms a connection of this replica has joined.</summary>
    public static ICollection<Guid> JoinedRoomsOf(HubCallerContext connection) =>
        connection.Items.TryGetValue(nameof(JoinedRooms), out var joined) && joined is ConcurrentDictionary<Guid, TypingState> rooms
            ? rooms.Keys
            : [];

    public override async Task OnConnectedAsync()
    {
        metrics.ConnectionOpened();
        var userId = Context.User!.UserId();
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new UserSummary(u.Id, u.UserName, u.DisplayName, u.AvatarUrl))
            .SingleOrDefaultAsync(Context.ConnectionAborted) ?? throw new HubException("The account no longer exists.");
        Context.Items[nameof(Me)] = user;
        Context.Items[nameof(JoinedRooms)] = new ConcurrentDictionary<Guid, TypingState>();
        connections.Add(Context);

        await Groups.AddToGroupAsync(Context.ConnectionId, ChatGroups.User(userId));
        await Groups.AddToGroupAsync(Context.ConnectionId, ChatGroups.Session(Context.User!.SessionId()));
        if (Viewer.Moderates)
            await Groups.AddToGroupAsync(Context.ConnectionId, ChatGroups.Moderators);
        // Counted, not announced to everyone: with N users online that would be N frames per arrival (N² while
        // an installation fills up). The people who care, those sharing a room, hear it from UserJoined.
        await presence.ConnectedAsync(userId);
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        metrics.ConnectionClosed();
        connections.Remove(Context);
        if (Context.Items.ContainsKey(nameof(Me)))
        {
            // The rooms hear UserLeft when the user's last connection in each leaves.
            foreach (var roomId in JoinedRooms.Keys)
                await LeaveAsync(roomId);
            await presence.DisconnectedAsync(Me.Id);
        }
    }

    /// <summary>
    /// Joins a room and answers who is in it and what the caller missed: with <paramref name="afterChangeSeq"/>
    /// (the client's cursor: every change up to it applied, none missing below it) every create, edit and delete
    /// after it, oldest first;
    /// without it, the latest page of history.
    /// </summary>
    public async Task<JoinRoomResult> JoinRoom(Guid roomId, long? afterChangeSeq)
    {
        var room = (await access.CheckAsync(roomId, Viewer, write: false, Context.ConnectionAborted)).OrThrow();
        if ((await restrictions.GetAsync(Me.Id, Context.ConnectionAborted)).KickedFromAt(roomId, DateTimeOffset.UtcNow) is { } kickedUntil)
            throw ChatHubErrors.Error(ErrorCodes.ChatKicked, ActiveRestrictions.KickedDetail(kickedUntil));

        await Groups.AddToGroupAsync(Context.ConnectionId, ChatGroups.Room(roomId));
        if (JoinedRooms.TryAdd(roomId, TypingState.Idle) && await presence.JoinedRoomAsync(roomId, Me.Id))
        {
            var joined = new RoomMemberEvent(roomId, Me);
            ToOthersInRoom(roomId, "joined", clients => clients.UserJoined(joined));
        }

        var (messages, cursor, hasMore) = await ChangesSinceAsync(roomId, afterChangeSeq);
        var online = await OnlineInRoomAsync(roomId);
        return new JoinRoomResult(RoomAccess.Describe(room), online, messages, cursor, hasMore);
    }

    /// <summary>
    /// Every change in a joined room after <paramref name="afterChangeSeq"/>, oldest first, and the change number
    /// to continue from: what a client calls when its events show a gap or a <c>RoomHead</c> is past what it has.
    /// Reads only the database, so it works while Redis (and with it the broadcasts) is away.
    /// </summary>
    public async Task<CatchUpResult> CatchUp(Guid roomId, long afterChangeSeq)
    {
        if (!JoinedRooms.ContainsKey(roomId))
            throw ChatHubErrors.Error(ErrorCodes.ChatNotJoined, "Join the room first.");
        if (afterChangeSeq < 0)
            throw ChatHubErrors.Error(ErrorCodes.RequestInvalid, "afterChangeSeq must be 0 or more.");
        var (messages, cursor, hasMore) = await ChangesSinceAsync(roomId, afterChangeSeq);
        return new CatchUpResult(messages, cursor, hasMore);
    }

    /// <summary>
    /// Every change after <paramref name="afterChangeSeq"/> (without it, the latest page of history) and the cursor
    /// to continue from. The room's change counter is read before the messages: every change up to it is committed
    /// (changes commit in change order, under the room row's lock), so the answer holds all of them.
    /// </summary>
    private async Task<(List<MessageDto> Messages, long Cursor, bool HasMore)> ChangesSinceAsync(Guid roomId, long? afterChangeSeq)
    {
        var committed = await db.Rooms.Where(r => r.Id == roomId).Select(r => r.LastChangeSeq).SingleAsync(Context.ConnectionAborted);
        var (messages, hasMore) = afterChangeSeq is { } since
            ? await chat.ChangesAsync(Viewer, roomId, since, CatchUpLimit, Context.ConnectionAborted)
            : await chat.HistoryAsync(Viewer, roomId, before: null, after: null, limit: 50, Context.ConnectionAborted);
        return (messages, CatchUpCursor(committed, afterChangeSeq, messages, hasMore), hasMore);
    }

    /// <summary>
    /// The change sequence the client continues from. A catch-up cut at <see cref="CatchUpLimit"/> continues
    /// after its last change, not after the room's latest (that would skip the rest); a complete one after the
    /// later of the counter and the newest change answered. A history page says nothing about deletions, so
    /// after it the client continues from the counter read before the page.
    /// </summary>
    private static long CatchUpCursor(long committed, long? afterChangeSeq, List<MessageDto> messages, bool hasMore) =>
        afterChangeSeq is null || messages.Count == 0 ? Math.Max(committed, afterChangeSeq ?? 0)
        : hasMore ? messages[^1].ChangeSeq
        : Math.Max(committed, messages[^1].ChangeSeq);

    public async Task LeaveRoom(Guid roomId)
    {
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, ChatGroups.Room(roomId));
        await LeaveAsync(roomId);
    }

    /// <summary>Answers only after the message is committed; a retry with the same client id returns the same message.</summary>
    public async Task<SendAck> SendMessage(Guid roomId, string content, string clientMessageId)
    {
        var message = (await chat.SendAsync(Viewer, Me, roomId, content, clientMessageId, Context.ConnectionAborted)).OrThrow().Message;
        return new SendAck(message.Id, message.RoomId, message.Seq, message.ChangeSeq, message.CreatedAt);
    }

    /// <summary>
    /// Tells the room the caller is typing or stopped. "Is typing" is passed on at most once per two seconds, and
    /// "stopped" only after a passed "is typing": alternating the two cannot get past the throttle.
    /// </summary>
    public async Task Typing(Guid roomId, bool isTyping)
    {
        if (!JoinedRooms.TryGetValue(roomId, out var state))
            throw ChatHubErrors.Error(ErrorCodes.ChatNotJoined, "Join the room first.");
        var now = DateTimeOffset.UtcNow;
        if (isTyping ? now - state.LastTypingSent < TypingThrottle : !state.IsTyping)
            return;
        JoinedRooms[roomId] = isTyping ? new TypingState(now, IsTyping: true) : state with { IsTyping = false };
        var typing = new TypingEvent(roomId, Me, isTyping);
        ToOthersInRoom(roomId, "typing", clients => clients.Typing(typing));
    }

    public async Task Heartbeat()
    {
        // Back after the Worker took the user offline: the rooms this connection is in see them again.
        if (await presence.HeartbeatAsync(Me.Id) && !JoinedRooms.IsEmpty)
        {
            var rooms = JoinedRooms.Keys.Select(ChatGroups.Room).ToList();
            var online = new PresenceEvent(Me.Id, true, DateTimeOffset.UtcNow);
            broadcasts.Post($"user {Me.Id} back online", clients => clients.Groups(rooms).PresenceChanged(online));
        }
    }

    /// <summary>
    /// Takes a connection out of a room on the server's initiative (a moderator's kick), as if it had left:
    /// out of the group, out of the room's presence, and the others told.
    /// </summary>
    public static async Task EvictAsync(HubCallerContext connection, Guid roomId, IHubContext<ChatHub, IChatClient> hub,
        PresenceTracker presence, ChatBroadcasts broadcasts)
    {
        // Out of the room's state first: a catch-up or typing call after this point is refused even if the group
        // change below has to wait for Redis.
        if (connection.Items.TryGetValue(nameof(JoinedRooms), out var joined) && joined is ConcurrentDictionary<Guid, TypingState> rooms &&
            rooms.TryRemove(roomId, out _) && connection.Items[nameof(Me)] is UserSummary me && await presence.LeftRoomAsync(roomId, me.Id))
            broadcasts.Post($"user {me.Id} kicked from {roomId}", clients => clients.Group(ChatGroups.Room(roomId)).UserLeft(new RoomMemberEvent(roomId, me)));
        await hub.Groups.RemoveFromGroupAsync(connection.ConnectionId, ChatGroups.Room(roomId));
    }

    private async Task LeaveAsync(Guid roomId)
    {
        if (JoinedRooms.TryRemove(roomId, out _) && await presence.LeftRoomAsync(roomId, Me.Id))
        {
            var left = new RoomMemberEvent(roomId, Me);
            ToOthersInRoom(roomId, "left", clients => clients.UserLeft(left));
        }
    }

    /// <summary>
    /// Queued like every other broadcast: a hub call never waits for Redis to pass on an event. The event must be
    /// built before: the hub (and its <c>Context</c>) is gone by the time it is sent.
    /// </summary>
    private void ToOthersInRoom(Guid roomId, string what, Func<IChatClient, Task> send)
    {
        var except = Context.ConnectionId;
        broadcasts.Post($"{what} in {roomId}", clients => send(clients.GroupExcept(ChatGroups.Room(roomId), except)));
    }

    private async Task<List<UserSummary>> OnlineInRoomAsync(Guid roomId)
    {
        var ids = await presence.InRoomAsync(roomId);
        return await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) && u.DeletedAt == null)
            .OrderBy(u => u.NormalizedUserName)
            .Select(u => new UserSummary(u.Id, u.UserName, u.DisplayName, u.AvatarUrl))
            .ToListAsync(Context.ConnectionAborted);
    }
}

/// <summary>What a connection last told a room about its typing, and when it last said "is typing".</summary>
internal readonly record struct TypingState(DateTimeOffset LastTypingSent, bool IsTyping)
{
    public static TypingState Idle { get; } = new(DateTimeOffset.MinValue, false);
}
