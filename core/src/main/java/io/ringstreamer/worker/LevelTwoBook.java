package io.ringstreamer.worker;

import io.ringstreamer.format.EntryView;
import io.ringstreamer.format.internal.JsonScanner;
import io.ringstreamer.result.ErrorKind;

import java.nio.charset.StandardCharsets;

/**
 * The {@code BOOK} component: reads a whole Level 2 snapshot, validates it, keeps it as the symbol's
 * book (replacing the previous one) and publishes it; the sink copies the top
 * {@code bookDepth} levels of each side.
 *
 * <p>Required fields: {@code time} (a whole number) and {@code bids} and {@code asks}, each an array
 * of levels {@code [price, size]}, best first: a price is a positive finite number, a size a positive
 * whole number ({@code 300.0} counts). Bids must be strictly descending in price, asks strictly
 * ascending, and the best bid must be below the best ask. A side may be empty (the spread is then
 * {@code NaN}). Unknown fields are ignored; of a repeated field, the last is used.
 *
 * <p>A snapshot that breaks any of these rules is rejected whole with an
 * {@link ErrorKind#INVALID_ENTRY} error, and the previous book stays the symbol's book; except that
 * under {@link Validation#FLAG} a crossed (or locked) book, readable but implausible, is kept and
 * published after a {@code FlaggedEntry} error. A side may hold
 * at most {@link #maxLevels()} levels ({@link #DEFAULT_MAX_LEVELS} unless given): more is an error,
 * never a silent truncation. The level arrays are allocated at construction, two snapshots of two
 * sides ({@code 64 * maxLevels} bytes: 12.5 KB per symbol by default), so an entry allocates nothing as
 * long as its numbers have at most 15 significant digits (longer ones take the scanner's exact slow
 * path, which allocates).
 *
 * <p>Owned by the shard thread that owns the symbol: {@link #onEntry} and the accessors are called
 * on that thread only (or after the pipeline has terminated).
 */
public final class LevelTwoBook implements Component, BookState
{
    /** The default most levels a side may hold. */
    public static final int DEFAULT_MAX_LEVELS = 200;

    private static final byte[] TIME = ascii("time");
    private static final byte[] BIDS = ascii("bids");
    private static final byte[] ASKS = ascii("asks");

    static final String MISSING_TIME = "missing or non-integer field: time";
    static final String MISSING_BIDS = "missing or non-array field: bids";
    static final String MISSING_ASKS = "missing or non-array field: asks";
    static final String MALFORMED_LEVEL = "malformed level: not a [price, size] pair";
    static final String BAD_PRICE = "malformed level: price is not a positive finite number";
    static final String BAD_SIZE = "malformed level: size is not a positive whole number";
    static final String BIDS_UNSORTED = "unsorted book: bids not descending";
    static final String ASKS_UNSORTED = "unsorted book: asks not ascending";
    static final String CROSSED = "crossed book";
    static final String TOO_MANY_LEVELS = "too many levels on a side";

    private static final boolean BID_SIDE = true;
    private static final boolean ASK_SIDE = false;

    private final int maxLevels;
    private final JsonScanner scanner = new JsonScanner();

    // The book: the last accepted snapshot.
    private double[] bidPrices;
    private long[] bidSizes;
    private double[] askPrices;
    private long[] askSizes;
    private int bidCount;
    private int askCount;
    private long timeMillis;
    private boolean hasBook;

    // The snapshot being read; swapped with the book once it is accepted.
    private double[] nextBidPrices;
    private long[] nextBidSizes;
    private double[] nextAskPrices;
    private long[] nextAskSizes;
    private int nextCount; // levels of the side last read

    /** A book whose sides may hold up to {@link #DEFAULT_MAX_LEVELS} levels. */
    public LevelTwoBook()
    {
        this(DEFAULT_MAX_LEVELS);
    }

