using ChatRoom.Chat.Rooms;

namespace ChatRoom.Realtime;

/// <summary>A connection hears a room through the room's SignalR group (over the backplane, on every replica).</summary>
public sealed class HubRoomSubscriptions(IHubContext<ChatHub, IChatClient> hub) : IRoomSubscriptions
{
    public Task SubscribeAsync(string connectionId, Guid roomId) => hub.Groups.AddToGroupAsync(connectionId, ChatGroups.Room(roomId));

    public Task UnsubscribeAsync(string connectionId, Guid roomId) => hub.Groups.RemoveFromGroupAsync(connectionId, ChatGroups.Room(roomId));
}
