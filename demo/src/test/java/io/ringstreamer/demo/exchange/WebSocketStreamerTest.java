package io.ringstreamer.demo.exchange;

import io.ringstreamer.source.ConnectionLostException;
import io.ringstreamer.source.live.AlpacaProtocol;
import io.ringstreamer.source.live.ReconnectPolicy;
import io.ringstreamer.source.live.SchwabProtocol;
import io.ringstreamer.source.live.WebSocketStreamer;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.ringstreamer.demo.exchange.RecordingPublisher.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The streamer's connection handling against the fake exchange on loopback, through a recording
 * publisher (no pipeline): login, subscriptions at run time, drops, silence, giving up, stopping; and
 * that the publisher is never used by two threads at once.
 */
@Timeout(60)
class WebSocketStreamerTest
{
    private static final ReconnectPolicy FAST = new ReconnectPolicy(Duration.ofMillis(20), Duration.ofMillis(200), 2, 0.5, 0);

    private FakeExchange exchange;
    private final ExecutorService streamerThread = Executors.newSingleThreadExecutor();

    @BeforeEach
    void startExchange() throws Exception
    {
        exchange = FakeExchange.builder().rate(2_000).build().start();
    }

    @AfterEach
    void stop() throws Exception
    {
        streamerThread.shutdownNow();
        assertTrue(streamerThread.awaitTermination(10, TimeUnit.SECONDS));
        exchange.close();
    }

    private WebSocketStreamer.Builder alpaca()
    {
        return WebSocketStreamer.builder(exchange.uri(FakeExchange.Protocol.ALPACA), new AlpacaProtocol("key", "secret")).reconnect(FAST);
    }

    private Future<?> run(final WebSocketStreamer streamer, final RecordingPublisher publisher)
    {
        return streamerThread.submit(() ->
        {
            streamer.stream(publisher);
            return null;
        });
    }

