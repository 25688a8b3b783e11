package io.ringstreamer.result;

/**
 * One trade print with the symbol's session statistics after it. Valid only during
 * {@link ResultListener#onTrade}; {@link #toTrade()} takes an immutable copy.
 */
public interface TradeView extends ResultView
{
    long timeMillis();

    double price();

    long size();

    /** The feed's sequence number for the print ({@code seq}). */
    long tradeSequence();

    /** Shares traded in the session so far, this print included. */
    long sessionVolume();

    /** Volume-weighted average price of the session so far. */
    double vwap();

    /** Prints in the session so far. */
    long tradeCount();

    default Trade toTrade()
    {
        return new Trade(symbol(), timeMillis(), price(), size(), tradeSequence(), sessionVolume(), vwap(), tradeCount(),
            sequence());
    }
}
