package io.ringstreamer.result;

/**
 * An N-minute OHLCV bar aggregated from 1-minute bars, aligned to the New York clock. Valid only
 * during {@link ResultListener#onAggregateBar}; {@link #toAggregateBar()} takes an immutable copy.
 */
public interface AggregateBarView extends ResultView
{
    /** The bar's length in minutes (N). */
    int minutes();

    /** The first 1-minute bar's open. */
    double open();

    double high();

    double low();

    /** The last 1-minute bar's close. */
    double close();

    /** The sum of the 1-minute volumes. */
    long volume();

    /** When the window opened, Unix epoch milliseconds (a multiple of N minutes on the New York clock). */
    long windowStartMillis();

    /** How many 1-minute bars the window holds; fewer than N when minutes were missing. */
    int minuteCount();

    /** Whether the window was still open when the stream ended (flushed, not completed). */
    boolean partial();

    default AggregateBar toAggregateBar()
    {
        return new AggregateBar(symbol(), minutes(), open(), high(), low(), close(), volume(), windowStartMillis(),
            minuteCount(), partial(), sequence());
    }
}