    @RepeatedTest(3)
    void shouldLogInSubscribeAndStreamWhenConnected() throws Exception
    {
        final WebSocketStreamer streamer = alpaca().build();
        streamer.subscribe(List.of("AAPL", "MSFT"));
        final RecordingPublisher publisher = new RecordingPublisher();
        final Future<?> stream = run(streamer, publisher);

        assertTrue(await(() -> publisher.messages.get() >= 500, 20), () -> "data arrives: " + publisher.events() + " " + exchange.clients());
        final ClientStats client = exchange.lastClient();
        assertTrue(client.requests().get(0).contains("\"action\":\"auth\""), client.requests().toString());
        assertTrue(client.requests().get(1).contains("\"AAPL\",\"MSFT\""), client.requests().toString());
        assertEquals("Connected", publisher.events().get(0).kind());

        final long stopAt = System.nanoTime();
        streamer.requestStop();
        assertNull(stream.get(5, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - stopAt < TimeUnit.SECONDS.toNanos(5));
        assertTrue(await(client::isDisconnected, 10), "the exchange sees the client go");
        assertEquals(0, publisher.overlaps.get());
        assertEquals(0, publisher.count("ConnectionLost"), publisher.events().toString());
    }

    @RepeatedTest(3)
    void shouldReconnectAndResubscribeTheCurrentSetWhenTheExchangeDrops() throws Exception
    {
        final WebSocketStreamer streamer = alpaca().build();
        streamer.subscribe(List.of("AAPL"));
        final RecordingPublisher publisher = new RecordingPublisher();
        final Future<?> stream = run(streamer, publisher);
        assertTrue(await(() -> publisher.messages.get() >= 100, 20));

        streamer.subscribe(List.of("NVDA"));
        streamer.unsubscribe(List.of("AAPL"));
        streamer.subscribe(List.of("TSLA"));
        final ClientStats first = exchange.lastClient();
        assertTrue(await(() -> first.requests().size() >= 4, 10), first.requests().toString());
        assertTrue(first.requests().get(2).matches(".*\"action\":\"subscribe\".*\"trades\":\\[\"NVDA\"].*"), first.requests().toString());
        assertTrue(first.requests().get(3).matches(".*\"action\":\"unsubscribe\".*\"trades\":\\[\"AAPL\"].*"), first.requests().toString());
        assertTrue(await(() -> first.itemsSent("t", "TSLA") > 0, 10), "data for a symbol added at run time arrives");

        exchange.dropAll();
        assertTrue(await(() -> exchange.clients().size() == 2 && exchange.lastClient().itemsSent() > 100, 20),
            "reconnects and streams again");
        final ClientStats second = exchange.lastClient();
        assertTrue(second.requests().get(1).contains("\"trades\":[\"NVDA\",\"TSLA\"]"), second.requests().toString());
        assertEquals(0, second.itemsSent("t", "AAPL"));
        assertEquals(1, publisher.count("ConnectionLost"), publisher.events().toString());
        assertEquals(1, publisher.count("Reconnecting"), publisher.events().toString());
        assertEquals(2, publisher.count("Connected"), publisher.events().toString());
        final RecordingPublisher.Event reconnecting =
            publisher.events().stream().filter(e -> e.kind().equals("Reconnecting")).findFirst().orElseThrow();
        assertEquals(1, reconnecting.code(), "the first attempt");
        assertTrue(reconnecting.message().matches("in \\d+ ms"), reconnecting.message());

        streamer.requestStop();
        assertNull(stream.get(5, TimeUnit.SECONDS));
        assertEquals(0, publisher.overlaps.get());
    }

    @Test
    void shouldReconnectWhenTheExchangeFallsSilent() throws Exception
    {
        final WebSocketStreamer streamer = alpaca().silenceTimeout(Duration.ofMillis(300)).build();
        streamer.subscribe(List.of("AAPL"));
        final RecordingPublisher publisher = new RecordingPublisher();
        final Future<?> stream = run(streamer, publisher);
        assertTrue(await(() -> publisher.messages.get() >= 100, 20));

        exchange.silence(true);
        assertTrue(await(() -> publisher.count("Reconnecting") >= 1, 10), publisher.events().toString());
        assertTrue(publisher.events().stream().anyMatch(e -> e.kind().equals("ConnectionLost") && e.message().startsWith("silent")),
            publisher.events().toString());
        exchange.silence(false);
        final long before = publisher.messages.get();
        assertTrue(await(() -> publisher.messages.get() > before + 100, 20), "streams again after the silence");
        assertTrue(exchange.clients().size() >= 2);

        streamer.requestStop();
        assertNull(stream.get(5, TimeUnit.SECONDS));
    }

    /**
     * An Alpaca feed that has reached its end sends nothing but pings: the streamer must not take that for
     * silence. (Without the fake's pings the full-size proof reconnected 30 s after its feed ended, and the
     * exchange streamed a second feed into it.)
     */
    @Test
    void shouldStayConnectedOnPingsAloneWhenTheAlpacaFeedHasEnded() throws Exception
    {
        try (FakeExchange quiet = FakeExchange.builder().rate(2_000).itemLimit(100).heartbeat(Duration.ofMillis(50)).build().start())
        {
            final WebSocketStreamer streamer = WebSocketStreamer.builder(quiet.uri(FakeExchange.Protocol.ALPACA),
                new AlpacaProtocol("key", "secret")).silenceTimeout(Duration.ofMillis(500)).reconnect(FAST).build();
            streamer.subscribe(List.of("AAPL"));
            final RecordingPublisher publisher = new RecordingPublisher();
            final Future<?> stream = run(streamer, publisher);
            assertTrue(await(() -> quiet.lastClient() != null && quiet.lastClient().feedEnded(), 20), quiet.clients().toString());
            final long pingsAtEnd = quiet.lastClient().pingsSent();

            assertTrue(await(() -> quiet.lastClient().pingsSent() >= pingsAtEnd + 30, 20), "pings for 3 silence timeouts");
            assertEquals(1, quiet.clients().size(), "no reconnect: pings are signs of life");
            assertEquals(0, publisher.count("ConnectionLost"), publisher.events().toString());
            assertEquals(100, quiet.lastClient().itemsSent());

            streamer.requestStop();
            assertNull(stream.get(5, TimeUnit.SECONDS));
        }
    }

    /** The streamer's reconnect is a flight-recorder event too, its endpoint without credentials. */
    @Test
    void shouldRecordAReconnectEventWhenTheExchangeFallsSilent(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("reconnect.jfr");
        try (Recording recording = new Recording())
        {
            recording.enable("io.ringstreamer.Reconnect");
            recording.start();
            final WebSocketStreamer streamer = alpaca().silenceTimeout(Duration.ofMillis(300)).build();
            streamer.subscribe(List.of("AAPL"));
            final RecordingPublisher publisher = new RecordingPublisher();
            final Future<?> stream = run(streamer, publisher);
            assertTrue(await(() -> publisher.messages.get() >= 10, 20));
            exchange.silence(true);
            assertTrue(await(() -> publisher.count("Reconnecting") >= 1, 10), publisher.events().toString());
            streamer.requestStop();
            assertNull(stream.get(5, TimeUnit.SECONDS));
            recording.stop();
            recording.dump(file);
        }
        final List<RecordedEvent> events = RecordingFile.readAllEvents(file).stream()
            .filter(e -> e.getEventType().getName().equals("io.ringstreamer.Reconnect")).toList();
        assertFalse(events.isEmpty(), "a Reconnect event was recorded");
        final RecordedEvent reconnect = events.get(0);
        assertEquals(1, reconnect.getInt("attempt"));
        assertTrue(reconnect.getString("reason").startsWith("silent"), reconnect.toString());
        assertTrue(reconnect.getString("endpoint").contains("127.0.0.1") &&
            reconnect.getString("endpoint").endsWith("/alpaca"), reconnect.toString());
    }

    @Test
    void shouldLogInToSchwabStayUpOnHeartbeatsAloneAndStreamWhenSubscribedAtRunTime() throws Exception
    {
        try (FakeExchange schwab = FakeExchange.builder().rate(2_000).heartbeat(Duration.ofMillis(50)).token("token").build().start())
        {
            final WebSocketStreamer streamer = WebSocketStreamer.builder(schwab.uri(FakeExchange.Protocol.SCHWAB),
                    new SchwabProtocol(SchwabProtocol.Config.of("token", "customer", "correl", "channel", "function")))
                .silenceTimeout(Duration.ofSeconds(2)).reconnect(FAST).build();
            final RecordingPublisher publisher = new RecordingPublisher();
            final Future<?> stream = run(streamer, publisher);

            assertTrue(await(() -> schwab.lastClient() != null && schwab.lastClient().framesSent() > 100, 30),
                "heartbeats for well over the silence timeout");
            assertEquals(1, schwab.clients().size(), "no reconnect: heartbeats are signs of life");
            assertEquals(0, publisher.count("ConnectionLost"), publisher.events().toString());
            assertEquals(0, publisher.messages.get(), "nothing subscribed, no data");
            final ClientStats client = schwab.lastClient();
            assertTrue(client.requests().get(0).contains("\"command\":\"LOGIN\"") && client.requests().get(0).contains("token"),
                client.requests().toString());

            streamer.subscribe(List.of("AAPL"));
            assertTrue(await(() -> client.itemsSent("CHART_EQUITY", "AAPL") > 10 && client.itemsSent("LEVELONE_EQUITIES", "AAPL") > 10 &&
                client.itemsSent("NASDAQ_BOOK", "AAPL") > 10 && publisher.messages.get() > 30, 20), client::toString);
            final String recent = String.join("\n", publisher.lastMessages);
            assertTrue(recent.contains("\"service\":\"CHART_EQUITY\"") || recent.contains("\"service\":\"LEVELONE_EQUITIES\"") ||
                recent.contains("\"service\":\"BOOK\""), recent);
            assertEquals(List.of("Connected", "Authenticated"),
                publisher.events().stream().map(RecordingPublisher.Event::kind).limit(2).toList());

            streamer.requestStop();
            assertNull(stream.get(5, TimeUnit.SECONDS));
            assertEquals(0, publisher.overlaps.get());
        }
    }

    @Test
    void shouldGiveUpWithConnectionLostWhenAttemptsAreExhausted() throws Exception
    {
        final int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            port = probe.getLocalPort(); // closed again: connections are refused
        }
        final WebSocketStreamer streamer = WebSocketStreamer.builder(URI.create("ws://127.0.0.1:" + port + "/alpaca"),
            new AlpacaProtocol("key", "secret")).reconnect(FAST.withMaxAttempts(3)).build();
        final RecordingPublisher publisher = new RecordingPublisher();
        final Future<?> stream = run(streamer, publisher);
        final Exception failure = assertThrows(Exception.class, () -> stream.get(20, TimeUnit.SECONDS));
        assertInstanceOf(ConnectionLostException.class, failure.getCause());
        assertTrue(failure.getCause().getMessage().startsWith("gave up after 3 reconnect attempts"), failure.getCause().getMessage());
        assertEquals(3, publisher.count("Reconnecting"), publisher.events().toString());
        assertEquals(3, publisher.count("ConnectionLost"), publisher.events().toString());
        assertEquals(0, publisher.count("Connected"));
        for (final RecordingPublisher.Event lost : publisher.events())
        {
            if (lost.kind().equals("ConnectionLost"))
            {
                assertEquals("cannot connect to 127.0.0.1:" + port + ": connection refused", lost.message());
            }
        }
    }

