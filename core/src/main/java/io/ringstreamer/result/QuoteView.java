package io.ringstreamer.result;

/**
 * A symbol's Level 1 state after merging a {@code LEVELONE_EQUITIES} change. A field never received
 * yet is {@code NaN} (prices) or -1 (sizes, volume, times). Valid only during
 * {@link ResultListener#onQuote}; {@link #toQuote()} takes an immutable copy.
 */
public interface QuoteView extends ResultView
{
    double bid();

    double ask();

    double last();

    long bidSize();

    long askSize();

    long lastSize();

    long totalVolume();

    long quoteTimeMillis();

    long tradeTimeMillis();

    /** {@code (bid + ask) / 2}, or {@code NaN} while either is unknown. */
    default double mid()
    {
        return (bid() + ask()) / 2;
    }

    /** {@code ask - bid}, or {@code NaN} while either is unknown. */
    default double spread()
    {
        return ask() - bid();
    }

    default Quote toQuote()
    {
        return new Quote(symbol(), bid(), ask(), last(), bidSize(), askSize(), lastSize(), totalVolume(),
            quoteTimeMillis(), tradeTimeMillis(), sequence());
    }
}
