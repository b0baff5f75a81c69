using Microsoft.EntityFrameworkCore;

namespace ChatRoom.Data;

public static class TransactionExtensions
{
    /// <summary>
    /// Runs <paramref name="work"/> in one transaction under the retrying execution strategy, so bulk updates
    /// (<c>ExecuteUpdate</c>) and tracked changes with their audit entries commit or fail together.
    /// The work must be safe to run again: on a transient failure it is retried from the start.
    /// </summary>
    public static Task<T> InTransactionAsync<T>(this ChatDbContext db, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var result = await work(ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return result;
        }, cancellationToken);
}
