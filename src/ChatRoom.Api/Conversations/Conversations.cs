using System.Linq.Expressions;

namespace ChatRoom.Api.Conversations;

/// <summary>
/// Direct messages: conversations of two people (one per pair, found again when asked for again) or small groups.
/// A conversation is a room of kind <see cref="RoomKind.Conversation"/>, so its messages have every guarantee a room's
/// have; only its members may read or write it (<see cref="RoomAccess"/>).
/// </summary>
public sealed class Conversations(ChatDbContext db, RoomSettingsCache rooms, TimeProvider clock)
{
    public const int ListLimit = 100;

    public async Task<Results<Created<ConversationResponse>, Ok<ConversationResponse>, ProblemHttpResult>> StartAsync(
        Viewer viewer, IReadOnlyList<Guid> others, CancellationToken ct)
    {
        if (viewer.Role == UserRole.Guest)
            return Guest();
        if (others.Contains(viewer.Id))
            return Problems.Of(StatusCodes.Status400BadRequest, ErrorCodes.ConversationMembersInvalid, "Name the others: you are in it anyway.");
        var people = await db.Users.AsNoTracking().Where(u => others.Contains(u.Id) && u.DeletedAt == null)
            .Select(u => new { u.Id, u.Role }).ToListAsync(ct);
        if (people.Count != others.Count)
        {
            return Problems.Of(StatusCodes.Status404NotFound, ErrorCodes.ConversationMembersInvalid,
                $"There is no user {others.First(id => people.All(p => p.Id != id))}.");
        }
        if (people.Any(p => p.Role == UserRole.Guest))
            return Guest();
        // Blocked either way: nobody learns which of the two blocked the other.
        if (await db.UserBlocks.Between(viewer.Id, others).AnyAsync(ct))
        {
            return Problems.Of(StatusCodes.Status403Forbidden, ErrorCodes.ConversationBlocked,
                "You cannot start a conversation with someone you blocked or who blocked you.");
        }

        var pair = others.Count == 1 ? PairOf(viewer.Id, others[0]) : null;
        if (pair is not null && await FindAsync(r => r.DirectPair == pair, viewer.Id, ct) is { } existing)
            return TypedResults.Ok(existing);

        var now = clock.GetUtcNow();
        var room = new Room
        {
            Id = Guid.CreateVersion7(now),
            Kind = RoomKind.Conversation,
            DirectPair = pair,
            Slug = "",
            Name = pair is null ? "Group conversation" : "Conversation",
            LanguageCode = "und",
            GuestsCanRead = false,
            GuestsCanWrite = false,
            CreatedAt = now,
            Members = [.. others.Append(viewer.Id).Select(id => new RoomMember { UserId = id, JoinedAt = now })],
        };
        room.Slug = $"c-{room.Id:N}";
        db.Rooms.Add(room);
        if (!await db.TrySaveChangesAsync(ct))
        {
            // The other person started the same conversation at the same moment: theirs is ours.
            db.ChangeTracker.Clear();
            return TypedResults.Ok((await FindAsync(r => r.DirectPair == pair, viewer.Id, ct))!);
        }
        var created = (await FindAsync(r => r.Id == room.Id, viewer.Id, ct))!;
        return TypedResults.Created($"/api/conversations/{room.Id}", created);

        static ProblemHttpResult Guest() =>
            Problems.Of(StatusCodes.Status403Forbidden, ErrorCodes.ConversationGuest, "Direct messages are for registered members. Register to use them.");
    }

    /// <summary>The user's conversations, the most recently active first.</summary>
    public Task<List<ConversationResponse>> ListAsync(Guid userId, CancellationToken ct) =>
        Shaped(db.Rooms.Where(r => r.Kind == RoomKind.Conversation && r.Members.Any(m => m.UserId == userId && m.LeftAt == null))
                .OrderByDescending(r => db.Messages.Where(m => m.RoomId == r.Id).Max(m => (DateTimeOffset?)m.CreatedAt) ?? r.CreatedAt)
                .Take(ListLimit))
            .ToListAsync(ct);

    public async Task<Results<Ok<ConversationResponse>, ProblemHttpResult>> GetAsync(Guid id, Guid userId, CancellationToken ct) =>
        await FindAsync(r => r.Id == id, userId, ct) is { } conversation ? TypedResults.Ok(conversation) : NotFound(id);

    /// <summary>Leaves a group: its messages stay, and the member reads no more of it. A conversation of two is never left.</summary>
    public async Task<Results<NoContent, ProblemHttpResult>> LeaveAsync(Guid id, Guid userId, CancellationToken ct)
    {
        var conversation = await FindAsync(r => r.Id == id, userId, ct);
        if (conversation is null)
            return NotFound(id);
        if (!conversation.IsGroup)
        {
            return Problems.Of(StatusCodes.Status409Conflict, ErrorCodes.ConversationDirectCannotLeave,
                "A conversation of two cannot be left; block the person to hear no more from them.");
        }
        await db.RoomMembers.Where(m => m.RoomId == id && m.UserId == userId && m.LeftAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.LeftAt, clock.GetUtcNow()), ct);
        // At once on this replica, within a second on the others.
        rooms.Forget(id);
        return TypedResults.NoContent();
    }

    private Task<ConversationResponse?> FindAsync(Expression<Func<Room, bool>> which, Guid userId, CancellationToken ct) =>
        Shaped(db.Rooms.Where(which).Where(r => r.Kind == RoomKind.Conversation && r.Members.Any(m => m.UserId == userId && m.LeftAt == null)))
            .SingleOrDefaultAsync(ct)!;

    private IQueryable<ConversationResponse> Shaped(IQueryable<Room> rooms) => rooms.AsNoTracking()
        .Select(r => new ConversationResponse(
            r.Id,
            r.Members.Where(m => m.LeftAt == null).OrderBy(m => m.JoinedAt).Select(m => m.User!).AsQueryable().Select(ChatViews.Person).ToList(),
            r.DirectPair == null,
            r.CreatedAt,
            db.Messages.Where(m => m.RoomId == r.Id && m.DeletedAt == null && m.Status == MessageStatus.Approved)
                .OrderByDescending(m => m.Seq).Select(ChatViews.Message).FirstOrDefault()));

    public static string PairOf(Guid a, Guid b) => a.CompareTo(b) < 0 ? $"{a:N}:{b:N}" : $"{b:N}:{a:N}";

    private static ProblemHttpResult NotFound(Guid id) =>
        Problems.Of(StatusCodes.Status404NotFound, ErrorCodes.ConversationNotFound, $"There is no conversation {id} of yours.");
}
