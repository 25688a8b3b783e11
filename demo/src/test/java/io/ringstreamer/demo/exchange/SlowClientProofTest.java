package io.ringstreamer.demo.exchange;

import io.ringstreamer.Pipeline;
import io.ringstreamer.format.Service;
import io.ringstreamer.metrics.MetricsSnapshot;
import io.ringstreamer.source.live.AlpacaProtocol;
import io.ringstreamer.source.live.SchwabProtocol;
import io.ringstreamer.source.live.WebSocketStreamer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static io.ringstreamer.demo.exchange.RecordingPublisher.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The point of the project, on real loopback sockets: a feed of {@value #RATE} items a second, and
 * {@value #WORK_MICROS} µs of processing per item (at most 2,000 items a second on one core).
 * <ul>
 *   <li>The naive client processes inside its WebSocket listener: it stops reading while it works, the
 *   exchange's backlog for it passes {@value #MAX_BACKLOG} frames, and it is cut off with Alpaca's 407
 *   {@code slow client}.</li>
 *   <li>ring-streamer at its default settings, with the same work in one shard (the same processing
 *   capacity), keeps reading: the inbound ring and then the spill store absorb the lag, the exchange
 *   never sees a backlog near the limit, the feed of
 *   {@value #ITEMS} items runs to its end on one connection, and every item sent becomes exactly one
 *   result, per symbol and kind.</li>
 * </ul>
 * The exchange's sockets get a 64 KiB send buffer, so a backlog shows after a second rather than after
 * the kernel has buffered megabytes (the real APIs buffer too; the rule is the same).
 */
@Timeout(120)
class SlowClientProofTest
{
    static final int RATE = 5_000;
    static final int WORK_MICROS = 500;
    static final int MAX_BACKLOG = 2_500;
    static final int ITEMS = RATE * 3;
    static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "AMZN", "NVDA");

    private static FakeExchange exchange() throws Exception
    {
        return FakeExchange.builder().rate(RATE).maxBacklog(MAX_BACKLOG).socketBufferBytes(64 * 1024).itemLimit(ITEMS)
            .build().start();
    }

    @Test
    void shouldCutOffTheNaiveClientAsSlowWhenItProcessesInsideTheListener() throws Exception
    {
        try (FakeExchange exchange = exchange();
             NaiveClient naive = new NaiveClient(exchange.uri(FakeExchange.Protocol.ALPACA), new AlpacaProtocol("k", "s"),
                 SYMBOLS, WORK_MICROS).start())
        {
            assertTrue(naive.awaitClose(60, TimeUnit.SECONDS), "the exchange closes the naive client");
            final ClientStats client = exchange.lastClient();
            assertTrue(client.disconnectedAsSlowClient(), client.toString());
            assertTrue(client.itemsSent() < ITEMS, "cut off before the feed's end: " + client);
            assertEquals(1008, naive.closeCode());
            assertEquals("slow client", naive.closeReason());
            assertTrue(naive.events().contains(new NaiveClient.Event("ProtocolError", 407, "slow client")),
                naive.events().toString());
            assertEquals(client.itemsSent(), naive.entriesProcessed(), "it processed what it read before the close");
            System.out.printf(Locale.ROOT, "naive: feed %d items/s, work %d us/item, backlog limit %d frames: " +
                    "cut off after %d ms with backlog %d, having been sent %d items%n",
                RATE, WORK_MICROS, MAX_BACKLOG, client.millisToDisconnect(), client.maxBacklog(), client.itemsSent());
        }
    }

    /** At the default settings: a ring of 4,096 slots holds under a second of this feed; the rest spills. */
    @ParameterizedTest
    @EnumSource(FakeExchange.Protocol.class)
    void shouldStayConnectedAndProcessEveryItemAtDefaultSettingsWhenRingStreamerReadsOnAndSpills(
        final FakeExchange.Protocol protocol) throws Exception
    {
        try (FakeExchange exchange = exchange())
        {
            final CountingListener listener = new CountingListener();
            final WebSocketStreamer streamer = WebSocketStreamer.builder(exchange.uri(protocol),
                protocol == FakeExchange.Protocol.ALPACA ? new AlpacaProtocol("k", "s") :
                    new SchwabProtocol(SchwabProtocol.Config.of("token", "customer", "correl", "channel", "function")))
                .build();
            final Pipeline.Builder builder = Pipeline.builder()
                .name("proof")
                .symbols(SYMBOLS)
                .streamer(streamer)
                .listener(listener)
                .shards(1); // the naive client's processing capacity: one core
            final boolean alpaca = protocol == FakeExchange.Protocol.ALPACA;
            // What the exchange sends, as it counts it, and what the listener sees: three kinds each.
            final List<String> sent = alpaca ? List.of("b", "q", "t") :
                List.of("CHART_EQUITY", "LEVELONE_EQUITIES", "NASDAQ_BOOK");
            final List<String> seen = List.of("bar", "quote", alpaca ? "trade" : "book");
            for (final Service service : List.of(Service.CHART_EQUITY, Service.LEVELONE_EQUITIES,
                alpaca ? Service.TIMESALE_EQUITY : Service.BOOK))
            {
                builder.component(service, () -> SyntheticWork.component(WORK_MICROS));
            }
            final long start = System.nanoTime();
            try (Pipeline pipeline = builder.build().start())
            {
                assertTrue(await(() -> exchange.lastClient() != null && exchange.lastClient().feedEnded(), 30),
                    "the feed runs to its end: " + exchange.clients());
                final long feedMillis = (System.nanoTime() - start) / 1_000_000;
                final ClientStats client = exchange.lastClient();
                final long backlogAtFeedEnd = pipeline.metrics().snapshot().inboundBacklog();
                assertTrue(await(() -> listener.results.get() == ITEMS, 60), () -> "every item processed: " +
                    listener.results.get() + " of " + ITEMS + ", " + pipeline.metrics().snapshot());
                final long processedMillis = (System.nanoTime() - start) / 1_000_000;

                assertEquals(1, exchange.clients().size(), "one connection throughout");
                assertFalse(client.isDisconnected(), client.toString());
                assertFalse(client.disconnectedAsSlowClient());
                assertTrue(client.maxBacklog() < MAX_BACKLOG, client.toString());
                assertEquals(ITEMS, client.itemsSent());
                for (final String symbol : SYMBOLS)
                {
                    for (int k = 0; k < sent.size(); k++)
                    {
                        final int kind = k;
                        assertEquals(client.itemsSent(sent.get(kind), symbol), listener.count(seen.get(kind), symbol),
                            () -> symbol + " " + seen.get(kind) + "; seen " + new java.util.TreeMap<>(listener.counts) +
                                ", sent " + client + ", errors " + listener.errors + ", statuses " + listener.statuses + ", " +
                                pipeline.metrics().snapshot());
                    }
                }
                // A message counts as processed once its results are out: the listener can see the last result
                // a moment before the shard counts its message (14,999 of 15,000 once, in a loaded run).
                assertTrue(await(() -> pipeline.metrics().snapshot().processed() == ITEMS, 10),
                    () -> pipeline.metrics().snapshot().toString());
                final MetricsSnapshot metrics = pipeline.metrics().snapshot();
                assertEquals(ITEMS, metrics.received(), "one canonical message per one-item frame");
                assertEquals(ITEMS, metrics.processed());
                assertEquals(0, metrics.rejected() + metrics.dropped() + metrics.entriesRejected());
                assertTrue(metrics.spilled() > 0, "the default ring overflowed and spilled: " + metrics);
                assertEquals(List.of(), listener.errors);
                System.out.printf(Locale.ROOT, "ring-streamer (%s, default settings): feed %d items/s, work %d us/item " +
                        "in 1 shard: feed of %d items ended after %d ms on one connection (exchange backlog at most %d " +
                        "frames, %d messages waiting in the ring, %d spilled, largest spill %d bytes), every item " +
                        "processed after %d ms%n",
                    protocol, RATE, WORK_MICROS, ITEMS, feedMillis, client.maxBacklog(), backlogAtFeedEnd,
                    metrics.spilled(), metrics.largestSpillBytes(), processedMillis);
            }
        }
    }
}
