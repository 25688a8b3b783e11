package io.ringstreamer.bench;

import io.ringstreamer.bench.contenders.RingStreamerContender;
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
 * (how long the reader spends passing one message on), and the CPU the whole process used meanwhile, so
 * a profile's latency can be read beside what it costs.
 */
public final class LatencyRun
{
    /** How the contender is configured: as it comes, or (ring-streamer only) its low-latency profile. */
    public enum Profile
    {
        DEFAULT,
        /** {@code Pipeline.Builder.lowLatency}: busy-spin waits on both rings. */
        LOW_LATENCY
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
        (com.sun.management.OperatingSystemMXBean)java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    /** Highest latency the histograms track: 60 s, at 3 significant digits. */
    private static final long HIGHEST_NANOS = 60_000_000_000L;

    public final String contender;
    public final double rate;
    public final double loadFraction;
    public final Histogram latency = new Histogram(HIGHEST_NANOS, 3);
    public final Histogram handoff = new Histogram(HIGHEST_NANOS, 3);
    public final Profile profile;
    public long messages;
    public double seconds;
    /** CPU time of the whole process during the measured run, in seconds: every thread, the JVM's own too. */
    public double cpuSeconds;

    private LatencyRun(final String contender, final Profile profile, final double rate, final double loadFraction)
    {
        this.contender = contender;
        this.profile = profile;
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
        return measure(contender, workload, shards, rate, loadFraction, warmUpSeconds, seconds, Profile.DEFAULT);
    }

    /**
     * As {@link #measure(Contender, Workload, int, double, double, double, double)}, under {@code profile}.
     *
     * @throws IllegalArgumentException for {@link Profile#LOW_LATENCY} with a contender that is not ring-streamer.
     */
    public static LatencyRun measure(
        final Contender design, final Workload workload, final int shards, final double rate,
        final double loadFraction, final double warmUpSeconds, final double seconds, final Profile profile)
        throws Exception
    {
        final Contender contender;
        if (profile == Profile.LOW_LATENCY)
        {
            if (!(design instanceof RingStreamerContender ours))
            {
                throw new IllegalArgumentException("the low-latency profile is ring-streamer's, not " + design.name() + "'s");
            }
            contender = ours.lowLatency();
        }
        else
        {
            contender = design;
        }
        final LatencyRun run = new LatencyRun(contender.name(), profile, rate, loadFraction);
        if (warmUpSeconds > 0)
        {
            final long warmUp = (long)(rate * warmUpSeconds);
            contender.run(workload.symbols, shards, Work.LIGHT, new Feed(workload.messages, warmUp, rate),
                new ResultCounter(new Histogram(HIGHEST_NANOS, 3)));
        }
        run.messages = (long)(rate * seconds);
        final Feed feed = new Feed(workload.messages, run.messages, rate).recordHandoff(run.handoff);
        final ResultCounter results = new ResultCounter(run.latency);
        final long cpuStart = OS.getProcessCpuTime();
        final long start = System.nanoTime();
        contender.run(workload.symbols, shards, Work.LIGHT, feed, results);
        run.seconds = (System.nanoTime() - start) / 1e9;
        run.cpuSeconds = (OS.getProcessCpuTime() - cpuStart) / 1e9;
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

    /** Cores the process kept busy on average during the measured run (CPU seconds per second). */
    public double cpuCores()
    {
        return seconds > 0 ? cpuSeconds / seconds : 0;
    }

    /** Percentile {@code p} (0-100) of hand-off time, in nanoseconds. */
    public long handoffNanos(final double p)
    {
        return handoff.getValueAtPercentile(p);
    }
}
