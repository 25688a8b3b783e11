package io.ringstreamer.worker;

import io.ringstreamer.Pipeline;
import io.ringstreamer.format.CanonicalDecoder;
import io.ringstreamer.format.EntryView;
import io.ringstreamer.result.Bar;
import io.ringstreamer.source.FakeApiStreamer;
import io.ringstreamer.testing.CollectingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A bar whose start time cannot be right (before 1990, or far ahead of its message's timestamp or of
 * the clock) is rejected alone, under either validation mode, and does not silence its symbol: the
 * symbol's later bars, 1-minute and N-minute, go on as if it had never come.
 */
@Timeout(60)
class BarTimeTest
{
    private static final long MINUTE = 60_000;
    /** 2024-07-09 09:30 in New York, the open. */
    private static final long OPEN = Instant.parse("2024-07-09T13:30:00Z").toEpochMilli();
    private static final long YEAR_2099 = Instant.parse("2099-01-01T14:30:00Z").toEpochMilli();
    private static final long YEAR_1989 = Instant.parse("1989-12-29T14:30:00Z").toEpochMilli();

    /** A message stamped {@code timestamp} with an AAPL bar starting at {@code aapl} and an MSFT bar at {@code msft}. */
    private static byte[] message(final long timestamp, final long aapl, final long msft)
    {
        return ("{\"timestamp\":" + timestamp + ",\"service\":\"CHART_EQUITY\",\"symbols\":{" +
            "\"AAPL\":{\"open\":227.99,\"high\":228.05,\"low\":227.9,\"close\":228.0,\"volume\":3756,\"datetime\":" + aapl + "}," +
            "\"MSFT\":{\"open\":466.1,\"high\":466.4,\"low\":466.0,\"close\":466.3,\"volume\":1204,\"datetime\":" + msft + "}}}")
            .getBytes(StandardCharsets.US_ASCII);
    }

    private static long minute(final int n)
    {
        return OPEN + n * MINUTE;
    }

    @Test
    void shouldRejectABarStampedFarAheadOrBefore1990AloneAndKeepTheSymbolGoingWhenLaterBarsAreRight() throws Exception
    {
        final List<byte[]> messages = new ArrayList<>();
        messages.add(message(minute(1), minute(0), minute(0)));         // 0 good
        messages.add(message(minute(2), YEAR_2099, minute(1)));         // 1 AAPL stamped 2099 in a message of now
        messages.add(message(minute(3), minute(2), minute(2)));         // 2 good: AAPL goes on
        messages.add(message(minute(4), minute(3), minute(3)));         // 3 good
        messages.add(message(minute(5), YEAR_1989, minute(4)));         // 4 AAPL before 1990
        messages.add(message(minute(6), minute(185), minute(5)));       // 5 AAPL three hours ahead of its message and its last bar
        messages.add(message(minute(-10), minute(6), minute(6)));       // 6 16 minutes ahead of the message, but the next minute: taken
        messages.add(message(YEAR_2099 + MINUTE, YEAR_2099, minute(7))); // 7 a message of 2099 too (the message time is the bar's)
        messages.add(message(minute(9), minute(8), minute(8)));         // 8 good
        for (final Validation validation : Validation.values())
        {
            final CollectingListener listener = new CollectingListener();
            try (Pipeline pipeline = Pipeline.builder().symbols("AAPL", "MSFT").shards(2).validation(validation)
                .aggregateBars(5).streamer(new FakeApiStreamer(messages)).listener(listener).build().start())
            {
                assertTrue(pipeline.awaitTermination(30, TimeUnit.SECONDS));
            }

            assertEquals(List.of(
                "1 InvalidEntry: " + BarReader.AHEAD_OF_MESSAGE,
                "4 InvalidEntry: " + BarReader.BEFORE_1990,
                "5 InvalidEntry: " + BarReader.AHEAD_OF_MESSAGE,
                "7 InvalidEntry: " + BarReader.AHEAD_OF_CLOCK),
                errorsOf(listener, "AAPL"), validation.name());
            assertEquals(List.of(), errorsOf(listener, "MSFT"), validation.name());
            assertEquals(List.of(0L, 2L, 3L, 6L, 8L), sequences(listener, "AAPL"), validation.name());
            assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), sequences(listener, "MSFT"), validation.name());
            final List<String> aaplWindows = listener.aggregateBars.stream().filter(b -> b.symbol().equals("AAPL"))
                .map(b -> Instant.ofEpochMilli(b.windowStartMillis()) + " x" + b.minuteCount()).toList();
            assertEquals(List.of("2024-07-09T13:30:00Z x3", "2024-07-09T13:35:00Z x2"), aaplWindows, validation.name());
        }
    }

    @Test
    void shouldTakeBarsAheadOfTheClockWhenEachFollowsTheSymbolsLastBarButNotALeap()
    {
        final BarReader reader = new BarReader();
        final CanonicalDecoder decoder = new CanonicalDecoder();
        final EntryView entry = new EntryView();
        final long now = System.currentTimeMillis();
        final long start = now - now % MINUTE - 60 * MINUTE;
        // a cycled or synthetic feed: every six hours, from an hour ago to 30 days ahead of the clock
        for (long t = start; t < now + 30L * 24 * 60 * MINUTE; t += 6 * 60 * MINUTE)
        {
            final byte[] message = message(t + MINUTE, t, t);
            assertTrue(decoder.wrap(message, 0, message.length));
            assertTrue(reader.take(decoder.entry(0, entry), Validation.REJECT), Instant.ofEpochMilli(t).toString());
        }
        final long leap = now + 400L * 24 * 60 * MINUTE; // a year on from there
        final byte[] message = message(leap + MINUTE, leap, leap);
        assertTrue(decoder.wrap(message, 0, message.length));
        assertEquals(BarReader.AHEAD_OF_CLOCK, reader.read(decoder.entry(0, entry)));
        assertTrue(reader.unusable, "rejected in every mode");
    }

    private static List<String> errorsOf(final CollectingListener listener, final String symbol)
    {
        return listener.errors.stream().filter(e -> symbol.equals(e.symbol()))
            .map(e -> e.sequence() + " " + e.kind().label() + ": " + e.message()).toList();
    }

    private static List<Long> sequences(final CollectingListener listener, final String symbol)
    {
        return listener.barsBySymbol.getOrDefault(symbol, List.of()).stream().map(Bar::sequence).toList();
    }
}