    @Test
    void shouldEndWithTheServersCodeAfterThreeTriesWhenTheAlpacaLoginIsRefused() throws Exception
    {
        try (FakeExchange guarded = FakeExchange.builder().credentials("right-key", "right-secret").build().start())
        {
            final WebSocketStreamer streamer = WebSocketStreamer.builder(guarded.uri(FakeExchange.Protocol.ALPACA),
                new AlpacaProtocol("wrong-key", "wrong-secret")).reconnect(FAST).build();
            final RecordingPublisher publisher = new RecordingPublisher();
            final Future<?> stream = run(streamer, publisher);
            final Exception failure = assertThrows(Exception.class, () -> stream.get(20, TimeUnit.SECONDS));
            assertInstanceOf(ConnectionLostException.class, failure.getCause());
            assertEquals("login refused 3 times in a row; last: 402 auth failed", failure.getCause().getMessage());
            assertEquals(3, guarded.clients().size(), "three tries, no more");
            assertEquals(3, publisher.count("ProtocolError"), publisher.events().toString());
        }
    }

    @Test
    void shouldEndAfterTheConfiguredTriesWhenTheSchwabLoginIsRefused() throws Exception
    {
        try (FakeExchange guarded = FakeExchange.builder().token("right-token").build().start())
        {
            final WebSocketStreamer streamer = WebSocketStreamer.builder(guarded.uri(FakeExchange.Protocol.SCHWAB),
                    new SchwabProtocol(SchwabProtocol.Config.of("wrong-token", "customer", "correl", "channel", "function")))
                .reconnect(FAST).maxLoginAttempts(2).build();
            final RecordingPublisher publisher = new RecordingPublisher();
            final Future<?> stream = run(streamer, publisher);
            final Exception failure = assertThrows(Exception.class, () -> stream.get(20, TimeUnit.SECONDS));
            assertInstanceOf(ConnectionLostException.class, failure.getCause());
            assertEquals("login refused 2 times in a row; last: 3 Login denied", failure.getCause().getMessage());
            assertEquals(2, guarded.clients().size());
        }
    }

