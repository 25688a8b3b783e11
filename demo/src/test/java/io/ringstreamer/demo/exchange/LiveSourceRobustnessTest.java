package io.ringstreamer.demo.exchange;

import io.ringstreamer.source.live.ReconnectPolicy;
import io.ringstreamer.source.live.SchwabProtocol;
import io.ringstreamer.source.live.WebSocketStreamer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.ringstreamer.demo.exchange.RecordingPublisher.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the streamer does with frames a well-behaved server does not send, from a raw socket server on
 * loopback: a message cut by a drop, a message past the size limit, binary frames.
 */
@Timeout(60)
class LiveSourceRobustnessTest
{
    private static final ReconnectPolicy FAST = new ReconnectPolicy(Duration.ofMillis(20), Duration.ofMillis(200), 2, 0.5, 0);
    private static final String LOGIN_OK = "{\"response\":[{\"service\":\"ADMIN\",\"requestid\":\"0\",\"command\":\"LOGIN\"," +
        "\"timestamp\":1715908546054,\"content\":{\"code\":0,\"msg\":\"server=test;status=PN\"}}]}";

    private final ExecutorService streamerThread = Executors.newSingleThreadExecutor();
    /** Every text message each connection received, "connection: text". */
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception
    {
        streamerThread.shutdownNow();
        assertTrue(streamerThread.awaitTermination(10, TimeUnit.SECONDS));
    }

    private static SchwabProtocol schwab()
    {
        return new SchwabProtocol(SchwabProtocol.Config.of("token", "customer", "correl", "channel", "function")
            .withServices(java.util.EnumSet.of(SchwabProtocol.SchwabService.CHART_EQUITY)));
    }

    private Future<?> run(final WebSocketStreamer streamer, final RecordingPublisher publisher)
    {
        return streamerThread.submit(() ->
        {
            streamer.stream(publisher);
            return null;
        });
    }

    /** Logs the client in, then records what it sends until it goes away. */
    private void serveNormally(final int connection, final RawWebSocketServer.Session session) throws Exception
    {
        requests.add(connection + ": " + session.readText());
        session.sendText(LOGIN_OK);
        while (true)
        {
            requests.add(connection + ": " + session.readText());
        }
    }

    @Test
    void shouldDiscardAndReportAPartialMessageAndSubscribeAgainWhenTheConnectionDropsInsideAFragmentedMessage()
        throws Exception
    {
        try (RawWebSocketServer server = new RawWebSocketServer((connection, session) ->
        {
            if (connection == 0)
            {
                requests.add(connection + ": " + session.readText());
                session.frame(false, 1, "{\"response\":[{\"service\":\"ADMIN\",".getBytes(StandardCharsets.UTF_8));
                return; // dropped before the message's last frame
            }
            serveNormally(connection, session);
        }))
        {
            final WebSocketStreamer streamer = WebSocketStreamer.builder(server.uri("/schwab"), schwab()).reconnect(FAST).build();
            streamer.subscribe(List.of("AAPL"));
            final RecordingPublisher publisher = new RecordingPublisher();
            final Future<?> stream = run(streamer, publisher);

            assertTrue(await(() -> requests.stream().anyMatch(r -> r.startsWith("1: ") && r.contains("\"command\":\"ADD\"") &&
                r.contains("AAPL")), 20), () -> "the next connection logs in and subscribes: " + requests + " " + publisher.events());
            assertEquals(1, publisher.count("Authenticated"), publisher.events().toString());
            assertTrue(publisher.events().stream().anyMatch(e -> e.kind().equals("ProtocolError") &&
                e.message().contains("discarded") && e.message().contains("before its last frame")), publisher.events().toString());
            assertEquals(0, publisher.messages.get(), "nothing of the partial message was published as data");
            assertEquals(1, streamer.discardedMessages());

            streamer.requestStop();
            assertNull(stream.get(5, TimeUnit.SECONDS));
            assertTrue(server.failures.isEmpty(), server.failures::toString);
        }
    }