    /**
     * A book whose sides may hold up to {@code maxLevels} levels; a snapshot with more is rejected.
     * Allocates {@code 64 * maxLevels} bytes of level arrays, once.
     */
    public LevelTwoBook(final int maxLevels)
    {
        if (maxLevels < 1)
        {
            throw new IllegalArgumentException("maxLevels must be positive: " + maxLevels);
        }
        this.maxLevels = maxLevels;
        bidPrices = new double[maxLevels];
        bidSizes = new long[maxLevels];
        askPrices = new double[maxLevels];
        askSizes = new long[maxLevels];
        nextBidPrices = new double[maxLevels];
        nextBidSizes = new long[maxLevels];
        nextAskPrices = new double[maxLevels];
        nextAskSizes = new long[maxLevels];
    }

    @Override
    public void onEntry(final EntryView entry, final ResultSink out)
    {
        long time = 0;
        boolean seenTime = false;
        int bids = -1;
        int asks = -1;
        while (entry.nextField())
        {
            if (entry.nameEquals(TIME))
            {
                seenTime = entry.isLong();
                time = entry.longValue();
            }
            else if (entry.nameEquals(BIDS))
            {
                bids = -1;
                if (entry.valueType() == EntryView.ValueType.ARRAY)
                {
                    final String problem = readSide(entry, nextBidPrices, nextBidSizes, BID_SIDE);
                    if (problem != null)
                    {
                        out.reject(ErrorKind.INVALID_ENTRY, problem);
                        return;
                    }
                    bids = nextCount;
                }
            }
            else if (entry.nameEquals(ASKS))
            {
                asks = -1;
                if (entry.valueType() == EntryView.ValueType.ARRAY)
                {
                    final String problem = readSide(entry, nextAskPrices, nextAskSizes, ASK_SIDE);
                    if (problem != null)
                    {
                        out.reject(ErrorKind.INVALID_ENTRY, problem);
                        return;
                    }
                    asks = nextCount;
                }
            }
        }

        final String problem = !seenTime ? MISSING_TIME : bids < 0 ? MISSING_BIDS : asks < 0 ? MISSING_ASKS : null;
        if (problem != null)
        {
            out.reject(ErrorKind.INVALID_ENTRY, problem);
            return;
        }
        if (bids > 0 && asks > 0 && nextBidPrices[0] >= nextAskPrices[0])
        {
            // Readable but implausible: a locked or crossed market (real feeds show one for an instant).
            if (out.validation() == Validation.REJECT)
            {
                out.reject(ErrorKind.INVALID_ENTRY, CROSSED);
                return;
            }
            out.flag(CROSSED);
        }
        accept(time, bids, asks);
        out.book(timeMillis, bidPrices, bidSizes, bidCount, askPrices, askSizes, askCount);
    }

    /**
     * Reads the current field's array of levels into {@code prices} and {@code sizes}, checking each
     * level and the side's order; the level count is left in {@code nextCount}.
     *
     * @return {@code null}, or why the side is invalid.
     */
    private String readSide(final EntryView entry, final double[] prices, final long[] sizes, final boolean bidSide)
    {
        final JsonScanner scanner = this.scanner.wrap(entry.buffer(), entry.valueEnd());
        final byte[] buffer = entry.buffer();
        int count = 0;
        int i = scanner.skipWhitespace(entry.valueStart() + 1);
        if (scanner.at(i, ']'))
        {
            nextCount = 0;
            return null;
        }
        while (true)
        {
            if (!scanner.at(i, '['))
            {
                return MALFORMED_LEVEL;
            }
            i = number(buffer, scanner.skipWhitespace(i + 1));
            if (i < 0)
            {
                return MALFORMED_LEVEL;
            }
            final double price = scanner.numberValue();
            i = scanner.skipWhitespace(i);
            if (!scanner.at(i, ','))
            {
                return MALFORMED_LEVEL;
            }
            i = number(buffer, scanner.skipWhitespace(i + 1));
            if (i < 0)
            {
                return MALFORMED_LEVEL;
            }
            final boolean wholeSize = scanner.isLongExact();
            final long size = scanner.longValue();
            i = scanner.skipWhitespace(i);
            if (!scanner.at(i, ']'))
            {
                return MALFORMED_LEVEL;
            }
            if (!(price > 0) || price == Double.POSITIVE_INFINITY)
            {
                return BAD_PRICE;
            }
            if (!wholeSize || size <= 0)
            {
                return BAD_SIZE;
            }
            if (count > 0 && (bidSide ? price >= prices[count - 1] : price <= prices[count - 1]))
            {
                return bidSide ? BIDS_UNSORTED : ASKS_UNSORTED;
            }
            if (count == maxLevels)
            {
                return TOO_MANY_LEVELS;
            }
            prices[count] = price;
            sizes[count] = size;
            count++;
            i = scanner.skipWhitespace(i + 1);
            if (scanner.at(i, ','))
            {
                i = scanner.skipWhitespace(i + 1);
            }
            else if (scanner.at(i, ']'))
            {
                nextCount = count;
                return null;
            }
            else
            {
                return MALFORMED_LEVEL;
            }
        }
    }

