package io.ringstreamer.demo;

import io.ringstreamer.CloseReport;
import io.ringstreamer.Pipeline;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Stops a pipeline reading and gives it a deadline to deliver what it has accepted: the demo's
 * {@code --seconds} end and its Ctrl-C. A thin layer over {@link Pipeline#close(Duration)}, which
 * abandons (counts and reports) a spill it cannot drain in time and returns at the deadline whatever
 * the listener does.
 */
final class DrainDeadline
{
    /** How the drain went: whether it finished, how long it took, what was left when it did not. */
    record Outcome(boolean drained, long elapsedMillis, long inFlight, long inboundBacklog, long abandoned)
    {
        /** {@code drained in 12 ms} or {@code not drained within 1000 ms: 240 messages in flight (inbound backlog 231)}. */
        String describe(final Duration deadline)
        {
            final String spill = abandoned > 0 ? "; " + abandoned + " spilled messages abandoned, not processed" : "";
            return drained ? "drained in " + elapsedMillis + " ms" + spill
                : "not drained within " + deadline.toMillis() + " ms: " + inFlight + " messages in flight (inbound backlog " +
                inboundBacklog + ") left undelivered" + spill;
        }
    }

    private DrainDeadline()
    {
    }

    /**
     * Stops the streamer at once (no more reading), then waits at most {@code deadline} for everything
     * accepted to be delivered ({@link Pipeline#close(Duration)}); a pipeline whose listener never
     * returns is left to the JVM's exit.
     */
    static Outcome close(final Pipeline pipeline, final Duration deadline)
    {
        final long start = System.nanoTime();
        final CloseReport report = pipeline.close(deadline);
        return new Outcome(report.terminated(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
            report.inFlight(), pipeline.metrics().inboundBacklog(), report.abandoned());
    }
}
