using System.ComponentModel.DataAnnotations;
using ChatRoom.Chat.RateLimiting;

namespace ChatRoom.Chat.Messages;

public sealed class ReactionLimitOptions
{
    public const string SectionName = "RateLimits:Reactions";

    /// <summary>Reactions (added or taken back) one user may make in <see cref="Window"/>, across rooms and replicas.</summary>
    [Range(1, 1_000_000)]
    public int PerUser { get; set; } = 30;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// Emoji reactions: one per emoji per person and message, from the fixed set. A reaction is a change of its message:
/// it takes the room's next change number with the new summary, so a client that missed the event catches it up
/// like an edit, and everyone in the room sees it at once (<c>MessageUpdated</c>).
/// </summary>
public sealed class MessageReactions(ChatDbContext db, RoomAccess access, WindowCounter counter, IOptions<ReactionLimitOptions> options,
    IChatEvents broadcasts, TimeProvider clock)
{
    public async Task<ChatResult<MessageDto>> ReactAsync(Viewer viewer, Guid messageId, string? emoji, bool add, CancellationToken ct)
    {
        if (emoji is null || !Reactions.IsAllowed(emoji))
            return ChatResult<MessageDto>.Fail(ChatError.BadRequest, ErrorCodes.ReactionUnknown, "That is not one of the reactions on offer (GET /api/reactions).");
        var roomId = await db.Messages.AsNoTracking()
            .Where(m => m.Id == messageId && m.DeletedAt == null && m.Status == MessageStatus.Approved).Select(m => (Guid?)m.RoomId).SingleOrDefaultAsync(ct);
        if (roomId is null)
            return NotFound(messageId);
        // Reacting is taking part: whoever may not write in the room (guests where they may not, outsiders of a
        // conversation, a blocked pair) may not react either.
        var allowed = await access.CheckAsync(roomId.Value, viewer, write: true, ct);
        if (!allowed.Succeeded)
            return allowed.As<MessageDto>();
        var limit = options.Value;
        var decision = await counter.HitAsync("reaction-user", viewer.Id.ToString("N"), limit.PerUser, limit.Window);
        if (!decision.Allowed)
        {
            return ChatResult<MessageDto>.Fail(ChatError.TooManyRequests, ErrorCodes.ReactionRateLimited,
                $"You are reacting too fast: at most {limit.PerUser} every {limit.Window.TotalSeconds:0} s.", decision.RetryAfter);
        }

        var result = await db.InTransactionAsync(async token =>
        {
            db.ChangeTracker.Clear();
            var message = await db.Messages.FromSql($"SELECT * FROM messages WHERE id = {messageId} FOR NO KEY UPDATE").WithViewParts()
                .SingleOrDefaultAsync(token);
            if (message is null || message.DeletedAt is not null || message.Status != MessageStatus.Approved)
                return NotFound(messageId);
            var now = clock.GetUtcNow();
            var changed = add
                ? await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO reactions (message_id, user_id, emoji, created_at) VALUES ({messageId}, {viewer.Id}, {emoji}, {now})
                    ON CONFLICT (message_id, user_id, emoji) DO UPDATE SET created_at = excluded.created_at, removed_at = NULL
                    WHERE reactions.removed_at IS NOT NULL
                    """, token)
                : await db.Reactions.Where(r => r.MessageId == messageId && r.UserId == viewer.Id && r.Emoji == emoji && r.RemovedAt == null)
                    .ExecuteUpdateAsync(set => set.SetProperty(r => r.RemovedAt, now), token);
            // Reacting twice, or taking back what is not there, changes nothing and tells no one.
            if (changed == 0)
                return ChatResult<MessageDto>.Ok(message.ToDto());

            var tallies = await db.Reactions.AsNoTracking().Where(r => r.MessageId == messageId && r.RemovedAt == null)
                .GroupBy(r => r.Emoji)
                .Select(g => new { Emoji = g.Key, Count = g.Count(), First = g.Min(r => r.CreatedAt) })
                .OrderBy(g => g.First).ToListAsync(token);
            var reactors = await db.Reactions.AsNoTracking().Where(r => r.MessageId == messageId && r.RemovedAt == null)
                .OrderBy(r => r.CreatedAt).Select(r => new { r.Emoji, r.UserId }).ToListAsync(token);
            message.Reactions = tallies.Count == 0 ? null : [.. tallies.Select(t => new ReactionSummary(t.Emoji, t.Count,
                [.. reactors.Where(r => r.Emoji == t.Emoji).Select(r => r.UserId).Take(ReactionSummary.MaxUsers)]))];
            await db.TakeNextChangeAsync(message, token);
            return ChatResult<MessageDto>.Ok(message.ToDto());
        }, ct);
        if (result.Value is { } updated)
            broadcasts.ToAudienceOf(updated, $"message {messageId} reactions", clients => clients.MessageUpdated(updated));
        return result;
    }

    private static ChatResult<MessageDto> NotFound(Guid messageId) =>
        ChatResult<MessageDto>.Fail(ChatError.NotFound, ErrorCodes.MessageNotFound, $"There is no message {messageId}.");
}