    /** Parses the number at {@code position}. @return just past it, or negative if no number is there. */
    private int number(final byte[] buffer, final int position)
    {
        final byte first = buffer[position];
        return first == '-' || (first >= '0' && first <= '9') ? scanner.parseNumber(position) : JsonScanner.INVALID;
    }

    /** Makes the snapshot just read the book, swapping arrays so that nothing is copied or allocated. */
    private void accept(final long time, final int bids, final int asks)
    {
        final double[] bidPrices = this.bidPrices;
        final long[] bidSizes = this.bidSizes;
        final double[] askPrices = this.askPrices;
        final long[] askSizes = this.askSizes;
        this.bidPrices = nextBidPrices;
        this.bidSizes = nextBidSizes;
        this.askPrices = nextAskPrices;
        this.askSizes = nextAskSizes;
        nextBidPrices = bidPrices;
        nextBidSizes = bidSizes;
        nextAskPrices = askPrices;
        nextAskSizes = askSizes;
        bidCount = bids;
        askCount = asks;
        timeMillis = time;
        hasBook = true;
    }

    /** The most levels a side may hold; a snapshot with more is rejected. */
    public int maxLevels()
    {
        return maxLevels;
    }

    /** Whether a snapshot has been accepted yet. */
    @Override
    public boolean hasBook()
    {
        return hasBook;
    }

    /** The time of the book's snapshot, Unix epoch milliseconds (0 before the first). */
    @Override
    public long timeMillis()
    {
        return timeMillis;
    }

    /** Bid levels in the book, all of them (not only the published top). */
    @Override
    public int bidLevels()
    {
        return bidCount;
    }

    /** Ask levels in the book, all of them (not only the published top). */
    @Override
    public int askLevels()
    {
        return askCount;
    }

    /** Price of bid level {@code level} (0 = best). */
    @Override
    public double bidPrice(final int level)
    {
        return bidPrices[checkLevel(level, bidCount)];
    }

    /** Size of bid level {@code level} (0 = best). */
    @Override
    public long bidSize(final int level)
    {
        return bidSizes[checkLevel(level, bidCount)];
    }

    /** Price of ask level {@code level} (0 = best). */
    @Override
    public double askPrice(final int level)
    {
        return askPrices[checkLevel(level, askCount)];
    }

    /** Size of ask level {@code level} (0 = best). */
    @Override
    public long askSize(final int level)
    {
        return askSizes[checkLevel(level, askCount)];
    }

    private static int checkLevel(final int level, final int count)
    {
        if (level < 0 || level >= count)
        {
            throw new IndexOutOfBoundsException(level);
        }
        return level;
    }

    private static byte[] ascii(final String name)
    {
        return name.getBytes(StandardCharsets.US_ASCII);
    }
}
