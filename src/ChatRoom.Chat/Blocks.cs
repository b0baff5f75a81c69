namespace ChatRoom.Chat;

public static class BlockQueries
{
    /// <summary>Blocks in force between <paramref name="userId"/> and any of <paramref name="others"/>, whichever way.</summary>
    public static IQueryable<UserBlock> Between(this IQueryable<UserBlock> blocks, Guid userId, IReadOnlyCollection<Guid> others) =>
        blocks.Where(b => b.LiftedAt == null
            && ((b.BlockerId == userId && others.Contains(b.BlockedId)) || (others.Contains(b.BlockerId) && b.BlockedId == userId)));
}
