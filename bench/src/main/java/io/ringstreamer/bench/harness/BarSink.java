package io.ringstreamer.bench.harness;

import io.ringstreamer.worker.ResultSink;
import io.ringstreamer.worker.Validation;

/**
 * A {@link ResultSink} for the benchmark's bar-only workloads: the baselines implement bars and
 * rejections; any other kind of result means the workload changed without them, and fails loudly.
 */
public abstract class BarSink implements ResultSink
{
    private static IllegalStateException barsOnly()
    {
        return new IllegalStateException("the benchmark workloads publish bars only");
    }

    @Override
    public void aggregateBar(final int minutes, final double open, final double high, final double low,
                             final double close, final long volume, final long windowStartMillis,
                             final int minuteCount, final boolean partial)
    {
        throw barsOnly();
    }

    @Override
    public void quote(final double bid, final double ask, final double last, final long bidSize, final long askSize,
                      final long lastSize, final long totalVolume, final long quoteTimeMillis,
                      final long tradeTimeMillis)
    {
        throw barsOnly();
    }

    @Override
    public void book(final long timeMillis, final double[] bidPrices, final long[] bidSizes, final int bidCount,
                     final double[] askPrices, final long[] askSizes, final int askCount)
    {
        throw barsOnly();
    }

    @Override
    public void trade(final long timeMillis, final double price, final long size, final long tradeSequence,
                      final long sessionVolume, final double vwap, final long tradeCount)
    {
        throw barsOnly();
    }

    @Override
    public boolean news(final long timeMillis, final byte[] buffer, final int idOffset, final int idLength,
                        final int headlineOffset, final int headlineLength, final int sourceOffset,
                        final int sourceLength)
    {
        throw barsOnly();
    }

    @Override
    public void custom(final int kind, final double[] values, final int count)
    {
        throw barsOnly();
    }

    @Override
    public Validation validation()
    {
        return Validation.REJECT;
    }

    @Override
    public void flag(final String reason)
    {
        throw new IllegalStateException("the benchmark workloads are valid: " + reason);
    }
}
