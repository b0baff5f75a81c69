using System.Collections.Concurrent;
using System.Diagnostics;

namespace ChatRoom.LoadTest;

/// <summary>
/// What happened to every message of one ladder step: when it was due, whether the server acknowledged it, and
/// which members got it. Arrays sized once up front, indexed by message number, plus one bit per member and message
/// for duplicates: the receive path parses the client message id and touches a few array slots, nothing more.
/// Each step has a tracker of its own with its own id prefix, so a straggler of an earlier step is never counted
/// in a later one.
/// </summary>
public sealed class DeliveryTracker
{
    public static readonly long LossDeadline = Stopwatch.Frequency * 5;

    private const byte Sent = 1, Acked = 2, Failed = 3;
    private readonly long[] _due;
    private readonly int[] _expected;
    private readonly int[] _delivered;
    private readonly byte[] _state;
    private readonly long[][] _seen;
    private int _next;

    /// <param name="runTag">Unique per run: the server keeps client message ids per sender, so a rerun must not reuse them.</param>
    public DeliveryTracker(string runTag, int step, int capacity, int members)
    {
        _due = new long[capacity];
        _expected = new int[capacity];
        _delivered = new int[capacity];
        _state = new byte[capacity];
        _seen = new long[members][];
        for (var m = 0; m < members; m++)
            _seen[m] = new long[(capacity + 63) / 64];
        Tag = $"{runTag}-{step}-";
        _tag = System.Text.Encoding.ASCII.GetBytes(Tag);
    }

    private readonly byte[] _tag;

    /// <summary>Prefix of every client message id of this step.</summary>
    public string Tag { get; }

    internal StepCounters Counters { get; } = new();

    public int Count => Volatile.Read(ref _next);

    /// <summary>Registers the next message; -1 once the arrays are full.</summary>
    public int Add(long due, int expectedRecipients)
    {
        var index = _next;
        if (index >= _due.Length)
            return -1;
        _due[index] = due;
        _expected[index] = expectedRecipients;
        Volatile.Write(ref _state[index], Sent);
        Counters.Sent++;
        Counters.ExpectedDeliveries += expectedRecipients;
        Volatile.Write(ref _next, index + 1);
        return index;
    }

    public string ClientMessageId(int index) => Tag + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Content(int index, long due) => $"bench #{index} due {due}";

    public void Acknowledged(int index)
    {
        Counters.AckLatency.RecordTicks(Stopwatch.GetTimestamp() - _due[index]);
        Volatile.Write(ref _state[index], Acked);
        Interlocked.Increment(ref Counters.Accepted);
    }

    public void Rejected(int index, string kind)
    {
        Volatile.Write(ref _state[index], Failed);
        Counters.Errors.AddOrUpdate(kind, 1, (_, n) => n + 1);
    }

    /// <summary>A member received a message (its client message id in UTF-8); false when it is not one of this step's. Allocation-free.</summary>
    public bool Received(int member, ReadOnlySpan<byte> clientMessageId, long now)
    {
        if (!clientMessageId.StartsWith(_tag) ||
            !System.Buffers.Text.Utf8Parser.TryParse(clientMessageId[_tag.Length..], out int index, out var digits) ||
            digits != clientMessageId.Length - _tag.Length || (uint)index >= (uint)Count)
            return false; // another step's straggler, another run's, or a person's in the room

        var bit = 1L << (index & 63);
        if ((Interlocked.Or(ref _seen[member][index >> 6], bit) & bit) != 0)
        {
            Interlocked.Increment(ref Counters.Duplicates);
            return true;
        }
        var latency = now - _due[index];
        Counters.Latency.RecordTicks(latency);
        Interlocked.Increment(ref Counters.Deliveries);
        if (latency <= LossDeadline)
            Interlocked.Increment(ref _delivered[index]);
        else
            Interlocked.Increment(ref Counters.Late);
        return true;
    }

    /// <summary>True when every message has its answer and all of its deliveries.</summary>
    public bool Settled()
    {
        for (var i = 0; i < Count; i++)
        {
            var state = Volatile.Read(ref _state[i]);
            if (state == Sent || (state == Acked && Volatile.Read(ref _delivered[i]) < _expected[i]))
                return false;
        }
        return true;
    }

    /// <summary>Closes the books: acknowledged but not delivered to every member in time is lost.</summary>
    public void Close()
    {
        for (var i = 0; i < Count; i++)
        {
            switch (Volatile.Read(ref _state[i]))
            {
                case Sent:
                    Counters.Errors.AddOrUpdate("no answer", 1, (_, n) => n + 1);
                    break;
                case Acked when Volatile.Read(ref _delivered[i]) < _expected[i]:
                    Counters.Lost++;
                    break;
            }
        }
    }
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
