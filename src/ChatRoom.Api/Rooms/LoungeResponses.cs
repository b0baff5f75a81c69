using ChatRoom.Data.Entities;

namespace ChatRoom.Api.Rooms;

public sealed record LoungeResponse(Guid Id, string Slug, string Name, string? Description, IReadOnlyList<RoomSummary> Rooms);

public sealed record RoomSummary(Guid Id, string Slug, string Name, string LanguageCode, string? Topic)
{
    public static RoomSummary From(Room room) => new(room.Id, room.Slug, room.Name, room.LanguageCode, room.Topic);
}
