using ChatRoom.Chat.Notifications;
namespace ChatRoom.Chat.Moderation;

/// <summary>A moderator's action against a user; <see cref="Reason"/> is trimmed (or null) already.</summary>
public sealed record ModeratorCommand(ModerationActionKind Kind, Guid UserId, Guid? RoomId, string? Reason, int? DurationMinutes);

/// <summary>
/// How a change to someone's access takes effect beyond the database: sessions, their cached state and open
/// connections belong to the host (the Api), which implements this.
/// </summary>
public interface IAccessEnforcement
{
    /// <summary>Ends every session of the user inside the caller's transaction; answers how many.</summary>
    Task<int> EndSessionsAsync(Guid userId, string reason, CancellationToken ct);

    /// <summary>After the commit: the user's cached state is dropped and every connection reconnects or ends, told <paramref name="notice"/> first.</summary>
    Task UserChangedAsync(Guid userId, string reason, ModerationNoticeEvent? notice = null);

    /// <summary>After the commit: every connection of the user, on every replica, is taken out of the room.</summary>
    Task KickedAsync(Guid userId, Guid roomId);
}

/// <summary>
/// Warn, mute, unmute, kick, ban and unban, and deleting anyone's message: each recorded as a moderation action
/// with its audit entry in one transaction, then made to take effect everywhere (cached restrictions and session
/// state dropped, connections closed or taken out of the room) and the user told. Nothing after the commit can
/// turn the recorded action into an error, and the same request sent again (a retry after a lost answer, a double
/// click) answers the action already recorded instead of recording a second one.
/// </summary>
public sealed class ModeratorActions(
    ChatDbContext db,
    ChatUsers users,
    ChatService chat,
    Restrictions restrictions,
    IAccessEnforcement access,
    IChatEvents events,
    Notifier notifier,
    TimeProvider clock,
    ILogger<ModeratorActions> logger)
{
    public const int DefaultKickMinutes = 10;

    private static readonly TimeSpan RepeatWindow = TimeSpan.FromMinutes(1);

    public async Task<ChatResult<ModerationActionResponse>> ApplyAsync(ModeratorCommand command, Viewer moderator, string? ipAddress, CancellationToken ct)
    {
        if (command.UserId == moderator.Id)
            return Fail(ChatError.BadRequest, ErrorCodes.ModerationSelf, "You cannot take moderation actions against yourself.");

        var result = await db.InTransactionAsync(async token =>
        {
            db.ChangeTracker.Clear();
            // The user row is locked so two moderators' bans and unbans of one user apply one after the other.
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM users WHERE id = {command.UserId} FOR UPDATE", token);
            var target = await db.Users.SingleOrDefaultAsync(u => u.Id == command.UserId && u.DeletedAt == null, token);
            if (target is null)
                return Fail(ChatError.NotFound, ErrorCodes.ModerationUserNotFound, $"There is no user {command.UserId}.");
            if (target.Role == UserRole.Admin && moderator.Role != UserRole.Admin)
                return Fail(ChatError.Forbidden, ErrorCodes.ModerationAdminProtected, "Moderators cannot take actions against admins.");
            if (command.Kind == ModerationActionKind.Kick && !await db.Rooms.AnyAsync(r => r.Id == command.RoomId, token))
                return Fail(ChatError.NotFound, ErrorCodes.RoomNotFound, $"There is no room {command.RoomId}.");

            var now = clock.GetUtcNow();
            if (await FindRepeatAsync(command, moderator.Id, now, token) is { } repeated)
                return ChatResult<ModerationActionResponse>.Ok(await DescribeAsync(repeated, token));
            var action = new ModerationAction
            {
                Id = Guid.CreateVersion7(now),
                Kind = command.Kind,
                TargetUserId = command.UserId,
                ModeratorId = moderator.Id,
                RoomId = command.Kind == ModerationActionKind.Kick ? command.RoomId : null,
                Reason = command.Reason,
                CreatedAt = now,
                ExpiresAt = ExpiryOf(command.Kind, command.DurationMinutes, now),
            };
            var metadata = new Dictionary<string, object?> { ["reason"] = action.Reason, ["expiresAt"] = action.ExpiresAt, ["roomId"] = action.RoomId };
            switch (command.Kind)
            {
                case ModerationActionKind.Unmute or ModerationActionKind.Unban:
                    var lifts = command.Kind == ModerationActionKind.Unmute ? ModerationActionKind.Mute : ModerationActionKind.Ban;
                    var lifted = await db.ModerationActions.InForce(command.UserId, now, lifts)
                        .ExecuteUpdateAsync(s => s.SetProperty(a => a.LiftedAt, now), token);
                    if (lifted == 0)
                        return Fail(ChatError.Conflict, ErrorCodes.ModerationNotRestricted,
                            command.Kind == ModerationActionKind.Unmute ? "This user is not muted." : "This user is not banned.");
                    metadata["lifted"] = lifted;
                    break;
                case ModerationActionKind.Ban:
                    metadata["endedSessions"] = await access.EndSessionsAsync(command.UserId, "banned", token);
                    break;
            }
            db.ModerationActions.Add(action);
            db.Audit(AuditActions.Moderation(command.Kind), "user", command.UserId, moderator.Id, now, metadata: metadata, ipAddress: ipAddress);
            await db.SaveChangesAsync(token);
            return ChatResult<ModerationActionResponse>.Ok(await DescribeAsync(action, token));
        }, ct);

        if (result.Value is { } recorded)
        {
            try
            {
                await TakeEffectAsync(command.Kind, recorded);
            }
            catch (Exception ex)
            {
                // Recorded is recorded: the sessions re-check against the database and the restrictions' cache
                // expires, so the action still takes effect everywhere within seconds.
                logger.LogError(ex, "Moderation action {ActionId} is recorded but did not take effect at once", recorded.Id);
            }
        }
        return result;
    }

    /// <summary>
    /// Deletes someone else's message as a moderation action (recorded against its author in the same transaction
    /// as the deletion) and answers that action.
    /// </summary>
    public async Task<ChatResult<ModerationActionResponse>> DeleteMessageAsync(Guid messageId, string? reason, Viewer moderator, string? ipAddress,
        CancellationToken ct)
    {
        var deleted = await chat.DeleteAsync(moderator, messageId, ipAddress, ct, reason);
        if (!deleted.Succeeded)
            return deleted.As<ModerationActionResponse>();
        var recorded = await db.ModerationActions.AsNoTracking()
            .Where(a => a.MessageId == messageId && a.Kind == ModerationActionKind.DeleteMessage)
            .OrderByDescending(a => a.CreatedAt)
            .FirstOrDefaultAsync(ct);
        // A moderator deleting their own message is an ordinary deletion: there is no action against anyone.
        return recorded is null
            ? Fail(ChatError.BadRequest, ErrorCodes.ModerationOwnMessage, "That is your own message: delete it from the chat instead.")
            : ChatResult<ModerationActionResponse>.Ok(await DescribeAsync(recorded, ct));
    }

    public async Task<ModerationActionResponse> DescribeAsync(ModerationAction action, CancellationToken ct) =>
        (await DescribeAsync([action], ct))[0];

    /// <summary>The actions with their target's and moderator's names, read in one query.</summary>
    public async Task<List<ModerationActionResponse>> DescribeAsync(IReadOnlyCollection<ModerationAction> actions, CancellationToken ct)
    {
        var ids = actions.Select(a => a.TargetUserId).Concat(actions.Where(a => a.ModeratorId != null).Select(a => a.ModeratorId!.Value));
        var people = await users.ManyAsync(ids, ct, includeDeleted: true);
        return [.. actions.Select(a => new ModerationActionResponse(a.Id, a.Kind.ToString(), people[a.TargetUserId], a.RoomId, a.MessageId,
            a.ModeratorId is { } by ? people.GetValueOrDefault(by) : null, a.Reason, a.CreatedAt, a.ExpiresAt, a.LiftedAt))];
    }

    private static DateTimeOffset? ExpiryOf(ModerationActionKind kind, int? minutes, DateTimeOffset now) => kind switch
    {
        ModerationActionKind.Mute or ModerationActionKind.Ban when minutes is { } m => now.AddMinutes(m),
        ModerationActionKind.Kick => now.AddMinutes(minutes ?? DefaultKickMinutes),
        _ => null,
    };

    /// <summary>
    /// The same moderator's identical action on the same user within <see cref="RepeatWindow"/>: a request sent
    /// twice, not a second decision. Found under the user row's lock, so two copies racing see each other.
    /// </summary>
    private async Task<ModerationAction?> FindRepeatAsync(ModeratorCommand command, Guid moderatorId, DateTimeOffset now, CancellationToken ct)
    {
        var since = now - RepeatWindow;
        var roomId = command.Kind == ModerationActionKind.Kick ? command.RoomId : null;
        var candidates = await db.ModerationActions.AsNoTracking()
            .Where(a => a.TargetUserId == command.UserId && a.ModeratorId == moderatorId && a.Kind == command.Kind &&
                a.RoomId == roomId && a.Reason == command.Reason && a.CreatedAt >= since && a.LiftedAt == null)
            .OrderByDescending(a => a.CreatedAt)
            .ToListAsync(ct);
        var expiry = ExpiryOf(command.Kind, command.DurationMinutes, now);
        return candidates.FirstOrDefault(a => expiry is null ? a.ExpiresAt is null : a.ExpiresAt is { } e && e - a.CreatedAt == expiry.Value - now);
    }

    private async Task TakeEffectAsync(ModerationActionKind kind, ModerationActionResponse action)
    {
        var userId = action.TargetUser.Id;
        var notice = new ModerationNoticeEvent(kind.ToString(), action.RoomId, action.Reason, action.ExpiresAt);
        await notifier.ModerationAsync(userId, NoticeText(kind, action), action.RoomId, CancellationToken.None);
        switch (kind)
        {
            case ModerationActionKind.Mute or ModerationActionKind.Unmute:
                await restrictions.ForgetAsync(userId);
                break;
            case ModerationActionKind.Kick:
                await restrictions.ForgetAsync(userId);
                await access.KickedAsync(userId, action.RoomId!.Value);
                break;
            case ModerationActionKind.Ban:
                // Told by each replica right before it closes the user's connections there.
                await access.UserChangedAsync(userId, "banned", notice);
                return;
            case ModerationActionKind.Unban:
                // The cached "unusable" state would otherwise refuse the first requests after signing in again.
                await access.UserChangedAsync(userId, "unbanned");
                return;
        }
        events.Post(new Audience.User(userId), $"{kind} notice to {userId}", clients => clients.ModerationNotice(notice));
    }

    // The notice as the notification list keeps it (clients show the live notice in their own words, by its kind).
    private static string NoticeText(ModerationActionKind kind, ModerationActionResponse action)
    {
        var what = kind switch
        {
            ModerationActionKind.Warn => "A moderator warned you",
            ModerationActionKind.Mute => "A moderator muted you",
            ModerationActionKind.Unmute => "A moderator unmuted you",
            ModerationActionKind.Kick => "A moderator removed you from a room",
            ModerationActionKind.Ban => "A moderator banned you",
            ModerationActionKind.Unban => "A moderator lifted your ban",
            _ => "A moderator removed one of your messages",
        };
        var until = action.ExpiresAt is { } end ? $" until {end:u}" : "";
        return action.Reason is { Length: > 0 } reason ? $"{what}{until}: {reason}" : $"{what}{until}.";
    }

    private static ChatResult<ModerationActionResponse> Fail(ChatError error, string code, string detail) =>
        ChatResult<ModerationActionResponse>.Fail(error, code, detail);
}
