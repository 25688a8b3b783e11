package io.ringstreamer.worker;

import io.ringstreamer.format.EntryView;

import java.nio.charset.StandardCharsets;

/**
 * Reads and validates one {@code CHART_EQUITY} entry (a completed 1-minute bar) into its fields: the
 * one routine shared by every component that consumes 1-minute bars, so that they all accept exactly
 * the same bars.
 *
 * <p>Required fields: {@code open}, {@code high}, {@code low}, {@code close} (numbers),
 * {@code volume} and {@code datetime} (whole numbers). A bar is invalid if a field is missing or of
 * the wrong type, if a price is not positive, if the volume is negative, or if
 * {@code low <= open, close <= high} does not hold. It is unusable (rejected under every
 * {@link Validation} mode) if a field is missing or mistyped, or if it starts before 1990, more than
 * {@link #MAX_AHEAD_OF_MESSAGE_MILLIS} after its message's timestamp while more than
 * {@link #MAX_STEP_MILLIS} past the symbol's last bar (or being its first), or more than
 * {@link #MAX_AHEAD_OF_CLOCK_MILLIS} ahead of the wall clock while leaping more than
 * {@link #MAX_LEAP_MILLIS} past the symbol's last bar (or being its first). It is implausible if its volume is absurd, if it
 * does not start after the symbol's last accepted bar (a duplicate, or out of order), or if its close
 * jumped tenfold. Unknown fields are ignored.
 *
 * <p>A component of your own that consumes 1-minute bars reads them with its own instance and
 * {@link #take}: it then takes exactly the bars {@link OneMinuteBars} publishes (every component of a
 * service is called for every entry, including one an earlier component rejected), and skips the rest,
 * which {@link OneMinuteBars} reports.
 *
 * <pre>{@code
 * private final BarReader bar = new BarReader();
 *
 * public void onEntry(EntryView entry, ResultSink out) {
 *     if (!bar.take(entry, out.validation())) {
 *         return; // rejected: OneMinuteBars reports it
 *     }
 *     use(bar.close());
 * }
 * }</pre>
 *
 * <p>A flyweight: one instance per component, used only by the shard thread that owns the symbol;
 * it holds the last bar read and the symbol's last accepted bar. Allocates nothing.
 */
public final class BarReader
{
    private static final byte[] OPEN = ascii("open");
    private static final byte[] HIGH = ascii("high");
    private static final byte[] LOW = ascii("low");
    private static final byte[] CLOSE = ascii("close");
    private static final byte[] VOLUME = ascii("volume");
    private static final byte[] DATETIME = ascii("datetime");

    private static final int HAS_OPEN = 1;
    private static final int HAS_HIGH = 2;
    private static final int HAS_LOW = 4;
    private static final int HAS_CLOSE = 8;
    private static final int HAS_VOLUME = 16;
    private static final int HAS_DATETIME = 32;
    private static final int HAS_ALL = 63;

    static final String MISSING_OPEN = "missing or non-numeric field: open";
    static final String MISSING_HIGH = "missing or non-numeric field: high";
    static final String MISSING_LOW = "missing or non-numeric field: low";
    static final String MISSING_CLOSE = "missing or non-numeric field: close";
    static final String MISSING_VOLUME = "missing or non-integer field: volume";
    static final String MISSING_DATETIME = "missing or non-integer field: datetime";
    static final String NON_POSITIVE_PRICE = "price is not a positive finite number";
    static final String NEGATIVE_VOLUME = "volume is negative";
    static final String HIGH_BELOW_LOW = "high is below low";
    static final String OPEN_OUTSIDE_RANGE = "open is outside [low, high]";
    static final String CLOSE_OUTSIDE_RANGE = "close is outside [low, high]";
    static final String PRICE_JUMP = "price jump: close more than 10 times, or under a tenth of, the last close";
    static final String ABSURD_VOLUME = "absurd volume: more than 10^12";
    static final String DUPLICATE_BAR = "duplicate bar: same start time as the symbol's last bar";
    static final String OUT_OF_ORDER = "bar out of order: starts before the symbol's last bar";
    static final String BEFORE_1990 = "bar time before 1990";
    static final String AHEAD_OF_MESSAGE = "bar time more than 5 minutes after its message's timestamp, not within an hour of the symbol's last bar";
    static final String AHEAD_OF_CLOCK = "bar time more than a day ahead of the clock, not within a week of the symbol's last bar";

