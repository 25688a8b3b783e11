package io.ringstreamer.worker;

/**
 * A read-only view of a symbol's current Level 2 book, as {@link LevelTwoBook} keeps it: the last
 * accepted snapshot, every level (not only the published top), best first. Reached through
 * {@link EntryContext#book()}; read it on the shard thread during a component's call only, since the
 * next snapshot replaces it. Allocates nothing.
 */
public interface BookState
{
    /** The state of a symbol that has no {@link LevelTwoBook} component: no book. */
    BookState NONE = new BookState()
    {
        @Override
        public boolean hasBook()
        {
            return false;
        }

        @Override
        public long timeMillis()
        {
            return 0;
        }

        @Override
        public int bidLevels()
        {
            return 0;
        }

        @Override
        public int askLevels()
        {
            return 0;
        }

        @Override
        public double bidPrice(final int level)
        {
            throw new IndexOutOfBoundsException(level);
        }

        @Override
        public long bidSize(final int level)
        {
            throw new IndexOutOfBoundsException(level);
        }

        @Override
        public double askPrice(final int level)
        {
            throw new IndexOutOfBoundsException(level);
        }

        @Override
        public long askSize(final int level)
        {
            throw new IndexOutOfBoundsException(level);
        }
    };

    /** Whether a snapshot has been accepted yet. */
    boolean hasBook();

    /** The time of the book's snapshot, Unix epoch milliseconds (0 before the first). */
    long timeMillis();

    /** Bid levels in the book. */
    int bidLevels();

    /** Ask levels in the book. */
    int askLevels();

    /**
     * Price of bid level {@code level} (0 = best).
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= level < bidLevels()}.
     */
    double bidPrice(int level);

    /** Size of bid level {@code level} (0 = best); a level out of range throws as in {@link #bidPrice}. */
    long bidSize(int level);

    /** Price of ask level {@code level} (0 = best); a level out of range throws as in {@link #bidPrice}. */
    double askPrice(int level);

    /** Size of ask level {@code level} (0 = best); a level out of range throws as in {@link #bidPrice}. */
    long askSize(int level);

    /** The best bid, or {@code NaN} when there is none. */
    default double bestBid()
    {
        return bidLevels() > 0 ? bidPrice(0) : Double.NaN;
    }

    /** The best ask, or {@code NaN} when there is none. */
    default double bestAsk()
    {
        return askLevels() > 0 ? askPrice(0) : Double.NaN;
    }
}
