using Microsoft.AspNetCore.Hosting;

namespace ChatRoom.Tests.Infrastructure;

/// <summary>
/// The port of a factory serving on Kestrel. <c>UseKestrel(port)</c> rewrites the server's addresses after a minimal-API
/// app has begun starting Kestrel on its own thread, and now and then loses that race ("Addresses cannot be modified
/// after the server has started", dotnet/aspnetcore#67714). The port goes in as the host's URL setting instead, which
/// Kestrel reads when it binds.
/// </summary>
public static class KestrelTestPort
{
    public static void Listen(IWebHostBuilder builder, int port) =>
        builder.UseSetting(WebHostDefaults.ServerUrlsKey, $"http://127.0.0.1:{port}");
}
