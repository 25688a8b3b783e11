package io.ringstreamer.worker;

import io.ringstreamer.Pipeline;
import io.ringstreamer.format.CanonicalDecoder;
import io.ringstreamer.format.EntryView;
import io.ringstreamer.result.AggregateBar;
import io.ringstreamer.result.Bar;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.StreamError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import static io.ringstreamer.worker.AggregateBarsRun.bar;
import static io.ringstreamer.worker.AggregateBarsRun.message;
import static io.ringstreamer.worker.AggregateBarsRun.newYork;
import static io.ringstreamer.worker.AggregateBarsRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** N-minute bars through a real pipeline: when windows close, what they hold, and what is left out. */
@Timeout(60)
class NMinuteBarsTest
{
    private static final long MINUTE = 60_000L;
    private static final long OPEN_930 = newYork(2019, 2, 11, 9, 30);
    private static final List<String> SYMBOLS = List.of("A", "B");

    /** One message per minute from 09:30, with a bar for A at each of {@code minutes} (after 09:30). */
    private static List<byte[]> minutesOfA(final int... minutes)
    {
        final List<byte[]> messages = new ArrayList<>();
        for (final int m : minutes)
        {
            final double open = 100 + m;
            messages.add(message(OPEN_930 + (m + 1) * MINUTE,
                bar("A", open, open + 0.5, open - 0.25, open + 0.25, 1000 + m, OPEN_930 + m * MINUTE)));
        }
        return messages;
    }

    private static AggregateBar aggregate(final int minutes, final int first, final int last, final long volume,
                                          final int windowStart, final int minuteCount, final boolean partial,
                                          final long sequence)
    {
        return new AggregateBar("A", minutes, 100 + first, 100 + last + 0.5, 100 + first - 0.25, 100 + last + 0.25,
            volume, OPEN_930 + windowStart * MINUTE, minuteCount, partial, sequence);
    }

    @Test
    void shouldPublishAWindowWhenABarOfALaterWindowArrives() throws Exception
    {
        final AggregateBarsRun run = run(SYMBOLS, 2, minutesOfA(0, 1, 2, 3, 4, 5), 5);

        assertEquals(List.of(), run.errors);
        assertEquals(List.of(
            aggregate(5, 0, 4, 1000 + 1001 + 1002 + 1003 + 1004, 0, 5, false, 5),
            aggregate(5, 5, 5, 1005, 5, 1, true, 6)), run.aggregateBars);
        final Object closing = run.all.get(run.all.indexOf(run.aggregateBars.get(0)) - 1);
        assertEquals(OPEN_930 + 5 * MINUTE, ((Bar)closing).barStartMillis(), "published after the bar that closed it");
    }

    @Test
    void shouldCountOnlyThePresentMinutesWhenAWindowHasGaps() throws Exception
    {
        final AggregateBarsRun run = run(SYMBOLS, 2, minutesOfA(0, 2, 4, 11, 13), 5);

        assertEquals(List.of(
            aggregate(5, 0, 4, 1000 + 1002 + 1004, 0, 3, false, 3),
            aggregate(5, 11, 13, 1011 + 1013, 10, 2, true, 5)), run.aggregateBars,
            "the empty 09:35 window is not published");
    }

    @Test
    void shouldFlushAPartialBarMarkedPartialWhenTheStreamEnds() throws Exception
    {
        final AggregateBarsRun full = run(SYMBOLS, 2, minutesOfA(5, 6, 7, 8, 9), 5);
        assertEquals(List.of(aggregate(5, 5, 9, 1005 + 1006 + 1007 + 1008 + 1009, 5, 5, true, 5)), full.aggregateBars,
            "flushed, not closed: partial even with every minute; stamped with the end of the stream");

        final AggregateBarsRun fewer = run(SYMBOLS, 1, minutesOfA(0, 1, 2, 3), 5);
        assertEquals(List.of(aggregate(5, 0, 3, 1000 + 1001 + 1002 + 1003, 0, 4, true, 4)), fewer.aggregateBars);

        final AggregateBarsRun none = run(SYMBOLS, 2, List.of(message(1, bar("B", 1, 2, 1, 2, 10, OPEN_930))), 5);
        assertEquals(List.of(new AggregateBar("B", 5, 1, 2, 1, 2, 10, OPEN_930, 1, true, 1)), none.aggregateBars,
            "a symbol without bars (A) publishes nothing");
    }

