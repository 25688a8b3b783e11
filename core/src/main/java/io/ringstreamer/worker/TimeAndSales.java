package io.ringstreamer.worker;

import io.ringstreamer.format.EntryView;
import io.ringstreamer.result.ErrorKind;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The {@code TIMESALE_EQUITY} component: validates each trade print and publishes it
 * ({@link ResultSink#trade}) with the symbol's session statistics after it: volume, VWAP and number
 * of prints.
 *
 * <p>Required fields: {@code time} (epoch milliseconds) and {@code seq} (whole numbers), {@code price}
 * (a finite number above zero) and {@code size} (a whole number above zero). A print is rejected
 * ({@link ErrorKind#INVALID_ENTRY}, alone, leaving the session as it was) if a field is missing, of the
 * wrong type or out of range. Unknown fields are ignored.
 *
 * <p>Sequence: a print whose {@code seq} is not greater than the last accepted one is rejected and
 * left out of the session: "duplicate print: seq repeated" if equal (a feed replaying a print),
 * "out-of-sequence print: seq went back" if lower. Under {@link Validation#FLAG} an out-of-sequence
 * print (a late print, real but reported late) is counted in the session and published after a
 * {@code FlaggedEntry} error; a duplicate is always rejected, since counting it would add its volume
 * twice. A gap (a {@code seq} more than one above the last)
 * is accepted: the missing prints are simply not counted. The order of {@code time} within a session is
 * not checked; {@code seq} decides.
 *
 * <p>Session: a New York trading day, the {@code America/New_York} calendar date of {@code time}. The
 * first print of a later day starts a new session: volume, VWAP, print count and the last {@code seq}
 * are reset (feeds restart their sequence daily). A print dated before the current session's day is
 * rejected ("print from an earlier session") rather than restarting the old day and losing today's
 * totals. The day's bounds (two New York midnights, 23 or 25 hours apart on daylight-saving days) are
 * computed with {@code java.time}, which allocates, only when a print falls after the current day, so
 * once a day; every other print compares its time with two longs.
 *
 * <p>VWAP precision: the session's {@code sum(price * size)} is kept in a double with compensated
 * (Neumaier) summation, so its relative error stays within a few units of 2<sup>-53</sup>
 * (about 10<sup>-16</sup>) however many prints a session has, where a plain sum's bound grows with
 * their number; the VWAP is that sum divided by the volume (a long). Each {@code price} is the double
 * nearest the decimal received, which adds at most another 2<sup>-53</sup>.
 *
 * <p>Called only by the shard thread that owns the symbol; allocates nothing per print.
 */
public final class TimeAndSales implements Component
{
    private static final byte[] TIME = ascii("time");
    private static final byte[] PRICE = ascii("price");
    private static final byte[] SIZE = ascii("size");
    private static final byte[] SEQ = ascii("seq");

    private static final int HAS_TIME = 1;
    private static final int HAS_PRICE = 2;
    private static final int HAS_SIZE = 4;
    private static final int HAS_SEQ = 8;
    private static final int HAS_ALL = 15;

    /** The zone whose calendar date delimits a session. */
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    static final String MISSING_TIME = "missing or non-integer field: time";
    static final String MISSING_PRICE = "missing or non-numeric field: price";
    static final String MISSING_SIZE = "missing or non-integer field: size";
    static final String MISSING_SEQ = "missing or non-integer field: seq";
    static final String NOT_A_PRICE = "price is not a positive finite number";
    static final String NOT_A_SIZE = "size is not positive";
    static final String OUT_OF_SEQUENCE = "out-of-sequence print: seq went back";
    static final String DUPLICATE = "duplicate print: seq repeated";
    static final String EARLIER_SESSION = "print from an earlier session: time is before the current New York day";

    // The current session: [sessionStart, nextSessionStart) in epoch milliseconds, empty until the first print.
    private long sessionStart = Long.MIN_VALUE;
    private long nextSessionStart = Long.MIN_VALUE;
    private boolean hasSequence;
    private long lastSequence;
    private long volume;
    private double notional;
    private double notionalCompensation;
    private long tradeCount;

    /** One symbol's trade component, before its first session; the pipeline makes one per symbol. */
    public TimeAndSales()
    {
    }

    @Override
    public void onEntry(final EntryView entry, final ResultSink out)
    {
        long time = 0;
        double price = 0;
        long size = 0;
        long seq = 0;
        int seen = 0;
        while (entry.nextField())
        {
            if (entry.nameEquals(TIME))
            {
                seen &= ~HAS_TIME;
                if (entry.isLong())
                {
                    time = entry.longValue();
                    seen |= HAS_TIME;
                }
            }
            else if (entry.nameEquals(PRICE))
            {
                seen &= ~HAS_PRICE;
                if (entry.valueType() == EntryView.ValueType.NUMBER)
                {
                    price = entry.doubleValue();
                    seen |= HAS_PRICE;
                }
            }
            else if (entry.nameEquals(SIZE))
            {
                seen &= ~HAS_SIZE;
                if (entry.isLong())
                {
                    size = entry.longValue();
                    seen |= HAS_SIZE;
                }
            }
            else if (entry.nameEquals(SEQ))
            {
                seen &= ~HAS_SEQ;
                if (entry.isLong())
                {
                    seq = entry.longValue();
                    seen |= HAS_SEQ;
                }
            }
        }

        final String problem = seen != HAS_ALL ? missing(seen) : invalid(time, price, size, seq);
        final boolean late = problem == OUT_OF_SEQUENCE && out.validation() == Validation.FLAG;
        if (problem != null && !late)
        {
            out.reject(ErrorKind.INVALID_ENTRY, problem);
            return;
        }
        if (late)
        {
            out.flag(problem); // a late print: counted once; the last seq stays the highest seen
        }
        if (time >= nextSessionStart)
        {
            startSession(time);
        }

        volume += size;
        add(price * size);
        tradeCount++;
        if (!late)
        {
            hasSequence = true;
            lastSequence = seq;
        }
        out.trade(time, price, size, seq, volume, (notional + notionalCompensation) / volume, tradeCount);
    }

    private String invalid(final long time, final double price, final long size, final long seq)
    {
        if (!(price > 0) || price == Double.POSITIVE_INFINITY)
        {
            return NOT_A_PRICE;
        }
        if (size <= 0)
        {
            return NOT_A_SIZE;
        }
        if (time < sessionStart)
        {
            return EARLIER_SESSION;
        }
        if (hasSequence && time < nextSessionStart && seq <= lastSequence)
        {
            return seq == lastSequence ? DUPLICATE : OUT_OF_SEQUENCE;
        }
        return null;
    }

    /** Neumaier's compensated sum: the low-order bits each addition loses are kept apart and added back. */
    private void add(final double value)
    {
        final double sum = notional + value;
        if (Math.abs(notional) >= Math.abs(value))
        {
            notionalCompensation += (notional - sum) + value;
        }
        else
        {
            notionalCompensation += (value - sum) + notional;
        }
        notional = sum;
    }

    /** A print of a later New York day: the day's bounds, then an empty session. Allocates, once a day. */
    private void startSession(final long time)
    {
        final LocalDate day = Instant.ofEpochMilli(time).atZone(NEW_YORK).toLocalDate();
        sessionStart = day.atStartOfDay(NEW_YORK).toInstant().toEpochMilli();
        nextSessionStart = day.plusDays(1).atStartOfDay(NEW_YORK).toInstant().toEpochMilli();
        hasSequence = false;
        volume = 0;
        notional = 0;
        notionalCompensation = 0;
        tradeCount = 0;
    }

    private static String missing(final int seen)
    {
        if ((seen & HAS_TIME) == 0)
        {
            return MISSING_TIME;
        }
        if ((seen & HAS_PRICE) == 0)
        {
            return MISSING_PRICE;
        }
        return (seen & HAS_SIZE) == 0 ? MISSING_SIZE : MISSING_SEQ;
    }

    private static byte[] ascii(final String name)
    {
        return name.getBytes(StandardCharsets.US_ASCII);
    }
}
