namespace CollectIq.Bench.MediaStreams;

/// <summary>Lock-free fixed-bucket histogram: 10 µs buckets up to 1 s, then one overflow bucket.</summary>
public sealed class LatencyHistogram
{
    private const double BucketMs = 0.01;
    private readonly long[] _buckets = new long[100_001];
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public void Record(double milliseconds)
    {
        var index = milliseconds <= 0 ? 0 : (int)Math.Min(_buckets.Length - 1, milliseconds / BucketMs);
        Interlocked.Increment(ref _buckets[index]);
        Interlocked.Increment(ref _count);
    }

    public void Reset()
    {
        Array.Clear(_buckets);
        Interlocked.Exchange(ref _count, 0);
    }

    public double Percentile(double p)
    {
        var total = Count;
        if (total == 0) return double.NaN;
        var target = (long)Math.Ceiling(total * p / 100.0);
        long seen = 0;
        for (var i = 0; i < _buckets.Length; i++)
        {
            seen += Interlocked.Read(ref _buckets[i]);
            if (seen >= target) return (i + 1) * BucketMs;
        }
        return double.PositiveInfinity;
    }

    /// <summary>Share of samples at or under <paramref name="milliseconds"/>.</summary>
    public double FractionAtMost(double milliseconds)
    {
        var total = Count;
        if (total == 0) return double.NaN;
        var last = (int)Math.Min(_buckets.Length - 1, milliseconds / BucketMs);
        long seen = 0;
        for (var i = 0; i <= last; i++) seen += Interlocked.Read(ref _buckets[i]);
        return (double)seen / total;
    }
}
