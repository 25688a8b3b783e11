package io.ringstreamer;

import io.ringstreamer.format.Service;
import io.ringstreamer.inbound.InboundEvent;
import io.ringstreamer.shard.SymbolTable;
import io.ringstreamer.shard.WorkerFactory;
import io.ringstreamer.source.MessagePublisher;
import io.ringstreamer.source.Streamer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registry alone: real shard tables and workers, a streamer and a control queue that record what they hear. */
class SubscriptionRegistryTest
{
    private final SymbolTable[] tables = {new SymbolTable(4), new SymbolTable(4)};
    private final RecordingStreamer streamer = new RecordingStreamer();
    private final List<String> controls = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean publisherClosed = new AtomicBoolean();

    private SubscriptionRegistry registry(final String... initial)
    {
        return new SubscriptionRegistry(List.of(initial), tables, new WorkerFactory(new EnumMap<>(Service.class)), streamer,
            (type, symbol, id) -> controls.add((type == InboundEvent.SUBSCRIBE ? "+" : "-") + symbol + "#" + id),
            publisherClosed::get);
    }

    @Test
    void shouldNumberTheInitialSymbolsInOrderAndPutEachInItsShard()
    {
        final SubscriptionRegistry registry = registry("AAPL", "AMZN", "DUD", "AAPL");

        assertEquals(List.of("AAPL", "AMZN", "DUD"), registry.symbols());
        assertEquals(0, tables[0].remove("AAPL").symbolId());
        assertEquals(1, tables[1].remove("AMZN").symbolId());
        assertEquals(2, tables[0].remove("DUD").symbolId());
        assertEquals(-1, registry.idOf("MSFT"));
    }

    @Test
    void shouldEditTheTablesBeforeStartAndTellNobody()
    {
        final SubscriptionRegistry registry = registry("AAPL", "AMZN");

        assertTrue(registry.subscribe(List.of("DUD", "AAPL")));
        assertFalse(registry.subscribe(List.of("AAPL")));
        assertTrue(registry.unsubscribe(List.of("AAPL", "MSFT")));
        assertFalse(registry.unsubscribe(List.of("MSFT")));

        assertEquals(List.of("AMZN", "DUD"), registry.symbols());
        assertNull(tables[0].remove("AAPL"));
        assertEquals(2, tables[0].remove("DUD").symbolId());
        assertEquals(List.of(), controls);
        assertEquals(List.of(), streamer.heard);
    }

    @Test
    void shouldSendChangesAsControlEventsOnceStartedAndKeepEachSymbolsNumber()
    {
        final SubscriptionRegistry registry = registry("AAPL", "AMZN");
        registry.start(() -> { }, () -> { });
        assertEquals(List.of("subscribe [AAPL, AMZN]"), streamer.heard);

        assertTrue(registry.subscribe(List.of("AMZN", "DUD")));
        assertTrue(registry.unsubscribe(List.of("AAPL")));
        assertTrue(registry.subscribe(List.of("AAPL")));

        assertEquals(List.of("+DUD#2", "-AAPL#0", "+AAPL#0"), controls);
        assertEquals(List.of("subscribe [AAPL, AMZN]", "subscribe [DUD]", "unsubscribe [AAPL]", "subscribe [AAPL]"),
            streamer.heard);
        assertEquals(List.of("AMZN", "DUD", "AAPL"), registry.symbols());
        assertNull(tables[0].remove("DUD")); // the shard adds it when the control event reaches it
        assertEquals(0, tables[0].remove("AAPL").symbolId()); // the shard removes it the same way
    }

    @Test
    void shouldChangeNothingOnceEndedOrOnceThePublisherIsClosed()
    {
        final SubscriptionRegistry registry = registry("AAPL");
        registry.start(() -> { }, () -> { });

        publisherClosed.set(true);
        assertFalse(registry.subscribe(List.of("DUD")));
        publisherClosed.set(false);
        registry.end();
        assertFalse(registry.subscribe(List.of("DUD")));
        assertFalse(registry.unsubscribe(List.of("AAPL")));

        assertEquals(List.of("AAPL"), registry.symbols());
        assertEquals(List.of(), controls);
    }

    @Test
    void shouldStayBeforeStartWhenStartIsRefused()
    {
        final SubscriptionRegistry registry = registry("AAPL");

        assertThrows(IllegalStateException.class, () -> registry.start(() ->
        {
            throw new IllegalStateException("closed");
        }, () -> { }));
        assertThrows(IllegalStateException.class, () -> registry.start(() -> { }, () ->
        {
            throw new IllegalStateException("closed while starting");
        }));
        assertTrue(registry.subscribe(List.of("DUD")));

        assertEquals(List.of("subscribe [AAPL]"), streamer.heard); // the second attempt told the streamer, then failed
        assertEquals(List.of(), controls);
        assertEquals(1, tables[1].remove("DUD").symbolId());
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldGiveEverySymbolOneNumberAndOneControlEventUnderConcurrentChanges() throws Exception
    {
        final int threads = 4;
        final int symbolsPerThread = 40;
        for (int iteration = 0; iteration < 200; iteration++)
        {
            controls.clear();
            final SubscriptionRegistry registry = new SubscriptionRegistry(List.of("SEED"), new SymbolTable[] {new SymbolTable(4)},
                new WorkerFactory(new EnumMap<>(Service.class)), new RecordingStreamer(),
                (type, symbol, id) -> controls.add((type == InboundEvent.SUBSCRIBE ? "+" : "-") + symbol + "#" + id),
                () -> false);
            registry.start(() -> { }, () -> { });
            final CountDownLatch go = new CountDownLatch(1);
            final List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++)
            {
                final int first = t * symbolsPerThread / 2; // neighbours overlap by half
                final Thread thread = new Thread(() ->
                {
                    awaitQuietly(go);
                    for (int s = first; s < first + symbolsPerThread; s++)
                    {
                        registry.subscribe(List.of("S" + s));
                    }
                });
                thread.start();
                workers.add(thread);
            }
            go.countDown();
            for (final Thread thread : workers)
            {
                thread.join();
            }

            final int distinct = (threads + 1) * symbolsPerThread / 2;
            assertEquals(distinct + 1, registry.symbols().size());
            assertEquals(distinct, controls.size(), "one control event per symbol");
            final Map<String, Integer> ids = new HashMap<>();
            for (final String control : controls)
            {
                final String[] parts = control.substring(1).split("#");
                assertEquals(null, ids.put(parts[0], Integer.parseInt(parts[1])), control);
                assertEquals(ids.get(parts[0]).intValue(), registry.idOf(parts[0]));
            }
            final Set<Integer> numbers = new HashSet<>(ids.values());
            for (int id = 1; id <= distinct; id++)
            {
                assertTrue(numbers.contains(id), "ids are dense: " + id); // SEED is 0
            }
        }
    }

    private static void awaitQuietly(final CountDownLatch latch)
    {
        try
        {
            latch.await();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static final class RecordingStreamer implements Streamer
    {
        final List<String> heard = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void stream(final MessagePublisher publisher)
        {
        }

        @Override
        public void subscribe(final List<String> symbols)
        {
            heard.add("subscribe " + symbols);
        }

        @Override
        public void unsubscribe(final List<String> symbols)
        {
            heard.add("unsubscribe " + symbols);
        }
    }
}
