package io.ringstreamer.result;

/** An immutable Level 1 quote, copied out of a {@link QuoteView}. */
public record Quote(
    String symbol, double bid, double ask, double last, long bidSize, long askSize, long lastSize,
    long totalVolume, long quoteTimeMillis, long tradeTimeMillis, long sequence)
{
    public double mid()
    {
        return (bid + ask) / 2;
    }

    public double spread()
    {
        return ask - bid;
    }
}
