package io.ringstreamer.result;

/** An immutable custom result, copied out of a {@link CustomView}. */
public record CustomResult(String symbol, int kind, double[] values, long sequence)
{
}
