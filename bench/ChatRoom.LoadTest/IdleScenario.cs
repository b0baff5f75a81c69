using System.Diagnostics;

namespace ChatRoom.LoadTest;

/// <summary>
/// N connected, silent clients (users reused round robin, as people with several tabs): the Api's resident memory
/// before and after, per connection. Connections join no room; each is one socket with its groups and presence.
/// </summary>
public static class IdleScenario
{
    public static async Task<IdleResult> RunAsync(Uri api, IReadOnlyList<BenchUser> users, int count, WireProtocol protocol,
        ProcessSampler sampler, CancellationToken ct)
    {
        var before = sampler.Take();
        var apiBefore = sampler.RssBytes("api");
        var connections = new Microsoft.AspNetCore.SignalR.Client.HubConnection[count];
        var started = Stopwatch.GetTimestamp();
        var done = 0;
        Console.WriteLine($"Opening {count} idle connections...");
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = ct },
                async (i, token) =>
                {
                    var connection = Members.Connect(api, users[i % users.Count].AccessToken, protocol);
                    await connection.StartAsync(token);
                    connections[i] = connection;
                    if (Interlocked.Increment(ref done) % 1000 == 0)
                        Console.WriteLine($"  {done}/{count}");
                });
            var connectSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            // Presence announcements fan out to everyone while users come online; measure once they are quiet.
            await Task.Delay(TimeSpan.FromSeconds(5), ct);
            await sampler.WaitForQuietAsync("api", cpuPercent: 30, TimeSpan.FromSeconds(60), ct);
            var apiAfter = sampler.RssBytes("api");
            var usage = ProcessSampler.Between(before, sampler.Take());
            var result = new IdleResult(count, Math.Round(connectSeconds, 1), Math.Round(apiBefore / 1048576.0, 1),
                Math.Round(apiAfter / 1048576.0, 1), Math.Round((apiAfter - apiBefore) / 1024.0 / count, 1),
                usage.GetValueOrDefault("generator")?.RssMb ?? 0, usage);
            Console.WriteLine($"{count} idle connections in {connectSeconds:0.0} s: Api RSS {result.ApiRssBeforeMb} → {result.ApiRssAfterMb} MB, " +
                $"{result.KbPerConnection} KB per connection");
            return result;
        }
        finally
        {
            await Members.DisposeAllAsync(connections.Where(c => c is not null));
        }
    }
}
