namespace ChatRoom.Chat.Moderation;

/// <summary>
/// Closes timed mutes and bans whose time is up: sets <c>lifted_at</c>, audits each one, and tells a user whose
/// last mute ended. Every check already treats a restriction past <c>expires_at</c> as over, so nothing depends on
/// this running on time; it keeps the records honest and lets the user know. Restrictions are taken with
/// <c>FOR UPDATE SKIP LOCKED</c>, so with several Workers each is closed (and announced) once.
/// </summary>
public sealed class RestrictionExpiry(ChatDbContext db, Restrictions restrictions, IChatEvents events, TimeProvider clock)
{
    /// <summary>Closes at most <paramref name="batchSize"/> expired restrictions in one transaction; answers how many.</summary>
    public async Task<int> CloseExpiredAsync(int batchSize, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var (closed, unmuted) = await db.InTransactionAsync(async token =>
        {
            db.ChangeTracker.Clear();
            var ids = await db.Database.SqlQuery<Guid>(
                $"""
                SELECT id AS "Value" FROM moderation_actions
                WHERE kind IN ('Mute', 'Ban') AND lifted_at IS NULL AND expires_at <= {now}
                ORDER BY expires_at
                LIMIT {batchSize}
                FOR UPDATE SKIP LOCKED
                """).ToListAsync(token);
            if (ids.Count == 0)
                return (0, new List<Guid>());

            var actions = await db.ModerationActions.Where(a => ids.Contains(a.Id)).ToListAsync(token);
            foreach (var action in actions)
            {
                action.LiftedAt = now;
                db.Audit(AuditActions.RestrictionExpired, "moderation_action", action.Id, actorId: null, now,
                    before: new { kind = action.Kind.ToString(), expiresAt = action.ExpiresAt },
                    after: new { liftedAt = now },
                    metadata: new { userId = action.TargetUserId, roomId = action.RoomId });
            }

            // "The mute has expired" only to those no other mute still holds.
            var mutedUsers = actions.Where(a => a.Kind == ModerationActionKind.Mute).Select(a => a.TargetUserId).Distinct().ToList();
            var stillMuted = await db.ModerationActions.InForce(now, ModerationActionKind.Mute)
                .Where(a => mutedUsers.Contains(a.TargetUserId) && !ids.Contains(a.Id))
                .Select(a => a.TargetUserId).Distinct().ToListAsync(token);
            return (actions.Count, mutedUsers.Except(stillMuted).ToList());
        }, ct);

        foreach (var userId in unmuted)
        {
            // Cached restrictions already ignore a mute past its end; dropping them is tidiness.
            await restrictions.ForgetAsync(userId);
            events.Post(new Audience.User(userId), $"mute of {userId} expired",
                clients => clients.ModerationNotice(new ModerationNoticeEvent("Unmute", null, "The mute has expired.", null)));
        }
        return closed;
    }
}
