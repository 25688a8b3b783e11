package io.ringstreamer.worker;

import io.ringstreamer.format.EntryView;

/**
 * A {@code CHART_EQUITY} component that aggregates one symbol's 1-minute bars into N-minute bars,
 * for one or more N at once, each aligned to the New York clock; published through
 * {@link ResultSink#aggregateBar} (the listener's {@code onAggregateBar}).
 *
 * <p>An N-minute bar: {@code open} is the first 1-minute bar's open, {@code high} the highest high,
 * {@code low} the lowest low, {@code close} the last 1-minute bar's close, {@code volume} the sum of
 * the volumes, and {@code minuteCount} the number of 1-minute bars it holds.
 *
 * <p><b>Windows.</b> A 1-minute bar belongs to the window that starts at its {@code datetime} (the bar's
 * start) floored to a multiple of N minutes on the America/New_York wall clock, so 60-minute windows
 * start on the hour and 15-minute windows at :00, :15, :30 and :45 in New York. The floor is taken on
 * Unix epoch time, which gives the same instant: New York's offset from UTC (-5 h, or -4 h in summer)
 * has been a whole number of hours since the zone adopted standard time in 1883, and N divides 60, so
 * every offset is a whole number of windows. On the night clocks go back, 01:00 to 02:00 happens twice
 * and each occurrence has its own windows.
 *
 * <p><b>When a bar is published.</b> A window is published, {@code partial = false}, when a 1-minute
 * bar of a later window arrives (which then opens its own window); so the last window of a session is
 * published when the next session's first bar arrives. At the end of the stream each open window is
 * flushed with {@code partial = true}, whether or not it holds N minutes. A closed window is published
 * right after the 1-minute bar that closed it (when {@link OneMinuteBars} runs first, as it does with
 * {@code Pipeline.Builder.aggregateBars}); windows closed by the same bar come in the order the
 * lengths were given.
 *
 * <p><b>Gaps and bad input.</b> Missing minutes are tolerated: a window with gaps still closes, with
 * {@code minuteCount < N}, and windows with no bar at all are not published. A bar that is invalid
 * (the rules of {@link OneMinuteBars}) is skipped silently: {@link OneMinuteBars}, which runs first by
 * default, has already rejected it, so it is reported once. A bar that does not start later than the
 * last bar taken (a repeat, or out of order) is skipped too: counting it would add its volume twice
 * or make a stale close the window's close. This component reports nothing: ordering problems are
 * the 1-minute component's to report ({@link OneMinuteBars} publishes such bars as they come).
 *
 * <p>One instance per symbol; called only by the shard thread that owns the symbol. Per entry: one
 * walk of the entry's fields (as {@link OneMinuteBars} does) and a few arithmetic operations per
 * length; at most one result per length. All state is in primitive arrays sized at construction:
 * nothing is allocated per entry.
 */
public final class NMinuteBars implements Component
{
    /** The length used when none is given. */
    public static final int DEFAULT_MINUTES = 5;

    private static final long MINUTE_MILLIS = 60_000L;

    private final BarReader bar = new BarReader();
    private final int[] minutes;
    private final long[] windowMillis;
    private final long[] windowStart;
    private final double[] open;
    private final double[] high;
    private final double[] low;
    private final double[] close;
    private final long[] volume;
    private final int[] minuteCount;
    private boolean started;
    private long lastBarStart;

    /**
     * @param minutes the window lengths N, each a divisor of 60 (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30
     *                or 60), each at most once; none means {@link #DEFAULT_MINUTES}.
     * @throws IllegalArgumentException if a length does not divide 60 or is given twice.
     */
    public NMinuteBars(final int... minutes)
    {
        this.minutes = minutes.length == 0 ? new int[] {DEFAULT_MINUTES} : minutes.clone();
        final int count = this.minutes.length;
        this.windowMillis = new long[count];
        for (int i = 0; i < count; i++)
        {
            final int n = this.minutes[i];
            if (n < 1 || n > 60 || 60 % n != 0)
            {
                throw new IllegalArgumentException(
                    "minutes must divide 60 (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 or 60): " + n);
            }
            for (int j = 0; j < i; j++)
            {
                if (this.minutes[j] == n)
                {
                    throw new IllegalArgumentException("minutes given twice: " + n);
                }
            }
            windowMillis[i] = n * MINUTE_MILLIS;
        }
        this.windowStart = new long[count];
        this.open = new double[count];
        this.high = new double[count];
        this.low = new double[count];
        this.close = new double[count];
        this.volume = new long[count];
        this.minuteCount = new int[count];
    }

    @Override
    public void onEntry(final EntryView entry, final ResultSink out)
    {
        final BarReader bar = this.bar;
        final String problem = bar.read(entry);
        if (problem != null && (bar.unusable || out.validation() == Validation.REJECT) ||
            started && bar.datetime <= lastBarStart)
        {
            return; // OneMinuteBars reports it; a flagged bar out of order still cannot join a closed window
        }
        bar.accept();
        final long barStart = bar.datetime;
        for (int i = 0; i < minutes.length; i++)
        {
            final long window = barStart - Math.floorMod(barStart, windowMillis[i]);
            if (started && window == windowStart[i])
            {
                high[i] = Math.max(high[i], bar.high);
                low[i] = Math.min(low[i], bar.low);
                close[i] = bar.close;
                volume[i] += bar.volume;
                minuteCount[i]++;
                continue;
            }
            if (started)
            {
                publish(i, false, out);
            }
            windowStart[i] = window;
            open[i] = bar.open;
            high[i] = bar.high;
            low[i] = bar.low;
            close[i] = bar.close;
            volume[i] = bar.volume;
            minuteCount[i] = 1;
        }
        started = true;
        lastBarStart = barStart;
    }

    /** Flushes every open window, {@code partial = true}. */
    @Override
    public void onEndOfStream(final ResultSink out)
    {
        if (!started)
        {
            return;
        }
        for (int i = 0; i < minutes.length; i++)
        {
            publish(i, true, out);
        }
        started = false;
    }

    private void publish(final int i, final boolean partial, final ResultSink out)
    {
        out.aggregateBar(minutes[i], open[i], high[i], low[i], close[i], volume[i], windowStart[i], minuteCount[i],
            partial);
    }
}
