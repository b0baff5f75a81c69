using System.Globalization;

namespace ChatRoom.LoadTest;

/// <summary>Command line: <c>--name value</c> pairs, each with a default sized for this repository's bench.sh.</summary>
public sealed class BenchOptions
{
    public const string Usage = """
        Usage: ChatRoom.LoadTest --scenario one-room|many-rooms|scale-out|idle|login [options]
          --api URL[,URL]      Api instance(s); users are spread round robin (default http://127.0.0.1:5280)
          --send hub|rest      how chat scenarios send (default hub)
          --protocol messagepack|json   hub protocol (default messagepack)
          --start R            the ladder's first rate, messages per second (one-room 200, many-rooms 400)
          --growth F           each rate ×F until two rates fail, then bisecting (1.5); --resolution 0.1
          --max-steps N        at most N judged steps, repeats included (24)
          --rates 100,200,...  a fixed ladder instead of the search
          --step-seconds 15    length of each ladder step
          --users N            members (one-room 200, many-rooms 2000); --senders S (one-room 50, else all)
          --rooms R            rooms for many-rooms (200, from the lounge 'bench')
          --connections N      idle connections (5000); --concurrency C concurrent logins (20)
          --server-cores N     cores the Api may use, for the login hash capacity (default: this machine's)
          --users-file PATH    cache of accounts and tokens; --user-prefix bench
          --pids api=1,postgres=2+,redis=3   processes to sample (+: with children)
          --redis CONN --moderation-stream KEY   report the Worker's moderation backlog at each step's end
          --out PATH           the JSON result; --name NAME its name in the report
        """;

    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                throw new ArgumentException($"Expected '--name value', got '{args[i]}'.");
            options._values[args[i][2..]] = args[++i];
        }
        return options;
    }

    public string Scenario => Get("scenario", "one-room");

    public IReadOnlyList<Uri> Apis => [.. Get("api", "http://127.0.0.1:5280").Split(',').Select(u => new Uri(u))];

    public SendPath Send => Enum.Parse<SendPath>(Get("send", "hub"), ignoreCase: true);

    public WireProtocol Protocol => Enum.Parse<WireProtocol>(Get("protocol", "messagepack"), ignoreCase: true);

    public LadderPlan Ladder => new(
        Int("start", Scenario == "many-rooms" ? 400 : 200), Double("growth", 1.5), Double("resolution", 0.1), Int("max-steps", 24),
        _values.TryGetValue("rates", out var rates) ? [.. rates.Split(',').Select(r => int.Parse(r, CultureInfo.InvariantCulture))] : null,
        Step);

    public TimeSpan Step => TimeSpan.FromSeconds(Double("step-seconds", 15));

    public int Users => Int("users", Scenario == "many-rooms" ? 2000 : 200);

    public int Senders => Int("senders", Scenario == "many-rooms" ? Users : 50);

    public int Rooms => Scenario == "many-rooms" ? Int("rooms", 200) : 1;

    public int Connections => Int("connections", 5000);

    public int Concurrency => Int("concurrency", 20);

    public int ServerCores => Int("server-cores", Environment.ProcessorCount);

    public string? UsersFile => _values.GetValueOrDefault("users-file");

    public string UserPrefix => Get("user-prefix", "bench");

    public string? Pids => _values.GetValueOrDefault("pids");

    public string? Redis => _values.GetValueOrDefault("redis");

    public string ModerationStream => Get("moderation-stream", "chatroom:moderation");

    public string Name => Get("name", Scenario == "one-room" ? $"one-room-{Send.ToString().ToLowerInvariant()}" : Scenario);

    public string Out => Get("out", Path.Combine("bench", "results", Name + ".json"));

    private string Get(string name, string fallback) => _values.GetValueOrDefault(name, fallback);

    private double Double(string name, double fallback) => _values.TryGetValue(name, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

    private int Int(string name, int fallback) => _values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
}
