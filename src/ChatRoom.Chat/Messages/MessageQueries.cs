namespace ChatRoom.Chat.Messages;

/// <summary>History and catch-up reads: the REST history endpoint and joining or catching up over the hub use them as they are.</summary>
public sealed class MessageQueries(ChatDbContext db)
{
    public const int MaxPage = 100;

    /// <summary>
    /// A page of visible messages by <c>seq</c>: the newest <paramref name="limit"/> before <paramref name="before"/>,
    /// or the oldest after <paramref name="after"/>; always returned in ascending order. Deleted, rejected and
    /// (for anyone but the author and moderators) pending messages are left out.
    /// </summary>
    public async Task<(List<MessageDto> Messages, bool HasMore)> PageAsync(Guid roomId, long? before, long? after, int limit,
        Viewer viewer, CancellationToken ct)
    {
        var query = Visible(roomId, viewer).Where(m => m.DeletedAt == null);
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
        Viewer viewer, CancellationToken ct)
    {
        var page = await Project(Visible(roomId, viewer, includeRejected: true)
                .Where(m => m.ChangeSeq > afterChangeSeq)
                .OrderBy(m => m.ChangeSeq)
                .Take(limit + 1))
            .ToListAsync(ct);
        return (page.Take(limit).ToList(), page.Count > limit);
    }

    /// <summary>
    /// The thread of <paramref name="originalId"/>: the original (a tombstone once deleted or rejected, so its replies
    /// still read in context) and its visible replies by <c>seq</c>, after <paramref name="after"/>; null when the
    /// viewer may not see the original in <paramref name="roomId"/>.
    /// </summary>
    public async Task<(MessageDto Original, List<MessageDto> Replies, bool HasMore)?> ThreadAsync(Guid roomId, Guid originalId, long? after,
        int limit, Viewer viewer, CancellationToken ct)
    {
        var original = await Project(Visible(roomId, viewer, includeRejected: true).Where(m => m.Id == originalId)).SingleOrDefaultAsync(ct);
        if (original is null)
            return null;
        var replies = Visible(roomId, viewer).Where(m => m.ReplyToId == originalId && m.DeletedAt == null);
        if (after is { } a)
            replies = replies.Where(m => m.Seq > a);
        var page = await Project(replies.OrderBy(m => m.Seq).Take(limit + 1)).ToListAsync(ct);
        return (original, page.Take(limit).ToList(), page.Count > limit);
    }

    /// <summary>The message this author already sent with this client message id, if any.</summary>
    public Task<MessageDto?> FindSentAsync(Guid authorId, string clientMessageId, CancellationToken ct) =>
        Project(db.Messages.AsNoTracking().Where(m => m.AuthorId == authorId && m.ClientMessageId == clientMessageId))
            .SingleOrDefaultAsync(ct);

    private IQueryable<Message> Visible(Guid roomId, Viewer viewer, bool includeRejected = false)
    {
        var (viewerId, viewerModerates) = (viewer.Id, viewer.Moderates);
        return db.Messages.AsNoTracking().Where(m => m.RoomId == roomId &&
            (m.Status == MessageStatus.Approved ||
             (m.Status == MessageStatus.Pending && (viewerModerates || m.AuthorId == viewerId)) ||
             (includeRejected && m.Status == MessageStatus.Rejected)));
    }

    private static IQueryable<MessageDto> Project(IQueryable<Message> messages) => messages.Select(ChatViews.Message);
}
