using ChatRoom.Chat.Messages;

namespace ChatRoom.Chat.Moderation;

/// <summary>
/// Approving and rejecting a message, by a moderator (Api) or by the moderation queue (Worker). Each decision
/// locks the message row, takes the room's next change number and writes its audit entry in one transaction;
/// the clients are told after the commit.
/// </summary>
public sealed class ModerationDecisions(
    ChatDbContext db,
    IChatEvents broadcasts,
    ChatMetrics metrics,
    ThreadReplies threads,
    TimeProvider clock)
{
    /// <summary>Makes a pending message visible to the room: <c>MessageCreated</c> with status <c>Approved</c> (clients upsert by id).</summary>
    public async Task<ChatResult<MessageDto>> ApproveAsync(Guid messageId, Guid moderatorId, string? ipAddress, CancellationToken ct)
    {
        var result = await DecideAsync(messageId, (message, now) =>
        {
            if (message.DeletedAt is not null)
                return AlreadyJudged($"Message {messageId} is deleted.");
            if (message.Status != MessageStatus.Pending)
                return AlreadyJudged($"Message {messageId} is not waiting for approval (it is {message.Status}).");
            message.Status = MessageStatus.Approved;
            // A moderator's approval is the verdict: the queue must not judge the message again later.
            message.ModeratedAt ??= now;
            db.Audit(AuditActions.MessageApprove, "message", message.Id, moderatorId, now,
                before: new { status = nameof(MessageStatus.Pending) }, after: new { status = nameof(MessageStatus.Approved) },
                metadata: new { roomId = message.RoomId, authorId = message.AuthorId }, ipAddress: ipAddress);
            return null;
        }, ct);
        if (result.Succeeded)
        {
            metrics.RecordVerdict("approved", "moderator");
            var approved = result.Value!;
            broadcasts.ToAudienceOf(approved, $"message {messageId} approved", clients => clients.MessageCreated(approved));
            if (approved.ReplyTo is { } original)
                await threads.RecountAsync(original.MessageId, ct);
        }
        return result;
    }

    /// <summary>
    /// Rejects a message that is neither deleted nor rejected already. <paramref name="moderator"/> null is the
    /// moderation queue, which judges a message only once: it is refused (Conflict) once the message has a verdict.
    /// Only an admin rejects an admin's message. A visible message is removed from the room; a pending one only from
    /// its author's and the moderators' views.
    /// </summary>
    public async Task<ChatResult<MessageDto>> RejectAsync(Guid messageId, Viewer? moderator, string reasons, string? ipAddress, CancellationToken ct)
    {
        var actorId = moderator?.Id;
        var wasVisible = false;
        var note = reasons.Clip(Message.MaxModerationNoteLength);
        var result = await DecideAsync(messageId, (message, now) =>
        {
            if (moderator is { Role: not UserRole.Admin } && message.AuthorId != moderator.Id && message.Author!.Role == UserRole.Admin)
                return ChatResult<MessageDto>.Fail(ChatError.Forbidden, ErrorCodes.MessageAdminProtected, "Moderators cannot reject an admin's message.");
            if (message.DeletedAt is not null || message.Status == MessageStatus.Rejected)
                return AlreadyJudged($"Message {messageId} is already {(message.DeletedAt is not null ? "deleted" : "rejected")}.");
            if (actorId is null && message.ModeratedAt is not null)
                return AlreadyJudged($"Message {messageId} has already been judged.");
            var before = message.Status;
            wasVisible = before == MessageStatus.Approved;
            message.Status = MessageStatus.Rejected;
            message.ModerationNote = note;
            message.ModeratedAt ??= now;
            db.Audit(AuditActions.MessageReject, "message", message.Id, actorId, now,
                // What members of a conversation say to each other stays out of the audit log that admins read.
                before: new { status = before.ToString(), content = message.Room!.Kind == RoomKind.Conversation ? null : message.Content },
                after: new { status = nameof(MessageStatus.Rejected), reasons = note },
                metadata: new { roomId = message.RoomId, authorId = message.AuthorId }, ipAddress: ipAddress);
            return null;
        }, ct);
        if (result.Succeeded)
        {
            var message = result.Value!;
            metrics.RecordVerdict("rejected", actorId is null ? "queue" : "moderator");
            var deleted = new MessageDeletedEvent(message.RoomId, message.Id, message.Seq, message.ChangeSeq);
            // Removed from wherever it was shown: the room's view if it was visible, else its author's and the moderators'.
            Audience audience = wasVisible ? new Audience.Room(message.RoomId, ChangeSeq: message.ChangeSeq) : new Audience.AuthorAndModerators(message.Author.Id);
            broadcasts.Post(audience, $"message {messageId} rejected", clients => clients.MessageDeleted(deleted));
            if (wasVisible && message.ReplyTo is { } original)
                await threads.RecountAsync(original.MessageId, ct);
        }
        return result;
    }

    private static ChatResult<MessageDto> AlreadyJudged(string detail) =>
        ChatResult<MessageDto>.Fail(ChatError.Conflict, ErrorCodes.MessageAlreadyJudged, detail);

    /// <summary><paramref name="decide"/> changes the locked message and audits it, or answers why it may not.</summary>
    private Task<ChatResult<MessageDto>> DecideAsync(Guid messageId, Func<Message, DateTimeOffset, ChatResult<MessageDto>?> decide, CancellationToken ct) =>
        db.InTransactionAsync(async token =>
        {
            db.ChangeTracker.Clear();
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM messages WHERE id = {messageId} FOR NO KEY UPDATE", token);
            var message = await db.Messages.WithViewParts().Include(m => m.Room).SingleOrDefaultAsync(m => m.Id == messageId, token);
            if (message is null)
                return ChatResult<MessageDto>.Fail(ChatError.NotFound, ErrorCodes.MessageNotFound, $"There is no message {messageId}.");
            var now = clock.GetUtcNow();
            if (decide(message, now) is { } refused)
            {
                db.ChangeTracker.Clear();
                return refused;
            }
            await db.TakeNextChangeAsync(message, token);
            return ChatResult<MessageDto>.Ok(message.ToDto());
        }, ct);
}
