using ChatRoom.Data;
using ChatRoom.Data.Entities;
using ChatRoom.Realtime.Contracts;
using Microsoft.EntityFrameworkCore;

namespace ChatRoom.Realtime;

public sealed record Viewer(Guid Id, UserRole Role)
{
    public bool Moderates => Role is UserRole.Moderator or UserRole.Admin;
}

public enum AccessDenial
{
    None,
    NotFound,
    Forbidden,
}

/// <summary>Who may read and write where: the room must exist and be open, and guests only where the room lets them.</summary>
public sealed class RoomAccess(ChatDbContext db)
{
    public async Task<(Room? Room, AccessDenial Denial, string? Reason)> CheckAsync(Guid roomId, Viewer viewer, bool write, CancellationToken ct)
    {
        var room = await db.Rooms.AsNoTracking()
            .SingleOrDefaultAsync(r => r.Id == roomId && r.ArchivedAt == null && r.Lounge!.ArchivedAt == null, ct);
        if (room is null)
            return (null, AccessDenial.NotFound, $"There is no open room {roomId}.");
        if (viewer.Role == UserRole.Guest && !(write ? room.GuestsCanWrite : room.GuestsCanRead))
            return (room, AccessDenial.Forbidden, write ? "Guests cannot write in this room. Register to take part." : "Guests cannot read this room.");
        return (room, AccessDenial.None, null);
    }

    public static RoomInfo Describe(Room room) => new(room.Id, room.LoungeId, room.Slug, room.Name, room.LanguageCode, room.Topic,
        room.ModerationMode.ToString(), room.SlowModeSeconds, room.GuestsCanWrite);
}