    @Test
    void shouldPublishEveryLengthInTheOrderGivenWhenSeveralAreAskedAtOnce() throws Exception
    {
        final int[] minutes = new int[20];
        for (int m = 0; m < minutes.length; m++)
        {
            minutes[m] = m;
        }
        final AggregateBarsRun run = run(SYMBOLS, 2, minutesOfA(minutes), 15, 5);

        assertEquals(List.of(
            aggregate(5, 0, 4, 5010, 0, 5, false, 5),
            aggregate(5, 5, 9, 5035, 5, 5, false, 10),
            aggregate(15, 0, 14, 15105, 0, 15, false, 15),
            aggregate(5, 10, 14, 5060, 10, 5, false, 15),
            aggregate(15, 15, 19, 5085, 15, 5, true, 20),
            aggregate(5, 15, 19, 5085, 15, 5, true, 20)), run.aggregateBars);
    }

    @Test
    void shouldSkipInvalidBarsSilentlyWhileOneMinuteBarsReportsThemOnce() throws Exception
    {
        final List<byte[]> messages = new ArrayList<>(minutesOfA(0, 1));
        messages.add(message(3, bar("A", 1, 2, 1, 3, 10, OPEN_930 + 2 * MINUTE)));            // close above high
        messages.add(message(4, "\"A\":{\"open\":1,\"high\":2,\"low\":1,\"close\":2,\"datetime\":" +
            (OPEN_930 + 3 * MINUTE) + "}"));                                                  // no volume
        messages.addAll(minutesOfA(4, 5));
        final AggregateBarsRun run = run(SYMBOLS, 2, messages, 5);

        assertEquals(List.of("close is outside [low, high]", "missing or non-integer field: volume"),
            run.errors.stream().map(StreamError::message).toList());
        assertTrue(run.errors.stream().allMatch(e -> e.kind() == ErrorKind.INVALID_ENTRY && "A".equals(e.symbol())));
        assertEquals(List.of(
            aggregate(5, 0, 4, 1000 + 1001 + 1004, 0, 3, false, 5),
            aggregate(5, 5, 5, 1005, 5, 1, true, 6)), run.aggregateBars);
    }

    @Test
    void shouldSkipABarWhenItDoesNotStartLaterThanTheLastBarTaken() throws Exception
    {
        final List<byte[]> messages = new ArrayList<>(minutesOfA(0, 1));
        messages.add(message(3, bar("A", 90, 99, 90, 99, 77, OPEN_930 + MINUTE)));     // the same minute again
        messages.add(message(4, bar("A", 90, 99, 90, 99, 77, OPEN_930 - 5 * MINUTE))); // an older window
        messages.addAll(minutesOfA(2));

        final AggregateBarsRun rejecting = run(SYMBOLS, 1, messages, 5);
        assertEquals(3, rejecting.bars.size(), "the repeat and the older bar are rejected");
        assertEquals(List.of("duplicate bar: same start time as the symbol's last bar",
            "bar out of order: starts before the symbol's last bar"),
            rejecting.errors.stream().map(StreamError::message).toList());
        assertEquals(List.of(aggregate(5, 0, 2, 1000 + 1001 + 1002, 0, 3, true, 5)), rejecting.aggregateBars);

        final AggregateBarsRun flagging = AggregateBarsRun.run(SYMBOLS, 1, messages, Validation.FLAG, 5);
        assertEquals(5, flagging.bars.size(), "flagged, the 1-minute bars are all published");
        assertTrue(flagging.errors.stream().allMatch(e -> e.kind() == ErrorKind.FLAGGED_ENTRY));
        assertEquals(List.of(aggregate(5, 0, 2, 1000 + 1001 + 1002, 0, 3, true, 5)), flagging.aggregateBars,
            "but never aggregated twice");
    }

