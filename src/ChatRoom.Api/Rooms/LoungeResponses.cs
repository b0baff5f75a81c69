namespace ChatRoom.Api.Rooms;

// The records are wire contracts (ChatRoom.Contracts, free of server types); their mapping from entities stays here.
public static class LoungeResponses
{
    extension(RoomSummary)
    {
        public static RoomSummary From(Room room) => new(room.Id, room.Slug, room.Name, room.LanguageCode, room.Topic);
    }
}
