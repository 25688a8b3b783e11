package io.ringstreamer.worker;

import io.ringstreamer.format.EntryView;
import io.ringstreamer.result.ErrorKind;

import java.nio.charset.StandardCharsets;

/**
 * The {@code LEVELONE_EQUITIES} component: merges each change into the symbol's Level 1 state and
 * publishes the merged state ({@link ResultSink#quote}) after every accepted entry.
 *
 * <p>An entry carries any subset of {@code bid}, {@code ask}, {@code last} (prices), {@code bidSize},
 * {@code askSize}, {@code lastSize}, {@code totalVolume} (sizes) and {@code quoteTime},
 * {@code tradeTime} (epoch milliseconds); a field absent from the entry keeps its last value. A field
 * never received is published as {@code NaN} (prices) or -1 (sizes, volume, times).
 *
 * <p>Every field of an entry is validated before any is applied, so a rejected entry
 * ({@link ErrorKind#INVALID_ENTRY}, a constant reason naming the first bad field) leaves the state
 * exactly as it was. A price must be a finite number above zero; a size, the volume or a time must be
 * a whole number (a JSON number such as {@code 300} or {@code 300.0}) and not negative (-1 is the
 * result's "unknown", so a negative time is rejected too). Any other JSON type ({@code null}, a string)
 * is an error. Unknown fields are ignored, but an entry with no Level 1 field at all is rejected.
 *
 * <p>A crossed quote ({@code bid > ask} after the merge) is published as it is: markets do cross or
 * lock briefly, and a bid and an ask that arrive in separate entries cross for a moment between the
 * two. Neither is the volume checked for going down (a feed may restate it).
 *
 * <p>Its state is readable by the symbol's other components, as a {@link LevelOneState}
 * ({@link EntryContext#levelOne()}).
 *
 * <p>Called only by the shard thread that owns the symbol; allocates nothing.
 */
public final class LevelOneQuotes implements Component, LevelOneState
{
    static final int BID = 0;
    static final int ASK = 1;
    static final int LAST = 2;
    static final int BID_SIZE = 3;
    static final int ASK_SIZE = 4;
    static final int LAST_SIZE = 5;
    static final int TOTAL_VOLUME = 6;
    static final int QUOTE_TIME = 7;
    static final int TRADE_TIME = 8;
    private static final int UNKNOWN = -1;

    /** The field names, indexed by {@link #BID} to {@link #TRADE_TIME}. */
    static final String[] NAMES =
        {"bid", "ask", "last", "bidSize", "askSize", "lastSize", "totalVolume", "quoteTime", "tradeTime"};
    private static final byte[][] NAME_BYTES = ascii(NAMES);

    static final String NO_FIELD = "no Level 1 field";
    /** A field of another JSON type than a number, by field. */
    static final String[] NOT_A_NUMBER = reasons("non-numeric field: ", "");
    /** A price that is zero, negative or infinite ({@link #BID}, {@link #ASK}, {@link #LAST}). */
    static final String[] NOT_A_PRICE = reasons("", " is not a positive finite number");
    /** A size, volume or time with a fraction, or too large for a long. */
    static final String[] NOT_WHOLE = reasons("", " is not a whole number");
    /** A negative size, volume or time. */
    static final String[] NEGATIVE = reasons("", " is negative");

    private double bid = Double.NaN;
    private double ask = Double.NaN;
    private double last = Double.NaN;
    private long bidSize = -1;
    private long askSize = -1;
    private long lastSize = -1;
    private long totalVolume = -1;
    private long quoteTime = -1;
    private long tradeTime = -1;

    /** One symbol's quote component, every field unknown until its first entry; the pipeline makes one per symbol. */
    public LevelOneQuotes()
    {
    }