    @Test
    void shouldDiscardReportAndSkipTheRestOfAMessageAndStayConnectedWhenItGrowsPastTheLimit() throws Exception
    {
        final String data = "{\"data\":[{\"service\":\"CHART_EQUITY\",\"timestamp\":1715908546054,\"command\":\"SUBS\"," +
            "\"content\":[{\"seq\":0,\"key\":\"AAPL\",\"1\":779,\"2\":421.65,\"3\":421.79,\"4\":421.65,\"5\":421.755," +
            "\"6\":26.0,\"7\":1715903940000,\"8\":19859}]}]}";
        try (RawWebSocketServer server = new RawWebSocketServer((connection, session) ->
        {
            requests.add(connection + ": " + session.readText());
            session.sendText(LOGIN_OK);
            requests.add(connection + ": " + session.readText()); // the ADD
            final String big = "{\"notify\":[{\"heartbeat\":\"" + "7".repeat(2_400) + "\"}]}";
            session.frame(false, 1, big.substring(0, 800).getBytes(StandardCharsets.UTF_8));
            session.frame(false, 0, big.substring(800, 1_600).getBytes(StandardCharsets.UTF_8));
            session.frame(true, 0, big.substring(1_600).getBytes(StandardCharsets.UTF_8));
            session.sendText(data);
            while (true)
            {
                requests.add(connection + ": " + session.readText());
            }
        }))
        {
            final WebSocketStreamer streamer = WebSocketStreamer.builder(server.uri("/schwab"), schwab()).reconnect(FAST)
                .maxMessageChars(1_000).build();
            streamer.subscribe(List.of("AAPL"));
            final RecordingPublisher publisher = new RecordingPublisher();
            final Future<?> stream = run(streamer, publisher);

            assertTrue(await(() -> publisher.messages.get() == 1, 20),
                () -> "the message after the oversized one arrives whole: " + publisher.events() + " " + publisher.lastMessages);
            assertTrue(publisher.lastMessages.get(0).contains("\"service\":\"CHART_EQUITY\""), publisher.lastMessages::toString);
            final List<RecordingPublisher.Event> tooLarge =
                publisher.events().stream().filter(e -> e.kind().equals("MessageTooLarge")).toList();
            assertEquals(1, tooLarge.size(), publisher.events().toString());
            assertTrue(tooLarge.get(0).message().contains("limit of 1000 chars (1600 chars so far"), tooLarge.get(0).message());
            assertEquals(0, publisher.count("ConnectionLost"), "the connection stays up");
            assertEquals(1, streamer.discardedMessages());

            streamer.requestStop();
            assertNull(stream.get(5, TimeUnit.SECONDS));
            assertTrue(server.failures.isEmpty(), server.failures::toString);
        }
    }

    @Test
    void shouldCountAndReportBinaryMessagesAndStayConnectedWhenTheServerSendsThem() throws Exception
    {
        try (RawWebSocketServer server = new RawWebSocketServer((connection, session) ->
        {
            requests.add(connection + ": " + session.readText());
            session.sendText(LOGIN_OK);
            session.frame(false, 2, new byte[] {1, 2, 3});
            session.frame(true, 0, new byte[] {4, 5});
            session.frame(true, 2, new byte[] {6});
            session.sendText("{\"notify\":[{\"heartbeat\":\"1591499624412\"}]}");
            while (true)
            {
                requests.add(connection + ": " + session.readText());
            }
        }))
        {
            final WebSocketStreamer streamer = WebSocketStreamer.builder(server.uri("/schwab"), schwab()).reconnect(FAST).build();
            final RecordingPublisher publisher = new RecordingPublisher();
            final Future<?> stream = run(streamer, publisher);

            assertTrue(await(() -> streamer.untranslatedMessages() == 2, 20), () -> "two binary messages: " + publisher.events());
            assertEquals(1, publisher.events().stream().filter(e -> e.kind().equals("ProtocolError") &&
                e.message().equals("untranslated server message: a binary message of 5 bytes (1 so far)")).count(),
                publisher.events().toString());
            assertEquals(0, publisher.count("ConnectionLost"), "the connection stays up");

            streamer.requestStop();
            assertNull(stream.get(5, TimeUnit.SECONDS));
        }
    }
}
