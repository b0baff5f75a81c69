using System.Diagnostics;
using System.Text;

namespace ChatRoom.Tests.Infrastructure;

internal static class ProcessRunner
{
    /// <summary>Runs a command to the end; throws with its output when it fails.</summary>
    public static async Task<string> RunAsync(string fileName, IEnumerable<string> arguments,
        IDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        var result = await TryRunAsync(fileName, arguments, environment, timeout);
        return result.ExitCode == 0
            ? result.Output
            : throw new InvalidOperationException($"{fileName} exited with {result.ExitCode}:\n{result.Output}");
    }

    public static async Task<(int ExitCode, string Output)> TryRunAsync(string fileName, IEnumerable<string> arguments,
        IDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        using var process = Start(fileName, arguments, environment);
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} did not finish in time:\n{output}");
        }
        lock (output) return (process.ExitCode, output.ToString());
    }

    /// <summary>Starts a long-running process whose output is discarded unless it fails to start.</summary>
    public static Process Start(string fileName, IEnumerable<string> arguments, IDictionary<string, string?>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
            info.Environment[key] = value;
        return Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}");
    }

    /// <summary>As root, runs the command as Debian's unprivileged postgres account (PostgreSQL refuses root).</summary>
    public static (string FileName, IEnumerable<string> Arguments) AsPostgresUser(string fileName, params string[] arguments) =>
        Binaries.RunningAsRoot
            ? ("runuser", ["-u", "postgres", "--", fileName, .. arguments])
            : (fileName, arguments);
}
