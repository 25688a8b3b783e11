package io.ringstreamer.result;

/** An immutable trade print, copied out of a {@link TradeView}. */
public record Trade(
    String symbol, long timeMillis, double price, long size, long tradeSequence, long sessionVolume, double vwap,
    long tradeCount, long sequence)
{
}
