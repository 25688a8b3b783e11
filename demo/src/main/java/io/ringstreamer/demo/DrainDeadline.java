package io.ringstreamer.demo;

import io.ringstreamer.metrics.MetricsSnapshot;
import io.ringstreamer.pipeline.Pipeline;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Stops a pipeline reading and gives it a deadline to deliver what it has accepted: the demo's
 * {@code --seconds} end. The one place that knows how; when {@code Pipeline.close(Duration)} exists,
 * {@link #close} becomes a call to it.
 */
final class DrainDeadline
{
    /** How the drain went: whether it finished, how long it took, what was left when it did not. */
    record Outcome(boolean drained, long elapsedMillis, long inFlight, long inboundBacklog)
    {
        /** {@code drained in 12 ms} or {@code not drained within 1000 ms: 240 messages in flight (inbound backlog 231)}. */
        String describe(final Duration deadline)
        {
            return drained ? "drained in " + elapsedMillis + " ms"
                : "not drained within " + deadline.toMillis() + " ms: " + inFlight + " messages in flight (inbound backlog " +
                inboundBacklog + ") left undelivered";
        }
    }

    private DrainDeadline()
    {
    }

    /**
     * Stops the streamer at once (no more reading), then waits at most {@code deadline} for everything
     * accepted to be delivered. The close runs on a daemon thread of its own, as {@code Pipeline.close()}
     * waits for the end with no deadline; a pipeline not drained in time goes on draining until the JVM exits.
     */
    static Outcome close(final Pipeline pipeline, final Duration deadline) throws InterruptedException
    {
        final long start = System.nanoTime();
        final Thread closer = new Thread(pipeline::close, "ring-streamer-close");
        closer.setDaemon(true);
        closer.start();
        final boolean drained = pipeline.awaitTermination(deadline.toNanos(), TimeUnit.NANOSECONDS);
        final MetricsSnapshot metrics = pipeline.metrics().snapshot();
        return new Outcome(drained, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), metrics.inFlight(),
            metrics.inboundBacklog());
    }
}
