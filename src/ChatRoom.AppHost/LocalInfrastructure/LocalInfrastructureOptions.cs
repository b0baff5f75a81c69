using Microsoft.Extensions.Configuration;

namespace ChatRoom.AppHost.LocalInfrastructure;

/// <summary>
/// Where local PostgreSQL, Redis and Azurite keep their files, and where Azurite is. <c>dotnet run</c> keeps PostgreSQL's data in a git-ignored
/// folder of the repository, so messages and accounts survive a restart; a test points it at a throw-away folder
/// and turns durability off.
/// </summary>
public sealed class LocalInfrastructureOptions
{
    public const string SectionName = "LocalInfrastructure";

    /// <summary>Absolute, or relative to the AppHost's folder. Default: the repository's <c>.data/apphost</c>.</summary>
    public string DataDirectory { get; set; } = Path.Combine("..", "..", ".data", "apphost");

    /// <summary>False for throw-away data: PostgreSQL skips fsync, so tests start and write faster.</summary>
    public bool Durable { get; set; } = true;

    /// <summary>Azurite's blob service. Default: the copy run.sh installs in the repository's <c>tools/azurite</c>.</summary>
    public string AzuriteCommand { get; set; } = Path.Combine("..", "..", "tools", "azurite", "node_modules", ".bin", "azurite-blob");

    public static LocalInfrastructureOptions From(IConfiguration configuration, string appHostDirectory)
    {
        var options = configuration.GetSection(SectionName).Get<LocalInfrastructureOptions>() ?? new();
        options.DataDirectory = Path.GetFullPath(options.DataDirectory, appHostDirectory);
        options.AzuriteCommand = Path.GetFullPath(options.AzuriteCommand, appHostDirectory);
        if (!File.Exists(options.AzuriteCommand))
        {
            throw new DistributedApplicationException(
                $"Azurite (the blob storage emulator) was not found at {options.AzuriteCommand}. Install it with " +
                "'npm ci --prefix tools/azurite' (run.sh does), or set LocalInfrastructure:AzuriteCommand.");
        }
        return options;
    }
}
