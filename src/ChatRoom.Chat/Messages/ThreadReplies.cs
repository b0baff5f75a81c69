namespace ChatRoom.Chat.Messages;

/// <summary>
/// Replies and their count on the original. The count is of visible replies (approved, not deleted) and is counted
/// again from the rows, never added to, whenever a reply is sent, deleted or judged: a count that missed a change
/// (a crash between the reply's commit and this) is right again with the next one. A changed count is a change of the
/// original: it takes the room's next change number, so clients see it live (<c>MessageUpdated</c>) or catch it up.
/// </summary>
public sealed class ThreadReplies(ChatDbContext db, IChatEvents broadcasts)
{
    /// <summary>The original <paramref name="replyToId"/> names, if a new message may answer it: visible in this room.</summary>
    public async Task<ChatResult<ReplyPreview>> TargetAsync(Guid roomId, Guid replyToId, CancellationToken ct)
    {
        var original = await db.Messages.AsNoTracking()
            .Where(m => m.Id == replyToId && m.RoomId == roomId && m.Status == MessageStatus.Approved && m.DeletedAt == null)
            .Select(ChatViews.Preview).SingleOrDefaultAsync(ct);
        return original is null
            ? ChatResult<ReplyPreview>.Fail(ChatError.BadRequest, ErrorCodes.MessageReplyTargetInvalid,
                $"Message {replyToId} cannot be answered here: it is not a visible message of this room.")
            : ChatResult<ReplyPreview>.Ok(original);
    }

    /// <summary>Counts the replies to <paramref name="originalId"/> again and tells the room when the count changed.</summary>
    public async Task RecountAsync(Guid originalId, CancellationToken ct)
    {
        var updated = await db.InTransactionAsync(async token =>
        {
            db.ChangeTracker.Clear();
            // Not FOR UPDATE: a reply's insert holds a key-share lock on its original (the foreign key), which this must not wait for.
            var original = await db.Messages.FromSql($"SELECT * FROM messages WHERE id = {originalId} FOR NO KEY UPDATE").WithViewParts()
                .SingleOrDefaultAsync(token);
            if (original is null)
                return null;
            var count = await db.Messages.CountAsync(
                m => m.ReplyToId == originalId && m.Status == MessageStatus.Approved && m.DeletedAt == null, token);
            if (count == original.ReplyCount)
                return null;
            original.ReplyCount = count;
            // A removed original stays a tombstone for its room: the count is kept for its thread, not announced.
            if (original.DeletedAt is not null || original.Status != MessageStatus.Approved)
                return null;
            await db.TakeNextChangeAsync(original, token);
            return original.ToDto();
        }, ct);
        if (updated is not null)
            broadcasts.ToAudienceOf(updated, $"message {originalId} replies", clients => clients.MessageUpdated(updated));
    }
}
