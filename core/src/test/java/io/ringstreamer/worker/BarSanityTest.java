package io.ringstreamer.worker;

import io.ringstreamer.Pipeline;
import io.ringstreamer.result.AggregateBar;
import io.ringstreamer.result.Bar;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.StreamError;
import io.ringstreamer.source.FakeApiStreamer;
import io.ringstreamer.testing.CollectingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sanity checks of 1-minute bars (a price jump against the symbol's last close, an absurd volume)
 * under each {@link Validation} mode.
 */
@Timeout(60)
class BarSanityTest
{
    private static final long MINUTE = 60_000;
    private static final long T0 = 1_720_530_000_000L - 1_720_530_000_000L % (15 * MINUTE);

    private static byte[] bar(final String symbol, final double close, final long volume, final long start)
    {
        return ("{\"timestamp\":" + (start + MINUTE) + ",\"service\":\"CHART_EQUITY\",\"symbols\":{\"" + symbol +
            "\":{\"open\":" + close + ",\"high\":" + close + ",\"low\":" + close + ",\"close\":" + close +
            ",\"volume\":" + volume + ",\"datetime\":" + start + "}}}").getBytes(StandardCharsets.US_ASCII);
    }

    /** A's bars: good, 10x up, a tenth down, absurd volume, good; B's bars all good. */
    private static List<byte[]> messages()
    {
        final List<byte[]> messages = new ArrayList<>();
        messages.add(bar("A", 100, 10, T0));                     // 0 good
        messages.add(bar("B", 50, 10, T0));                      // 1 good
        messages.add(bar("A", 1001, 10, T0 + MINUTE));           // 2 price jump up
        messages.add(bar("A", 9.99, 10, T0 + 2 * MINUTE));       // 3 price jump down (from 100; from 1001 when flagged)
        messages.add(bar("A", 1000, 10, T0 + 3 * MINUTE));       // 4 good from 100 (exactly 10x); a jump after 9.99
        messages.add(bar("A", 99, 2_000_000_000_000L, T0 + 4 * MINUTE)); // 5 absurd volume
        messages.add(bar("A", 99, 10, T0 + 5 * MINUTE));         // 6 a jump down from 1000; good after a flagged 99
        messages.add(bar("B", 50, 10, T0 + MINUTE));             // 7 good
        messages.add(("{\"timestamp\":1,\"service\":\"CHART_EQUITY\",\"symbols\":{\"A\":{\"open\":1}}}")
            .getBytes(StandardCharsets.US_ASCII));               // 8 unreadable: always rejected
        return messages;
    }

    private static CollectingListener run(final Validation validation) throws Exception
    {
        final CollectingListener listener = new CollectingListener();
        try (Pipeline pipeline = Pipeline.builder().symbols("A", "B").shards(2).validation(validation)
            .aggregateBars(15)
            .streamer(new FakeApiStreamer(messages())).listener(listener).build().start())
        {
            assertTrue(pipeline.awaitTermination(30, TimeUnit.SECONDS));
        }
        return listener;
    }

    private static List<String> errorsOf(final CollectingListener listener, final String symbol)
    {
        return listener.errors.stream().filter(e -> symbol.equals(e.symbol()))
            .map(e -> e.sequence() + " " + e.kind().label() + ": " + e.message()).toList();
    }

    private static boolean isOf(final Object result, final String symbol)
    {
        return result instanceof Bar bar ? symbol.equals(bar.symbol()) : symbol.equals(((StreamError)result).symbol());
    }

    @Test
    void shouldRejectPriceJumpsAndAbsurdVolumesPerSymbolWhenValidationRejects() throws Exception
    {
        final CollectingListener listener = run(Validation.REJECT);
        final List<AggregateBar> aggregates = listener.aggregateBars;

        assertEquals(List.of(0L, 4L), listener.barsBySymbol.get("A").stream().map(Bar::sequence).toList());
        assertEquals(List.of(1L, 7L), listener.barsBySymbol.get("B").stream().map(Bar::sequence).toList());
        assertEquals(List.of(
            "2 InvalidEntry: " + BarReader.PRICE_JUMP,
            "3 InvalidEntry: " + BarReader.PRICE_JUMP,
            "5 InvalidEntry: " + BarReader.ABSURD_VOLUME,
            "6 InvalidEntry: " + BarReader.PRICE_JUMP,
            "8 InvalidEntry: " + BarReader.MISSING_HIGH), errorsOf(listener, "A"), "rejected bars do not move the last close");
        assertEquals(List.of(), errorsOf(listener, "B"));
        final AggregateBar a = aggregates.stream().filter(b -> b.symbol().equals("A")).findFirst().orElseThrow();
        assertEquals(2, a.minuteCount(), "rejected bars are not aggregated");
        assertEquals(20, a.volume());
    }

    @Test
    void shouldPublishAndFlagImplausibleBarsButStillRejectUnreadableOnesWhenValidationFlags() throws Exception
    {
        final CollectingListener listener = run(Validation.FLAG);
        final List<AggregateBar> aggregates = listener.aggregateBars;

        assertEquals(List.of(0L, 2L, 3L, 4L, 5L, 6L), listener.barsBySymbol.get("A").stream().map(Bar::sequence).toList());
        assertEquals(List.of(
            "2 FlaggedEntry: " + BarReader.PRICE_JUMP,
            "3 FlaggedEntry: " + BarReader.PRICE_JUMP,
            "4 FlaggedEntry: " + BarReader.PRICE_JUMP,
            "5 FlaggedEntry: " + BarReader.ABSURD_VOLUME,
            "8 InvalidEntry: " + BarReader.MISSING_HIGH), errorsOf(listener, "A"), "flagged bars move the last close");
        // Only one symbol's results are ordered (docs/architecture.md): A and B sit on different shards,
        // so B's results may fall between A's flag and A's bar in the listener's stream.
        final List<Object> resultsOfA = listener.all.stream().filter(r -> isOf(r, "A")).toList();
        for (int i = 0; i < resultsOfA.size(); i++)
        {
            if (resultsOfA.get(i) instanceof StreamError flagged && flagged.kind() == ErrorKind.FLAGGED_ENTRY)
            {
                final Bar next = (Bar)resultsOfA.get(i + 1);
                assertEquals(flagged.sequence(), next.sequence(), "the flag comes just before its bar, among A's results");
            }
        }
        final AggregateBar a = aggregates.stream().filter(b -> b.symbol().equals("A")).findFirst().orElseThrow();
        assertEquals(6, a.minuteCount(), "flagged bars are aggregated too");
        assertEquals(50 + 2_000_000_000_000L, a.volume());
    }

    @Test
    void shouldRejectDuplicateAndOutOfOrderBarsAloneWhileTheMessagesOtherEntriesGoOn() throws Exception
    {
        final List<byte[]> messages = new ArrayList<>();
        messages.add(two(T0, T0));                          // 0 both good
        messages.add(two(T0 + MINUTE, T0));                 // 1 A good, B a duplicate
        messages.add(two(T0, T0 + 2 * MINUTE));             // 2 A out of order, B good
        messages.add(two(T0 + 2 * MINUTE, T0 + 2 * MINUTE)); // 3 A good (after its last accepted bar), B duplicate
        for (final Validation validation : Validation.values())
        {
            final CollectingListener listener = new CollectingListener();
            try (Pipeline pipeline = Pipeline.builder().symbols("A", "B").shards(2).validation(validation)
                .streamer(new FakeApiStreamer(messages)).listener(listener).build().start())
            {
                assertTrue(pipeline.awaitTermination(30, TimeUnit.SECONDS));
            }
            final String label = validation == Validation.REJECT ? "InvalidEntry" : "FlaggedEntry";
            assertEquals(List.of("2 " + label + ": " + BarReader.OUT_OF_ORDER), errorsOf(listener, "A"), validation.name());
            assertEquals(List.of("1 " + label + ": " + BarReader.DUPLICATE_BAR, "3 " + label + ": " + BarReader.DUPLICATE_BAR),
                errorsOf(listener, "B"), validation.name());
            final List<Long> expectedA = validation == Validation.REJECT ? List.of(0L, 1L, 3L) : List.of(0L, 1L, 2L, 3L);
            final List<Long> expectedB = validation == Validation.REJECT ? List.of(0L, 2L) : List.of(0L, 1L, 2L, 3L);
            assertEquals(expectedA, listener.barsBySymbol.get("A").stream().map(Bar::sequence).toList());
            assertEquals(expectedB, listener.barsBySymbol.get("B").stream().map(Bar::sequence).toList());
        }
    }

    /** A message with a bar for A starting at {@code startA} and one for B at {@code startB}. */
    private static byte[] two(final long startA, final long startB)
    {
        return ("{\"timestamp\":" + (Math.max(startA, startB) + MINUTE) + ",\"service\":\"CHART_EQUITY\",\"symbols\":{" +
            "\"A\":{\"open\":10,\"high\":11,\"low\":9,\"close\":10,\"volume\":5,\"datetime\":" + startA + "}," +
            "\"B\":{\"open\":20,\"high\":21,\"low\":19,\"close\":20,\"volume\":5,\"datetime\":" + startB + "}}}")
            .getBytes(StandardCharsets.US_ASCII);
    }
}
