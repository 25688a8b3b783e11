package io.ringstreamer;

import io.ringstreamer.format.Service;
import io.ringstreamer.inbound.InboundPublisher;
import io.ringstreamer.inbound.Utf8Text;
import io.ringstreamer.metrics.MetricsSnapshot;
import io.ringstreamer.result.BarView;
import io.ringstreamer.result.CustomView;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.ErrorView;
import io.ringstreamer.result.ResultListener;
import io.ringstreamer.result.StatusKind;
import io.ringstreamer.result.StatusView;
import io.ringstreamer.source.MessagePublisher;
import io.ringstreamer.source.Streamer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The streamer's statuses and non-terminal errors: delivered once, in order with the data around
 * them, with their code and text (UTF-8 round trip, cut at 1024 chars); not counted as messages.
 */
@Timeout(60)
class StreamerStatusTest
{
    private static final String UNICODE = "slow client \u2014 \u00fcber \u20ac \uD83D\uDE00 end";

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void shouldDeliverStatusesAndErrorsInOrderWithDataAndWithTheirCodeWhenTheStreamerPublishesThem(final int shards)
        throws Exception
    {
        for (int iteration = 0; iteration < 50; iteration++)
        {
            final ScriptedStreamer streamer = new ScriptedStreamer();
            final RecordingListener listener = new RecordingListener();
            final Pipeline pipeline = Pipeline.builder().symbols("A", "B").shards(shards)
                .replaceComponents(Service.CHART_EQUITY, SubscriptionTest.EntryCounter::new)
                .streamer(streamer).listener(listener).build().start();
            assertTrue(pipeline.awaitTermination(30, TimeUnit.SECONDS));

            assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, -1L), streamer.returned);
            assertTrue(streamer.refused instanceof IllegalArgumentException, String.valueOf(streamer.refused));
            // A and the streamer's statuses and errors all come from shard 0: one total order.
            final String longText = "x".repeat(Utf8Text.MAX_CHARS);
            assertEquals(List.of(
                "A @0 1",
                "Connected @1 code 0 'connected to example'",
                "ProtocolError @3 code 407 '" + UNICODE + "'",
                "A @4 2",
                "Reconnecting @5 code 3 '" + longText + "'",
                "ConnectionLost @6 code 0 ''"), listener.without("B"));
            assertEquals(List.of("B @2 1"), listener.only("B"));

            final MetricsSnapshot metrics = pipeline.metrics().snapshot();
            assertEquals(3, metrics.received(), "data messages only");
            assertEquals(3, metrics.processed());
            assertEquals(0, metrics.inFlight());
            assertEquals(2, metrics.statusesDelivered());
            assertEquals(2, metrics.errorsDelivered());
            assertEquals(1, pipeline.metrics().statuses(StatusKind.CONNECTED));
            assertEquals(1, pipeline.metrics().statuses(StatusKind.RECONNECTING));
            assertEquals(1, pipeline.metrics().errors(ErrorKind.PROTOCOL_ERROR));
            assertEquals(1, pipeline.metrics().errors(ErrorKind.CONNECTION_LOST));
        }
    }

    private static byte[] entryFor(final String symbol)
    {
        return ("{\"timestamp\":1,\"service\":\"CHART_EQUITY\",\"symbols\":{\"" + symbol + "\":{\"open\":1}}}")
            .getBytes(StandardCharsets.US_ASCII);
    }

    /** Data, statuses and errors in a fixed order; records what each publish returned. */
    private static final class ScriptedStreamer implements Streamer
    {
        final List<Long> returned = new ArrayList<>();
        Throwable refused;

        @Override
        public void stream(final MessagePublisher publisher)
        {
            final byte[] a = entryFor("A");
            final byte[] b = entryFor("B");
            final StringBuilder reused = new StringBuilder("connected to example");
            returned.add(publisher.publish(a, 0, a.length));
            returned.add(publisher.publishStatus(StatusKind.CONNECTED, 0, reused));
            reused.setLength(0); // copied already: the slot does not keep the caller's text
            returned.add(publisher.publish(b, 0, b.length));
            returned.add(publisher.publishError(ErrorKind.PROTOCOL_ERROR, 407, UNICODE));
            returned.add(publisher.publish(a, 0, a.length));
            returned.add(publisher.publishStatus(StatusKind.RECONNECTING, 3, "x".repeat(Utf8Text.MAX_CHARS + 500)));
            returned.add(publisher.publishError(ErrorKind.CONNECTION_LOST, 0, null));
            try
            {
                publisher.publishError(ErrorKind.CONNECTION_ERROR, 0, "ends the stream: must be thrown instead");
            }
            catch (final RuntimeException ex)
            {
                refused = ex;
            }
            ((InboundPublisher)publisher).close();
            returned.add(publisher.publishStatus(StatusKind.CONNECTED, 0, "after close"));
        }
    }

    /** Every result as a line, in delivery order (administrator thread; read after termination). */
    private static final class RecordingListener implements ResultListener
    {
        private final List<String> lines = new ArrayList<>();

        @Override
        public void onCustom(final CustomView result)
        {
            lines.add(result.symbol() + " @" + result.sequence() + " " + (long)result.value(0));
        }

        @Override
        public void onStatus(final StatusView status)
        {
            lines.add(status.kind().label() + " @" + status.sequence() + " code " + status.code() + " '" +
                status.message() + "'");
        }

        @Override
        public void onError(final ErrorView error)
        {
            lines.add(error.kind().label() + " @" + error.sequence() + " code " + error.code() + " '" +
                error.message() + "'");
        }

        @Override
        public void onBar(final BarView bar)
        {
            lines.add("bar " + bar);
        }

        List<String> without(final String symbol)
        {
            return lines.stream().filter(line -> !line.startsWith(symbol + " ")).toList();
        }

        List<String> only(final String symbol)
        {
            return lines.stream().filter(line -> line.startsWith(symbol + " ")).toList();
        }
    }
}
