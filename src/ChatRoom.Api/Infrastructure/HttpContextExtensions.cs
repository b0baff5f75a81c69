using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ChatRoom.Api.Infrastructure;

public static class HttpContextExtensions
{
    /// <summary>The client's address as ASP.NET Core sees it after trusted-proxy forwarding.</summary>
    public static string? ClientIp(this HttpContext context) => context.Connection.RemoteIpAddress?.ToString();

    public static bool IsUniqueViolation(this DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    /// <summary>Saves, answering false when a unique index refused the change (a duplicate name, a second open report).</summary>
    public static async Task<bool> TrySaveChangesAsync(this DbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return false;
        }
    }
}
