namespace ChatRoom.Chat;

public sealed record Viewer(Guid Id, UserRole Role)
{
    public bool Moderates => Role is UserRole.Moderator or UserRole.Admin;
}


/// <summary>
/// Who may read and write where: the room must exist and be open, guests only where the room lets them, and only
/// age-verified members (or moderators) in an 18+ room or lounge.
/// Every send asks, so each replica keeps the answer for <see cref="RoomSettingsCache.Ttl"/>: an admin's change
/// to a room (archive, guests, slow mode, moderation mode) applies everywhere within that time.
/// </summary>
public sealed class RoomAccess(ChatDbContext db, RoomSettingsCache cache)
{
    public async Task<ChatResult<Room>> CheckAsync(Guid roomId, Viewer viewer, bool write, CancellationToken ct)
    {
        if (!cache.TryGet(roomId, out var room))
        {
            room = await db.Rooms.AsNoTracking().Include(r => r.Lounge)
                .SingleOrDefaultAsync(r => r.Id == roomId && r.ArchivedAt == null && (r.LoungeId == null || r.Lounge!.ArchivedAt == null), ct);
            cache.Set(roomId, room);
        }
        if (room is null)
            return NotFound(roomId);
        if (room.Kind == RoomKind.Conversation)
            return await ConversationAccessAsync(room, viewer, write, ct);
        if (viewer.Role == UserRole.Guest && !(write ? room.GuestsCanWrite : room.GuestsCanRead))
            return write
                ? ChatResult<Room>.Fail(ChatError.Forbidden, ErrorCodes.RoomGuestsCannotWrite, "Guests cannot write in this room. Register to take part.")
                : ChatResult<Room>.Fail(ChatError.Forbidden, ErrorCodes.RoomGuestsCannotRead, "Guests cannot read this room.");
        // Only 18+ rooms pay for the look-up, and an approval counts from the next call on.
        if (IsAdultsOnly(room) && !viewer.Moderates
            && !await db.Users.AnyAsync(u => u.Id == viewer.Id && u.AgeVerifiedAt != null && u.DeletedAt == null, ct))
        {
            return ChatResult<Room>.Fail(ChatError.Forbidden, ErrorCodes.RoomAgeVerificationRequired,
                "This room is for age-verified members (18+). Verify your identity in your profile to join.");
        }
        return ChatResult<Room>.Ok(room);
    }

    // Only its members, whoever else asks: a conversation is private even from admins (a report shows moderators the
    // reported message). Its existence is not told to others either. In a conversation of two, a block either way
    // stops new messages.
    private async Task<ChatResult<Room>> ConversationAccessAsync(Room room, Viewer viewer, bool write, CancellationToken ct)
    {
        var members = await MembersAsync(room.Id, ct);
        if (!members.Contains(viewer.Id))
            return NotFound(room.Id);
        if (write && members is [_, _] && await db.UserBlocks.Between(viewer.Id, [.. members.Where(id => id != viewer.Id)]).AnyAsync(ct))
        {
            return ChatResult<Room>.Fail(ChatError.Forbidden, ErrorCodes.ConversationBlocked,
                "One of you has blocked the other: no messages can be sent in this conversation.");
        }
        return ChatResult<Room>.Ok(room);
    }

    /// <summary>The members of a conversation now, as last read by this replica within <see cref="RoomSettingsCache.Ttl"/>.</summary>
    public async Task<IReadOnlyList<Guid>> MembersAsync(Guid roomId, CancellationToken ct)
    {
        if (cache.TryGetMembers(roomId, out var members))
            return members;
        members = await db.RoomMembers.Where(m => m.RoomId == roomId && m.LeftAt == null).Select(m => m.UserId).ToArrayAsync(ct);
        cache.SetMembers(roomId, members);
        return members;
    }

    private static ChatResult<Room> NotFound(Guid roomId) =>
        ChatResult<Room>.Fail(ChatError.NotFound, ErrorCodes.RoomNotFound, $"There is no open room {roomId}.");

    /// <summary>The room or its lounge requires a verified phone to write. <paramref name="room"/> has its lounge loaded.</summary>
    public static bool RequiresVerifiedPhone(Room room) => room.RequiresVerifiedPhone || room.Lounge?.RequiresVerifiedPhone == true;

    /// <summary>The room or its lounge is 18+. <paramref name="room"/> has its lounge loaded.</summary>
    public static bool IsAdultsOnly(Room room) => room.AdultsOnly || room.Lounge?.AdultsOnly == true;

    /// <summary>The room as its members see it; the lounge's rules count as the room's (<paramref name="room"/> has its lounge loaded).</summary>
    public static RoomInfo Describe(Room room) => new(room.Id, room.LoungeId, room.Slug, room.Name, room.LanguageCode, room.Topic,
        room.ModerationMode.ToString(), room.SlowModeSeconds, room.GuestsCanWrite, RequiresVerifiedPhone(room), IsAdultsOnly(room), room.Kind.ToString());
}

/// <summary>Open rooms (or their absence) and conversations' members as last read, per replica, for a second.</summary>
public sealed class RoomSettingsCache(TimeProvider clock)
{
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(1);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, (Room? Room, long Until)> _rooms = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, (Guid[] Members, long Until)> _members = new();

    public bool TryGetMembers(Guid roomId, out Guid[] members)
    {
        members = [];
        if (!_members.TryGetValue(roomId, out var entry) || entry.Until < clock.GetTimestamp())
            return false;
        members = entry.Members;
        return true;
    }

    public void SetMembers(Guid roomId, Guid[] members) => _members[roomId] = (members, Until());

    public bool TryGet(Guid roomId, out Room? room)
    {
        room = null;
        if (!_rooms.TryGetValue(roomId, out var entry) || entry.Until < clock.GetTimestamp())
            return false;
        room = entry.Room;
        return true;
    }

    public void Set(Guid roomId, Room? room) => _rooms[roomId] = (room, Until());

    /// <summary>This replica sees its own admin's change (or a member's leaving) at once.</summary>
    public void Forget(Guid roomId)
    {
        _rooms.TryRemove(roomId, out _);
        _members.TryRemove(roomId, out _);
    }

    private long Until() => clock.GetTimestamp() + (long)(Ttl.TotalSeconds * clock.TimestampFrequency);
}
