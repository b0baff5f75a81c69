using System.Globalization;
using ChatRoom.Realtime;
using ChatRoom.Chat.Moderation;

namespace ChatRoom.Worker.Moderation;

public enum Verdict
{
    /// <summary>Nothing wrong found.</summary>
    Clean,

    /// <summary>Written by a moderator or admin: not checked.</summary>
    Exempt,

    /// <summary>Pending (pre-moderated room) and the checks found something: the reasons wait for a moderator.</summary>
    Flagged,

    /// <summary>Visible and the checks found something: removed from the room.</summary>
    Rejected,

    /// <summary>Deleted or rejected before it was judged, or judged meanwhile by someone else.</summary>
    Skipped,
}

/// <summary>
/// Gives one message its verdict, once: the message row is locked and only a message without
/// <c>moderated_at</c> is judged, so the stream consumer, a Worker that claimed the same entry, and the sweep can
/// race for a message and only one of them decides. A rejection goes through <see cref="ModerationDecisions.RejectAsync"/>,
/// which re-checks under its own lock that the message has no verdict yet.
/// </summary>
public sealed class MessageJudge(
    ChatDbContext db,
    ModerationDecisions decisions,
    ContentChecks checks,
    IOptions<ModerationRulesOptions> rules,
    ChatMetrics metrics,
    TimeProvider clock,
    ILogger<MessageJudge> logger)
{
    /// <summary>Judges the message (from a stream entry), waiting for its row lock; null when it is gone or already judged.</summary>
    public Task<Verdict?> JudgeAsync(Guid messageId, string source, CancellationToken ct) =>
        JudgeLockedAsync(() => db.Database.SqlQuery<Guid>(
            $"SELECT id AS \"Value\" FROM messages WHERE id = {messageId} AND moderated_at IS NULL FOR UPDATE"), source, ct);

    /// <summary>
    /// The sweep: judges the oldest unjudged message created before <paramref name="cutoff"/> that no other
    /// Worker is judging right now (SKIP LOCKED), leaving out <paramref name="skip"/>; null when there is none.
    /// </summary>
    public async Task<(Guid MessageId, Verdict? Verdict)?> JudgeOldestUnjudgedAsync(DateTimeOffset cutoff, Guid[] skip, string source, CancellationToken ct)
    {
        LastPicked = null;
        var verdict = await JudgeLockedAsync(() => db.Database.SqlQuery<Guid>(
            $"""
            SELECT id AS "Value" FROM messages
            WHERE moderated_at IS NULL AND created_at < {cutoff} AND NOT (id = ANY({skip}))
            ORDER BY created_at LIMIT 1
            FOR UPDATE SKIP LOCKED
            """), source, ct, id => LastPicked = id);
        return LastPicked is { } messageId ? (messageId, verdict) : null;
    }

    /// <summary>The message the last <see cref="JudgeOldestUnjudgedAsync"/> took, also when judging it failed.</summary>
    public Guid? LastPicked { get; private set; }

    private async Task<Verdict?> JudgeLockedAsync(Func<IQueryable<Guid>> lockQuery, string source, CancellationToken ct, Action<Guid>? locked = null)
    {
        var decision = await db.InTransactionAsync<(Guid MessageId, Verdict Verdict, string? Reasons)?>(async token =>
        {
            db.ChangeTracker.Clear();
            var ids = await lockQuery().ToListAsync(token);
            if (ids.Count == 0)
                return null;
            locked?.Invoke(ids[0]);
            return await DecideAsync(ids[0], token);
        }, ct);
        if (decision is null)
            return null;

        var (messageId, verdict, reasons) = decision.Value;
        if (verdict == Verdict.Rejected)
        {
            var rejected = await decisions.RejectAsync(messageId, moderator: null, reasons!, ipAddress: null, ct);
            if (!rejected.Succeeded)
            {
                // Deleted by its author, or judged by another Worker, between the two transactions.
                await MarkJudgedAsync(messageId, reasons, ct);
                verdict = Verdict.Skipped;
            }
        }
        if (verdict != Verdict.Rejected) // RejectAsync counts its own
            metrics.RecordVerdict(verdict.ToString().ToLowerInvariant(), source);
        if (reasons is not null)
            logger.LogInformation("Message {MessageId}: {Verdict} ({Reasons})", messageId, verdict, reasons);
        return verdict;
    }

    /// <summary>Runs in the transaction that holds the message's lock. A rejection is left to the caller.</summary>
    private async Task<(Guid, Verdict, string?)> DecideAsync(Guid messageId, CancellationToken ct)
    {
        var message = await db.Messages.AsNoTracking().Where(m => m.Id == messageId)
            .Select(m => new { m.Id, m.RoomId, m.Seq, m.AuthorId, m.Content, m.Status, m.CreatedAt, m.DeletedAt, m.Author!.Role })
            .SingleAsync(ct);

        if (message.DeletedAt is not null || message.Status == MessageStatus.Rejected)
            return await MarkAsync(Verdict.Skipped, null);
        if (message.Role is UserRole.Moderator or UserRole.Admin)
            return await MarkAsync(Verdict.Exempt, null);

        var reasons = checks.Check(message.Content, message.Role == UserRole.Guest).ToList();
        var options = rules.Value;
        var earlier = db.Messages.Where(m => m.RoomId == message.RoomId && m.AuthorId == message.AuthorId && m.Seq < message.Seq);
        var floodSince = message.CreatedAt - options.FloodWindow;
        var recent = await earlier.CountAsync(m => m.CreatedAt > floodSince, ct);
        if (recent >= options.FloodMaxMessages)
            reasons.Add(string.Create(CultureInfo.InvariantCulture,
                $"flood: {recent + 1} messages within {options.FloodWindow.TotalSeconds:0.#} s (at most {options.FloodMaxMessages})"));
        var repeatSince = message.CreatedAt - options.RepeatWindow;
        var copies = await earlier.CountAsync(m => m.CreatedAt > repeatSince && m.Content == message.Content, ct);
        if (copies >= options.RepeatMaxCopies)
            reasons.Add(string.Create(CultureInfo.InvariantCulture,
                $"repeated text: {copies + 1} copies within {options.RepeatWindow.TotalSeconds:0.#} s (at most {options.RepeatMaxCopies})"));

        if (reasons.Count == 0)
            return await MarkAsync(Verdict.Clean, null);
        var note = string.Join("; ", reasons);
        // A pending message is already hidden: the reasons go to the moderators, who decide.
        if (message.Status == MessageStatus.Pending)
            return await MarkAsync(Verdict.Flagged, note);
        return (messageId, Verdict.Rejected, note);

        async Task<(Guid, Verdict, string?)> MarkAsync(Verdict verdict, string? why)
        {
            await MarkJudgedAsync(messageId, why, ct);
            return (messageId, verdict, why);
        }
    }

    private Task<int> MarkJudgedAsync(Guid messageId, string? note, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (note is { Length: > Message.MaxModerationNoteLength })
            note = note[..(Message.MaxModerationNoteLength - 1)] + "…";
        return db.Messages.Where(m => m.Id == messageId && m.ModeratedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ModeratedAt, now).SetProperty(m => m.ModerationNote, note), ct);
    }
}
