using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ChatRoom.Api.Infrastructure;

public static class HttpContextExtensions
{
    /// <summary>The client's address as ASP.NET Core sees it after trusted-proxy forwarding.</summary>
    public static string? ClientIp(this HttpContext context) => context.Connection.RemoteIpAddress?.ToString();

    /// <summary>
    /// The client's address for counting what it does: IPv4 as is, IPv6 by its /64 network, since one host
    /// usually holds a whole /64 and could otherwise take a fresh address for every request.
    /// </summary>
    public static string ClientNetwork(this HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
            return "unknown";
        if (address.IsIPv4MappedToIPv6)
            return address.MapToIPv4().ToString();
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }

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
