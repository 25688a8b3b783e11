package io.ringstreamer.worker;

import io.ringstreamer.format.EntryView;

/**
 * Runs after the book component of the same symbol and publishes its state as a custom result of
 * kind 1: has book (1 or 0), time, bid levels, ask levels, best bid, best ask, worst bid, worst ask
 * ({@code NaN} for an empty side). Shard thread.
 */
final class BookProbe implements Component
{
    private final LevelTwoBook book;
    private final double[] values = new double[8];

    BookProbe(final LevelTwoBook book)
    {
        this.book = book;
    }

    @Override
    public void onEntry(final EntryView entry, final ResultSink out)
    {
        final int bids = book.bidLevels();
        final int asks = book.askLevels();
        values[0] = book.hasBook() ? 1 : 0;
        values[1] = book.timeMillis();
        values[2] = bids;
        values[3] = asks;
        values[4] = bids > 0 ? book.bidPrice(0) : Double.NaN;
        values[5] = asks > 0 ? book.askPrice(0) : Double.NaN;
        values[6] = bids > 0 ? book.bidPrice(bids - 1) : Double.NaN;
        values[7] = asks > 0 ? book.askPrice(asks - 1) : Double.NaN;
        out.custom(1, values, values.length);
    }
}
