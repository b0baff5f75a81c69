namespace ChatRoom.LoadTest;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["--help"] or ["-h"])
        {
            Console.WriteLine(BenchOptions.Usage);
            return 0;
        }
        var options = BenchOptions.Parse(args);
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        var ct = cancel.Token;

        var sampler = new ProcessSampler(ProcessSampler.Parse(options.Pids));
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = options.Apis[0], Timeout = TimeSpan.FromMinutes(2) };
        var pool = new UserPool(http, options.UserPrefix, options.UsersFile);
        var scenario = options.Scenario;
        var userCount = scenario switch
        {
            "idle" => Math.Min(options.Connections, 2000),
            "login" => Math.Max(options.Concurrency * 5, 100),
            _ => options.Users,
        };
        var users = await pool.GetAsync(userCount, concurrency: 4, ct);
        var run = new RunResult(options.Name, scenario, options.Send.ToString().ToLowerInvariant(), options.Protocol.ToString().ToLowerInvariant(),
            users.Count, scenario is "one-room" or "many-rooms" or "scale-out" ? options.Senders : 0, options.Rooms,
            options.Apis.Count, DateTimeOffset.UtcNow, RunResult.DescribeMachine());

        switch (scenario)
        {
            case "one-room" or "many-rooms" or "scale-out":
                var rooms = await ChatScenario.RoomsAsync(http, options.Rooms, ct);
                var settings = new ChatSettings(options.Apis, users, ChatScenario.Seat(users.Count, rooms), options.Senders,
                    options.Send, options.Protocol, options.Ladder, options.Redis, options.ModerationStream);
                run = run with { Steps = await ChatScenario.RunAsync(settings, sampler, ct) };
                break;
            case "idle":
                run = run with { Idle = await IdleScenario.RunAsync(options.Apis[0], users, options.Connections, options.Protocol, sampler, ct) };
                break;
            case "login":
                run = run with { Login = await LoginScenario.RunAsync(pool, users, options.Concurrency, options.ServerCores, options.Step, sampler, ct) };
                break;
            default:
                Console.Error.WriteLine($"Unknown scenario '{scenario}'.\n{BenchOptions.Usage}");
                return 2;
        }
        run.Write(options.Out);
        Console.WriteLine($"Wrote {options.Out}");
        return 0;
    }
}
