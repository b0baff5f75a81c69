using ChatRoom.Chat.Messages;
using ChatRoom.Chat.Moderation;
using ChatRoom.Chat.Presence;

namespace ChatRoom.Chat.Rooms;

/// <summary>
/// A connection's life in the rooms: opening and closing it, joining (with catch-up), catching up, leaving, typing,
/// and being taken out of a room by a moderator's kick. The rules live here; the transport keeps the
/// <see cref="ChatConnection"/> and carries out the room subscriptions this decides.
/// </summary>
public sealed class RoomSessions(
    RoomAccess access,
    Restrictions restrictions,
    PresenceTracker presence,
    MessageQueries queries,
    ChatUsers users,
    ChatDbContext db,
    IRoomSubscriptions subscriptions,
    IChatEvents events,
    TimeProvider clock)
{
    public const int CatchUpLimit = 500;
    public const int HistoryPage = 50;
    public static readonly TimeSpan TypingThrottle = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A new connection of the user. Counted, not announced to everyone: with N users online that would be N frames
    /// per arrival (N² while an installation fills up). The people who care, those sharing a room, hear it from UserJoined.
    /// </summary>
    public async Task<ChatResult<ChatConnection>> OpenAsync(string connectionId, Viewer viewer, CancellationToken ct)
    {
        if (await users.FindAsync(viewer.Id, ct) is not { } me)
            return ChatResult<ChatConnection>.Fail(ChatError.NotFound, ErrorCodes.ChatAccountGone, "The account no longer exists.");
        await presence.ConnectedAsync(viewer.Id);
        return ChatResult<ChatConnection>.Ok(new ChatConnection(connectionId, viewer, me));
    }

    /// <summary>The rooms hear UserLeft when the user's last connection in each leaves.</summary>
    public async Task CloseAsync(ChatConnection connection)
    {
        foreach (var roomId in connection.JoinedRooms.ToList())
            await LeftAsync(connection, roomId, except: connection.Id);
        await presence.DisconnectedAsync(connection.Viewer.Id);
    }

    /// <summary>
    /// Joins a room and answers who is in it and what the caller missed: with <paramref name="afterChangeSeq"/>
    /// (the client's cursor: every change up to it applied, none missing below it) every create, edit and delete
    /// after it, oldest first; without it, the latest page of history.
    /// </summary>
    public async Task<ChatResult<JoinRoomResult>> JoinAsync(ChatConnection connection, Guid roomId, long? afterChangeSeq, CancellationToken ct)
    {
        var allowed = await access.CheckAsync(roomId, connection.Viewer, write: false, ct);
        if (!allowed.Succeeded)
            return allowed.As<JoinRoomResult>();
        if ((await restrictions.GetAsync(connection.Viewer.Id, ct)).KickedFrom(roomId, clock.GetUtcNow()) is { } kicked)
            return kicked.As<JoinRoomResult>();

        // Subscribed before the changes are read: nothing committed in between is missed.
        await subscriptions.SubscribeAsync(connection.Id, roomId);
        if (connection.Join(roomId) && await presence.JoinedRoomAsync(roomId, connection.Me.Id))
        {
            var joined = new RoomMemberEvent(roomId, connection.Me);
            events.Post(new Audience.Room(roomId, connection.Id), $"joined {roomId}", clients => clients.UserJoined(joined));
        }

        var (messages, cursor, hasMore) = await ChangesSinceAsync(connection.Viewer, roomId, afterChangeSeq, ct);
        var online = await OnlineInRoomAsync(roomId, ct);
        return ChatResult<JoinRoomResult>.Ok(new JoinRoomResult(RoomAccess.Describe(allowed.Value!), online, messages, cursor, hasMore));
    }

    /// <summary>
    /// Every change in a joined room after <paramref name="afterChangeSeq"/>, oldest first, and the change number
    /// to continue from: what a client calls when its events show a gap or a <c>RoomHead</c> is past what it has.
    /// Reads only the database, so it works while Redis (and with it the broadcasts) is away.
    /// </summary>
    public async Task<ChatResult<CatchUpResult>> CatchUpAsync(ChatConnection connection, Guid roomId, long afterChangeSeq, CancellationToken ct)
    {
        if (!connection.IsIn(roomId))
            return NotJoined<CatchUpResult>();
        if (afterChangeSeq < 0)
            return ChatResult<CatchUpResult>.Fail(ChatError.BadRequest, ErrorCodes.RequestInvalid, "afterChangeSeq must be 0 or more.");
        var (messages, cursor, hasMore) = await ChangesSinceAsync(connection.Viewer, roomId, afterChangeSeq, ct);
        return ChatResult<CatchUpResult>.Ok(new CatchUpResult(messages, cursor, hasMore));
    }

    public async Task LeaveAsync(ChatConnection connection, Guid roomId)
    {
        await subscriptions.UnsubscribeAsync(connection.Id, roomId);
        await LeftAsync(connection, roomId, except: connection.Id);
    }

    /// <summary>
    /// Takes a connection out of a room on the server's initiative (a moderator's kick), as if it had left: out of
    /// the room's state first, so a catch-up or typing call after this point is refused even if the subscription
    /// change has to wait for Redis; out of the room's presence, and the others told.
    /// </summary>
    public async Task EvictAsync(ChatConnection connection, Guid roomId)
    {
        await LeftAsync(connection, roomId, except: null);
        await subscriptions.UnsubscribeAsync(connection.Id, roomId);
    }

    /// <summary>Tells the room the caller is typing or stopped, as often as <see cref="TypingThrottle"/> lets it.</summary>
    public ChatResult<bool> Typing(ChatConnection connection, Guid roomId, bool isTyping)
    {
        if (!connection.IsIn(roomId))
            return NotJoined<bool>();
        if (!connection.PassTyping(roomId, isTyping, clock.GetUtcNow(), TypingThrottle))
            return ChatResult<bool>.Ok(false);
        var typing = new TypingEvent(roomId, connection.Me, isTyping);
        events.Post(new Audience.Room(roomId, connection.Id), $"typing in {roomId}", clients => clients.Typing(typing));
        return ChatResult<bool>.Ok(true);
    }

    private async Task LeftAsync(ChatConnection connection, Guid roomId, string? except)
    {
        if (connection.Leave(roomId) && await presence.LeftRoomAsync(roomId, connection.Me.Id))
        {
            var left = new RoomMemberEvent(roomId, connection.Me);
            events.Post(new Audience.Room(roomId, except), $"left {roomId}", clients => clients.UserLeft(left));
        }
    }

    /// <summary>
    /// Every change after <paramref name="afterChangeSeq"/> (without it, the latest page of history) and the cursor
    /// to continue from. The room's change counter is read before the messages: every change up to it is committed
    /// (changes commit in change order, under the room row's lock), so the answer holds all of them.
    /// </summary>
    private async Task<(List<MessageDto> Messages, long Cursor, bool HasMore)> ChangesSinceAsync(
        Viewer viewer, Guid roomId, long? afterChangeSeq, CancellationToken ct)
    {
        var committed = await db.Rooms.Where(r => r.Id == roomId).Select(r => r.LastChangeSeq).SingleAsync(ct);
        var (messages, hasMore) = afterChangeSeq is { } since
            ? await queries.ChangesAsync(roomId, since, CatchUpLimit, viewer, ct)
            : await queries.PageAsync(roomId, before: null, after: null, HistoryPage, viewer, ct);
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

    private async Task<List<UserSummary>> OnlineInRoomAsync(Guid roomId, CancellationToken ct)
    {
        var people = await users.ManyAsync(await presence.InRoomAsync(roomId), ct);
        return [.. people.Values.OrderBy(u => u.UserName.ToUpperInvariant(), StringComparer.Ordinal)];
    }

    private static ChatResult<T> NotJoined<T>() => ChatResult<T>.Fail(ChatError.Forbidden, ErrorCodes.ChatNotJoined, "Join the room first.");
}