    @Test
    void shouldKeepTheUrlsQueryAndUserInfoOutOfEveryStatusErrorAndExceptionWhenTheyCarryTokens() throws Exception
    {
        final URI withToken = URI.create(exchange.uri(FakeExchange.Protocol.SCHWAB) + "?token=SECRET-TOKEN");
        final WebSocketStreamer connected = WebSocketStreamer.builder(withToken,
            new SchwabProtocol(SchwabProtocol.Config.of("token", "customer", "correl", "channel", "function"))).reconnect(FAST).build();
        final RecordingPublisher publisher = new RecordingPublisher();
        final Future<?> stream = run(connected, publisher);
        assertTrue(await(() -> publisher.count("Connected") == 1, 20), publisher.events()::toString);
        connected.requestStop();
        assertNull(stream.get(5, TimeUnit.SECONDS));

        final int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            port = probe.getLocalPort();
        }
        final WebSocketStreamer refused = WebSocketStreamer.builder(
                URI.create("ws://user:PASSWORD@127.0.0.1:" + port + "/alpaca?token=SECRET-TOKEN"), new AlpacaProtocol("key", "secret"))
            .reconnect(FAST.withMaxAttempts(1)).build();
        final Exception failure = assertThrows(Exception.class, () -> run(refused, publisher).get(20, TimeUnit.SECONDS));
        final IllegalArgumentException notWebSocket = assertThrows(IllegalArgumentException.class, () ->
            WebSocketStreamer.builder(URI.create("http://user:PASSWORD@127.0.0.1/x?token=SECRET-TOKEN"), new AlpacaProtocol("k", "s")));

        final String everything = publisher.events() + " " + failure.getCause().getMessage() + " " + notWebSocket.getMessage();
        assertTrue(!everything.contains("SECRET-TOKEN") && !everything.contains("PASSWORD"), everything);
        assertTrue(everything.contains("Connected, code=0, message=ws://127.0.0.1:" + exchange.port() + "/schwab?***"), everything);
        assertTrue(everything.contains("cannot connect to 127.0.0.1:" + port + ": connection refused"), everything);
        assertTrue(everything.contains("http://***@127.0.0.1/x?***") || everything.contains("http://127.0.0.1/x?***"), everything);
    }
}
