package io.ringstreamer.result;

/**
 * A 1-minute OHLCV bar, viewed in place in the results ring. Valid only during
 * {@link ResultListener#onBar}; {@link #toBar()} takes an immutable copy.
 */
public interface BarView extends ResultView
{
    double open();

    double high();

    double low();

    double close();

    long volume();

    /** When the bar opened (its {@code datetime}), Unix epoch milliseconds. */
    long barStartMillis();

    /** An immutable copy, safe to keep after the callback. Allocates. */
    default Bar toBar()
    {
        return new Bar(symbol(), open(), high(), low(), close(), volume(), barStartMillis(), sequence());
    }
}
