package io.ringstreamer.bench.harness;

import org.HdrHistogram.Histogram;

/**
 * Where every contender delivers its results, on its one consumer thread: counts them and, when
 * measuring latency, records {@code now - receiveNanos} in a histogram. Allocates nothing.
 */
public final class ResultCounter
{
    private final Histogram latency;
    private volatile long results;
    private long checksum;

    /** @param latency the histogram to record into (nanoseconds), or {@code null} to only count. */
    public ResultCounter(final Histogram latency)
    {
        this.latency = latency;
    }

    /** One result; consumer thread only. */
    public void onResult(final long receiveNanos, final long value)
    {
        if (latency != null)
        {
            latency.recordValue(Math.max(0, System.nanoTime() - receiveNanos));
        }
        checksum += value;
        results = results + 1; // single writer
    }

    public long results()
    {
        return results;
    }

    /** A sum over the results' values, so that no contender can skip the work unnoticed. */
    public long checksum()
    {
        return checksum;
    }

    public Histogram latency()
    {
        return latency;
    }
}
