namespace ChatRoom.Chat.Presence;

public sealed record OnlineUser(UserSummary User, DateTimeOffset LastSeenAt);

/// <summary>
/// Who is online and who hears about it. A user coming back (a heartbeat after being shown offline) or going
/// silent is told to the rooms they are in, never to every connection: with N users online that would be N
/// frames per change. The hub's heartbeat, the REST heartbeat and the Worker's expiry all come here.
/// </summary>
public sealed class PresenceService(PresenceTracker tracker, ChatUsers users, ChatDbContext db, IChatEvents events, TimeProvider clock)
{
    public async Task<List<OnlineUser>> OnlineAsync(CancellationToken ct)
    {
        var online = await tracker.OnlineAsync();
        var people = await users.ManyAsync(online.Select(o => o.UserId), ct);
        return [.. online.Where(o => people.ContainsKey(o.UserId))
            .Select(o => new OnlineUser(people[o.UserId], o.LastSeen))
            .OrderBy(o => o.User.UserName, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>Marks the user alive; when they had been shown offline, their rooms see them again.</summary>
    public async Task HeartbeatAsync(Guid userId)
    {
        if (await tracker.HeartbeatAsync(userId))
            await AnnounceAsync(new PresenceEvent(userId, true, clock.GetUtcNow()), "back online");
    }

    /// <summary>
    /// Takes users silent for longer than the timeout offline (a closed browser, a dead replica), tells their rooms,
    /// and records their last-seen time. Answers how many went offline.
    /// </summary>
    public async Task<int> ExpireSilentAsync(CancellationToken ct)
    {
        var expired = await tracker.ExpireSilentAsync();
        foreach (var (userId, lastSeen) in expired)
        {
            await AnnounceAsync(new PresenceEvent(userId, false, lastSeen), "offline");
            await db.Users.Where(u => u.Id == userId && (u.LastSeenAt == null || u.LastSeenAt < lastSeen))
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.LastSeenAt, lastSeen), ct);
        }
        return expired.Count;
    }

    private async Task AnnounceAsync(PresenceEvent presence, string what)
    {
        var rooms = await tracker.RoomsOfAsync(presence.UserId);
        if (rooms.Count > 0)
            events.Post(new Audience.Rooms(rooms), $"user {presence.UserId} {what}", clients => clients.PresenceChanged(presence));
    }
}
