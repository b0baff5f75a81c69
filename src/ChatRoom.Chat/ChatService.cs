using ChatRoom.Chat.Attachments;
using ChatRoom.Chat.Messages;
using ChatRoom.Chat.Moderation;
using ChatRoom.Chat.Notifications;
using ChatRoom.Chat.RateLimiting;

namespace ChatRoom.Chat;

/// <summary>
/// What REST and the hub both do with messages: validate → check access → write (or edit/delete with an
/// audit entry) → broadcast after the commit. The caller's identity is always the authenticated user.
/// </summary>
public sealed class ChatService(
    ChatDbContext db,
    RoomAccess access,
    SendLimits limits,
    MessageWriter writer,
    MessageQueries queries,
    Restrictions restrictions,
    IChatEvents broadcasts,
    Notifier notifier,
    ThreadReplies threads,
    MessageAttachments attachments,
    TimeProvider clock)
{
    /// <summary>
    /// Validates, checks access, restrictions and limits, and hands the message to the writer; answers after the
    /// commit. A retry with the same client message id answers the message already stored. <paramref name="extras"/>:
    /// the message of the same room this one answers, and files uploaded for it (then the text may be empty).
    /// </summary>
    public async Task<ChatResult<SendResult>> SendAsync(Viewer viewer, UserSummary author, Guid roomId, string? content,
        string? clientMessageId, CancellationToken ct, MessageExtras? extras = null)
    {
        var files = extras?.AttachmentIds ?? [];
        // Files make a message by themselves; text, when there is some, follows the rules for text.
        var text = "";
        if ((files.Count == 0 || !string.IsNullOrWhiteSpace(content)) && MessageRules.ContentError(content, out text) is { } contentError)
            return ChatResult<SendResult>.Fail(ChatError.BadRequest, ErrorCodes.ChatContentInvalid, contentError);
        if (MessageRules.ClientMessageIdError(clientMessageId) is { } idError)
            return ChatResult<SendResult>.Fail(ChatError.BadRequest, ErrorCodes.ChatClientMessageIdInvalid, idError);
        var allowed = await access.CheckAsync(roomId, viewer, write: true, ct);
        if (!allowed.Succeeded)
            return allowed.As<SendResult>();
        var room = allowed.Value!;
        if (RoomAccess.RequiresVerifiedPhone(room) && !author.PhoneVerified && !viewer.Moderates)
            return ChatResult<SendResult>.Fail(ChatError.Forbidden, ErrorCodes.RoomPhoneRequired, "Verify your phone number to write in this room.");

        var status = room.ModerationMode == ModerationMode.PreModerated && !viewer.Moderates ? MessageStatus.Pending : MessageStatus.Approved;
        ReplyPreview? replyTo = null;
        if (extras?.ReplyToId is { } originalId)
        {
            var target = await threads.TargetAsync(roomId, originalId, ct);
            if (!target.Succeeded)
                return await RetryOrAsync(target.As<SendResult>());
            replyTo = target.Value;
        }
        if (await RefusalAsync(viewer, room) is { } refused)
            return await RetryOrAsync(refused);
        List<AttachmentDto>? sentFiles = null;
        if (files.Count > 0)
        {
            var claimed = await attachments.ClaimAsync(viewer, roomId, files, clientMessageId!, ct);
            if (!claimed.Succeeded)
                return await RetryOrAsync(claimed.As<SendResult>());
            sentFiles = claimed.Value;
        }
        try
        {
            var command = new SendCommand(roomId, author, text, clientMessageId!, status, replyTo, SearchLanguages.For(room), sentFiles);
            var sent = await writer.SendAsync(command, ct);
            if (sent.Created && room.Kind == RoomKind.Conversation)
                await TellMembersAsync(room.Id, sent.Message, ct);
            if (sent.Created && Notifier.MayNotify(room, sent.Message))
                await notifier.MessageSentAsync(room, sent.Message, ct);
            if (sent.Created && replyTo is not null && status == MessageStatus.Approved)
                await threads.RecountAsync(replyTo.MessageId, ct);
            return Retried(sent, roomId, text);
        }
        catch (MessageNotStoredException ex)
        {
            return ChatResult<SendResult>.Fail(ChatError.Unavailable, ErrorCodes.ChatNotStored, ex.Message);
        }

        // A retry of a message that is already stored is answered with it, limit, mute or deleted original or not;
        // only a refused send pays for the lookup.
        async Task<ChatResult<SendResult>> RetryOrAsync(ChatResult<SendResult> refusal) =>
            await queries.FindSentAsync(author.Id, clientMessageId!, ct) is { } sent
                ? Retried(new SendResult(sent, Created: false), roomId, text)
                : refusal;
    }

    public async Task<ChatResult<MessageDto>> EditAsync(Viewer viewer, Guid messageId, string? content, string? ipAddress, CancellationToken ct)
    {
        if (MessageRules.ContentError(content, out var text) is { } contentError)
            return ChatResult<MessageDto>.Fail(ChatError.BadRequest, ErrorCodes.ChatContentInvalid, contentError);
        if ((await restrictions.GetAsync(viewer.Id, ct)).Muted(clock.GetUtcNow()) is { } muted)
            return muted.As<MessageDto>();
        var result = await ChangeAsync(viewer, messageId, ipAddress, AuditActions.MessageEdit, authorOnly: true, (message, now) =>
        {
            var before = message.Content;
            message.Content = text;
            message.EditedAt = now;
            return (new { content = before }, new { content = text });
        }, ct);
        if (result.Value is { } edited)
            broadcasts.ToAudienceOf(edited, $"message {edited.Id} edited", clients => clients.MessageUpdated(edited));
        return result;
    }

    /// <summary>
    /// Soft-deletes a message. A moderator deleting someone else's message is also recorded as a moderation
    /// action against its author, in the same transaction.
    /// </summary>
    public async Task<ChatResult<MessageDeletedEvent>> DeleteAsync(Viewer viewer, Guid messageId, string? ipAddress, CancellationToken ct,
        string? reason = null)
    {
        var result = await ChangeAsync(viewer, messageId, ipAddress, AuditActions.MessageDelete, authorOnly: false, (message, now) =>
        {
            message.DeletedAt = now;
            message.DeletedById = viewer.Id;
            if (message.AuthorId != viewer.Id)
            {
                db.ModerationActions.Add(new ModerationAction
                {
                    Id = Guid.CreateVersion7(now),
                    Kind = ModerationActionKind.DeleteMessage,
                    TargetUserId = message.AuthorId,
                    RoomId = message.RoomId,
                    MessageId = message.Id,
                    ModeratorId = viewer.Id,
                    Reason = reason,
                    CreatedAt = now,
                });
            }
            return (new { content = message.Content }, null);
        }, ct);
        if (!result.Succeeded)
            return result.As<MessageDeletedEvent>();
        var deleted = new MessageDeletedEvent(result.Value!.RoomId, messageId, result.Value.Seq, result.Value.ChangeSeq);
        broadcasts.ToAudienceOf(result.Value, $"message {messageId} deleted", clients => clients.MessageDeleted(deleted));
        if (result.Value.ReplyTo is { } original)
            await threads.RecountAsync(original.MessageId, ct);
        return ChatResult<MessageDeletedEvent>.Ok(deleted);
    }

    // Members see a new message in their list of conversations, on every device, whether or not they have it open.
    private async Task TellMembersAsync(Guid roomId, MessageDto message, CancellationToken ct)
    {
        var activity = new ConversationActivityEvent(roomId, message);
        foreach (var member in await access.MembersAsync(roomId, ct))
            broadcasts.Post(new Audience.User(member), $"conversation {roomId} activity", clients => clients.ConversationActivity(activity));
    }

    // A client message id names one message: a send that finds it stored is a retry only when it is for the same
    // room with the same text (the text as first sent: an edit since does not make the retry a stranger).
    // A message rejected since reaches clients without its text: its retry is answered with that tombstone.
    private static ChatResult<SendResult> Retried(SendResult result, Guid roomId, string text) =>
        result.Created || (result.Message.RoomId == roomId &&
            (result.Message.EditedAt is not null || result.Message.Content == text || result.Message.Status == nameof(MessageStatus.Rejected)))
            ? ChatResult<SendResult>.Ok(result)
            : ChatResult<SendResult>.Fail(ChatError.Conflict, ErrorCodes.ChatClientMessageIdConflict,
                "This client message id already names another message (in another room or with other text); send with a new id.");

    /// <summary>Why this user may not send in this room now (muted, kicked, over a limit), or null.</summary>
    private async Task<ChatResult<SendResult>?> RefusalAsync(Viewer viewer, Room room)
    {
        // Two Redis round trips on every send, so both are on their way at once.
        var activeTask = restrictions.GetAsync(viewer.Id, CancellationToken.None);
        var limitTask = limits.CheckAsync(viewer, room);
        var (active, limit) = (await activeTask, await limitTask);
        var now = clock.GetUtcNow();
        if ((active.Muted(now) ?? active.KickedFrom(room.Id, now)) is { } restricted)
            return restricted.As<SendResult>();
        if (limit is { Succeeded: false } limited)
            return limited.As<SendResult>();
        return null;
    }

    /// <summary>
    /// Edits and deletions take the room's next change number in the same transaction as the change and its
    /// audit entry, so a client catching up by change sequence sees them exactly once.
    /// </summary>
    // Only the author edits (a moderator rewriting someone's words under their name would be a forgery);
    // the author or a moderator deletes. An archived room (or lounge) is read only for everyone but admins.
    private async Task<ChatResult<MessageDto>> ChangeAsync(Viewer viewer, Guid messageId, string? ipAddress, string action,
        bool authorOnly, Func<Message, DateTimeOffset, (object Before, object? After)> change, CancellationToken ct)
    {
        return await db.InTransactionAsync(async token =>
        {
            db.ChangeTracker.Clear();
            // Lock the message first: an edit racing a deletion then sees the deletion (and answers 404) instead
            // of committing after it and broadcasting the text of a deleted message.
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM messages WHERE id = {messageId} FOR NO KEY UPDATE", token);
            var message = await db.Messages.WithViewParts().Include(m => m.Room!).ThenInclude(r => r.Lounge)
                .SingleOrDefaultAsync(m => m.Id == messageId && m.DeletedAt == null && m.Status != MessageStatus.Rejected, token);
            if (message is null || (message.Status == MessageStatus.Pending && !viewer.Moderates && message.AuthorId != viewer.Id))
                return ChatResult<MessageDto>.Fail(ChatError.NotFound, ErrorCodes.MessageNotFound, $"There is no message {messageId}.");
            if (message.AuthorId != viewer.Id && (authorOnly || !viewer.Moderates))
                return ChatResult<MessageDto>.Fail(ChatError.Forbidden, ErrorCodes.MessageNotAuthor,
                    authorOnly ? "Only the author can edit a message." : "Only the author or a moderator can delete this message.");
            if ((message.Room!.ArchivedAt is not null || message.Room.Lounge?.ArchivedAt is not null) && viewer.Role != UserRole.Admin)
                return ChatResult<MessageDto>.Fail(ChatError.Forbidden, ErrorCodes.RoomArchived, "This room is archived: it is read only.");
            if (message.AuthorId != viewer.Id && message.Author!.Role == UserRole.Admin && viewer.Role != UserRole.Admin)
                return ChatResult<MessageDto>.Fail(ChatError.Forbidden, ErrorCodes.MessageAdminProtected, "Moderators cannot change an admin's message.");

            await db.TakeNextChangeAsync(message, token);
            var now = clock.GetUtcNow();
            var (before, after) = change(message, now);
            // What members of a conversation say to each other stays out of the audit log that admins read.
            if (message.Room.Kind == RoomKind.Conversation)
                (before, after) = (new { }, null);
            db.Audit(action, "message", message.Id, viewer.Id, now, before, after,
                metadata: new { roomId = message.RoomId, authorId = message.AuthorId }, ipAddress: ipAddress);
            return ChatResult<MessageDto>.Ok(message.ToDto());
        }, ct);
    }
}
