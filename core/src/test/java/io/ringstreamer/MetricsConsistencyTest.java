package io.ringstreamer;

import io.ringstreamer.metrics.MetricsSnapshot;
import io.ringstreamer.result.BarView;
import io.ringstreamer.result.ErrorView;
import io.ringstreamer.result.ResultListener;
import io.ringstreamer.source.OverflowPolicy;
import io.ringstreamer.testing.CyclingStreamer;
import io.ringstreamer.testing.SyntheticBars;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A thread sampling the metrics while the pipeline runs flat out never sees a count that cannot be:
 * in-flight negative (a message processed before it was counted as received), or a ring backlog
 * beyond the ring's size (a producer waiting for room has already moved the ring's cursor).
 */
@Timeout(120)
class MetricsConsistencyTest
{
    private static final List<String> SYMBOLS = SyntheticBars.symbols(8);
    private static final List<byte[]> MESSAGES = SyntheticBars.messages(SYMBOLS, 2, 512, 5);
    /** Enough to fill the 64-slot rings thousands of times; 100,000 took over 120 s for six runs on a loaded 2-core VM. */
    private static final int MESSAGES_PER_RUN = 30_000;

    @ParameterizedTest
    @EnumSource(OverflowPolicy.class)
    void shouldNeverShowNegativeInFlightOrABacklogBeyondTheRingWhenSampledUnderLoad(final OverflowPolicy policy)
        throws Exception
    {
        long allSamples = 0;
        for (int run = 0; run < 6; run++)
        {
            final int ringSize = 64;
            final Pipeline pipeline = Pipeline.builder().symbols(SYMBOLS).shards(1 + run % 2).ringSize(ringSize)
                .resultRingSize(64).overflowPolicy(policy).maxMessageBytes(4096).spillBudget(64 << 10)
                .streamer(new CyclingStreamer(MESSAGES, MESSAGES_PER_RUN))
                .listener(new ResultListener()
                {
                    @Override
                    public void onBar(final BarView bar)
                    {
                    }

                    @Override
                    public void onError(final ErrorView error)
                    {
                    }
                })
                .build().start();
            long samples = 0;
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (!pipeline.isTerminated())
            {
                final MetricsSnapshot m = pipeline.metrics().snapshot();
                assertTrue(m.inFlight() >= 0, m.toString());
                assertTrue(m.inboundBacklog() >= 0 && m.inboundBacklog() <= ringSize, m.toString());
                assertTrue(m.resultsBacklog() >= 0 && m.resultsBacklog() <= 64, m.toString());
                samples++;
                Thread.onSpinWait();
                if (System.nanoTime() - deadline > 0)
                {
                    break; // a slow machine: stop sampling, and let the termination wait below say whether it hangs
                }
            }
            final int iteration = run;
            assertTrue(pipeline.awaitTermination(60, TimeUnit.SECONDS),
                () -> "run " + iteration + " did not end: " + pipeline.metrics().snapshot());
            final MetricsSnapshot m = pipeline.metrics().snapshot();
            assertEquals(0, m.inFlight(), m.toString());
            assertEquals(m.received(), m.processed() + m.rejected() + m.dropped() + m.abandoned(), m.toString());
            allSamples += samples;
        }
        // Over all six runs, not each: a run may now end within a few hundred samples (82, once the drainer stopped
        // waking once a message), and what matters is that the pipelines were sampled while they ran.
        assertTrue(allSamples > 300, "sampled while running: " + allSamples);
    }
}
