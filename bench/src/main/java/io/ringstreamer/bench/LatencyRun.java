package io.ringstreamer.bench;

import io.ringstreamer.bench.harness.Contender;
import io.ringstreamer.bench.harness.Feed;
import io.ringstreamer.bench.harness.ResultCounter;
import io.ringstreamer.bench.harness.Work;
import io.ringstreamer.bench.harness.Workload;
import org.HdrHistogram.Histogram;

/**
 * One latency measurement: a contender fed at a fixed rate, each message stamped with its intended
 * send time, so that a stalled reader shows up as latency instead of slowing the sender
 * (coordinated omission). Records result latency (stamp to listener callback) and hand-off time
 * (how long the reader spends passing one message on).
 */
public final class LatencyRun
{
    /** Highest latency the histograms track: 60 s, at 3 significant digits. */
    private static final long HIGHEST_NANOS = 60_000_000_000L;

    public final String contender;
    public final double rate;
    public final double loadFraction;
    public final Histogram latency = new Histogram(HIGHEST_NANOS, 3);
    public final Histogram handoff = new Histogram(HIGHEST_NANOS, 3);
    public long messages;
    public double seconds;

    private LatencyRun(final String contender, final double rate, final double loadFraction)
    {
        this.contender = contender;
        this.rate = rate;
        this.loadFraction = loadFraction;
    }

    /**
     * Runs {@code contender} at {@code rate} messages per second for {@code seconds}, after an
     * unrecorded warm-up of {@code warmUpSeconds} at the same rate.
     */
    public static LatencyRun measure(
        final Contender contender, final Workload workload, final int shards, final double rate,
        final double loadFraction, final double warmUpSeconds, final double seconds) throws Exception
    {
        final LatencyRun run = new LatencyRun(contender.name(), rate, loadFraction);
        if (warmUpSeconds > 0)
        {
            final long warmUp = (long)(rate * warmUpSeconds);
            contender.run(workload.symbols, shards, Work.LIGHT, new Feed(workload.messages, warmUp, rate),
                new ResultCounter(new Histogram(HIGHEST_NANOS, 3)));
        }
        run.messages = (long)(rate * seconds);
        final Feed feed = new Feed(workload.messages, run.messages, rate).recordHandoff(run.handoff);
        final ResultCounter results = new ResultCounter(run.latency);
        final long start = System.nanoTime();
        contender.run(workload.symbols, shards, Work.LIGHT, feed, results);
        run.seconds = (System.nanoTime() - start) / 1e9;
        if (results.results() != workload.expectedResults(run.messages))
        {
            throw new IllegalStateException(contender.name() + " delivered " + results.results() + " of " +
                workload.expectedResults(run.messages));
        }
        return run;
    }

    /** Percentile {@code p} (0-100) of result latency, in microseconds. */
    public double latencyMicros(final double p)
    {
        return latency.getValueAtPercentile(p) / 1000.0;
    }

    /** Percentile {@code p} (0-100) of hand-off time, in nanoseconds. */
    public long handoffNanos(final double p)
    {
        return handoff.getValueAtPercentile(p);
    }
}
