package io.ringstreamer.demo.exchange;

import io.ringstreamer.Pipeline;
import io.ringstreamer.source.live.AlpacaProtocol;
import io.ringstreamer.source.live.ReconnectPolicy;
import io.ringstreamer.source.live.WebSocketStreamer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static io.ringstreamer.demo.exchange.RecordingPublisher.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every abrupt drop (the fake exchange's kill switch: the connection cut mid-stream, right after a frame,
 * without a close handshake) reaches a pipeline as a {@code ConnectionLost} at once, with silence
 * detection out of the picture (a five-minute silence timeout). Guards the streamer against a race in
 * the JDK's WebSocket that loses the end of the stream when the listener runs on a pool thread (see
 * {@code WebSocketStreamer.newClient}): with a pool executor about 6 drops in 100 went unreported here.
 */
@Timeout(60)
class AbruptDropTest
{
    private static final int DROPS = 50;
    private static final ReconnectPolicy FAST = new ReconnectPolicy(Duration.ofMillis(20), Duration.ofMillis(200), 2, 0.5, 0);

    @Test
    void shouldReportEveryDropAtOnceWhenTheExchangeCutsTheConnectionMidStream() throws Exception
    {
        try (FakeExchange exchange = FakeExchange.builder().rate(2_000).build().start())
        {
            final CountingListener listener = new CountingListener();
            final WebSocketStreamer streamer = WebSocketStreamer.builder(exchange.uri(FakeExchange.Protocol.ALPACA),
                new AlpacaProtocol("k", "s")).reconnect(FAST).silenceTimeout(Duration.ofMinutes(5)).build();
            try (Pipeline pipeline = Pipeline.builder().name("drops").symbols("AAPL").streamer(streamer).listener(listener).build().start())
            {
                for (int drop = 1; drop <= DROPS; drop++)
                {
                    final int connections = drop;
                    assertTrue(await(() -> exchange.clients().size() == connections && exchange.lastClient().itemsSent() > 20, 10),
                        () -> "connection " + connections + " streams: " + exchange.clients());
                    final long trades = listener.count("trade", "AAPL");
                    assertTrue(await(() -> listener.count("trade", "AAPL") > trades + 10, 10), "data reaches the listener");

                    exchange.dropAll();
                    final int dropped = drop;
                    assertTrue(await(() -> listener.errorCount("ConnectionLost") == dropped, 5),
                        () -> "drop " + dropped + " of " + DROPS + " reported: " + listener.errors);
                }
                assertEquals(DROPS, listener.errorCount("ConnectionLost"));
                assertTrue(listener.errors.stream().noneMatch(error -> error.message().startsWith("silent")), listener.errors::toString);
                assertEquals(DROPS, listener.errors.size(), "nothing else went wrong: " + listener.errors);
            }
        }
    }
}
