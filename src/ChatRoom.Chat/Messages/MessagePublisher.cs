using ChatRoom.Chat.Moderation;

namespace ChatRoom.Chat.Messages;

/// <summary>What follows the commit of new messages: the room (or the author and moderators) is told, and the
/// moderation queue gets them. Neither waits for Redis, so the next commit never waits either.</summary>
public sealed class MessagePublisher(IChatEvents events, ModerationStream moderation)
{
    public void Created(IReadOnlyList<MessageDto> created)
    {
        if (created.Count == 0)
            return;
        foreach (var message in created)
            events.ToAudienceOf(message, $"message {message.Id} created", clients => clients.MessageCreated(message));
        // Not awaited: it never throws (the Worker's sweep judges a message whose entry is lost).
        _ = moderation.AddAsync(created);
    }
}
