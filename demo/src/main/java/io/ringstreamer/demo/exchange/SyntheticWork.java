package io.ringstreamer.demo.exchange;

import io.ringstreamer.worker.Component;
import io.ringstreamer.worker.ResultSink;
import io.ringstreamer.format.EntryView;

/**
 * A fixed amount of arithmetic standing for a client's per-message processing (an indicator, a model):
 * a loop of xorshift steps, calibrated once per JVM so that on an idle core it takes about the asked
 * number of microseconds. On a busy machine it takes longer in wall time, the way real work does.
 * Thread-safe (no shared mutable state but the calibration, set once).
 */
public final class SyntheticWork
{
    private static final long STEPS_PER_MILLISECOND = calibrate();

    private SyntheticWork()
    {
    }

    /** Steps for about {@code micros} microseconds of work on an idle core. */
    public static long steps(final int micros)
    {
        return STEPS_PER_MILLISECOND * micros / 1_000;
    }

    /** Runs {@code steps} steps from {@code seed}; the result keeps the JIT from dropping the loop. */
    public static long run(final long steps, final long seed)
    {
        long x = seed | 1;
        for (long i = 0; i < steps; i++)
        {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        return x;
    }

    /** A component that runs about {@code micros} of work per entry and publishes nothing. */
    public static Component component(final int micros)
    {
        return new WorkComponent(steps(micros));
    }

    private static long calibrate()
    {
        final long probe = 200_000;
        long best = Long.MAX_VALUE;
        long sink = 0;
        for (int round = 0; round < 15; round++)
        {
            final long start = System.nanoTime();
            sink += run(probe, start);
            best = Math.min(best, System.nanoTime() - start);
        }
        return Math.max(1, probe * 1_000_000 / Math.max(1, best) + (sink & 1));
    }

    /** One symbol's work component; owned by its shard thread. */
    private static final class WorkComponent implements Component
    {
        private final long steps;
        private long state = 1;

        WorkComponent(final long steps)
        {
            this.steps = steps;
        }

        @Override
        public void onEntry(final EntryView entry, final ResultSink out)
        {
            state = run(steps, state);
        }
    }
}
