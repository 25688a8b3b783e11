package io.ringstreamer.testing;

import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.worker.ResultSink;
import io.ringstreamer.worker.Validation;

/**
 * A {@link ResultSink} for tests that drive a component directly: every kind of result fails the test
 * unless the subclass expects it (overrides its method). Validates with {@link Validation#REJECT}.
 */
public abstract class UnexpectedResultSink implements ResultSink
{
    private static AssertionError unexpected(final String what)
    {
        return new AssertionError("unexpected " + what);
    }

    @Override
    public void bar(final double open, final double high, final double low, final double close, final long volume,
                    final long barStartMillis)
    {
        throw unexpected("bar");
    }

    @Override
    public void aggregateBar(final int minutes, final double open, final double high, final double low,
                             final double close, final long volume, final long windowStartMillis,
                             final int minuteCount, final boolean partial)
    {
        throw unexpected("aggregate bar");
    }

    @Override
    public void quote(final double bid, final double ask, final double last, final long bidSize, final long askSize,
                      final long lastSize, final long totalVolume, final long quoteTimeMillis,
                      final long tradeTimeMillis)
    {
        throw unexpected("quote");
    }

    @Override
    public void book(final long timeMillis, final double[] bidPrices, final long[] bidSizes, final int bidCount,
                     final double[] askPrices, final long[] askSizes, final int askCount)
    {
        throw unexpected("book");
    }

    @Override
    public void trade(final long timeMillis, final double price, final long size, final long tradeSequence,
                      final long sessionVolume, final double vwap, final long tradeCount)
    {
        throw unexpected("trade");
    }

    @Override
    public boolean news(final long timeMillis, final byte[] buffer, final int idOffset, final int idLength,
                        final int headlineOffset, final int headlineLength, final int sourceOffset,
                        final int sourceLength)
    {
        throw unexpected("headline");
    }

    @Override
    public void custom(final int kind, final double[] values, final int count)
    {
        throw unexpected("custom result");
    }

    @Override
    public void reject(final ErrorKind kind, final String reason)
    {
        throw unexpected("rejection: " + reason);
    }

    @Override
    public Validation validation()
    {
        return Validation.REJECT;
    }

    @Override
    public void flag(final String reason)
    {
        throw unexpected("flag: " + reason);
    }
}
