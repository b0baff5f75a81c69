using System.Diagnostics;

namespace ChatRoom.LoadTest;

/// <summary>
/// The open-loop rate ladder: for each rate, one thread sends on a schedule fixed in advance (message i is due at
/// start + i/rate, whatever the server answers), then the step drains for up to five seconds and is judged.
/// Latency counts from the due time, so a late sender never hides a slow server.
/// </summary>
public sealed class ChatLadder(DeliveryTracker tracker, IReadOnlyList<Member> members, IReadOnlyList<Member> senders,
    IMessageSender sender, ProcessSampler sampler)
{
    private readonly Dictionary<Guid, int> _roomSizes = members.GroupBy(m => m.RoomId).ToDictionary(g => g.Key, g => g.Count());
    private long _turn;

    /// <summary>Messages a ladder sends at most, to size the tracker.</summary>
    public static int Capacity(IReadOnlyList<int> rates, TimeSpan step) =>
        (int)(rates.Sum(r => (long)r) * step.TotalSeconds + rates[0] * WarmUp(step).TotalSeconds) + 1000;

    /// <summary>Tracker slots a ladder needs: one per rate, and one for the warm-up.</summary>
    public static int Steps(IReadOnlyList<int> rates) => rates.Count + 1;

    private static TimeSpan WarmUp(TimeSpan step) => step < TimeSpan.FromSeconds(5) ? step : TimeSpan.FromSeconds(5);

    public async Task<List<StepResult>> RunAsync(IReadOnlyList<int> rates, TimeSpan step, CancellationToken ct)
    {
        // A warm-up at the first rate, not judged (it has the last tracker slot): JIT, connection pools, caches.
        var warmUp = rates.Count;
        var warmFrom = tracker.Count;
        await Task.Factory.StartNew(() => SendLoop(warmUp, rates[0], WarmUp(step)), ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await DrainAsync(warmUp, warmFrom, tracker.Count, ct);

        var results = new List<StepResult>();
        int? firstFailure = null;
        for (var s = 0; s < rates.Count && (firstFailure is null || s <= firstFailure + 1); s++)
        {
            ct.ThrowIfCancellationRequested();
            var from = tracker.Count;
            var before = sampler.Take();
            var started = Stopwatch.GetTimestamp();
            var rate = rates[s];
            var stepIndex = s;
            await Task.Factory.StartNew(() => SendLoop(stepIndex, rate, step), ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var usage = ProcessSampler.Between(before, sampler.Take());
            var to = tracker.Count;

            await DrainAsync(s, from, to, ct);

            var result = StepResult.From(rate, seconds, tracker.Steps[s], usage);
            results.Add(result);
            Console.WriteLine(result.Line());
            if (!result.Passed)
                firstFailure ??= s;
            if (s + 1 < rates.Count)
                await Task.Delay(TimeSpan.FromSeconds(1), ct); // let the last step's stragglers clear
        }
        return results;
    }

    /// <summary>Waits until every message of the step is answered and delivered, or for the loss deadline; then closes it.</summary>
    private async Task DrainAsync(int step, int from, int to, CancellationToken ct)
    {
        var drainUntil = Stopwatch.GetTimestamp() + DeliveryTracker.LossDeadline + Stopwatch.Frequency / 2;
        while (!tracker.Settled(step, from, to) && Stopwatch.GetTimestamp() < drainUntil)
            await Task.Delay(100, ct);
        tracker.Close(step, from, to);
    }

    private void SendLoop(int step, int rate, TimeSpan duration)
    {
        var start = Stopwatch.GetTimestamp();
        var total = (long)(rate * duration.TotalSeconds);
        var interval = Stopwatch.Frequency / (double)rate;
        for (long i = 0; i < total; i++)
        {
            var due = start + (long)(i * interval);
            while (Stopwatch.GetTimestamp() < due)
                Thread.Sleep(1);
            var member = senders[(int)(_turn++ % senders.Count)];
            var index = tracker.Add(step, due, _roomSizes[member.RoomId]);
            if (index < 0)
                return;
            sender.Send(member, index, due);
        }
    }
}
