using System.ComponentModel.DataAnnotations;
using ChatRoom.Data;
using ChatRoom.Data.Entities;
using ChatRoom.Chat;
using ChatRoom.Realtime;
using ChatRoom.Contracts;
using ChatRoom.Chat.Moderation;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatRoom.Worker.Jobs;

public sealed class RestrictionExpiryOptions : JobOptions
{
    public const string SectionName = "Jobs:RestrictionExpiry";

    public RestrictionExpiryOptions() => Interval = TimeSpan.FromSeconds(15);

    /// <summary>Most restrictions closed in one transaction; a run goes on until none is left.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 200;
}

/// <summary>
/// Closes timed mutes and bans whose time is up: sets <c>lifted_at</c>, audits each one, and tells a user whose
/// last mute ended. The Api already treats a restriction past <c>expires_at</c> as over, so nothing depends on
/// this job running on time; it keeps the records honest and lets the user know. Restrictions are taken with
/// <c>FOR UPDATE SKIP LOCKED</c>, so with several Workers each is closed (and announced) once.
/// </summary>
public sealed class RestrictionExpiryJob(
    IServiceScopeFactory scopes,
    IChatEvents broadcasts,
    IOptions<RestrictionExpiryOptions> options,
    JobMetrics metrics,
    ILogger<RestrictionExpiryJob> logger,
    TimeProvider clock)
    : ScheduledJob("restriction-expiry", options.Value, metrics, logger, clock)
{
    private readonly TimeProvider _clock = clock;
    private readonly ILogger _logger = logger;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var (closed, unmuted) = await CloseBatchAsync(cancellationToken);
            await using var scope = scopes.CreateAsyncScope();
            var restrictions = scope.ServiceProvider.GetRequiredService<Restrictions>();
            foreach (var userId in unmuted)
            {
                // The Api's cached restrictions already ignore a mute past its end; dropping them is tidiness.
                await restrictions.ForgetAsync(userId);
                broadcasts.Post(new Audience.User(userId), $"mute of {userId} expired",
                    clients => clients.ModerationNotice(new ModerationNoticeEvent("Unmute", null, "The mute has expired.", null)));
            }
            total += closed;
            if (closed < options.Value.BatchSize)
                break;
        }
        if (total > 0)
            _logger.LogInformation("Closed {Count} expired mute(s) and ban(s)", total);
    }

    private async Task<(int Closed, List<Guid> Unmuted)> CloseBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        var now = _clock.GetUtcNow();
        return await db.InTransactionAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            var ids = await db.Database.SqlQuery<Guid>(
                $"""
                SELECT id AS "Value" FROM moderation_actions
                WHERE kind IN ('Mute', 'Ban') AND lifted_at IS NULL AND expires_at <= {now}
                ORDER BY expires_at
                LIMIT {options.Value.BatchSize}
                FOR UPDATE SKIP LOCKED
                """).ToListAsync(ct);
            if (ids.Count == 0)
                return (0, new List<Guid>());

            var actions = await db.ModerationActions.Where(a => ids.Contains(a.Id)).ToListAsync(ct);
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
                .Select(a => a.TargetUserId).Distinct().ToListAsync(ct);
            return (actions.Count, mutedUsers.Except(stillMuted).ToList());
        }, cancellationToken);
    }
}
