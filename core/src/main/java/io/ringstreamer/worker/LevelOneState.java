package io.ringstreamer.worker;

/**
 * A read-only view of a symbol's current Level 1 state, as {@link LevelOneQuotes} has merged it: a
 * field never received is {@code NaN} (prices) or -1 (sizes, volume, times). Reached through
 * {@link EntryContext#levelOne()}; read it on the shard thread during a component's call only, since
 * the next entry changes it. Allocates nothing.
 */
public interface LevelOneState
{
    /** The state of a symbol that has no {@link LevelOneQuotes} component: nothing known. */
    LevelOneState NONE = new LevelOneState()
    {
        @Override
        public double bid()
        {
            return Double.NaN;
        }

        @Override
        public double ask()
        {
            return Double.NaN;
        }

        @Override
        public double last()
        {
            return Double.NaN;
        }

        @Override
        public long bidSize()
        {
            return -1;
        }

        @Override
        public long askSize()
        {
            return -1;
        }

        @Override
        public long lastSize()
        {
            return -1;
        }

        @Override
        public long totalVolume()
        {
            return -1;
        }

        @Override
        public long quoteTimeMillis()
        {
            return -1;
        }

        @Override
        public long tradeTimeMillis()
        {
            return -1;
        }
    };

    double bid();

    double ask();

    double last();

    long bidSize();

    long askSize();

    long lastSize();

    long totalVolume();

    long quoteTimeMillis();

    long tradeTimeMillis();

    /** {@code (bid + ask) / 2}, or {@code NaN} while either is unknown. */
    default double mid()
    {
        return (bid() + ask()) / 2;
    }

    /** {@code ask - bid}, or {@code NaN} while either is unknown. */
    default double spread()
    {
        return ask() - bid();
    }
}
