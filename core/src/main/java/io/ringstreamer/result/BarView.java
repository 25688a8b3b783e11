package io.ringstreamer.result;

/**
 * A 1-minute OHLCV bar, viewed in place in the results ring. Valid only during
 * {@link ResultListener#onBar}; {@link #toBar()} takes an immutable copy.
 */
public interface BarView
{
    /** The symbol, as subscribed. */
    String symbol();

    double open();

    double high();

    double low();

    double close();

    long volume();

    /** When the bar opened (its {@code datetime}), Unix epoch milliseconds. */
    long barStartMillis();

    /** The envelope {@code timestamp} of the message that carried the bar, Unix epoch milliseconds. */
    long messageTimestamp();

    /** The inbound sequence of the message that carried the bar (0 for the first message). */
    long sequence();

    /** {@link System#nanoTime()} when the streamer received the message. */
    long receiveNanos();

    /** An immutable copy, safe to keep after the callback. Allocates. */
    default Bar toBar()
    {
        return new Bar(symbol(), open(), high(), low(), close(), volume(), barStartMillis(), sequence());
    }
}
