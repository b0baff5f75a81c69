using System.Runtime.Versioning;
using System.Text;
using Microsoft.Extensions.DependencyInjection;

namespace ChatRoom.AppHost.LocalInfrastructure;

/// <summary>
/// <c>AddLocalRedis(...)</c>: <c>redis-server</c> as an executable resource with an allocated (proxied)
/// endpoint and a health check. Persistence is off, as with Aspire's container: Redis is not the system of
/// record. The password goes in a configuration file only its owner can read, never on the command line.
/// </summary>
[UnsupportedOSPlatform("windows")]
public static class LocalRedisBuilderExtensions
{
    public static IResourceBuilder<LocalRedisResource> AddLocalRedis(
        this IDistributedApplicationBuilder builder, [ResourceName] string name, LocalInfrastructureOptions options)
    {
        var directory = Path.Combine(options.DataDirectory, name);
        var configFile = Path.Combine(directory, "redis.conf");
        // StackExchange.Redis cannot take a password with a comma in its connection string.
        var password = ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password", special: false);
        var redis = new LocalRedisResource(name, LocalBinaries.Find("redis-server"), options.DataDirectory, password);

        string? connectionString = null;
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(redis, async (_, ct) =>
            connectionString = await redis.ConnectionStringExpression.GetValueAsync(ct));

        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(redis, async (_, ct) =>
        {
            var secret = await password.GetValueAsync(ct) ?? throw new DistributedApplicationException($"Parameter '{password.Name}' has no value.");
            Directory.CreateDirectory(directory);
            await using var file = new FileStream(configFile, new FileStreamOptions
            {
                Mode = FileMode.Create,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
            await file.WriteAsync(Encoding.UTF8.GetBytes($"requirepass \"{secret}\"\n"), ct);
        });

        var healthCheckKey = $"{name}_check";
        builder.Services.AddHealthChecks().AddRedis(
            _ => connectionString ?? throw new InvalidOperationException("The connection string is not available yet."),
            name: healthCheckKey);

        return builder.AddResource(redis)
            .WithEndpoint(name: LocalRedisResource.PrimaryEndpointName, scheme: "redis")
            .WithIconName("Database")
            .WithArgs(context =>
            {
                foreach (var arg in (string[])[configFile, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory, "--port"])
                    context.Args.Add(arg);
                context.Args.Add(redis.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
            })
            .WithHealthCheck(healthCheckKey);
    }
}
