package io.ringstreamer.result;

/** An immutable N-minute bar, copied out of an {@link AggregateBarView}. */
public record AggregateBar(
    String symbol, int minutes, double open, double high, double low, double close, long volume,
    long windowStartMillis, int minuteCount, boolean partial, long sequence)
{
}
