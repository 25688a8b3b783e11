package io.ringstreamer.result;

/** An immutable Level 2 book, copied out of a {@link BookView}; arrays are best first. */
public record Book(
    String symbol, long timeMillis, double[] bidPrices, long[] bidSizes, double[] askPrices, long[] askSizes,
    double spread, double imbalance, long sequence)
{
}
