package io.ringstreamer.demo.exchange;

import io.ringstreamer.worker.Component;
import io.ringstreamer.worker.ResultSink;
import io.ringstreamer.format.EntryView;

/**
 * A fixed amount of busy time standing for a client's per-message processing (an indicator, a model):
 * xorshift steps in short runs until the asked number of microseconds of wall time has passed. It takes
 * the asked time on an idle machine and on a busy one alike (time the thread spends descheduled counts),
 * so "500 µs of work per bar" means the same on every machine; a step count calibrated once per JVM did
 * not (it measured 500 µs and took about 2 ms a bar on a loaded 2-vCPU VM). Stateless, thread-safe.
 */
public final class SyntheticWork
{
    private static final int STEPS_PER_CLOCK_READ = 256;

    private SyntheticWork()
    {
    }

    /**
     * Busy for {@code micros} microseconds of wall time from now; returns the last step's value, which
     * keeps the JIT from dropping the loop.
     */
    public static long run(final int micros, final long seed)
    {
        final long end = System.nanoTime() + micros * 1_000L;
        long x = seed | 1;
        do
        {
            for (int i = 0; i < STEPS_PER_CLOCK_READ; i++)
            {
                x ^= x << 13;
                x ^= x >>> 7;
                x ^= x << 17;
            }
        }
        while (System.nanoTime() - end < 0);
        return x;
    }

    /** A component that is busy for {@code micros} per entry and publishes nothing. */
    public static Component component(final int micros)
    {
        return new WorkComponent(micros);
    }

    /** One symbol's work component; owned by its shard thread. */
    private static final class WorkComponent implements Component
    {
        private final int micros;
        private long state = 1;

        WorkComponent(final int micros)
        {
            this.micros = micros;
        }

        @Override
        public void onEntry(final EntryView entry, final ResultSink out)
        {
            state = run(micros, state);
        }
    }
}
