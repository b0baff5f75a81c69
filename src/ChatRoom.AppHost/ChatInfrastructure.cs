using System.ComponentModel;
using System.Diagnostics;
using ChatRoom.AppHost.LocalInfrastructure;

namespace ChatRoom.AppHost;

/// <summary>Where PostgreSQL and Redis come from: the <c>Infrastructure</c> setting.</summary>
public enum InfrastructureMode
{
    /// <summary>Containers where a container runtime answers, the machine's own binaries otherwise.</summary>
    Auto,
    Containers,
    Local,
}

/// <summary>
/// PostgreSQL (database <c>chatdb</c>), Redis and blob storage (<c>blobs</c>: identity documents), under the same
/// resource names and connection strings whichever way they are provided, so no service knows which one runs.
/// </summary>
public sealed record ChatInfrastructure(
    InfrastructureMode Mode,
    IResourceBuilder<IResourceWithConnectionString> Database,
    IResourceBuilder<IResourceWithConnectionString> Redis,
    EndpointReference PostgresEndpoint,
    IResourceBuilder<IResourceWithConnectionString> Blobs)
{
    public const string SettingName = "Infrastructure";
    public const string DatabaseName = "chatdb";
    public const string BlobsName = "blobs";

    /// <summary>The database's connection string for a login role of its own (created by the migration service).</summary>
    public ReferenceExpression DatabaseAs(string role, IResourceBuilder<ParameterResource> password) => ReferenceExpression.Create(
        $"Host={PostgresEndpoint.Property(EndpointProperty.Host)};Port={PostgresEndpoint.Property(EndpointProperty.Port)};Username={role};Password={password.Resource};Database={DatabaseName}");
}

public static class ChatInfrastructureExtensions
{
    public static ChatInfrastructure AddChatInfrastructure(this IDistributedApplicationBuilder builder)
    {
        var mode = ChooseMode(builder);
        if (mode == InfrastructureMode.Containers)
        {
            var postgres = builder.AddPostgres("postgres").WithDataVolume();
            // A deployment keeps documents in an Azure Storage account whose connection string is a secret parameter
            // (azd asks for it); a run with containers has Azurite's.
            var blobs = builder.ExecutionContext.IsPublishMode
                ? builder.AddConnectionString(ChatInfrastructure.BlobsName)
                : builder.AddAzuriteContainer(ChatInfrastructure.BlobsName);
            return new(mode, postgres.AddDatabase(ChatInfrastructure.DatabaseName), builder.AddRedis("redis"), postgres.Resource.PrimaryEndpoint,
                blobs);
        }

        if (OperatingSystem.IsWindows())
            throw new DistributedApplicationException("Infrastructure=Local needs Linux or macOS; use Containers on Windows.");
        var options = LocalInfrastructureOptions.From(builder.Configuration, builder.AppHostDirectory);
        Directory.CreateDirectory(options.DataDirectory);
        var localPostgres = builder.AddLocalPostgres("postgres", options);
        return new(mode, localPostgres.AddDatabase(ChatInfrastructure.DatabaseName), builder.AddLocalRedis("redis", options),
            localPostgres.Resource.PrimaryEndpoint, builder.AddLocalAzurite(ChatInfrastructure.BlobsName, options));
    }

    private static InfrastructureMode ChooseMode(IDistributedApplicationBuilder builder)
    {
        // azd deploys the containers; a manifest never describes this machine's binaries.
        if (builder.ExecutionContext.IsPublishMode)
            return InfrastructureMode.Containers;

        var setting = builder.Configuration[ChatInfrastructure.SettingName];
        var mode = InfrastructureMode.Auto;
        if (!string.IsNullOrWhiteSpace(setting) && !Enum.TryParse(setting, ignoreCase: true, out mode))
        {
            throw new DistributedApplicationException(
                $"{ChatInfrastructure.SettingName} is '{setting}'; it must be Containers, Local or Auto.");
        }
        if (mode != InfrastructureMode.Auto)
            return mode;
        return ContainerRuntimeAnswers(builder.Configuration["DcpPublisher:ContainerRuntime"] ?? builder.Configuration["ASPIRE_CONTAINER_RUNTIME"] ?? "docker") ? InfrastructureMode.Containers : InfrastructureMode.Local;
    }

    // The runtime Aspire would use (docker unless configured otherwise) must answer, not merely be installed:
    // a docker client without an engine would leave every resource waiting on the containers forever.
    private static bool ContainerRuntimeAnswers(string runtime)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(runtime, ["info", "--format", "{{.ServerVersion}}"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
                return false;
            process.StandardOutput.ReadToEndAsync();
            process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }
            return process.ExitCode == 0;
        }
        catch (Win32Exception)
        {
            return false; // not installed
        }
    }
}
