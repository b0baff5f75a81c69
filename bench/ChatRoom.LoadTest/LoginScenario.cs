using System.Diagnostics;

namespace ChatRoom.LoadTest;

/// <summary>Closed loop on purpose: <c>concurrency</c> clients sign in back to back for a while (distinct accounts).</summary>
public static class LoginScenario
{
    public static async Task<LoginResult> RunAsync(UserPool pool, IReadOnlyList<BenchUser> users, int concurrency, TimeSpan duration,
        ProcessSampler sampler, CancellationToken ct)
    {
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
            ProcessSampler.Between(before, sampler.Take()));
        Console.WriteLine($"{result.Logins} logins by {concurrency} clients in {seconds:0.0} s: {result.LoginsPerSecond}/s, " +
            $"p50 {result.P50Ms} ms, p99 {result.P99Ms} ms, max {result.MaxMs} ms, errors {errors}");
        return result;
    }
}
