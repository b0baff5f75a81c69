using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ChatRoom.Api.Infrastructure;

public static class HttpContextExtensions
{
    /// <summary>The client's address as ASP.NET Core sees it after trusted-proxy forwarding.</summary>
    public static string? ClientIp(this HttpContext context) => context.Connection.RemoteIpAddress?.ToString();

    public static bool IsUniqueViolation(this DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
