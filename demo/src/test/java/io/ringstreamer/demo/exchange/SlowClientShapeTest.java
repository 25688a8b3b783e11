package io.ringstreamer.demo.exchange;

import io.ringstreamer.source.live.AlpacaProtocol;
import io.ringstreamer.source.live.FeedProtocol;
import io.ringstreamer.source.live.SchwabProtocol;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fake exchange can serve the slow-client proof's heavier shape in both protocols: bars only, 4,000
 * frames a second of {@value #BARS_PER_FRAME} bars each for 5 s, and a client cut off when more than
 * 1 MiB of frames wait unwritten for it (the byte limit, {@link FakeExchange.Builder#maxBacklogBytes}).
 * A naive client that works inside its listener passes that limit and is cut off as a slow client (the
 * test stops it then, rather than let it work through what its socket buffers still hold).
 */
@Timeout(60)
class SlowClientShapeTest
{
    static final int FRAMES_PER_SECOND = 4_000;
    static final int BARS_PER_FRAME = 20;
    static final int SECONDS = 5;
    static final long MAX_BACKLOG_BYTES = 1 << 20;
    /** Twenty symbols: a Schwab frame carries at most one entry per symbol, so this many fill a frame. */
    static final List<String> SYMBOLS = java.util.stream.IntStream.range(0, BARS_PER_FRAME)
        .mapToObj(i -> String.format(java.util.Locale.ROOT, "S%02d", i)).toList();

    static FeedProtocol barsOnly(final FakeExchange.Protocol protocol)
    {
        return protocol == FakeExchange.Protocol.ALPACA
            ? new AlpacaProtocol("k", "s", EnumSet.of(AlpacaProtocol.Channel.BARS))
            : new SchwabProtocol(SchwabProtocol.Config.of("t", "c", "r", "N9", "APIAPP")
                .withServices(EnumSet.of(SchwabProtocol.SchwabService.CHART_EQUITY)));
    }

    @ParameterizedTest
    @EnumSource(FakeExchange.Protocol.class)
    void shouldCutOffANaiveClientPastOneMebibyteUnsentWhenItLagsTheBarFeed(final FakeExchange.Protocol protocol) throws Exception
    {
        final long items = (long)FRAMES_PER_SECOND * BARS_PER_FRAME * SECONDS;
        try (FakeExchange exchange = FakeExchange.builder().rate(FRAMES_PER_SECOND * BARS_PER_FRAME)
                .itemsPerMessage(BARS_PER_FRAME).maxBacklog(Long.MAX_VALUE).maxBacklogBytes(MAX_BACKLOG_BYTES)
                .socketBufferBytes(64 * 1024).itemLimit(items).build().start();
             NaiveClient naive = new NaiveClient(exchange.uri(protocol), barsOnly(protocol), SYMBOLS, 500).start())
        {
            assertTrue(RecordingPublisher.await(() -> exchange.lastClient() != null && exchange.lastClient().isDisconnected(), 30),
                () -> "the exchange cuts the naive client off: " + exchange.clients());
            final ClientStats client = exchange.lastClient();
            assertTrue(client.disconnectedAsSlowClient(), client.toString());
            assertTrue(client.maxBacklogBytes() > MAX_BACKLOG_BYTES, client.toString());
            assertTrue(client.itemsSent() < items, "cut off before the feed's end: " + client);
            final String bars = protocol == FakeExchange.Protocol.ALPACA ? "b" : "CHART_EQUITY";
            assertEquals(client.itemsSent(), SYMBOLS.stream().mapToLong(symbol -> client.itemsSent(bars, symbol)).sum(), "bars only");
            assertTrue(client.itemsSent() >= (client.framesSent() - 3) * BARS_PER_FRAME,
                "every data frame full (the session's few frames aside): " + client);
            System.out.printf(java.util.Locale.ROOT, "%s: cut off after %d ms, %d frames (%d bars) sent, backlog at most %d bytes%n",
                protocol, client.millisToDisconnect(), client.framesSent(), client.itemsSent(), client.maxBacklogBytes());
        }
    }
}
