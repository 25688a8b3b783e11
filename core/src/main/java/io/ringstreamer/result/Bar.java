package io.ringstreamer.result;

/**
 * An immutable 1-minute OHLCV bar, copied out of a {@link BarView}.
 *
 * @param symbol         the symbol.
 * @param open           first price of the minute.
 * @param high           highest price.
 * @param low            lowest price.
 * @param close          last price.
 * @param volume         shares traded.
 * @param barStartMillis when the bar opened, Unix epoch milliseconds.
 * @param sequence       inbound sequence of the message that carried it.
 */
public record Bar(
    String symbol,
    double open,
    double high,
    double low,
    double close,
    long volume,
    long barStartMillis,
    long sequence)
{
}
