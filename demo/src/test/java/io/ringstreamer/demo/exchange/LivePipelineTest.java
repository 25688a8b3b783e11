package io.ringstreamer.demo.exchange;

import io.ringstreamer.Pipeline;
import io.ringstreamer.source.live.AlpacaProtocol;
import io.ringstreamer.source.live.FeedProtocol;
import io.ringstreamer.source.live.ReconnectPolicy;
import io.ringstreamer.source.live.SchwabProtocol;
import io.ringstreamer.source.live.WebSocketStreamer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.ringstreamer.demo.exchange.RecordingPublisher.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pipeline with a {@link WebSocketStreamer} against the fake exchange on loopback: reconnects that
 * re-subscribe the current set, subscriptions changed at run time, the Schwab path end to end, and a
 * close while connected.
 */
@Timeout(90)
class LivePipelineTest
{
    private static final ReconnectPolicy FAST = new ReconnectPolicy(Duration.ofMillis(20), Duration.ofMillis(200), 2, 0.5, 0);

    private FakeExchange exchange;
    private Pipeline pipeline;

    @AfterEach
    void stop() throws Exception
    {
        if (pipeline != null)
        {
            pipeline.close();
        }
        if (exchange != null)
        {
            exchange.close();
        }
    }

    private Pipeline start(final FakeExchange.Protocol protocol, final FeedProtocol adapter, final CountingListener listener,
        final String... symbols) throws Exception
    {
        final WebSocketStreamer streamer = WebSocketStreamer.builder(exchange.uri(protocol), adapter).reconnect(FAST).build();
        pipeline = Pipeline.builder().name("live").symbols(symbols).streamer(streamer).listener(listener).build().start();
        return pipeline;
    }

    @RepeatedTest(3)
    void shouldResubscribeTheCurrentSetWithRunTimeAdditionsWhenTheExchangeDrops() throws Exception
    {
        exchange = FakeExchange.builder().rate(2_000).build().start();
        final CountingListener listener = new CountingListener();
        start(FakeExchange.Protocol.ALPACA, new AlpacaProtocol("k", "s"), listener, "AAPL");
        assertTrue(await(() -> listener.count("trade", "AAPL") > 50, 20), listener.counts::toString);

        pipeline.subscribe("NVDA");
        assertTrue(await(() -> listener.count("trade", "NVDA") > 10, 20), "data for the added symbol: " + listener.counts);
        final ClientStats first = exchange.lastClient();
        assertTrue(first.requests().stream().anyMatch(r -> r.contains("\"subscribe\"") && r.contains("[\"NVDA\"]")),
            first.requests().toString());

        exchange.dropAll();
        assertTrue(await(() -> exchange.clients().size() == 2 && exchange.lastClient().itemsSent("t", "NVDA") > 10, 20),
            "reconnected: " + exchange.clients());
        final ClientStats second = exchange.lastClient();
        assertTrue(second.requests().stream().anyMatch(r -> r.contains("\"subscribe\"") && r.contains("[\"AAPL\",\"NVDA\"]")),
            "one subscribe request for the current set: " + second.requests());
        final long nvdaAtReconnect = listener.count("trade", "NVDA");
        assertTrue(await(() -> listener.count("trade", "NVDA") > nvdaAtReconnect + 10, 20), "data flows again");
        assertEquals(1, listener.errorCount("ConnectionLost"), listener.errors.toString());
        assertEquals(1, listener.statusCount("Reconnecting"), listener.statuses.toString());
        assertEquals(2, listener.statusCount("Connected"), listener.statuses.toString());
        assertEquals(2, listener.statusCount("Authenticated"), listener.statuses.toString());
        assertEquals(1, listener.errors.size(), "nothing else went wrong: " + listener.errors);
    }

    @RepeatedTest(3)
    void shouldStopResultsForASymbolAndTellTheExchangeWhenUnsubscribedAtRunTime() throws Exception
    {
        exchange = FakeExchange.builder().rate(2_000).build().start();
        final CountingListener listener = new CountingListener();
        start(FakeExchange.Protocol.ALPACA, new AlpacaProtocol("k", "s"), listener, "AAPL", "MSFT");
        assertTrue(await(() -> listener.count("quote", "MSFT") > 50, 20), listener.counts::toString);

        pipeline.unsubscribe("MSFT");
        final ClientStats client = exchange.lastClient();
        assertTrue(await(() -> client.requests().stream().anyMatch(r -> r.contains("\"unsubscribe\"") && r.contains("[\"MSFT\"]")), 10),
            client.requests().toString());
        assertTrue(await(() -> listener.afterUnsubscribed.containsKey("MSFT"), 10), listener.statuses::toString);
        final long msftSent = client.itemsSent("q", "MSFT");
        final long aaplNow = listener.count("quote", "AAPL");
        assertTrue(await(() -> listener.count("quote", "AAPL") > aaplNow + 200, 20), "AAPL goes on");
        assertEquals(0, listener.afterUnsubscribed.get("MSFT").get(), "no MSFT result after Unsubscribed");
        assertTrue(client.itemsSent("q", "MSFT") - msftSent < 50, "the exchange stopped sending MSFT");
    }

    @Test
    void shouldDeliverBarsQuotesAndBooksWhenSpeakingSchwabEndToEnd() throws Exception
    {
        exchange = FakeExchange.builder().rate(3_000).itemsPerMessage(2).token("secret-token").build().start();
        final CountingListener listener = new CountingListener();
        start(FakeExchange.Protocol.SCHWAB,
            new SchwabProtocol(SchwabProtocol.Config.of("secret-token", "customer", "correl", "channel", "function")),
            listener, "AAPL", "MSFT");
        assertTrue(await(() -> List.of("AAPL", "MSFT").stream().allMatch(s ->
            listener.count("bar", s) > 20 && listener.count("quote", s) > 20 && listener.count("book", s) > 20), 20),
            listener.counts::toString);
        final ClientStats client = exchange.lastClient();
        final List<String> requests = client.requests();
        assertTrue(requests.get(0).contains("\"LOGIN\"") && requests.get(0).contains("secret-token"), requests.toString());
        assertTrue(requests.stream().anyMatch(r -> r.contains("CHART_EQUITY") && r.contains("AAPL,MSFT")), requests.toString());
        assertEquals(List.of(), listener.errors, "every Schwab data item decodes and validates");
        assertEquals(1, listener.statusCount("Connected"));
        assertEquals(1, listener.statusCount("Authenticated"));
    }

    @RepeatedTest(5)
    void shouldEndPromptlyAndLeaveNoPipelineThreadWhenClosedWhileConnected() throws Exception
    {
        exchange = FakeExchange.builder().rate(5_000).build().start();
        final CountingListener listener = new CountingListener();
        start(FakeExchange.Protocol.ALPACA, new AlpacaProtocol("k", "s"), listener, "AAPL", "MSFT");
        assertTrue(await(() -> listener.results.get() > 500, 20));

        final long closing = System.nanoTime();
        pipeline.close();
        final long closeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closing);
        assertTrue(closeMillis < 5_000, closeMillis + " ms to close");
        assertTrue(pipeline.isTerminated());
        assertTrue(listener.awaitEnd(0));
        pipeline.threads().forEach(thread -> assertFalse(thread.isAlive(), thread.getName()));
        assertTrue(await(() -> exchange.lastClient().isDisconnected(), 10), "the exchange sees the client leave");
        assertEquals(List.of(), listener.errors, "a close is not an error");
        final long results = listener.results.get();
        assertEquals(results, pipeline.metrics().snapshot().resultsDelivered(), "nothing delivered after the end");
    }
}
