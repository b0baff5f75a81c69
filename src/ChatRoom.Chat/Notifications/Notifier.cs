using System.Text.RegularExpressions;

namespace ChatRoom.Chat.Notifications;

/// <summary>
/// Writes notifications and tells their users at once: mentions of people who can read where they were mentioned,
/// replies for the author of the original, new direct messages for the other members, moderation notices, and sales and
/// refunds in the marketplace. Nobody is notified from a room they muted or by
/// someone they blocked. Called after the change it is about is committed: a notification lost to a failure loses no
/// message.
/// </summary>
public sealed partial class Notifier(ChatDbContext db, RoomAccess access, IChatEvents events, TimeProvider clock)
{
    public const int MaxMentions = 10;

    /// <summary>Whether a new message may notify anyone: a direct message does, a reply, and one that names someone with @.</summary>
    public static bool MayNotify(Room room, MessageDto message) =>
        room.Kind == RoomKind.Conversation || message.ReplyTo is not null || message.Content.Contains('@', StringComparison.Ordinal);

    public async Task MessageSentAsync(Room room, MessageDto message, CancellationToken ct)
    {
        var recipients = new Dictionary<Guid, NotificationKind>();
        if (room.Kind == RoomKind.Conversation)
        {
            foreach (var member in await access.MembersAsync(room.Id, ct))
                recipients[member] = NotificationKind.DirectMessage;
        }
        if (message.ReplyTo is { Deleted: false } original && await MayReadAsync(room, original.Author.Id, ct))
            recipients[original.Author.Id] = NotificationKind.Reply;
        foreach (var (id, kind) in await MentionedAsync(room, message, ct))
            recipients[id] = kind;
        recipients.Remove(message.Author.Id);
        if (recipients.Count == 0)
            return;

        var ids = recipients.Keys.ToList();
        var silent = await db.RoomMutes.Where(m => m.RoomId == room.Id && m.LiftedAt == null && ids.Contains(m.UserId)).Select(m => m.UserId)
            .Union(db.UserBlocks.Where(b => b.BlockedId == message.Author.Id && b.LiftedAt == null && ids.Contains(b.BlockerId)).Select(b => b.BlockerId))
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        var notifications = recipients.Where(r => !silent.Contains(r.Key)).Select(r => new Notification
        {
            Id = Guid.CreateVersion7(now),
            UserId = r.Key,
            Kind = r.Value,
            RoomId = room.Id,
            MessageId = message.Id,
            CreatedAt = now,
        }).ToList();
        await SaveAndTellAsync(notifications, message, ct);
    }

    /// <summary>A moderation notice for <paramref name="userId"/>, in the words they are told.</summary>
    public Task ModerationAsync(Guid userId, string text, Guid? roomId, CancellationToken ct) =>
        NoticeAsync(userId, NotificationKind.Moderation, text, roomId, ct);

    /// <summary>A sale or a refund, for the seller or the buyer, in the words they are told.</summary>
    public Task MarketplaceAsync(Guid userId, string text, CancellationToken ct) =>
        NoticeAsync(userId, NotificationKind.Marketplace, text, roomId: null, ct);

    private Task NoticeAsync(Guid userId, NotificationKind kind, string text, Guid? roomId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return SaveAndTellAsync([new Notification
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            Kind = kind,
            RoomId = roomId,
            Text = text.Clip(Notification.MaxTextLength),
            CreatedAt = now,
        }], null, ct);
    }

    public static NotificationDto Describe(Notification n, MessageDto? message) =>
        new(n.Id, n.Kind.ToString(), n.RoomId, message, n.Text, n.CreatedAt, n.ReadAt is not null);

    private async Task SaveAndTellAsync(List<Notification> notifications, MessageDto? message, CancellationToken ct)
    {
        if (notifications.Count == 0)
            return;
        db.Notifications.AddRange(notifications);
        await db.SaveChangesAsync(ct);
        foreach (var notification in notifications)
        {
            var shown = Describe(notification, message);
            events.Post(new Audience.User(notification.UserId), $"notification for {notification.UserId}", clients => clients.NotificationCreated(shown));
        }
    }

    // The @names in the message that are people who can read the room (checked as each of them).
    private async Task<List<(Guid Id, NotificationKind Kind)>> MentionedAsync(Room room, MessageDto message, CancellationToken ct)
    {
        var names = MentionPattern().Matches(message.Content).Select(m => User.Normalize(m.Groups["name"].Value)).Distinct().Take(MaxMentions).ToList();
        if (names.Count == 0)
            return [];
        var people = await db.Users.AsNoTracking().Where(u => names.Contains(u.NormalizedUserName) && u.DeletedAt == null)
            .Select(u => new { u.Id, u.Role }).ToListAsync(ct);
        var mentioned = new List<(Guid, NotificationKind)>();
        foreach (var person in people)
        {
            if ((await access.CheckAsync(room.Id, new Viewer(person.Id, person.Role), write: false, ct)).Succeeded)
                mentioned.Add((person.Id, NotificationKind.Mention));
        }
        return mentioned;
    }

    // Whether this person (still an account) can read the room now, checked as them.
    private async Task<bool> MayReadAsync(Room room, Guid userId, CancellationToken ct)
    {
        var role = await db.Users.AsNoTracking().Where(u => u.Id == userId && u.DeletedAt == null).Select(u => (UserRole?)u.Role).SingleOrDefaultAsync(ct);
        return role is { } r && (await access.CheckAsync(room.Id, new Viewer(userId, r), write: false, ct)).Succeeded;
    }

    // "@name" not inside a word or an address ("me@example.org" mentions nobody).
    [GeneratedRegex(@"(?<![\w@.])@(?<name>[A-Za-z0-9_.-]{3,32})(?![\w-])", RegexOptions.CultureInvariant)]
    private static partial Regex MentionPattern();
}
