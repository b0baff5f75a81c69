using ChatRoom.Data;
using ChatRoom.Data.Entities;
using ChatRoom.Contracts;
using Microsoft.EntityFrameworkCore;

namespace ChatRoom.Chat.Messages;

/// <summary>History and catch-up reads, shared by the REST history endpoint and <c>JoinRoom</c>.</summary>
public sealed class MessageQueries(ChatDbContext db)
{
    public const int MaxPage = 100;

    /// <summary>
    /// A page of visible messages by <c>seq</c>: the newest <paramref name="limit"/> before <paramref name="before"/>,
    /// or the oldest after <paramref name="after"/>; always returned in ascending order. Deleted, rejected and
    /// (for anyone but the author and moderators) pending messages are left out.
    /// </summary>
    public async Task<(List<MessageDto> Messages, bool HasMore)> PageAsync(Guid roomId, long? before, long? after, int limit,
        Guid viewerId, bool viewerModerates, CancellationToken ct)
    {
        var query = Visible(roomId, viewerId, viewerModerates).Where(m => m.DeletedAt == null);
        if (before is { } b)
            query = query.Where(m => m.Seq < b);
        if (after is { } a)
            query = query.Where(m => m.Seq > a);
        var ordered = after is not null && before is null ? query.OrderBy(m => m.Seq) : query.OrderByDescending(m => m.Seq);
        var page = await Project(ordered.Take(limit + 1)).ToListAsync(ct);
        var hasMore = page.Count > limit;
        var messages = page.Take(limit).OrderBy(m => m.Seq).ToList();
        return (messages, hasMore);
    }

    /// <summary>
    /// Everything that changed in the room after <paramref name="afterChangeSeq"/>, oldest change first:
    /// new messages, edits (with their current text) and deletions (as tombstones with <c>Deleted = true</c>).
    /// </summary>
    public async Task<(List<MessageDto> Messages, bool HasMore)> ChangesAsync(Guid roomId, long afterChangeSeq, int limit,
        Guid viewerId, bool viewerModerates, CancellationToken ct)
    {
        var page = await Project(Visible(roomId, viewerId, viewerModerates, includeRejected: true)
                .Where(m => m.ChangeSeq > afterChangeSeq)
                .OrderBy(m => m.ChangeSeq)
                .Take(limit + 1))
            .ToListAsync(ct);
        return (page.Take(limit).ToList(), page.Count > limit);
    }

    /// <summary>The message this author already sent with this client message id, if any.</summary>
    public Task<MessageDto?> FindSentAsync(Guid authorId, string clientMessageId, CancellationToken ct) =>
        Project(db.Messages.AsNoTracking().Where(m => m.AuthorId == authorId && m.ClientMessageId == clientMessageId))
            .SingleOrDefaultAsync(ct);

    private IQueryable<Message> Visible(Guid roomId, Guid viewerId, bool viewerModerates, bool includeRejected = false) =>
        db.Messages.AsNoTracking().Where(m => m.RoomId == roomId &&
            (m.Status == MessageStatus.Approved ||
             (m.Status == MessageStatus.Pending && (viewerModerates || m.AuthorId == viewerId)) ||
             (includeRejected && m.Status == MessageStatus.Rejected)));

    private static IQueryable<MessageDto> Project(IQueryable<Message> messages) =>
        messages.Select(m => new MessageDto(
            m.Id, m.RoomId, m.Seq, m.ChangeSeq,
            new UserSummary(m.AuthorId, m.Author!.UserName, m.Author.DisplayName, m.Author.AvatarUrl),
            // A deleted or rejected message travels only as a tombstone: its text is gone for clients.
            m.DeletedAt != null || m.Status == MessageStatus.Rejected ? "" : m.Content,
            m.Status.ToString(), m.ClientMessageId, m.CreatedAt, m.EditedAt,
            m.DeletedAt != null || m.Status == MessageStatus.Rejected));
}
