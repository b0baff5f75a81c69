namespace ChatRoom.Contracts;

/// <summary>The events a connected client receives. Names are the wire names: keep the SPA's list in step.</summary>
public interface IChatClient
{
    Task MessageCreated(MessageDto message);
    Task MessageUpdated(MessageDto message);
    Task MessageDeleted(MessageDeletedEvent deleted);
    Task UserJoined(RoomMemberEvent member);
    Task UserLeft(RoomMemberEvent member);
    Task Typing(TypingEvent typing);
    Task PresenceChanged(PresenceEvent presence);
    Task SessionRevoked(SessionRevokedEvent revoked);
    Task ModerationNotice(ModerationNoticeEvent notice);

    /// <summary>An admin changed the room's settings (name, topic, slow mode, moderation mode, guests).</summary>
    Task RoomUpdated(RoomInfo room);

    /// <summary>The room's latest committed change number (sent directly by the replica, never through Redis).</summary>
    Task RoomHead(RoomHeadEvent head);

    /// <summary>A new message in one of the user's conversations, whether or not this connection joined it.</summary>
    Task ConversationActivity(ConversationActivityEvent activity);

    /// <summary>The user read further in a room on one of their devices: every device shows it.</summary>
    Task ReadMarkerMoved(RoomUnread unread);

    /// <summary>A new notification for the user (a mention, a direct message, a moderation notice).</summary>
    Task NotificationCreated(NotificationDto notification);
}
