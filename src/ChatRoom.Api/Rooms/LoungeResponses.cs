namespace ChatRoom.Api.Rooms;

// The records are wire contracts (ChatRoom.Contracts, free of server types); their mapping from entities stays here.
public static class LoungeResponses
{
    extension(RoomSummary)
    {
        /// <summary>The room in its lounge: an 18+ lounge makes every room in it 18+.</summary>
        public static RoomSummary From(Room room, Lounge lounge) =>
            new(room.Id, room.Slug, room.Name, room.LanguageCode, room.Topic, room.AdultsOnly || lounge.AdultsOnly);
    }
}