    /** A close this many times the last (or a last this many times the close) is not believed. */
    static final double MAX_JUMP = 10;
    /** No 1-minute bar of a real instrument trades more shares than this. */
    static final long MAX_VOLUME = 1_000_000_000_000L;
    /** 1990-01-01T00:00:00Z: no feed we read sends older bars; an older time is a unit or parsing error. */
    static final long EARLIEST_BAR_MILLIS = 631_152_000_000L;
    /**
     * How far a bar may start after its message's timestamp, if it also leaps more than
     * {@link #MAX_STEP_MILLIS} past the symbol's last bar: a bar is sent once it is complete, so it
     * starts before its message; this allows for clocks a few minutes apart.
     */
    static final long MAX_AHEAD_OF_MESSAGE_MILLIS = 5 * 60_000L;
    /**
     * A bar ahead of its message is still taken if it starts within an hour of the symbol's last bar: a
     * feed whose bars run on faster than its clock (a simulated exchange) is a feed; a bar that jumps
     * hours or years ahead of both its message and its symbol is not.
     */
    static final long MAX_STEP_MILLIS = 60 * 60_000L;
    /**
     * How far a bar may start after the wall clock when it is read, if it also leaps more than
     * {@link #MAX_LEAP_MILLIS} past the symbol's last bar: a day allows for a misset host clock, and
     * catches a bar whose message takes its time from the bar itself (Alpaca's).
     */
    static final long MAX_AHEAD_OF_CLOCK_MILLIS = 24 * 60 * 60_000L;
    /**
     * A bar ahead of the clock is still taken if it starts within a week (longer than any market
     * closure) of the symbol's last bar: a synthetic or cycled feed that runs ahead of the clock minute by
     * minute is a feed, one bar that leaps years ahead is not.
     */
    static final long MAX_LEAP_MILLIS = 7 * 24 * 60 * 60_000L;

    double open;
    double high;
    double low;
    double close;
    long volume;
    /** The bar's start, Unix epoch milliseconds. */
    long datetime;
    /**
     * Whether the last {@link #read} failed a check that no {@link Validation} mode overrides, so there
     * is nothing to publish: a field missing or mistyped, or a start time that cannot be right.
     */
    boolean unusable;

    // The symbol's last accepted bar, for the jump and order checks.
    private boolean started;
    private double lastClose;
    private long lastDatetime;
    // The wall clock as last read; read again only for a bar that looks ahead of it.
    private long clockMillis;

    /** A reader with no last bar yet: keep one per symbol, as a component does. */
    public BarReader()
    {
    }

    /**
     * Reads {@code entry} and decides as {@link OneMinuteBars} does: a bar it publishes (a valid one, or
     * under {@link Validation#FLAG} a flagged one that is usable) is taken as the symbol's last bar and
     * its values are readable until the next call.
     *
     * @param validation the pipeline's mode, {@link ResultSink#validation()}.
     * @return whether the bar is taken; {@code false} for a bar {@link OneMinuteBars} rejects.
     */
    public boolean take(final EntryView entry, final Validation validation)
    {
        final String problem = read(entry);
        if (problem != null && (unusable || validation == Validation.REJECT))
        {
            return false;
        }
        accept();
        return true;
    }

    /** The last bar's open. */
    public double open()
    {
        return open;
    }

    /** The last bar's high. */
    public double high()
    {
        return high;
    }

    /** The last bar's low. */
    public double low()
    {
        return low;
    }

    /** The last bar's close. */
    public double close()
    {
        return close;
    }

    /** The last bar's volume. */
    public long volume()
    {
        return volume;
    }

    /** The last bar's start, Unix epoch milliseconds. */
    public long startMillis()
    {
        return datetime;
    }

