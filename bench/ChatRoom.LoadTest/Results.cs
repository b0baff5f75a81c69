using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatRoom.LoadTest;

public sealed record StepResult(
    int TargetRate, string Phase, double Seconds, long Sent, long Accepted, double AcceptedPerSecond,
    IReadOnlyDictionary<string, long> Errors, long ExpectedDeliveries, long Deliveries, double DeliveriesPerSecond,
    double P50Ms, double P95Ms, double P99Ms, double MaxMs, double AckP50Ms, double AckP99Ms,
    long Lost, long Duplicates, long Late, bool Passed, IReadOnlyDictionary<string, ProcessUsage> Processes,
    long? ModerationBacklogAtEnd, long? ModerationBacklogAfterDrain)
{
    public const double P99LimitMs = 100;

    /// <summary>Above this share of its core, the generator may be what limits the step, not the server.</summary>
    public const double GeneratorBusyPercent = 85;

    internal static StepResult From(int rate, string phase, double seconds, StepCounters c, IReadOnlyDictionary<string, ProcessUsage> processes,
        long? backlogAtEnd, long? backlogAfterDrain)
    {
        var errors = c.Errors.ToDictionary(e => e.Key, e => e.Value);
        var p99 = c.Latency.PercentileMs(99);
        // Passing needs every message accepted and delivered: errors and missing answers fail a step too.
        var passed = p99 < P99LimitMs && c.Lost == 0 && c.Accepted == c.Sent && c.Deliveries > 0;
        return new StepResult(rate, phase, Math.Round(seconds, 2), c.Sent, c.Accepted, Math.Round(c.Accepted / seconds, 1), errors,
            c.ExpectedDeliveries, c.Deliveries, Math.Round(c.Deliveries / seconds, 1),
            c.Latency.PercentileMs(50), c.Latency.PercentileMs(95), p99, c.Latency.MaxMs,
            c.AckLatency.PercentileMs(50), c.AckLatency.PercentileMs(99), c.Lost, c.Duplicates, c.Late, passed, processes,
            backlogAtEnd, backlogAfterDrain);
    }

    public bool GeneratorBusy => Processes.TryGetValue("generator", out var generator) && generator.CpuPercent > GeneratorBusyPercent;

    public string Line() =>
        $"{TargetRate,6}/s {Phase,-16} accepted {AcceptedPerSecond,7:0.0}/s  deliveries {DeliveriesPerSecond,9:0}/s  " +
        $"p50 {P50Ms,7:0.0}  p95 {P95Ms,7:0.0}  p99 {P99Ms,7:0.0}  max {MaxMs,7:0.0} ms  lost {Lost}  dup {Duplicates}  " +
        $"errors {Errors.Values.Sum()}  {(Passed ? "PASS" : "FAIL")}{(GeneratorBusy ? " (generator busy)" : "")}  " +
        string.Join("  ", Processes.Select(p => $"{p.Key} {p.Value.CpuPercent:0}% {p.Value.RssMb:0}MB")) +
        (ModerationBacklogAtEnd is { } backlog ? $"  moderation backlog {backlog} → {ModerationBacklogAfterDrain}" : "");
}

public sealed record IdleResult(int Connections, double ConnectSeconds, double ApiRssBeforeMb, double ApiRssAfterMb,
    double KbPerConnection, double GeneratorRssMb, IReadOnlyDictionary<string, ProcessUsage> Processes);

/// <summary>
/// A login run beside what the server could hash: <see cref="HashCapacityPerSecond"/> is <see cref="ServerCores"/>
/// Argon2id hashes of <see cref="HashMs"/> each, back to back, the ceiling for logins/s.
/// </summary>
public sealed record LoginResult(int Concurrency, double Seconds, long Logins, double LoginsPerSecond, long Errors,
    double P50Ms, double P95Ms, double P99Ms, double MaxMs, double MeanMs, double HashMs, int ServerCores,
    double HashCapacityPerSecond, IReadOnlyDictionary<string, ProcessUsage> Processes);

/// <summary>One run of one scenario, as written to <c>bench/results/&lt;name&gt;.json</c>.</summary>
public sealed record RunResult(string Name, string Scenario, string Send, string Protocol, int Users, int Senders, int Rooms,
    int ApiInstances, DateTimeOffset StartedAt, string Machine, IReadOnlyList<StepResult>? Steps = null,
    IdleResult? Idle = null, LoginResult? Login = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The machine's cores, not this process's: the generator usually runs pinned to one of them.</summary>
    public static string DescribeMachine()
    {
        var cores = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").Count(l => l.StartsWith("processor", StringComparison.Ordinal))
            : Environment.ProcessorCount;
        return $"{cores} cores, generator on {Environment.ProcessorCount}, {Environment.OSVersion}, .NET {Environment.Version}";
    }

    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, JsonSerializer.Serialize(this, Json));
    }
}
