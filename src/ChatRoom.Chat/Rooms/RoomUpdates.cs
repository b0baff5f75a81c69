namespace ChatRoom.Chat.Rooms;

/// <summary>What follows an admin's committed change to a room or lounge, wherever it was made.</summary>
public sealed class RoomUpdates(RoomSettingsCache cache, IChatEvents events)
{
    /// <summary>
    /// This replica applies the new settings at once (the others within <see cref="RoomSettingsCache.Ttl"/>), and
    /// the members see the new name, topic and rules at once.
    /// </summary>
    public void RoomChanged(Room room)
    {
        cache.Forget(room.Id);
        var info = RoomAccess.Describe(room);
        events.Post(new Audience.Room(room.Id), $"room {room.Id} updated", clients => clients.RoomUpdated(info));
    }

    /// <summary>A lounge's archiving opens or closes every room in it; its rules (phone, 18+) count in every room.</summary>
    public void LoungeChanged(Lounge lounge)
    {
        foreach (var room in lounge.Rooms)
        {
            room.Lounge = lounge;
            RoomChanged(room);
        }
    }
}