    /**
     * Reads {@code entry} from its first field into this reader's fields.
     *
     * @return {@code null} if the bar is valid, otherwise the reason it is not (a constant).
     */
    String read(final EntryView entry)
    {
        double open = 0;
        double high = 0;
        double low = 0;
        double close = 0;
        long volume = 0;
        long datetime = 0;
        int seen = 0;
        while (entry.nextField())
        {
            if (entry.valueType() != EntryView.ValueType.NUMBER)
            {
                continue;
            }
            if (entry.nameEquals(OPEN))
            {
                open = entry.doubleValue();
                seen |= HAS_OPEN;
            }
            else if (entry.nameEquals(HIGH))
            {
                high = entry.doubleValue();
                seen |= HAS_HIGH;
            }
            else if (entry.nameEquals(LOW))
            {
                low = entry.doubleValue();
                seen |= HAS_LOW;
            }
            else if (entry.nameEquals(CLOSE))
            {
                close = entry.doubleValue();
                seen |= HAS_CLOSE;
            }
            else if (entry.nameEquals(VOLUME) && entry.isLong())
            {
                volume = entry.longValue();
                seen |= HAS_VOLUME;
            }
            else if (entry.nameEquals(DATETIME) && entry.isLong())
            {
                datetime = entry.longValue();
                seen |= HAS_DATETIME;
            }
        }
        this.open = open;
        this.high = high;
        this.low = low;
        this.close = close;
        this.volume = volume;
        this.datetime = datetime;
        this.unusable = seen != HAS_ALL;
        if (unusable)
        {
            return missing(seen);
        }
        final String impossible = impossibleTime(datetime, entry.messageTimestamp());
        if (impossible != null)
        {
            unusable = true;
            return impossible;
        }
        final String invalid = invalid(open, high, low, close, volume);
        return invalid != null ? invalid : implausible();
    }

    /** Records the bar just read as the symbol's last accepted one. */
    void accept()
    {
        lastClose = close;
        lastDatetime = started ? Math.max(lastDatetime, datetime) : datetime;
        started = true;
    }

    /**
     * Checks the bar's start against the calendar, its message's timestamp (when that is itself after
     * 1990; for a bar more than an hour past the symbol's last one, or its first) and the wall clock (for
     * a bar more than a week past the symbol's last one, or its first). Such a bar is never accepted: one bar stamped years ahead would make every later bar of
     * the symbol look out of order.
     */
    private String impossibleTime(final long datetime, final long messageTimestamp)
    {
        if (datetime < EARLIEST_BAR_MILLIS)
        {
            return BEFORE_1990;
        }
        if (messageTimestamp >= EARLIEST_BAR_MILLIS && datetime - messageTimestamp > MAX_AHEAD_OF_MESSAGE_MILLIS &&
            (!started || datetime - lastDatetime > MAX_STEP_MILLIS))
        {
            return AHEAD_OF_MESSAGE;
        }
        if (datetime - clockMillis > MAX_AHEAD_OF_CLOCK_MILLIS && (!started || datetime - lastDatetime > MAX_LEAP_MILLIS))
        {
            clockMillis = System.currentTimeMillis();
            if (datetime - clockMillis > MAX_AHEAD_OF_CLOCK_MILLIS)
            {
                return AHEAD_OF_CLOCK;
            }
        }
        return null;
    }

    /** Checks the bar's values against what a real instrument can print, and the symbol's last close. */
    private String implausible()
    {
        if (volume > MAX_VOLUME)
        {
            return ABSURD_VOLUME;
        }
        if (started && datetime <= lastDatetime)
        {
            return datetime == lastDatetime ? DUPLICATE_BAR : OUT_OF_ORDER;
        }
        if (started && (close > lastClose * MAX_JUMP || close * MAX_JUMP < lastClose))
        {
            return PRICE_JUMP;
        }
        return null;
    }

    private static String missing(final int seen)
    {
        if ((seen & HAS_OPEN) == 0)
        {
            return MISSING_OPEN;
        }
        if ((seen & HAS_HIGH) == 0)
        {
            return MISSING_HIGH;
        }
        if ((seen & HAS_LOW) == 0)
        {
            return MISSING_LOW;
        }
        if ((seen & HAS_CLOSE) == 0)
        {
            return MISSING_CLOSE;
        }
        return (seen & HAS_VOLUME) == 0 ? MISSING_VOLUME : MISSING_DATETIME;
    }

    private static String invalid(
        final double open, final double high, final double low, final double close, final long volume)
    {
        if (!(open > 0 && high > 0 && low > 0 && close > 0) ||
            Double.isInfinite(high) || Double.isInfinite(open) || Double.isInfinite(close))
        {
            return NON_POSITIVE_PRICE;
        }
        if (volume < 0)
        {
            return NEGATIVE_VOLUME;
        }
        if (high < low)
        {
            return HIGH_BELOW_LOW;
        }
        if (open < low || open > high)
        {
            return OPEN_OUTSIDE_RANGE;
        }
        if (close < low || close > high)
        {
            return CLOSE_OUTSIDE_RANGE;
        }
        return null;
    }

    private static byte[] ascii(final String name)
    {
        return name.getBytes(StandardCharsets.US_ASCII);
    }
}
