package io.ringstreamer.result;

/**
 * The top levels of a Level 2 book snapshot, best first on each side. Valid only during
 * {@link ResultListener#onBook}; {@link #toBook()} takes an immutable copy.
 */
public interface BookView extends ResultView
{
    /** The snapshot's time, Unix epoch milliseconds. */
    long timeMillis();

    /** Bid levels shown (at most the configured depth). */
    int bidLevels();

    /** Ask levels shown (at most the configured depth). */
    int askLevels();

    /** Price of bid level {@code level} (0 = best). */
    double bidPrice(int level);

    long bidSize(int level);

    /** Price of ask level {@code level} (0 = best). */
    double askPrice(int level);

    long askSize(int level);

    /** Best ask minus best bid, or {@code NaN} if a side is empty. */
    default double spread()
    {
        return bidLevels() > 0 && askLevels() > 0 ? askPrice(0) - bidPrice(0) : Double.NaN;
    }

    /**
     * Size imbalance over the levels shown: {@code (bids - asks) / (bids + asks)}, from -1 (all asks)
     * to 1 (all bids); {@code NaN} for an empty book.
     */
    default double imbalance()
    {
        long bids = 0;
        long asks = 0;
        for (int i = 0; i < bidLevels(); i++)
        {
            bids += bidSize(i);
        }
        for (int i = 0; i < askLevels(); i++)
        {
            asks += askSize(i);
        }
        return bids + asks == 0 ? Double.NaN : (double)(bids - asks) / (bids + asks);
    }

    default Book toBook()
    {
        final double[] bidPrices = new double[bidLevels()];
        final long[] bidSizes = new long[bidLevels()];
        for (int i = 0; i < bidPrices.length; i++)
        {
            bidPrices[i] = bidPrice(i);
            bidSizes[i] = bidSize(i);
        }
        final double[] askPrices = new double[askLevels()];
        final long[] askSizes = new long[askLevels()];
        for (int i = 0; i < askPrices.length; i++)
        {
            askPrices[i] = askPrice(i);
            askSizes[i] = askSize(i);
        }
        return new Book(symbol(), timeMillis(), bidPrices, bidSizes, askPrices, askSizes, spread(), imbalance(), sequence());
    }
}
