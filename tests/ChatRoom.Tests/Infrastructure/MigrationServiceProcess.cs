namespace ChatRoom.Tests.Infrastructure;

/// <summary>Runs the real, built migration service as its own process, as run.sh and the AppHost do.</summary>
public static class MigrationServiceProcess
{
    public static async Task<(int ExitCode, string Output)> TryRunAsync(string connectionString, string? adminUserName, string? adminPassword) =>
        await ProcessRunner.TryRunAsync("dotnet", [BuiltOutput.PathOf("ChatRoom.MigrationService")], new Dictionary<string, string?>
        {
            ["ConnectionStrings__chatdb"] = connectionString,
            ["INITIAL_ADMIN_USERNAME"] = adminUserName,
            ["INITIAL_ADMIN_PASSWORD"] = adminPassword,
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = null,
            ["DatabaseRoles__ApiPassword"] = DatabaseRolesForTests.ApiPassword,
            ["DatabaseRoles__WorkerPassword"] = DatabaseRolesForTests.WorkerPassword,
        });

    public static async Task RunAsync(string connectionString, string adminUserName, string adminPassword)
    {
        var (exitCode, output) = await TryRunAsync(connectionString, adminUserName, adminPassword);
        if (exitCode != 0)
            throw new InvalidOperationException($"The migration service exited with {exitCode}:\n{output}");
    }
}

internal static class BuiltOutput
{
    /// <summary>The repository's root: the folder holding ChatRoom.sln, above the test binaries.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The built entry assembly of a project under src/, in the same configuration as the tests.</summary>
    public static string PathOf(string project)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0/
        var path = Path.Combine(RepositoryRoot, "src", project, "bin", configuration, "net10.0", project + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{project} is not built: {path}");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ChatRoom.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("ChatRoom.sln not found above " + AppContext.BaseDirectory);
    }
}
