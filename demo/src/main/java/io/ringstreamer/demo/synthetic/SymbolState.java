package io.ringstreamer.demo.synthetic;

import java.nio.charset.StandardCharsets;

/**
 * One symbol's simulated market: the mid price's random walk, the quote last published (so a
 * Level 1 update carries only what changed), the last trade, the trade sequence and the current
 * minute's bar. Prices are whole cents. Owned by the thread that drives its {@link SyntheticMarket}.
 */
final class SymbolState
{
    final String symbol;
    /** {@code "SYMBOL":}, ready to append. */
    final byte[] key;
    final int baseSpreadCents;

    double mid;
    long bid;
    long ask;
    long bidSize;
    long askSize;

    long sentBid = -1;
    long sentAsk = -1;
    long sentBidSize = -1;
    long sentAskSize = -1;

    long last;
    long lastSize;
    long totalVolume;
    long tradeTime;
    boolean tradedSinceQuote;
    long tradeSequence;

    long barOpen;
    long barHigh;
    long barLow;
    long barClose;
    long barVolume;
    int barTrades;

    SymbolState(final String symbol, final double mid, final long firstTradeSequence)
    {
        this.symbol = symbol;
        this.key = ('"' + symbol + "\":").getBytes(StandardCharsets.US_ASCII);
        this.mid = mid;
        this.baseSpreadCents = (int)Math.max(1, Math.min(5, Math.round(mid / 100)));
        this.tradeSequence = firstTradeSequence;
    }

    /** Adds a trade to the session and to the current minute's bar. */
    void trade(final long timeMillis, final long price, final long size)
    {
        tradeSequence++;
        last = price;
        lastSize = size;
        totalVolume += size;
        tradeTime = timeMillis;
        tradedSinceQuote = true;
        if (barTrades == 0)
        {
            barOpen = price;
            barHigh = price;
            barLow = price;
            barVolume = 0;
        }
        barHigh = Math.max(barHigh, price);
        barLow = Math.min(barLow, price);
        barClose = price;
        barVolume += size;
        barTrades++;
    }
}
