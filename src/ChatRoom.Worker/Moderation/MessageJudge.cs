using System.Globalization;
using ChatRoom.Chat.Moderation;
using ChatRoom.Realtime;

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
/// Gives messages their verdict, once: the message rows are locked and only messages without <c>moderated_at</c> are
/// judged, so the stream consumer, a Worker that claimed the same entries, and the sweep can race for a message and
/// only one of them decides. A batch is judged in one transaction with one query for everything the rules need, so
/// the cost per message stays a fraction of a round trip. A rejection goes through
/// <see cref="ModerationDecisions.RejectAsync"/>, which re-checks under its own lock that the message has no verdict yet.
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
    /// <summary>Judges one message (from a stream entry), waiting for its row lock; null when it is gone or already judged.</summary>
    public async Task<Verdict?> JudgeAsync(Guid messageId, string source, CancellationToken ct) =>
        (await JudgeManyAsync([messageId], source, ct)).TryGetValue(messageId, out var verdict) ? verdict : null;

    /// <summary>
    /// Judges the messages of a batch of stream entries together, waiting for their row locks (taken in id order,
    /// so two Workers judging overlapping batches cannot deadlock). Messages gone or already judged are left out of
    /// the answer.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, Verdict>> JudgeManyAsync(IReadOnlyCollection<Guid> messageIds, string source, CancellationToken ct)
    {
        var ids = messageIds.Distinct().ToArray();
        return await JudgeLockedAsync(() => db.Database.SqlQuery<Guid>(
            $"SELECT id AS \"Value\" FROM messages WHERE id = ANY({ids}) AND moderated_at IS NULL ORDER BY id FOR NO KEY UPDATE"), source, ct);
    }

    /// <summary>
    /// The sweep: judges the oldest unjudged message created before <paramref name="cutoff"/> that no other
    /// Worker is judging right now (SKIP LOCKED), leaving out <paramref name="skip"/>; null when there is none.
    /// </summary>
    public async Task<(Guid MessageId, Verdict? Verdict)?> JudgeOldestUnjudgedAsync(DateTimeOffset cutoff, Guid[] skip, string source, CancellationToken ct)
    {
        LastPicked = null;
        var verdicts = await JudgeLockedAsync(() => db.Database.SqlQuery<Guid>(
            $"""
            SELECT id AS "Value" FROM messages
            WHERE moderated_at IS NULL AND created_at < {cutoff} AND NOT (id = ANY({skip}))
            ORDER BY created_at LIMIT 1
            FOR NO KEY UPDATE SKIP LOCKED
            """), source, ct, ids => LastPicked = ids.Count > 0 ? ids[0] : null);
        return LastPicked is { } messageId ? (messageId, verdicts.TryGetValue(messageId, out var verdict) ? verdict : null) : null;
    }

    /// <summary>The message the last <see cref="JudgeOldestUnjudgedAsync"/> took, also when judging it failed.</summary>
    public Guid? LastPicked { get; private set; }

    private async Task<Dictionary<Guid, Verdict>> JudgeLockedAsync(Func<IQueryable<Guid>> lockQuery, string source, CancellationToken ct,
        Action<List<Guid>>? locked = null)
    {
        var outcomes = await db.InTransactionAsync(async token =>
        {
            db.ChangeTracker.Clear();
            var ids = await lockQuery().ToListAsync(token);
            locked?.Invoke(ids);
            return ids.Count == 0 ? [] : await DecideAsync(ids, token);
        }, ct);

        var verdicts = new Dictionary<Guid, Verdict>(outcomes.Count);
        foreach (var (messageId, decided, reasons) in outcomes)
        {
            var verdict = decided;
            if (verdict == Verdict.Rejected)
            {
                var rejected = await decisions.RejectAsync(messageId, moderator: null, reasons!, ipAddress: null, ct);
                if (!rejected.Succeeded)
                {
                    // Deleted by its author, or judged by another Worker, between the two transactions.
                    await MarkJudgedAsync([messageId], reasons, ct);
                    verdict = Verdict.Skipped;
                }
            }
            if (verdict != Verdict.Rejected) // RejectAsync counts its own
                metrics.RecordVerdict(verdict.ToString().ToLowerInvariant(), source);
            if (reasons is not null)
                logger.LogInformation("Message {MessageId}: {Verdict} ({Reasons})", messageId, verdict, reasons);
            verdicts[messageId] = verdict;
        }
        return verdicts;
    }

    /// <summary>
    /// Runs in the transaction that holds the messages' locks: one query reads each message with the counts the flood
    /// and repeat rules need, then the verdicts without a note are marked in one update. Rejections are left to the caller.
    /// </summary>
    private async Task<List<Decision>> DecideAsync(List<Guid> ids, CancellationToken ct)
    {
        var options = rules.Value;
        var (floodWindow, repeatWindow) = (options.FloodWindow, options.RepeatWindow);
        var messages = await db.Messages.AsNoTracking().Where(m => ids.Contains(m.Id))
            .Select(m => new
            {
                m.Id,
                m.Content,
                m.Status,
                m.DeletedAt,
                m.Author!.Role,
                Recent = db.Messages.Count(e => e.AuthorId == m.AuthorId && e.RoomId == m.RoomId && e.Seq < m.Seq &&
                    e.CreatedAt > m.CreatedAt - floodWindow),
                Copies = db.Messages.Count(e => e.AuthorId == m.AuthorId && e.RoomId == m.RoomId && e.Seq < m.Seq &&
                    e.CreatedAt > m.CreatedAt - repeatWindow && e.Content == m.Content),
            })
            .ToListAsync(ct);

        var decided = new List<Decision>(messages.Count);
        foreach (var message in messages)
        {
            if (message.DeletedAt is not null || message.Status == MessageStatus.Rejected)
            {
                decided.Add(new(message.Id, Verdict.Skipped, null));
                continue;
            }
            if (message.Role is UserRole.Moderator or UserRole.Admin)
            {
                decided.Add(new(message.Id, Verdict.Exempt, null));
                continue;
            }
            var reasons = checks.Check(message.Content, message.Role == UserRole.Guest).ToList();
            if (message.Recent >= options.FloodMaxMessages)
                reasons.Add(string.Create(CultureInfo.InvariantCulture,
                    $"flood: {message.Recent + 1} messages within {floodWindow.TotalSeconds:0.#} s (at most {options.FloodMaxMessages})"));
            if (message.Copies >= options.RepeatMaxCopies)
                reasons.Add(string.Create(CultureInfo.InvariantCulture,
                    $"repeated text: {message.Copies + 1} copies within {repeatWindow.TotalSeconds:0.#} s (at most {options.RepeatMaxCopies})"));
            var note = reasons.Count == 0 ? null : string.Join("; ", reasons);
            // A pending message is already hidden: the reasons go to the moderators, who decide.
            decided.Add(new(message.Id, note is null ? Verdict.Clean : message.Status == MessageStatus.Pending ? Verdict.Flagged : Verdict.Rejected, note));
        }

        await MarkJudgedAsync([.. decided.Where(d => d.Verdict != Verdict.Rejected && d.Reasons is null).Select(d => d.MessageId)], null, ct);
        foreach (var (id, _, note) in decided.Where(d => d.Verdict == Verdict.Flagged))
            await MarkJudgedAsync([id], note, ct);
        return decided;
    }

    private async Task MarkJudgedAsync(Guid[] messageIds, string? note, CancellationToken ct)
    {
        if (messageIds.Length == 0)
            return;
        var now = clock.GetUtcNow();
        note = note?.Clip(Message.MaxModerationNoteLength);
        await db.Messages.Where(m => messageIds.Contains(m.Id) && m.ModeratedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ModeratedAt, now).SetProperty(m => m.ModerationNote, note), ct);
    }
}

/// <summary>A message's verdict and, when a rule matched, why.</summary>
internal sealed record Decision(Guid MessageId, Verdict Verdict, string? Reasons);
