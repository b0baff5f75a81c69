using System.Net.Sockets;
using System.Runtime.Versioning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatRoom.AppHost.LocalInfrastructure;

/// <summary>
/// <c>AddLocalAzurite(...)</c>: Azurite's blob service as an executable resource with an allocated (proxied) endpoint,
/// its files in the AppHost's data folder, and a health check. Its key is generated once and kept like the other
/// secrets; it reaches Azurite through the environment, never the command line.
/// </summary>
[UnsupportedOSPlatform("windows")]
public static class LocalAzuriteBuilderExtensions
{
    public static IResourceBuilder<LocalAzuriteResource> AddLocalAzurite(
        this IDistributedApplicationBuilder builder, [ResourceName] string name, LocalInfrastructureOptions options)
    {
        var directory = Path.Combine(options.DataDirectory, name);
        Directory.CreateDirectory(directory);
        // Base64 (Azurite decodes it): letters and digits in a multiple of four characters are.
        var key = builder.AddParameter($"{name}-key", new GenerateParameterDefault { MinLength = 64, Special = false }, secret: true, persist: true);
        var azurite = new LocalAzuriteResource(name, options.AzuriteCommand, directory, key.Resource);

        var healthCheckKey = $"{name}_check";
        builder.Services.AddHealthChecks().AddAsyncCheck(healthCheckKey, async ct =>
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(azurite.PrimaryEndpoint.Host, azurite.PrimaryEndpoint.Port, ct);
                return HealthCheckResult.Healthy();
            }
            catch (Exception ex) when (ex is SocketException or InvalidOperationException)
            {
                return HealthCheckResult.Unhealthy("Azurite does not answer yet.", ex);
            }
        });

        return builder.AddResource(azurite)
            .WithEndpoint(name: LocalAzuriteResource.PrimaryEndpointName, scheme: "http")
            .WithIconName("Storage")
            .WithEnvironment(context => context.EnvironmentVariables["AZURITE_ACCOUNTS"] =
                ReferenceExpression.Create($"{AzuriteConnection.AccountName}:{key.Resource}"))
            .WithArgs(context =>
            {
                foreach (var arg in (string[])["--blobHost", "127.0.0.1", "--location", directory, "--silent", "--skipApiVersionCheck",
                    "--disableTelemetry", "--disableProductStyleUrl", "--blobPort"])
                    context.Args.Add(arg);
                context.Args.Add(azurite.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
            })
            .WithHealthCheck(healthCheckKey);
    }
}
