using System.Diagnostics;
using System.Runtime.Versioning;

namespace ChatRoom.AppHost.LocalInfrastructure;

/// <summary>
/// The machine's own PostgreSQL and Redis programs: PATH first, then Debian's versioned PostgreSQL folder.
/// PostgreSQL refuses to run as root, so as root its programs run as the unprivileged <c>postgres</c> account.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal static class LocalBinaries
{
    public const string PostgresAccount = "postgres";

    public static bool RunningAsRoot => Environment.UserName == "root";

    public static string Find(string name) =>
        Candidates(name).FirstOrDefault(File.Exists)
        ?? throw new DistributedApplicationException(
            $"'{name}' was not found on PATH or under /usr/lib/postgresql/*/bin. Install PostgreSQL and Redis " +
            "(Debian: apt-get install postgresql redis-server), or run with Infrastructure=Containers where a container runtime answers.");

    private static IEnumerable<string> Candidates(string name)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(VersionOf).Select(d => Path.Combine(d, "bin"))
            : [];
        return path.Concat(debian).Select(dir => Path.Combine(dir, name));
    }

    private static int VersionOf(string dir) => int.TryParse(Path.GetFileName(dir), out var v) ? v : 0;

    /// <summary>
    /// The command line that runs <paramref name="program"/> as the <c>postgres</c> account when we are root.
    /// <c>setpriv</c> replaces itself with the program, so the orchestrator's signals reach PostgreSQL directly.
    /// </summary>
    public static (string Command, List<string> Args) AsPostgresAccount(string program, params IEnumerable<string> args) =>
        RunningAsRoot
            ? ("setpriv", ["--reuid=" + PostgresAccount, "--regid=" + PostgresAccount, "--init-groups", "--", program, .. args])
            : (program, [.. args]);

    /// <summary>Gives a folder to the <c>postgres</c> account (as root), so PostgreSQL may own its data.</summary>
    public static async Task HandToPostgresAsync(string directory, CancellationToken ct)
    {
        Directory.CreateDirectory(directory);
        if (!RunningAsRoot)
            return;
        await RunAsync("chown", [PostgresAccount + ":" + PostgresAccount, directory], null, ct);
        File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>True when the <c>postgres</c> account can reach <paramref name="directory"/> (a home folder like /root it cannot).</summary>
    public static bool PostgresCanReach(string directory)
    {
        if (!RunningAsRoot)
            return true;
        for (var dir = Path.GetDirectoryName(directory); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (Directory.Exists(dir) && !File.GetUnixFileMode(dir).HasFlag(UnixFileMode.OtherExecute))
                return false;
        }
        return true;
    }

    /// <summary>Runs a program to its end; a non-zero exit is an error that carries the program's output.</summary>
    public static async Task<string> RunAsync(string command, IEnumerable<string> args, string? standardInput, CancellationToken ct)
    {
        var start = new ProcessStartInfo(command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = standardInput is not null,
            UseShellExecute = false,
            WorkingDirectory = "/",
        };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);

        using var process = Process.Start(start) ?? throw new DistributedApplicationException($"Could not start {command}.");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput.AsMemory(), ct);
            process.StandardInput.Close();
        }
        await process.WaitForExitAsync(ct);
        var text = (await output + await error).Trim();
        if (process.ExitCode != 0)
            throw new DistributedApplicationException($"{Path.GetFileName(command)} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}: {text}");
        return text;
    }
}
