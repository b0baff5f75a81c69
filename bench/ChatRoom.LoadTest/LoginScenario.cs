using System.Diagnostics;
using ChatRoom.Data.Identity;

namespace ChatRoom.LoadTest;

/// <summary>Closed loop on purpose: <c>concurrency</c> clients sign in back to back for a while (distinct accounts).</summary>
public static class LoginScenario
{
    private const int TimedHashes = 7;

    public static async Task<LoginResult> RunAsync(UserPool pool, IReadOnlyList<BenchUser> users, int concurrency, int serverCores,
        TimeSpan duration, ProcessSampler sampler, CancellationToken ct)
    {
        // Timed before the load, while the machine is quiet: the ceiling the logins are measured against.
        var hashMs = MedianHashMs();
        var capacity = Math.Round(serverCores * 1000 / hashMs, 1);
        Console.WriteLine($"One Argon2id hash at the default cost: {hashMs:0.0} ms; {serverCores} cores hash {capacity}/s");

        var histogram = new LatencyHistogram();
        long errors = 0;
        var before = sampler.Take();
        var started = Stopwatch.GetTimestamp();
        var end = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            for (var n = worker; Stopwatch.GetTimestamp() < end; n += concurrency)
            {
                var begin = Stopwatch.GetTimestamp();
                try
                {
                    _ = await pool.TryLoginAsync(users[n % users.Count].UserName, ct) ?? throw new InvalidOperationException("unknown user");
                    histogram.RecordTicks(Stopwatch.GetTimestamp() - begin);
                }
                catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var result = new LoginResult(concurrency, Math.Round(seconds, 2), histogram.Count, Math.Round(histogram.Count / seconds, 1), errors,
            histogram.PercentileMs(50), histogram.PercentileMs(95), histogram.PercentileMs(99), histogram.MaxMs,
            Math.Round(histogram.MeanMs, 1), Math.Round(hashMs, 1), serverCores, capacity, ProcessSampler.Between(before, sampler.Take()));
        Console.WriteLine($"{result.Logins} logins by {concurrency} clients in {seconds:0.0} s: {result.LoginsPerSecond}/s " +
            $"({result.LoginsPerSecond / capacity:P0} of the hash capacity), mean {result.MeanMs} ms, p50 {result.P50Ms} ms, " +
            $"p99 {result.P99Ms} ms ({result.P99Ms / result.MeanMs:0.00}× the mean), max {result.MaxMs} ms, errors {errors}");
        return result;
    }

    /// <summary>Median time of one hash on one thread, after a warm-up that also pays libsodium's first-use cost.</summary>
    private static double MedianHashMs()
    {
        var hasher = new PasswordHasher(new PasswordHashingOptions());
        hasher.Hash("warm-up");
        var times = new double[TimedHashes];
        for (var i = 0; i < times.Length; i++)
        {
            var begin = Stopwatch.GetTimestamp();
            hasher.Hash("correct horse battery staple");
            times[i] = Stopwatch.GetElapsedTime(begin).TotalMilliseconds;
        }
        Array.Sort(times);
        return times[times.Length / 2];
    }
}
