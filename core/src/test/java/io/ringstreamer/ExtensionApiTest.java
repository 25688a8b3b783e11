package io.ringstreamer;

import io.ringstreamer.format.EntryView;
import io.ringstreamer.format.Service;
import io.ringstreamer.result.CustomResult;
import io.ringstreamer.result.CustomView;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.ErrorView;
import io.ringstreamer.result.ResultListener;
import io.ringstreamer.result.StreamError;
import io.ringstreamer.source.MessagePublisher;
import io.ringstreamer.source.Streamer;
import io.ringstreamer.worker.Component;
import io.ringstreamer.worker.EntryContext;
import io.ringstreamer.worker.LevelOneQuotes;
import io.ringstreamer.worker.ResultSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The extension API through a real pipeline: a component made per symbol, the entry context
 * ({@link ResultSink#context()}) and the symbol's built-in state read by a later component.
 */
@Timeout(60)
class ExtensionApiTest
{
    private static final long T = 1_720_522_980_000L;
    /** Receive times the streamer stamps: message {@code i} gets {@code RECEIVED + i}. */
    private static final long RECEIVED = 5_000_000L;

    /** Publishes each line with the receive time {@code RECEIVED + its index}, then ends. */
    private record Lines(List<String> lines) implements Streamer
    {
        @Override
        public void stream(final MessagePublisher publisher)
        {
            for (int i = 0; i < lines.size(); i++)
            {
                final byte[] bytes = lines.get(i).getBytes(StandardCharsets.UTF_8);
                publisher.publish(bytes, 0, bytes.length, RECEIVED + i);
            }
        }
    }

    /** Copies custom results and errors; read after {@link #await}. */
    private static final class Recording implements ResultListener
    {
        final List<CustomResult> custom = new CopyOnWriteArrayList<>();
        final List<StreamError> errors = new CopyOnWriteArrayList<>();
        private final CountDownLatch ended = new CountDownLatch(1);

        @Override
        public void onBar(final io.ringstreamer.result.BarView bar)
        {
        }

        @Override
        public void onCustom(final CustomView result)
        {
            custom.add(result.toCustom());
        }

        @Override
        public void onError(final ErrorView error)
        {
            errors.add(error.toError());
        }

        @Override
        public void onEndOfStream()
        {
            ended.countDown();
        }

        void await() throws InterruptedException
        {
            assertTrue(ended.await(30, TimeUnit.SECONDS));
        }

        List<CustomResult> of(final int kind)
        {
            return custom.stream().filter(c -> c.kind() == kind).toList();
        }
    }

    private static Recording run(final Pipeline.Builder builder, final String... lines) throws InterruptedException
    {
        final Recording listener = new Recording();
        try (Pipeline pipeline = builder.streamer(new Lines(List.of(lines))).listener(listener).build().start())
        {
            listener.await();
            assertTrue(pipeline.awaitTermination(30, TimeUnit.SECONDS));
        }
        return listener;
    }

    private static String quote(final String symbol, final String fields)
    {
        return "{\"timestamp\":" + T + ",\"service\":\"LEVELONE_EQUITIES\",\"symbols\":{\"" + symbol + "\":{" + fields +
            "}}}";
    }

    private static String trade(final String symbol, final long seq)
    {
        return "{\"timestamp\":" + (T + seq) + ",\"service\":\"TIMESALE_EQUITY\",\"symbols\":{\"" + symbol +
            "\":{\"time\":" + T + ",\"price\":10.5,\"size\":100,\"seq\":" + seq + "}}}";
    }

    private static String book(final String symbol)
    {
        return "{\"timestamp\":" + T + ",\"service\":\"BOOK\",\"symbols\":{\"" + symbol + "\":{\"time\":" + T +
            ",\"bids\":[[10.25,300],[10.2,500]],\"asks\":[[10.75,200]]}}}";
    }

    /** Publishes one custom result of {@code kind} per entry with {@code values} filled by the subclass. */
    private abstract static class Probe implements Component
    {
        private final int kind;
        final double[] values = new double[CustomView.MAX_VALUES];

        Probe(final int kind)
        {
            this.kind = kind;
        }

        abstract int fill(EntryContext context);

        @Override
        public void onEntry(final EntryView entry, final ResultSink out)
        {
            out.custom(kind, values, fill(out.context()));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldMakeEachSymbolItsOwnComponentWhenAFactoryIsGivenPerSymbol(final int shards) throws Exception
    {
        final Set<String> asked = Collections.synchronizedSet(new java.util.TreeSet<>());
        final Recording listener = run(Pipeline.builder().symbols("AA", "BBB", "C").shards(shards)
                .componentBySymbol(Service.LEVELONE_EQUITIES, symbol ->
                {
                    asked.add(symbol);
                    return symbol.equals("BBB") ? null : new Probe(7) // no component for BBB
                    {
                        @Override
                        int fill(final EntryContext context)
                        {
                            values[0] = symbol.length(); // configured from the symbol's name
                            return 1;
                        }
                    };
                }),
            quote("AA", "\"bid\":1.5"), quote("BBB", "\"bid\":1.5"), quote("C", "\"bid\":1.5"));

        assertEquals(Set.of("AA", "BBB", "C"), asked);
        final List<String> symbols = new ArrayList<>();
        for (final CustomResult result : listener.of(7))
        {
            symbols.add(result.symbol());
            assertArrayEquals(new double[] {result.symbol().length()}, result.values());
        }
        Collections.sort(symbols);
        assertEquals(List.of("AA", "C"), symbols);
        assertEquals(List.of(), listener.errors.stream().filter(e -> e.kind() != ErrorKind.CONNECTION_ERROR).toList());
    }

    @Test
    void shouldFailTheBuildWithTheFactorysExceptionWhenItThrowsForAnInitialSymbol()
    {
        final Pipeline.Builder builder = Pipeline.builder().symbols("A", "B").streamer(new Lines(List.of()))
            .listener(new Recording())
            .componentBySymbol(Service.LEVELONE_EQUITIES, symbol ->
            {
                throw new IllegalStateException("no component for " + symbol);
            });
        assertEquals("no component for A", assertThrows(IllegalStateException.class, builder::build).getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldTellEachEntrysSymbolServiceTimestampSequenceAndReceiveTimeWhenAComponentAsks(final int shards)
        throws Exception
    {
        final Recording listener = run(Pipeline.builder().symbols("A", "B").shards(shards)
                .component(Service.TIMESALE_EQUITY, () -> new Probe(9)
                {
                    @Override
                    int fill(final EntryContext context)
                    {
                        values[0] = context.symbol().equals("A") ? 1 : context.symbol().equals("B") ? 2 : -1;
                        values[1] = context.service().ordinal();
                        values[2] = context.messageTimestamp();
                        values[3] = context.sequence();
                        values[4] = context.receiveNanos();
                        return 5;
                    }
                }),
            trade("A", 1), trade("B", 2), trade("A", 3));

        final List<CustomResult> results = new ArrayList<>(listener.of(9));
        results.sort(java.util.Comparator.comparingLong(CustomResult::sequence));
        assertEquals(3, results.size());
        final double service = Service.TIMESALE_EQUITY.ordinal();
        assertArrayEquals(new double[] {1, service, T + 1, 0, RECEIVED}, results.get(0).values());
        assertArrayEquals(new double[] {2, service, T + 2, 1, RECEIVED + 1}, results.get(1).values());
        assertArrayEquals(new double[] {1, service, T + 3, 2, RECEIVED + 2}, results.get(2).values());
        for (final CustomResult result : results)
        {
            assertEquals((long)result.values()[3], result.sequence(), "the context's sequence is the result's");
        }
    }

    @Test
    void shouldShowAnEarlierComponentsRejectionToTheLaterOnesOnlyWhenTheEntryWasRejected() throws Exception
    {
        final Recording listener = run(Pipeline.builder().symbols("A")
                .replaceComponents(Service.LEVELONE_EQUITIES,
                    () -> new Probe(10) // before LevelOneQuotes: nothing rejected yet
                    {
                        @Override
                        int fill(final EntryContext context)
                        {
                            values[0] = context.rejectedEarlier() ? 1 : 0;
                            return 1;
                        }
                    },
                    LevelOneQuotes::new,
                    () -> new Probe(11) // after it: sees its verdict
                    {
                        @Override
                        int fill(final EntryContext context)
                        {
                            values[0] = context.rejectedEarlier() ? 1 : 0;
                            return 1;
                        }
                    }),
            quote("A", "\"bid\":1.5"), quote("A", "\"bid\":-1"), quote("A", "\"ask\":2.5"));

        assertEquals(List.of(0.0, 0.0, 0.0), listener.of(10).stream().map(c -> c.values()[0]).toList());
        assertEquals(List.of(0.0, 1.0, 0.0), listener.of(11).stream().map(c -> c.values()[0]).toList());
        assertEquals(List.of(ErrorKind.INVALID_ENTRY),
            listener.errors.stream().map(StreamError::kind).toList());
    }

    @Test
    void shouldReadTheSymbolsCurrentQuoteAndBookWhenALaterComponentAsks() throws Exception
    {
        final Recording listener = run(Pipeline.builder().symbols("A")
                .component(Service.TIMESALE_EQUITY, () -> new Probe(12)
                {
                    @Override
                    int fill(final EntryContext context)
                    {
                        values[0] = context.levelOne().bid();
                        values[1] = context.levelOne().ask();
                        values[2] = context.levelOne().bidSize();
                        values[3] = context.book().hasBook() ? 1 : 0;
                        values[4] = context.book().bestBid();
                        values[5] = context.book().bestAsk();
                        values[6] = context.book().bidLevels();
                        values[7] = context.book().bidLevels() > 1 ? context.book().bidSize(1) : -1;
                        return 8;
                    }
                }),
            trade("A", 1), quote("A", "\"bid\":10.25,\"bidSize\":300"), quote("A", "\"ask\":10.75"),
            quote("A", "\"bid\":-5"), book("A"), trade("A", 2));

        final List<CustomResult> results = listener.of(12);
        assertEquals(2, results.size());
        assertArrayEquals(new double[] {Double.NaN, Double.NaN, -1, 0, Double.NaN, Double.NaN, 0, -1},
            results.get(0).values(), "nothing known yet");
        assertArrayEquals(new double[] {10.25, 10.75, 300, 1, 10.25, 10.75, 2, 500}, results.get(1).values(),
            "the merged quote (the rejected change left out) and the book");
    }

    @Test
    void shouldReadNoStateWhenTheSymbolRunsNeitherBuiltInComponent() throws Exception
    {
        final Recording listener = run(Pipeline.builder().symbols("A")
                .replaceComponents(Service.LEVELONE_EQUITIES).replaceComponents(Service.BOOK)
                .component(Service.TIMESALE_EQUITY, () -> new Probe(13)
                {
                    @Override
                    int fill(final EntryContext context)
                    {
                        values[0] = context.levelOne().bid();
                        values[1] = context.levelOne().totalVolume();
                        values[2] = context.book().hasBook() ? 1 : 0;
                        values[3] = context.book().bestAsk();
                        return 4;
                    }
                }),
            quote("A", "\"bid\":10.25"), book("A"), trade("A", 1));
        assertArrayEquals(new double[] {Double.NaN, -1, 0, Double.NaN}, listener.of(13).get(0).values());
    }

    @Test
    void shouldHandEveryEntryTheShardsOneContextWhenAComponentKeepsAsking() throws Exception
    {
        final Map<EntryContext, Boolean> seen = Collections.synchronizedMap(new IdentityHashMap<>());
        final Recording listener = run(Pipeline.builder().symbols("A", "B").shards(1)
                .component(Service.TIMESALE_EQUITY, () -> new Probe(14)
                {
                    @Override
                    int fill(final EntryContext context)
                    {
                        seen.put(context, Boolean.TRUE);
                        return 0;
                    }
                }),
            trade("A", 1), trade("B", 2), trade("A", 3));
        assertEquals(3, listener.of(14).size());
        assertEquals(1, seen.size(), "one flyweight per shard, rewritten for each entry");
    }

    @Test
    void shouldNameTheSymbolAndServiceWhenAComponentFlushesAtTheEndOfTheStream() throws Exception
    {
        final Recording listener = run(Pipeline.builder().symbols("A", "B").shards(1)
                .component(Service.TIMESALE_EQUITY, () -> new Component()
                {
                    private final double[] values = new double[2];

                    @Override
                    public void onEntry(final EntryView entry, final ResultSink out)
                    {
                    }

                    @Override
                    public void onEndOfStream(final ResultSink out)
                    {
                        final EntryContext context = out.context();
                        values[0] = context.service().ordinal();
                        values[1] = context.messageTimestamp();
                        out.custom(context.symbol().equals("A") ? 15 : 16, values, 2);
                    }
                }),
            trade("A", 1));
        final double service = Service.TIMESALE_EQUITY.ordinal();
        assertArrayEquals(new double[] {service, 0}, listener.of(15).get(0).values());
        assertArrayEquals(new double[] {service, 0}, listener.of(16).get(0).values());
        assertEquals("A", listener.of(15).get(0).symbol());
    }
}
