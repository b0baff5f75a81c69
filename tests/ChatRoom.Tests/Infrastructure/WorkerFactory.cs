extern alias worker;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ChatRoom.Tests.Infrastructure;

/// <summary>The Worker host over a real PostgreSQL database and a real Redis.</summary>
public sealed class WorkerFactory(string databaseConnectionString, string redisConnectionString,
    IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<worker::Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:chatdb", DatabaseRolesForTests.Worker(databaseConnectionString));
        builder.UseSetting("ConnectionStrings:redis", redisConnectionString);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            builder.UseSetting(key, value);
    }
}