    @Override
    public void onEntry(final EntryView entry, final ResultSink out)
    {
        // The merge happens in locals; the state is written only once the whole entry is valid.
        double bid = this.bid;
        double ask = this.ask;
        double last = this.last;
        long bidSize = this.bidSize;
        long askSize = this.askSize;
        long lastSize = this.lastSize;
        long totalVolume = this.totalVolume;
        long quoteTime = this.quoteTime;
        long tradeTime = this.tradeTime;
        boolean known = false;
        while (entry.nextField())
        {
            final int field = field(entry);
            if (field == UNKNOWN)
            {
                continue;
            }
            known = true;
            if (entry.valueType() != EntryView.ValueType.NUMBER)
            {
                out.reject(ErrorKind.INVALID_ENTRY, NOT_A_NUMBER[field]);
                return;
            }
            if (field <= LAST)
            {
                final double price = entry.doubleValue();
                if (!(price > 0) || price == Double.POSITIVE_INFINITY)
                {
                    out.reject(ErrorKind.INVALID_ENTRY, NOT_A_PRICE[field]);
                    return;
                }
                if (field == BID)
                {
                    bid = price;
                }
                else if (field == ASK)
                {
                    ask = price;
                }
                else
                {
                    last = price;
                }
                continue;
            }
            if (!entry.isLong())
            {
                out.reject(ErrorKind.INVALID_ENTRY, NOT_WHOLE[field]);
                return;
            }
            final long value = entry.longValue();
            if (value < 0)
            {
                out.reject(ErrorKind.INVALID_ENTRY, NEGATIVE[field]);
                return;
            }
            switch (field)
            {
                case BID_SIZE:
                    bidSize = value;
                    break;
                case ASK_SIZE:
                    askSize = value;
                    break;
                case LAST_SIZE:
                    lastSize = value;
                    break;
                case TOTAL_VOLUME:
                    totalVolume = value;
                    break;
                case QUOTE_TIME:
                    quoteTime = value;
                    break;
                default:
                    tradeTime = value;
                    break;
            }
        }
        if (!known)
        {
            out.reject(ErrorKind.INVALID_ENTRY, NO_FIELD);
            return;
        }

        this.bid = bid;
        this.ask = ask;
        this.last = last;
        this.bidSize = bidSize;
        this.askSize = askSize;
        this.lastSize = lastSize;
        this.totalVolume = totalVolume;
        this.quoteTime = quoteTime;
        this.tradeTime = tradeTime;
        out.quote(bid, ask, last, bidSize, askSize, lastSize, totalVolume, quoteTime, tradeTime);
    }

    @Override
    public double bid()
    {
        return bid;
    }

    @Override
    public double ask()
    {
        return ask;
    }

    @Override
    public double last()
    {
        return last;
    }

    @Override
    public long bidSize()
    {
        return bidSize;
    }

    @Override
    public long askSize()
    {
        return askSize;
    }

    @Override
    public long lastSize()
    {
        return lastSize;
    }

    @Override
    public long totalVolume()
    {
        return totalVolume;
    }

    @Override
    public long quoteTimeMillis()
    {
        return quoteTime;
    }

    @Override
    public long tradeTimeMillis()
    {
        return tradeTime;
    }

    private static int field(final EntryView entry)
    {
        for (int field = 0; field < NAME_BYTES.length; field++)
        {
            if (entry.nameEquals(NAME_BYTES[field]))
            {
                return field;
            }
        }
        return UNKNOWN;
    }

    private static String[] reasons(final String prefix, final String suffix)
    {
        final String[] reasons = new String[NAMES.length];
        for (int field = 0; field < NAMES.length; field++)
        {
            reasons[field] = prefix + NAMES[field] + suffix;
        }
        return reasons;
    }

    private static byte[][] ascii(final String[] names)
    {
        final byte[][] bytes = new byte[names.length][];
        for (int i = 0; i < names.length; i++)
        {
            bytes[i] = names[i].getBytes(StandardCharsets.US_ASCII);
        }
        return bytes;
    }
}
