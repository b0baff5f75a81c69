using System.Diagnostics;
using System.Globalization;

namespace ChatRoom.LoadTest;

/// <summary>A watched process: its name in the report, its pid, and whether its children count too (PostgreSQL's backends).</summary>
public sealed record WatchedProcess(string Name, int Pid, bool WithChildren);

public sealed record ProcessUsage(double CpuPercent, double RssMb);

/// <summary>
/// CPU and resident memory from <c>/proc</c>. CPU is in percent of one core over the interval (200 = both cores of
/// this machine). Resident memory of several processes is summed, so PostgreSQL's shared buffers count once per backend.
/// </summary>
public sealed class ProcessSampler(IReadOnlyList<WatchedProcess> watched)
{
    private const double ClockTicksPerSecond = 100; // USER_HZ, 100 on every Linux that .NET supports
    private static readonly long PageSize = Environment.SystemPageSize;

    /// <summary>CPU ticks per process (so a backend that starts or ends between two snapshots is not a negative delta) and summed RSS.</summary>
    public sealed record Snapshot(long Timestamp, Dictionary<string, (Dictionary<int, long> CpuTicks, long RssBytes)> Totals);

    public static IReadOnlyList<WatchedProcess> Parse(string? spec)
    {
        // "api=123,api=456,postgres=789+,redis=1011": a trailing + counts the process's children too.
        var list = new List<WatchedProcess> { new("generator", Environment.ProcessId, false) };
        foreach (var part in (spec ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (name, pid) = (part[..part.IndexOf('=', StringComparison.Ordinal)], part[(part.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            var children = pid.EndsWith('+');
            list.Add(new WatchedProcess(name, int.Parse(pid.TrimEnd('+'), CultureInfo.InvariantCulture), children));
        }
        return list;
    }

    public IEnumerable<string> Names => watched.Select(w => w.Name).Distinct();

    public Snapshot Take()
    {
        var totals = new Dictionary<string, (Dictionary<int, long>, long)>();
        var parents = watched.Any(w => w.WithChildren) ? ParentsOfAll() : [];
        foreach (var target in watched)
        {
            var pids = new List<int> { target.Pid };
            if (target.WithChildren)
                pids.AddRange(parents.Where(p => p.Value == target.Pid).Select(p => p.Key));
            var (cpu, rss) = totals.GetValueOrDefault(target.Name);
            cpu ??= [];
            foreach (var pid in pids)
            {
                var (c, r) = Read(pid);
                cpu[pid] = c;
                rss += r;
            }
            totals[target.Name] = (cpu, rss);
        }
        return new Snapshot(Stopwatch.GetTimestamp(), totals);
    }

    public static Dictionary<string, ProcessUsage> Between(Snapshot start, Snapshot end)
    {
        var seconds = (end.Timestamp - start.Timestamp) / (double)Stopwatch.Frequency;
        return end.Totals.ToDictionary(t => t.Key, t =>
        {
            var before = start.Totals.GetValueOrDefault(t.Key).CpuTicks ?? [];
            var cpu = t.Value.CpuTicks.Sum(p => p.Value - before.GetValueOrDefault(p.Key));
            return new ProcessUsage(Math.Round(cpu / ClockTicksPerSecond / seconds * 100, 1), Math.Round(t.Value.RssBytes / 1048576.0, 1));
        });
    }

    /// <summary>
    /// Waits until <paramref name="name"/> uses less than <paramref name="cpuPercent"/> of a core over a second, or
    /// <paramref name="timeout"/> passes; false if it never got quiet. Without that process being watched: at once.
    /// </summary>
    public async Task<bool> WaitForQuietAsync(string name, double cpuPercent, TimeSpan timeout, CancellationToken ct)
    {
        if (!watched.Any(w => w.Name == name))
            return true;
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            var before = Take();
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
            if (Between(before, Take())[name].CpuPercent < cpuPercent)
                return true;
        }
        return false;
    }

    public long RssBytes(string name) => Take().Totals.GetValueOrDefault(name).RssBytes;

    private static (long CpuTicks, long RssBytes) Read(int pid)
    {
        try
        {
            var fields = StatFields(pid);
            var statm = File.ReadAllText($"/proc/{pid}/statm").Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture),
                long.Parse(statm[1], CultureInfo.InvariantCulture) * PageSize);
        }
        catch (IOException)
        {
            return (0, 0); // the process ended between listing and reading (a PostgreSQL backend closing)
        }
    }

    /// <summary>The fields of /proc/pid/stat after the command name, which may itself contain spaces.</summary>
    private static string[] StatFields(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    }

    private static Dictionary<int, int> ParentsOfAll()
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out var pid))
                continue;
            try
            {
                parents[pid] = int.Parse(StatFields(pid)[1], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
            }
        }
        return parents;
    }
}
