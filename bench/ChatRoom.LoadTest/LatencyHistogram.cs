using System.Numerics;

namespace ChatRoom.LoadTest;

/// <summary>
/// A fixed-size log-linear histogram of microseconds, in the spirit of HdrHistogram: values below 64 are exact,
/// above that every power of two is split into 32 linear buckets (at most ~3% error). Recording is lock-free and
/// allocation-free, so receive handlers on many threads can share one.
/// </summary>
public sealed class LatencyHistogram
{
    private const int Linear = 64;
    private const int SubBuckets = 32;
    private const int SubBits = 5;
    private readonly long[] _counts = new long[Linear + (63 - 6 + 1) * SubBuckets];
    private long _count;
    private long _sum;
    private long _max;

    public long Count => Volatile.Read(ref _count);

    public void RecordTicks(long stopwatchTicks) => Record(stopwatchTicks * 1_000_000 / System.Diagnostics.Stopwatch.Frequency);

    public void Record(long micros)
    {
        if (micros < 0)
            micros = 0;
        Interlocked.Increment(ref _counts[Index(micros)]);
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _sum, micros);
        var max = Volatile.Read(ref _max);
        while (micros > max)
        {
            var seen = Interlocked.CompareExchange(ref _max, micros, max);
            if (seen == max)
                break;
            max = seen;
        }
    }

    /// <summary>The value at <paramref name="percentile"/> (0–100) in milliseconds: the top of its bucket, never below the truth.</summary>
    public double PercentileMs(double percentile)
    {
        var total = Count;
        if (total == 0)
            return 0;
        var rank = (long)Math.Ceiling(percentile / 100 * total);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += Volatile.Read(ref _counts[i]);
            if (seen >= Math.Max(rank, 1))
                return Math.Min(UpperBound(i), Volatile.Read(ref _max)) / 1000.0;
        }
        return MaxMs;
    }

    public double MaxMs => Volatile.Read(ref _max) / 1000.0;

    /// <summary>The exact mean in milliseconds (the sum is kept beside the buckets, so no bucket error).</summary>
    public double MeanMs => Count == 0 ? 0 : Volatile.Read(ref _sum) / 1000.0 / Count;

    private static int Index(long value)
    {
        if (value < Linear)
            return (int)value;
        var exponent = 63 - BitOperations.LeadingZeroCount((ulong)value); // 6 and up
        var sub = (int)(value >> (exponent - SubBits)) & (SubBuckets - 1);
        return Linear + (exponent - 6) * SubBuckets + sub;
    }

    private static long UpperBound(int index)
    {
        if (index < Linear)
            return index;
        var exponent = (index - Linear) / SubBuckets + 6;
        var sub = (index - Linear) % SubBuckets;
        var width = 1L << (exponent - SubBits);
        return (1L << exponent) + (sub + 1) * width - 1;
    }
}
