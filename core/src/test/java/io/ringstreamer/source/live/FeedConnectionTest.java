package io.ringstreamer.source.live;

import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.StatusKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One connection's listener and ending, driven as the JDK drives it (before any socket: nothing is sent,
 * fewer messages than a demand batch arrive), with a real protocol and publisher double.
 */
@Timeout(30)
class FeedConnectionTest
{
    private final RecordingPublisher out = new RecordingPublisher();
    private final Set<String> symbols = new LinkedHashSet<>(List.of("AAPL"));

    private FeedConnection connection(final long silenceMillis)
    {
        return new FeedConnection(new AlpacaProtocol("k", "s"), out, new MessageAssembler(1 << 10, 64), symbols,
            URI.create("ws://user:secret@127.0.0.1:9/v2/iex?token=t"), TimeUnit.MILLISECONDS.toNanos(silenceMillis));
    }

    @Test
    void shouldHandWholeMessagesToTheProtocolAndCountTheLoginWhenTheServerAcceptsIt() throws Exception
    {
        final FeedConnection connection = connection(60_000);
        connection.onText(null, "[{\"T\":\"success\",", false);
        connection.onText(null, "\"msg\":\"connected\"}]", true);
        assertFalse(connection.loggedIn);
        connection.onText(null, "[{\"T\":\"success\",\"msg\":\"authenticated\"}]", true);
        assertTrue(connection.loggedIn);
        connection.onText(null, "[" + AlpacaProtocolTest.TRADE + "]", true);
        assertEquals(List.of(StatusKind.CONNECTED, StatusKind.AUTHENTICATED),
            out.statuses().stream().map(RecordingPublisher.Item::status).toList());
        assertEquals(1, out.messages().size());
        assertFalse(connection.ended.isDone());
    }

    @Test
    void shouldEndWithTheServersErrorWhenItRefusesTheLogin() throws Exception
    {
        final FeedConnection connection = connection(60_000);
        connection.onText(null, "[{\"T\":\"error\",\"code\":402,\"msg\":\"auth failed\"}]", true);
        assertTrue(connection.loginRefused);
        assertEquals("the server refused the login: 402 auth failed", connection.awaitEnd().reason);
        assertEquals(ErrorKind.PROTOCOL_ERROR, out.errors().get(0).error());
    }

    @Test
    void shouldEndWithTheCloseCodeAndReasonWhenTheServerCloses() throws Exception
    {
        final FeedConnection connection = connection(60_000);
        connection.onClose(null, 4000, "bye");
        final FeedConnection.Ending ending = connection.awaitEnd();
        assertEquals(4000, ending.code);
        assertEquals("closed by the server: bye", ending.reason);
    }

    @Test
    void shouldEndAsSilentWhenNothingArrivesForTheSilenceTimeout() throws Exception
    {
        for (int i = 0; i < 20; i++)
        {
            final FeedConnection connection = connection(20);
            assertEquals("silent for 20 ms", connection.awaitEnd().reason);
        }
    }

    @Test
    void shouldKeepTheListenerOutWhenTheConnectionHasBeenClosed()
    {
        final FeedConnection connection = connection(60_000);
        connection.holdAndClose();
        connection.onText(null, "[" + AlpacaProtocolTest.TRADE + "]", true);
        assertEquals(List.of(), out.items);
        assertFalse(connection.hold());
    }
}