    @Test
    void shouldAlignWindowsToTheNewYorkHourWhenTheClocksGoBack() throws Exception
    {
        // 2019-11-03: 01:00 to 02:00 New York time happens twice (EDT, then EST).
        final long midnight = newYork(2019, 11, 3, 0, 0);
        final List<byte[]> messages = new ArrayList<>();
        for (int m = 0; m < 4 * 60; m++)
        {
            messages.add(message(m, bar("A", 10, 11, 9, 10, 1, midnight + m * MINUTE)));
        }
        final AggregateBarsRun run = run(SYMBOLS, 1, messages, 60, 30);

        final List<String> hours = new ArrayList<>();
        for (final AggregateBar hour : run.aggregateBars("A", 60))
        {
            final ZonedDateTime start =
                Instant.ofEpochMilli(hour.windowStartMillis()).atZone(AggregateBarsRun.NEW_YORK);
            hours.add(start.toLocalTime() + start.getOffset().toString() + "x" + hour.minuteCount());
        }
        assertEquals(List.of("00:00-04:00x60", "01:00-04:00x60", "01:00-05:00x60", "02:00-05:00x60"), hours);
        assertEquals(8, run.aggregateBars("A", 30).size());
        assertTrue(run.aggregateBars("A", 30).stream().allMatch(b -> b.minuteCount() == 30));
    }

    @Test
    void shouldRejectALengthWhenItDoesNotDivide60()
    {
        for (final int minutes : new int[] {7, 0, -5, 8, 45, 61, 120})
        {
            final IllegalArgumentException thrown =
                assertThrows(IllegalArgumentException.class, () -> new NMinuteBars(5, minutes));
            assertEquals("minutes must divide 60 (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 or 60): " + minutes,
                thrown.getMessage());
            assertThrows(IllegalArgumentException.class, () -> Pipeline.builder().aggregateBars(minutes),
                "the builder fails at once, not at build()");
        }
        assertEquals("minutes given twice: 15",
            assertThrows(IllegalArgumentException.class, () -> new NMinuteBars(15, 5, 15)).getMessage());
        for (final int minutes : new int[] {1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60})
        {
            new NMinuteBars(minutes);
        }
    }

    @Test
    void shouldUseFiveMinutesWhenNoLengthIsGiven() throws Exception
    {
        final AggregateBarsRun run = run(SYMBOLS, 1, minutesOfA(0, 1, 2, 3, 4, 5));

        assertEquals(List.of(5, 5), run.aggregateBars.stream().map(AggregateBar::minutes).toList());
    }

    @Test
    void shouldAllocateNothingPerEntryWhenWarm()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final NMinuteBars component = new NMinuteBars(1, 5, 15, 60);
        final CountingSink sink = new CountingSink();
        final CanonicalDecoder decoder = new CanonicalDecoder();
        final EntryView entry = new EntryView();
        final byte[] json = message(1, bar("A", 10.25, 10.5, 10, 10.25, 100, 1_000_000_000_000L));
        final int digits = new String(json, StandardCharsets.US_ASCII).indexOf("1000000000000");

        feed(component, sink, decoder, entry, json, digits, 0, 100_000);
        final long before = threads.getCurrentThreadAllocatedBytes();
        feed(component, sink, decoder, entry, json, digits, 100_000, 200_000);
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertTrue(allocated < 1_000, allocated + " bytes over 100,000 entries");
        assertTrue(sink.published > 100_000, "windows closed: " + sink.published);
    }

    /** Feeds minutes {@code from} to {@code to}, rewriting the 13-digit datetime in place. */
    private static void feed(final NMinuteBars component, final ResultSink sink, final CanonicalDecoder decoder,
                             final EntryView entry, final byte[] json, final int digits, final int from, final int to)
    {
        for (int m = from; m < to; m++)
        {
            long datetime = 1_000_000_000_000L + m * MINUTE;
            for (int i = digits + 12; i >= digits; i--)
            {
                json[i] = (byte)('0' + datetime % 10);
                datetime /= 10;
            }
            assertTrue(decoder.wrap(json, 0, json.length));
            component.onEntry(decoder.entry(0, entry), sink);
        }
    }

    /** Counts N-minute bars; anything else is a failure. */
    private static final class CountingSink extends io.ringstreamer.testing.UnexpectedResultSink
    {
        long published;

        @Override
        public void aggregateBar(final int minutes, final double open, final double high, final double low,
                                 final double close, final long volume, final long windowStartMillis,
                                 final int minuteCount, final boolean partial)
        {
            published++;
        }
    }
}
