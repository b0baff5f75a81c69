using System.Collections.Concurrent;
using System.Diagnostics;

namespace ChatRoom.LoadTest;

/// <summary>
/// What happened to every message: when it was due, whether the server acknowledged it, and which members got it.
/// Arrays sized once up front, indexed by message number, plus one bit per member and message for duplicates:
/// the receive path only parses the client message id and touches a few array slots.
/// </summary>
public sealed class DeliveryTracker
{
    public static readonly long LossDeadline = Stopwatch.Frequency * 5;

    private const byte Sent = 1, Acked = 2, Failed = 3;
    private readonly long[] _due;
    private readonly int[] _step;
    private readonly int[] _expected;
    private readonly int[] _delivered;
    private readonly byte[] _state;
    private readonly long[][] _seen;
    private int _next;

    public DeliveryTracker(int capacity, int members, int maxSteps)
    {
        _due = new long[capacity];
        _step = new int[capacity];
        _expected = new int[capacity];
        _delivered = new int[capacity];
        _state = new byte[capacity];
        _seen = new long[members][];
        for (var m = 0; m < members; m++)
            _seen[m] = new long[(capacity + 63) / 64];
        Steps = new StepCounters[maxSteps];
        for (var s = 0; s < maxSteps; s++)
            Steps[s] = new StepCounters();
        // Unique per run: the server keeps client message ids per sender, so a rerun must not reuse them.
        Tag = Guid.NewGuid().ToString("N")[..8] + "-";
    }

    /// <summary>Prefix of every client message id of this run.</summary>
    public string Tag { get; }

    public int Capacity => _due.Length;

    internal StepCounters[] Steps { get; }

    /// <summary>Registers the next message; -1 once the arrays are full (the ladder was sized too small).</summary>
    public int Add(int step, long due, int expectedRecipients)
    {
        var index = _next;
        if (index >= _due.Length)
            return -1;
        _next = index + 1;
        _due[index] = due;
        _step[index] = step;
        _expected[index] = expectedRecipients;
        Volatile.Write(ref _state[index], Sent);
        Steps[step].Sent++;
        Steps[step].ExpectedDeliveries += expectedRecipients;
        return index;
    }

    public string ClientMessageId(int index) => Tag + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Content(int index, long due) => $"bench #{index} due {due}";

    public void Acknowledged(int index)
    {
        var counters = Steps[_step[index]];
        counters.AckLatency.RecordTicks(Stopwatch.GetTimestamp() - _due[index]);
        Volatile.Write(ref _state[index], Acked);
        Interlocked.Increment(ref counters.Accepted);
    }

    public void Rejected(int index, string kind)
    {
        Volatile.Write(ref _state[index], Failed);
        Steps[_step[index]].Errors.AddOrUpdate(kind, 1, (_, n) => n + 1);
    }

    /// <summary>A member received a message. Allocation-free: only the id is parsed.</summary>
    public void Received(int member, string clientMessageId)
    {
        var now = Stopwatch.GetTimestamp();
        var id = clientMessageId.AsSpan();
        if (!id.StartsWith(Tag, StringComparison.Ordinal) ||
            !int.TryParse(id[Tag.Length..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) ||
            (uint)index >= (uint)_next)
            return; // someone else's message (another run, a person in the room)

        var counters = Steps[_step[index]];
        var bit = 1L << (index & 63);
        if ((Interlocked.Or(ref _seen[member][index >> 6], bit) & bit) != 0)
        {
            Interlocked.Increment(ref counters.Duplicates);
            return;
        }
        var latency = now - _due[index];
        counters.Latency.RecordTicks(latency);
        Interlocked.Increment(ref counters.Deliveries);
        if (latency <= LossDeadline)
            Interlocked.Increment(ref _delivered[index]);
        else
            Interlocked.Increment(ref counters.Late);
    }

    /// <summary>True when every message of the step has its answer and all of its deliveries.</summary>
    public bool Settled(int step, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var state = Volatile.Read(ref _state[i]);
            if (state == Sent || (state == Acked && Volatile.Read(ref _delivered[i]) < _expected[i]))
                return false;
        }
        return true;
    }

    /// <summary>Closes a step's books: acknowledged but not delivered to every member in time is lost.</summary>
    public void Close(int step, int from, int to)
    {
        var counters = Steps[step];
        for (var i = from; i < to; i++)
        {
            switch (Volatile.Read(ref _state[i]))
            {
                case Sent:
                    counters.Errors.AddOrUpdate("no answer", 1, (_, n) => n + 1);
                    break;
                case Acked when Volatile.Read(ref _delivered[i]) < _expected[i]:
                    counters.Lost++;
                    break;
            }
        }
    }

    public int Count => _next;
}

// Fields, not properties: the receive path increments them with Interlocked.
internal sealed class StepCounters
{
    public long Sent;
    public long ExpectedDeliveries;
    public long Accepted;
    public long Deliveries;
    public long Duplicates;
    public long Late;
    public long Lost;
    public readonly LatencyHistogram Latency = new();
    public readonly LatencyHistogram AckLatency = new();
    public readonly ConcurrentDictionary<string, long> Errors = new();
}
