using ChatRoom.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace ChatRoom.Worker.Jobs;

public sealed class SessionCleanupOptions : JobOptions
{
    public const string SectionName = "Jobs:SessionCleanup";

    /// <summary>
    /// How long ended sessions (expired or revoked) are kept before they and their refresh tokens are deleted.
    /// Tokens of live sessions are never deleted: a rotated token must stay to recognise its reuse.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan EndedSessionRetention { get; set; } = TimeSpan.FromDays(7);
}

/// <summary>
/// Deletes long-ended sessions with their tokens, and ends guest accounts past their expiry (soft delete,
/// sessions revoked, clients told). Safe on several Workers at once: every statement is conditional, and
/// only the Worker whose UPDATE changed a guest writes its audit entry and notifies.
/// </summary>
public sealed class SessionCleanupJob(
    IServiceScopeFactory scopes,
    IChatEvents broadcasts,
    IOptions<SessionCleanupOptions> options,
    JobMetrics metrics,
    ILogger<SessionCleanupJob> logger,
    TimeProvider clock)
    : ScheduledJob("session-cleanup", options.Value, metrics, logger, clock)
{
    private readonly TimeProvider _clock = clock;
    private readonly ILogger _logger = logger;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        var now = _clock.GetUtcNow();

        var expiredGuests = await db.InTransactionAsync(async ct =>
        {
            var ended = await db.Database.SqlQuery<Guid>(
                $"""
                UPDATE users SET deleted_at = {now}
                WHERE role = 'Guest' AND deleted_at IS NULL AND expires_at <= {now}
                RETURNING id AS "Value"
                """).ToListAsync(ct);
            if (ended.Count == 0)
                return ended;
            await db.SessionFamilies.Where(f => ended.Contains(f.UserId) && f.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.RevokedAt, now).SetProperty(f => f.RevokedReason, "guest_expired"), ct);
            foreach (var guest in ended)
                db.Audit(AuditActions.GuestExpire, "user", guest, actorId: null, now);
            return ended;
        }, cancellationToken);

        // The Api replicas close these connections themselves (they re-check their sessions against the
        // database); the event only tells the guests why, if Redis carries it.
        foreach (var guest in expiredGuests)
            broadcasts.Post(new Audience.User(guest), $"guest {guest} expired", clients => clients.SessionRevoked(new SessionRevokedEvent("guest_expired")));

        var cutoff = now - options.Value.EndedSessionRetention;
        var purged = await db.SessionFamilies
            .Where(f => f.ExpiresAt < cutoff || f.RevokedAt < cutoff)
            .ExecuteDeleteAsync(cancellationToken);

        if (expiredGuests.Count > 0 || purged > 0)
            _logger.LogInformation("Ended {Guests} expired guest account(s); deleted {Sessions} ended session(s) with their tokens",
                expiredGuests.Count, purged);
    }
}
