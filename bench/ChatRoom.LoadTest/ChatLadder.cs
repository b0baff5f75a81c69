using System.Diagnostics;

namespace ChatRoom.LoadTest;

/// <summary>How a ladder chooses its rates: a fixed list, or a search from a start rate.</summary>
public sealed record LadderPlan(int Start, double Growth, double Resolution, int MaxSteps, IReadOnlyList<int>? Fixed, TimeSpan Step);

/// <summary>
/// The open-loop rate ladder. Each step sends on a schedule fixed in advance (message i is due at start + i/rate,
/// whatever the server answers), drains for up to five seconds and is judged; latency counts from the due time, so
/// a late sender never hides a slow server. A step that fails is run once more and both results are kept: the rate
/// passes when the second run passes. The search rises by <see cref="LadderPlan.Growth"/> until two rates in a row
/// fail, then bisects between the highest pass and the lowest failure above it until they are within
/// <see cref="LadderPlan.Resolution"/> of each other.
/// </summary>
public sealed class ChatLadder(CurrentStep current, IReadOnlyList<Member> senders, IReadOnlyDictionary<Guid, int> roomSizes, int members,
    IMessageSender sender, ProcessSampler sampler, ModerationBacklog backlog, string runTag)
{
    private readonly List<StepResult> _results = [];
    private long _turn;
    private int _steps;

    public async Task<List<StepResult>> RunAsync(LadderPlan plan, CancellationToken ct)
    {
        // A warm-up at the first rate, not judged: JIT, connection pools, caches.
        await RunStepAsync(plan.Fixed?[0] ?? plan.Start, plan.Step < TimeSpan.FromSeconds(5) ? plan.Step : TimeSpan.FromSeconds(5), "warm-up", ct);
        if (plan.Fixed is { } rates)
        {
            foreach (var rate in rates)
                if (!await TryAsync(rate, plan.Step, "fixed", ct))
                    break;
            return _results;
        }

        var best = 0;
        int? lowestFailure = null;
        var failuresInARow = 0;
        for (var rate = plan.Start; _results.Count < plan.MaxSteps; rate = Round(rate * plan.Growth))
        {
            if (await TryAsync(rate, plan.Step, "rise", ct))
            {
                (best, lowestFailure, failuresInARow) = (rate, null, 0);
                continue;
            }
            lowestFailure ??= rate;
            if (++failuresInARow == 2)
                break;
        }
        if (best == 0 && lowestFailure is not null)
        {
            // Not even the start passed: come down until something does, then search between.
            for (var rate = Round(plan.Start / plan.Growth / plan.Growth); rate > 0 && _results.Count < plan.MaxSteps; rate = Round(rate / plan.Growth / plan.Growth))
            {
                if (await TryAsync(rate, plan.Step, "descend", ct))
                {
                    best = rate;
                    break;
                }
                lowestFailure = rate;
            }
        }
        while (best > 0 && lowestFailure is { } high && high - best > best * plan.Resolution && _results.Count < plan.MaxSteps)
        {
            var middle = Round((best + high) / 2.0);
            if (middle <= best || middle >= high)
                break;
            if (await TryAsync(middle, plan.Step, "bisect", ct))
                best = middle;
            else
                lowestFailure = middle;
        }
        return _results;
    }

    /// <summary>Two significant digits: 375 → 380, 1265 → 1300.</summary>
    public static int Round(double rate)
    {
        if (rate < 10)
            return (int)Math.Round(rate);
        var unit = Math.Pow(10, Math.Floor(Math.Log10(rate)) - 1);
        return (int)(Math.Round(rate / unit) * unit);
    }

    private async Task<bool> TryAsync(int rate, TimeSpan step, string phase, CancellationToken ct)
    {
        var first = await RunStepAsync(rate, step, phase, ct);
        _results.Add(first);
        if (first.Passed)
            return true;
        var again = await RunStepAsync(rate, step, phase + " (repeat)", ct);
        _results.Add(again);
        return again.Passed;
    }

    private async Task<StepResult> RunStepAsync(int rate, TimeSpan duration, string phase, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var tracker = new DeliveryTracker(runTag, _steps++, (int)(rate * duration.TotalSeconds * 1.05) + 100, members);
        current.Tracker = tracker;
        var before = sampler.Take();
        var started = Stopwatch.GetTimestamp();
        await Task.Factory.StartNew(() => SendLoop(tracker, rate, duration), ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var usage = ProcessSampler.Between(before, sampler.Take());
        var backlogAtEnd = await backlog.ReadAsync();

        var drainUntil = Stopwatch.GetTimestamp() + DeliveryTracker.LossDeadline + Stopwatch.Frequency / 2;
        while (!tracker.Settled() && Stopwatch.GetTimestamp() < drainUntil)
            await Task.Delay(100, ct);
        tracker.Close();
        current.Tracker = null;

        var result = StepResult.From(rate, phase, seconds, tracker.Counters, usage, backlogAtEnd, await backlog.ReadAsync());
        Console.WriteLine(result.Line());
        await Task.Delay(TimeSpan.FromSeconds(1), ct); // let this step's stragglers clear before the next
        // An overloaded server goes on working off what it was sent (sends, broadcasts, retries) after the drain;
        // the next step must not start in that backlog, or it fails for the step before.
        if (!result.Passed && !await sampler.WaitForQuietAsync("api", cpuPercent: 50, TimeSpan.FromSeconds(30), ct))
            Console.WriteLine("  the server is still busy 30 s after the step; going on");
        return result;
    }

    private void SendLoop(DeliveryTracker tracker, int rate, TimeSpan duration)
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
            var index = tracker.Add(due, roomSizes[member.RoomId]);
            if (index < 0)
                return;
            sender.Send(tracker, member, index, due);
        }
    }
}

/// <summary>The step that deliveries count for now: every member's handler reports here, the ladder swaps trackers.</summary>
public sealed class CurrentStep
{
    private DeliveryTracker? _tracker;

    public DeliveryTracker? Tracker
    {
        get => Volatile.Read(ref _tracker);
        set => Volatile.Write(ref _tracker, value);
    }

    public void Received(int member, ReadOnlySpan<byte> clientMessageId) => Tracker?.Received(member, clientMessageId, Stopwatch.GetTimestamp());
}
