namespace ChatRoom.Api.Conversations;

/// <summary>
/// Who a user blocked. A block is the blocker's own business: it is not audited for admins, and the blocked person is
/// never told (a conversation of the two refuses new messages without saying who blocked whom).
/// </summary>
public sealed class Blocks(ChatDbContext db, TimeProvider clock)
{
    public async Task<List<BlockResponse>> ListAsync(Guid userId, CancellationToken ct)
    {
        var blocks = await db.UserBlocks.AsNoTracking().Where(b => b.BlockerId == userId && b.LiftedAt == null)
            .OrderByDescending(b => b.CreatedAt).Select(b => new { b.Blocked, b.CreatedAt }).ToListAsync(ct);
        return [.. blocks.Select(b => new BlockResponse(b.Blocked!.ToSummary(), b.CreatedAt))];
    }

    /// <summary>Blocks <paramref name="blockedId"/>; blocking again changes nothing.</summary>
    public async Task<Results<Ok<BlockResponse>, ProblemHttpResult>> BlockAsync(Guid userId, Guid blockedId, CancellationToken ct)
    {
        if (blockedId == userId)
            return Problems.Of(StatusCodes.Status400BadRequest, ErrorCodes.BlockSelf, "You cannot block yourself.");
        var blocked = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == blockedId && u.DeletedAt == null, ct);
        if (blocked is null)
            return Problems.Of(StatusCodes.Status404NotFound, ErrorCodes.UserNotFound, $"There is no user {blockedId}.");
        var now = clock.GetUtcNow();
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO user_blocks (blocker_id, blocked_id, created_at) VALUES ({userId}, {blockedId}, {now})
            ON CONFLICT (blocker_id, blocked_id) DO UPDATE SET created_at = excluded.created_at, lifted_at = NULL
            WHERE user_blocks.lifted_at IS NOT NULL
            """, ct);
        var since = await db.UserBlocks.AsNoTracking().Where(b => b.BlockerId == userId && b.BlockedId == blockedId)
            .Select(b => b.CreatedAt).SingleAsync(ct);
        return TypedResults.Ok(new BlockResponse(blocked.ToSummary(), since));
    }

    /// <summary>Lifts a block; lifting one that is not there changes nothing.</summary>
    public async Task<NoContent> UnblockAsync(Guid userId, Guid blockedId, CancellationToken ct)
    {
        await db.UserBlocks.Where(b => b.BlockerId == userId && b.BlockedId == blockedId && b.LiftedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(b => b.LiftedAt, clock.GetUtcNow()), ct);
        return TypedResults.NoContent();
    }
}
