using ChatRoom.Api.Auth;
using ChatRoom.Api.Infrastructure;
using ChatRoom.Data;
using ChatRoom.Data.Entities;
using ChatRoom.Chat;
using ChatRoom.Realtime;
using ChatRoom.Contracts;
using ChatRoom.Chat.Moderation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace ChatRoom.Api.Moderation;

/// <summary>
/// Warn, mute, unmute, kick, ban and unban: each recorded as a moderation action with its audit entry in one
/// transaction, then made to take effect everywhere (cached restrictions and session state dropped, hub
/// connections closed or taken out of the room) and the user told. Nothing after the commit can turn the
/// recorded action into an error, and the same request sent again (a retry after a lost answer, a double click)
/// answers the action already recorded instead of recording a second one.
/// </summary>
public sealed class ModeratorActions(
    ChatDbContext db,
    ChatUsers users,
    Sessions sessions,
    AccessChanges access,
    Restrictions restrictions,
    ChatBroadcasts broadcasts,
    TimeProvider clock,
    ILogger<ModeratorActions> logger)
{
    public async Task<Results<Created<ModerationActionResponse>, ProblemHttpResult>> ApplyAsync(
        ModerationActionRequest request, Viewer moderator, string? ipAddress, CancellationToken ct)
    {
        var kind = request.ParsedKind;
        var targetId = request.UserId!.Value;
        if (targetId == moderator.Id)
            return Problems.BadRequest("You cannot take moderation actions against yourself.");

        var result = await db.InTransactionAsync<Results<Created<ModerationActionResponse>, ProblemHttpResult>>(async token =>
        {
            db.ChangeTracker.Clear();
            // The user row is locked so two moderators' bans and unbans of one user apply one after the other.
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM users WHERE id = {targetId} FOR UPDATE", token);
            var target = await db.Users.SingleOrDefaultAsync(u => u.Id == targetId && u.DeletedAt == null, token);
            if (target is null)
                return Problems.NotFound($"There is no user {targetId}.");
            if (target.Role == UserRole.Admin && moderator.Role != UserRole.Admin)
                return Problems.Forbidden("Moderators cannot take actions against admins.");
            if (kind == ModerationActionKind.Kick && !await db.Rooms.AnyAsync(r => r.Id == request.RoomId, token))
                return Problems.NotFound($"There is no room {request.RoomId}.");

            var now = clock.GetUtcNow();
            if (await FindRepeatAsync(request, moderator.Id, now, token) is { } repeated)
                return TypedResults.Created($"/api/admin/moderation/actions/{repeated.Id}", await DescribeAsync(repeated, token));
            var action = new ModerationAction
            {
                Id = Guid.CreateVersion7(now), Kind = kind, TargetUserId = targetId, ModeratorId = moderator.Id,
                RoomId = kind == ModerationActionKind.Kick ? request.RoomId : null, Reason = request.Reason.TrimToNull(),
                CreatedAt = now, ExpiresAt = ExpiryOf(kind, request.DurationMinutes, now),
            };
            var metadata = new Dictionary<string, object?> { ["reason"] = action.Reason, ["expiresAt"] = action.ExpiresAt, ["roomId"] = action.RoomId };
            switch (kind)
            {
                case ModerationActionKind.Unmute or ModerationActionKind.Unban:
                    var lifted = await LiftAsync(targetId, kind == ModerationActionKind.Unmute ? ModerationActionKind.Mute : ModerationActionKind.Ban, now, token);
                    if (lifted == 0)
                        return Problems.Conflict(kind == ModerationActionKind.Unmute ? "This user is not muted." : "This user is not banned.");
                    metadata["lifted"] = lifted;
                    break;
                case ModerationActionKind.Ban:
                    metadata["endedSessions"] = (await sessions.RevokeAllAsync(targetId, "banned", except: null, token)).Count;
                    break;
            }
            db.ModerationActions.Add(action);
            db.Audit(AuditActions.Moderation(kind), "user", targetId, moderator.Id, now, metadata: metadata, ipAddress: ipAddress);
            await db.SaveChangesAsync(token);
            return TypedResults.Created($"/api/admin/moderation/actions/{action.Id}", await DescribeAsync(action, token));
        }, ct);

        if (result.Result is Created<ModerationActionResponse> { Value: { } created })
        {
            try
            {
                await TakeEffectAsync(kind, created);
            }
            catch (Exception ex)
            {
                // Recorded is recorded: the sessions re-check against the database and the restrictions' cache
                // expires, so the action still takes effect everywhere within seconds.
                logger.LogError(ex, "Moderation action {ActionId} is recorded but did not take effect at once", created.Id);
            }
        }
        return result;
    }

    public async Task<ModerationActionResponse> DescribeAsync(ModerationAction action, CancellationToken ct) =>
        (await DescribeAsync([action], ct))[0];

    /// <summary>The actions with their target's and moderator's names, read in one query.</summary>
    public async Task<List<ModerationActionResponse>> DescribeAsync(IReadOnlyCollection<ModerationAction> actions, CancellationToken ct)
    {
        var ids = actions.Select(a => a.TargetUserId).Concat(actions.Where(a => a.ModeratorId != null).Select(a => a.ModeratorId!.Value))
            .Distinct().ToList();
        var people = await users.ManyAsync(ids, ct, includeDeleted: true);
        return [.. actions.Select(a => new ModerationActionResponse(a.Id, a.Kind.ToString(), people[a.TargetUserId], a.RoomId, a.MessageId,
            a.ModeratorId is { } by ? people.GetValueOrDefault(by) : null, a.Reason, a.CreatedAt, a.ExpiresAt, a.LiftedAt))];
    }

    private static DateTimeOffset? ExpiryOf(ModerationActionKind kind, int? minutes, DateTimeOffset now) => kind switch
    {
        ModerationActionKind.Mute or ModerationActionKind.Ban when minutes is { } m => now.AddMinutes(m),
        ModerationActionKind.Kick => now.AddMinutes(minutes ?? ModerationActionRequest.DefaultKickMinutes),
        _ => null,
    };

    /// <summary>
    /// The same moderator's identical action on the same user within <see cref="RepeatWindow"/>: a request sent
    /// twice, not a second decision. Found under the user row's lock, so two copies racing see each other.
    /// </summary>
    private async Task<ModerationAction?> FindRepeatAsync(ModerationActionRequest request, Guid moderatorId, DateTimeOffset now, CancellationToken ct)
    {
        var kind = request.ParsedKind;
        var since = now - RepeatWindow;
        var reason = request.Reason.TrimToNull();
        var roomId = kind == ModerationActionKind.Kick ? request.RoomId : null;
        var candidates = await db.ModerationActions.AsNoTracking()
            .Where(a => a.TargetUserId == request.UserId && a.ModeratorId == moderatorId && a.Kind == kind &&
                a.RoomId == roomId && a.Reason == reason && a.CreatedAt >= since && a.LiftedAt == null)
            .OrderByDescending(a => a.CreatedAt)
            .ToListAsync(ct);
        var expiry = ExpiryOf(kind, request.DurationMinutes, now);
        return candidates.FirstOrDefault(a => expiry is null ? a.ExpiresAt is null : a.ExpiresAt is { } e && e - a.CreatedAt == expiry.Value - now);
    }

    private static readonly TimeSpan RepeatWindow = TimeSpan.FromMinutes(1);

    private Task<int> LiftAsync(Guid userId, ModerationActionKind kind, DateTimeOffset now, CancellationToken ct) =>
        db.ModerationActions.InForce(userId, now, kind)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.LiftedAt, now), ct);

    private async Task TakeEffectAsync(ModerationActionKind kind, ModerationActionResponse action)
    {
        var userId = action.TargetUser.Id;
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
                await access.UserChangedAsync(userId, "banned", NoticeOf(kind, action));
                return;
            case ModerationActionKind.Unban:
                // The cached "unusable" state would otherwise refuse the first requests after signing in again.
                await access.UserChangedAsync(userId, "unbanned");
                return;
        }
        var notice = NoticeOf(kind, action);
        broadcasts.Post($"{kind} notice to {userId}", clients => clients.Group(ChatGroups.User(userId)).ModerationNotice(notice));
    }

    private static ModerationNoticeEvent NoticeOf(ModerationActionKind kind, ModerationActionResponse action) =>
        new(kind.ToString(), action.RoomId, action.Reason, action.ExpiresAt);
}
