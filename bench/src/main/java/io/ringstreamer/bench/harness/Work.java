package io.ringstreamer.bench.harness;

import io.ringstreamer.format.EntryView;
import io.ringstreamer.worker.Component;
import io.ringstreamer.worker.OneMinuteBars;
import io.ringstreamer.worker.ResultSink;

import java.util.function.Supplier;

/**
 * The per-entry work every contender does, with the same component classes: LIGHT is the 1-minute
 * bar component as shipped; HEAVY adds a fixed amount of arithmetic per entry (a chain of
 * exponential moving averages), standing in for real analytics.
 */
public enum Work
{
    LIGHT(OneMinuteBars::new),
    HEAVY(HeavyBars::new);

    /** Iterations of arithmetic per entry in HEAVY: about a few microseconds on a 2-core VM. */
    public static final int HEAVY_ITERATIONS = 2_000;

    private final Supplier<Component> perSymbol;

    Work(final Supplier<Component> perSymbol)
    {
        this.perSymbol = perSymbol;
    }

    /** A new component for one symbol. */
    public Component newComponent()
    {
        return perSymbol.get();
    }

    /** The bar component, then {@link #HEAVY_ITERATIONS} dependent multiply-adds on its close. */
    public static final class HeavyBars extends BarSink implements Component
    {
        private final OneMinuteBars bars = new OneMinuteBars();
        private ResultSink out;
        private double ema = 100.0;

        @Override
        public void onEntry(final EntryView entry, final ResultSink out)
        {
            this.out = out;
            bars.onEntry(entry, this);
        }

        @Override
        public void bar(final double open, final double high, final double low, final double close,
                        final long volume, final long barStartMillis)
        {
            double value = ema;
            for (int i = 0; i < HEAVY_ITERATIONS; i++)
            {
                value = value * 0.999 + close * 0.001 + (i & 1) * 1e-9;
            }
            ema = value;
            out.bar(open, high, low, value, volume, barStartMillis);
        }

        @Override
        public void reject(final io.ringstreamer.result.ErrorKind kind, final String reason)
        {
            out.reject(kind, reason);
        }
    }
}
