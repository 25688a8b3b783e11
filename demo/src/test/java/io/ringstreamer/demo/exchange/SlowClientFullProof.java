package io.ringstreamer.demo.exchange;

import io.ringstreamer.Pipeline;
import io.ringstreamer.format.Service;
import io.ringstreamer.metrics.MetricsSnapshot;
import io.ringstreamer.source.live.WebSocketStreamer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.Locale;

import static io.ringstreamer.demo.exchange.RecordingPublisher.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The slow-client proof at full size, at ring-streamer's default settings: the fake exchange streams
 * {@value SlowClientShapeTest#FRAMES_PER_SECOND} frames a second of {@value SlowClientShapeTest#BARS_PER_FRAME}
 * bars for {@value SlowClientShapeTest#SECONDS} s and cuts a client once 1 MiB of frames waits unsent
 * for it; each bar costs 500 µs of work. The naive client is cut within a second or two
 * ({@link SlowClientShapeTest}); ring-streamer reads every frame on one connection and, minutes later,
 * has processed every bar. Not in CI (400,000 bars of 500 µs of wall time: 200 s of work a protocol,
 * shared among the shards): run it with
 * {@code mvn -B -ntp -pl core,journal,demo -am test -Pproof -Dtest=SlowClientFullProof -Dsurefire.failIfNoSpecifiedTests=false}; its figures are in {@code docs/live-sources.md}.
 */
@Timeout(3600)
class SlowClientFullProof
{
    private static final int WORK_MICROS = 500;

    @ParameterizedTest
    @EnumSource(FakeExchange.Protocol.class)
    void shouldReadEveryFrameAndProcessEveryBarAtDefaultSettingsWhenTheFeedOutrunsTheWork(
        final FakeExchange.Protocol protocol) throws Exception
    {
        final int bars = SlowClientShapeTest.BARS_PER_FRAME;
        final long items = (long)SlowClientShapeTest.FRAMES_PER_SECOND * bars * SlowClientShapeTest.SECONDS;
        try (FakeExchange exchange = FakeExchange.builder().rate(SlowClientShapeTest.FRAMES_PER_SECOND * bars)
            .itemsPerMessage(bars).maxBacklog(Long.MAX_VALUE).maxBacklogBytes(SlowClientShapeTest.MAX_BACKLOG_BYTES)
            .socketBufferBytes(64 * 1024).itemLimit(items).build().start())
        {
            final CountingListener listener = new CountingListener();
            final Pipeline.Builder builder = Pipeline.builder() // the defaults: ring, shards, SPILL, 256 MiB
                .symbols(SlowClientShapeTest.SYMBOLS)
                .streamer(WebSocketStreamer.builder(exchange.uri(protocol), SlowClientShapeTest.barsOnly(protocol)).build())
                .listener(listener)
                .component(Service.CHART_EQUITY, () -> SyntheticWork.component(WORK_MICROS));
            final long start = System.nanoTime();
            final Pipeline pipeline = builder.build().start();
            try
            {
                final long[] nextProgress = {System.nanoTime()};
                final Runnable progress = () ->
                {
                    if (System.nanoTime() - nextProgress[0] >= 0) // a line every 30 s: a run takes minutes
                    {
                        nextProgress[0] += 30_000_000_000L;
                        System.out.printf(Locale.ROOT, "full proof, %s, %d s: %d bars delivered of %d; %s; %s%n", protocol,
                            (System.nanoTime() - start) / 1_000_000_000L, listener.results.get(), items, exchange.clients(),
                            pipeline.metrics().snapshot());
                    }
                };
                assertTrue(await(() ->
                    {
                        progress.run();
                        return exchange.lastClient() != null && exchange.lastClient().feedEnded();
                    }, 300),
                    () -> "the feed runs to its end: " + exchange.clients());
                final long feedMillis = (System.nanoTime() - start) / 1_000_000;
                final ClientStats client = exchange.lastClient();
                assertTrue(await(() ->
                {
                    progress.run();
                    return listener.results.get() >= items || exchange.clients().size() > 1;
                }, 3000), () -> "every bar processed: " +
                    listener.results.get() + " of " + items + ", " + pipeline.metrics().snapshot());
                final long processedMillis = (System.nanoTime() - start) / 1_000_000;
                final MetricsSnapshot m = pipeline.metrics().snapshot();

                assertEquals(1, exchange.clients().size(), () -> "one connection throughout: " + exchange.clients() +
                    "; errors " + listener.errors + "; statuses " + listener.statuses);
                assertFalse(client.isDisconnected(), client.toString());
                assertEquals(items, client.itemsSent());
                final String kind = protocol == FakeExchange.Protocol.ALPACA ? "b" : "CHART_EQUITY";
                for (final String symbol : SlowClientShapeTest.SYMBOLS)
                {
                    assertEquals(client.itemsSent(kind, symbol), listener.count("bar", symbol), symbol);
                }
                assertEquals(0, m.rejected() + m.dropped() + m.entriesRejected() + m.abandoned(), m.toString());
                assertTrue(m.spilled() > 0, m.toString());
                System.out.printf(Locale.ROOT, "full proof, %s, default settings (%d shard(s)): %d frames of %d bars " +
                        "(%d bars) sent in %d ms on one connection, exchange backlog at most %d bytes (limit %d); " +
                        "%d messages received, %d spilled, largest spill %.1f MiB; every bar processed after %d ms%n",
                    protocol, pipeline.shardCount(), client.framesSent(), bars, items, feedMillis,
                    client.maxBacklogBytes(), SlowClientShapeTest.MAX_BACKLOG_BYTES, m.received(), m.spilled(),
                    m.largestSpillBytes() / 1048576.0, processedMillis);
            }
            finally
            {
                pipeline.close(Duration.ofSeconds(10)); // a failed assertion does not wait for minutes of work
            }
        }
    }
}
