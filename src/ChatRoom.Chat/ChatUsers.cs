namespace ChatRoom.Chat;

/// <summary>People as clients see them, read from the database in one query.</summary>
public sealed class ChatUsers(ChatDbContext db)
{
    /// <summary>The user, unless the account is deleted.</summary>
    public Task<UserSummary?> FindAsync(Guid userId, CancellationToken ct) =>
        db.Users.AsNoTracking().Where(u => u.Id == userId && u.DeletedAt == null).Select(ChatViews.Person).SingleOrDefaultAsync(ct);

    /// <summary>
    /// The users among <paramref name="userIds"/>, by id. With <paramref name="includeDeleted"/> deleted accounts
    /// are named too: a record of what someone did keeps showing who it was.
    /// </summary>
    public Task<Dictionary<Guid, UserSummary>> ManyAsync(IEnumerable<Guid> userIds, CancellationToken ct, bool includeDeleted = false)
    {
        var ids = userIds.Distinct().ToList();
        return db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) && (includeDeleted || u.DeletedAt == null))
            .Select(ChatViews.Person).ToDictionaryAsync(u => u.Id, ct);
    }
}
