package io.ringstreamer.testkit;

import io.ringstreamer.Pipeline;
import io.ringstreamer.format.Service;
import io.ringstreamer.result.Book;
import io.ringstreamer.result.CustomResult;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.StreamError;
import io.ringstreamer.worker.Component;
import io.ringstreamer.worker.Headlines;
import io.ringstreamer.worker.LevelOneQuotes;
import io.ringstreamer.worker.LevelTwoBook;
import io.ringstreamer.worker.NMinuteBars;
import io.ringstreamer.worker.OneMinuteBars;
import io.ringstreamer.worker.TimeAndSales;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComponentHarnessTest
{
    @Test
    @Timeout(60)
    void shouldRecordWhatAPipelineDeliversWhenTheBuiltInComponentsRunOverTheSameLines() throws Exception
    {
        final RecordingListener listener = new RecordingListener();
        try (Pipeline pipeline = Pipeline.builder()
            .symbols("AAPL", "AMZN")
            .streamer(LineStreamer.of(KitLines.LINES))
            .listener(listener)
            .build()
            .start())
        {
            assertTrue(listener.awaitEnd(Duration.ofSeconds(30)), "the stream did not end");
            pipeline.awaitTermination();
        }

        final ComponentHarness bars = run(Service.CHART_EQUITY, OneMinuteBars::new);
        final ComponentHarness quotes = run(Service.LEVELONE_EQUITIES, LevelOneQuotes::new);
        final ComponentHarness books = run(Service.BOOK, LevelTwoBook::new);
        final ComponentHarness trades = run(Service.TIMESALE_EQUITY, TimeAndSales::new);
        final ComponentHarness news = run(Service.NEWS_HEADLINE, Headlines::new);

        assertEquals(3, listener.bars().size());
        assertEquals(listener.bars(), bars.results().bars());
        assertEquals(listener.quotes(), quotes.results().quotes());
        assertEquals(listener.trades(), trades.results().trades());
        assertEquals(listener.news(), news.results().news());
        assertEquals("Apple \"opens\" developer conf\u00e9rence", news.results().news().get(0).headline());
        assertEquals(1, listener.books().size());
        assertBookEquals(listener.books().get(0), books.results().books().get(0));

        // Every harness records the damaged line; the entries' errors come from the bars harness only.
        final List<StreamError> harnessErrors = new ArrayList<>(bars.results().errors());
        harnessErrors.sort(Comparator.comparingLong(StreamError::sequence));
        assertEquals(listener.errors(), harnessErrors);
        assertEquals(List.of(ErrorKind.MALFORMED_MESSAGE, ErrorKind.INVALID_ENTRY, ErrorKind.INVALID_ENTRY),
            harnessErrors.stream().map(StreamError::kind).toList());
        assertEquals(1, listener.endOfStreamCalls());
    }

    @Test
    void shouldTellAComponentItsEntrysContextWhenItAsks()
    {
        final List<String> seen = new ArrayList<>();
        final ComponentHarness harness = ComponentHarness.of(Service.TIMESALE_EQUITY, () -> (entry, out) ->
        {
            final io.ringstreamer.worker.EntryContext context = out.context();
            seen.add(context.symbol() + " " + context.service() + " " + context.messageTimestamp() + " " +
                context.sequence() + " " + context.rejectedEarlier() + " " + (context.levelOne().mid() > 0));
        });
        harness.feed(
            "{\"timestamp\":1720522980000,\"service\":\"TIMESALE_EQUITY\",\"symbols\":{\"AAPL\":{\"time\":1,\"price\":227.8,\"size\":100,\"seq\":1}}}",
            "{\"timestamp\":1720523040000,\"service\":\"TIMESALE_EQUITY\",\"symbols\":{\"MSFT\":{\"time\":2,\"price\":410.1,\"size\":5,\"seq\":2}}}");
        assertEquals(List.of("AAPL TIMESALE_EQUITY 1720522980000 0 false false",
            "MSFT TIMESALE_EQUITY 1720523040000 1 false false"), seen);
    }

    @Test
    void shouldFlushEachSymbolsComponentWhenTheStreamEnds()
    {
        final ComponentHarness harness = ComponentHarness.of(Service.CHART_EQUITY, () -> new NMinuteBars(5))
            .feed(KitLines.LINES.subList(0, 2));
        assertTrue(harness.results().aggregateBars().isEmpty());

        harness.end();

        assertEquals(List.of("AMZN", "AAPL"), harness.results().aggregateBars().stream()
            .map(bar -> bar.symbol()).toList());
        assertTrue(harness.results().aggregateBars().stream().allMatch(bar -> bar.partial() && bar.sequence() == 2));
        assertEquals(2, harness.results().aggregateBars().get(0).minuteCount());
    }

    @Test
    void shouldGiveOnlyTheChosenSymbolsEntriesWhenSymbolsAreNamed()
    {
        final ComponentHarness harness = ComponentHarness.of(Service.CHART_EQUITY, OneMinuteBars::new)
            .symbols("AAPL")
            .feed(KitLines.LINES);

        assertEquals(List.of("AAPL"), harness.results().bars().stream().map(bar -> bar.symbol()).toList());
        assertNull(harness.component("AMZN"));
    }

    @Test
    void shouldKeepOneComponentPerSymbolWhenSymbolsInterleave()
    {
        final List<String> made = new ArrayList<>();
        final Supplier<Component> counting = () ->
        {
            made.add("component");
            return (entry, out) -> out.custom(made.size(), new double[] {entry.messageTimestamp()}, 1);
        };
        final ComponentHarness harness = ComponentHarness.of(Service.CHART_EQUITY, counting).feed(KitLines.LINES);

        assertEquals(2, made.size());
        final Component amzn = harness.component("AMZN");
        harness.feed(KitLines.LINES.get(0));
        assertSame(amzn, harness.component("AMZN"));
        final List<CustomResult> results = harness.results().customResults();
        assertEquals(List.of(0L, 1L, 1L, 7L, 8L), results.stream().map(CustomResult::sequence).toList());
        assertArrayEquals(new double[] {1720522860000.0}, results.get(0).values());
    }

    @Test
    void shouldLetAComponentsExceptionReachTheTestWhenTheComponentThrows()
    {
        final ComponentHarness harness = ComponentHarness.of(Service.CHART_EQUITY, () -> (entry, out) ->
        {
            throw new IllegalStateException("broken component");
        });

        final IllegalStateException thrown = assertThrows(IllegalStateException.class,
            () -> harness.feed(KitLines.LINES.get(0)));
        assertEquals("broken component", thrown.getMessage());
    }

    @Test
    void shouldFailWhenACustomResultIsWiderThanThePipelineCarries()
    {
        final ComponentHarness harness = ComponentHarness.of(Service.CHART_EQUITY, () -> (entry, out) ->
            out.custom(1, new double[9], 9));

        final IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
            () -> harness.feed(KitLines.LINES.get(0)));
        assertTrue(thrown.getMessage().contains("at most 8 values"), thrown.getMessage());
        assertTrue(harness.results().all().isEmpty());
    }

    private static ComponentHarness run(final Service service, final Supplier<? extends Component> perSymbol)
    {
        return ComponentHarness.of(service, perSymbol).feed(KitLines.LINES).end();
    }

    private static void assertBookEquals(final Book expected, final Book actual)
    {
        assertEquals(expected.symbol(), actual.symbol());
        assertEquals(expected.timeMillis(), actual.timeMillis());
        assertEquals(expected.sequence(), actual.sequence());
        assertArrayEquals(expected.bidPrices(), actual.bidPrices());
        assertArrayEquals(expected.bidSizes(), actual.bidSizes());
        assertArrayEquals(expected.askPrices(), actual.askPrices());
        assertArrayEquals(expected.askSizes(), actual.askSizes());
        assertEquals(expected.spread(), actual.spread());
        assertEquals(expected.imbalance(), actual.imbalance());
    }
}
