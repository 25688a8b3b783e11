package io.ringstreamer;

import io.ringstreamer.format.Service;
import io.ringstreamer.metrics.MetricsSnapshot;
import io.ringstreamer.result.Bar;
import io.ringstreamer.result.BarView;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.ErrorView;
import io.ringstreamer.result.StreamError;
import io.ringstreamer.source.FakeApiStreamer;
import io.ringstreamer.testing.CollectingListener;
import io.ringstreamer.worker.OneMinuteBars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input becomes precise error results; nothing else is lost. */
@Timeout(60)
class BadInputTest
{
    private static byte[] bytes(final String json)
    {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** 2024-07-09 09:30 in New York: bars start from here (a bar before 1990 is rejected). */
    private static final long T0 = 1_720_531_800_000L;

    private static String bar(final String symbol, final double open, final double high, final double low,
                              final double close, final long volume, final long minute)
    {
        return "\"" + symbol + "\":{\"open\":" + open + ",\"high\":" + high + ",\"low\":" + low + ",\"close\":" + close +
            ",\"volume\":" + volume + ",\"datetime\":" + (T0 + minute) + "}";
    }

    private static String message(final String... entries)
    {
        return "{\"timestamp\":1,\"service\":\"CHART_EQUITY\",\"symbols\":{" + String.join(",", entries) + "}}";
    }

    private static CollectingListener run(final int shards, final List<byte[]> messages, final int maxMessageBytes)
        throws Exception
    {
        return run(shards, DecodeMode.AUTO, messages, maxMessageBytes);
    }

    private static CollectingListener run(final int shards, final DecodeMode decode, final List<byte[]> messages,
                                          final int maxMessageBytes)
        throws Exception
    {
        final CollectingListener listener = new CollectingListener();
        try (Pipeline pipeline = Pipeline.builder().symbols("A", "B", "C").shards(shards).decode(decode)
            .maxMessageBytes(maxMessageBytes)
            .streamer(new FakeApiStreamer(messages)).listener(listener).build().start())
        {
            assertTrue(pipeline.awaitTermination(30, TimeUnit.SECONDS));
            final MetricsSnapshot m = pipeline.metrics().snapshot();
            assertEquals(messages.size(), m.received());
            assertEquals(m.received(), m.processed() + m.rejected() + m.dropped(), m.toString());
        }
        return listener;
    }

    @Test
    void shouldRejectAMalformedMessageWholeAndProcessTheNextWhenItCannotBeParsed() throws Exception
    {
        for (int run = 0; run < 6; run++)
        {
            final int shards = 1 + run % 3;
            final DecodeMode decode = run < 3 ? DecodeMode.EACH_SHARD : DecodeMode.ONCE;
            final CollectingListener listener = run(shards, decode, List.of(
                bytes(message(bar("A", 1, 2, 1, 2, 10, 0))),
                bytes(message(bar("A", 1, 2, 1, 2, 10, 60), bar("B", 1, 2, 1, 2, 10, 60)).replace("}}}", "}}")),
                bytes("not json"),
                bytes(message(bar("A", 1, 2, 1, 2, 10, 120), bar("B", 1, 2, 1, 2, 10, 120)))), 1 << 20);

            assertEquals(List.of(0L, 3L), listener.barsBySymbol.get("A").stream().map(Bar::sequence).toList());
            assertEquals(List.of(3L), listener.barsBySymbol.get("B").stream().map(Bar::sequence).toList());
            final List<StreamError> malformed = listener.errors.stream()
                .filter(e -> e.kind() == ErrorKind.MALFORMED_MESSAGE).toList();
            assertEquals(2, malformed.size(), "reported once, whatever the shard count");
            assertEquals(1, malformed.get(0).sequence());
            assertTrue(malformed.get(0).message().startsWith("truncated"), malformed.get(0).message());
            assertEquals(2, malformed.get(1).sequence());
            assertEquals("message is not a JSON object at byte 0", malformed.get(1).message());
        }
    }

    @ParameterizedTest
    @EnumSource(value = DecodeMode.class, names = {"EACH_SHARD", "ONCE"})
    void shouldRejectOnlyTheBadEntryWhenOtherEntriesOfTheMessageAreValid(final DecodeMode decode) throws Exception
    {
        final CollectingListener listener = run(2, decode, List.of(bytes(message(
            bar("A", 1, 2, 1, 3, 10, 0),             // close above high
            bar("B", 1, 2, 1, 2, 10, 0),
            "\"C\":{\"open\":1,\"high\":2,\"low\":1,\"close\":2,\"datetime\":0}"))), 1 << 20); // no volume

        assertEquals(List.of(new Bar("B", 1, 2, 1, 2, 10, T0, 0)), listener.barsBySymbol.get("B"));
        assertEquals(2, listener.errors.size() - 1, "two entry errors, then the fake API's end");
        final StreamError a = listener.errors.stream().filter(e -> "A".equals(e.symbol())).findFirst().orElseThrow();
        assertEquals(ErrorKind.INVALID_ENTRY, a.kind());
        assertEquals("close is outside [low, high]", a.message());
        assertEquals(0, a.sequence());
        final StreamError c = listener.errors.stream().filter(e -> "C".equals(e.symbol())).findFirst().orElseThrow();
        assertEquals("missing or non-integer field: volume", c.message());
    }

    @Test
    void shouldRejectAMessageLargerThanTheMaximumWithItsSize() throws Exception
    {
        final String big = message(bar("A", 1, 2, 1, 2, 10, 0), bar("B", 1, 2, 1, 2, 10, 0));
        final CollectingListener listener = run(2, List.of(bytes(big), bytes(message(bar("C", 1, 2, 1, 2, 10, 0)))), 160);
        final StreamError tooLarge = listener.errors.get(0);
        assertEquals(ErrorKind.MESSAGE_TOO_LARGE, tooLarge.kind());
        assertEquals("message larger than the maximum of 160 bytes: " + big.length(), tooLarge.message());
        assertEquals(1, listener.barsBySymbol.get("C").size());
    }

    @Test
    void shouldReportAComponentFailureAndKeepTheSymbolWorkingWhenAComponentThrows() throws Exception
    {
        final CollectingListener listener = new CollectingListener();
        try (Pipeline pipeline = Pipeline.builder().symbols("A", "B").shards(2)
            .replaceComponents(Service.CHART_EQUITY, ThrowingOnSecondEntry::new)
            .streamer(new FakeApiStreamer(List.of(
                bytes(message(bar("A", 1, 2, 1, 2, 10, 0), bar("B", 1, 2, 1, 2, 10, 0))),
                bytes(message(bar("A", 1, 2, 1, 2, 10, 60), bar("B", 1, 2, 1, 2, 10, 60))),
                bytes(message(bar("A", 1, 2, 1, 2, 10, 120), bar("B", 1, 2, 1, 2, 10, 120))))))
            .listener(listener).build().start())
        {
            assertTrue(pipeline.awaitTermination(30, TimeUnit.SECONDS));
        }
        for (final String symbol : List.of("A", "B"))
        {
            assertEquals(List.of(0L, 2L), listener.barsBySymbol.get(symbol).stream().map(Bar::sequence).toList());
            final StreamError failure = listener.errors.stream().filter(e -> symbol.equals(e.symbol())).findFirst().orElseThrow();
            assertEquals(ErrorKind.COMPONENT_FAILURE, failure.kind());
            assertEquals(1, failure.sequence());
            assertTrue(failure.message().startsWith("CHART_EQUITY component ThrowingOnSecondEntry threw java.lang.IllegalStateException: second"),
                failure.message());
        }
    }

    @Test
    void shouldCountListenerFailuresAndKeepDeliveringWhenTheListenerThrows() throws Exception
    {
        final List<String> delivered = new java.util.ArrayList<>();
        final io.ringstreamer.result.ResultListener throwing = new io.ringstreamer.result.ResultListener()
        {
            @Override
            public void onBar(final BarView bar)
            {
                delivered.add(bar.symbol() + bar.sequence());
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void onError(final ErrorView error)
            {
                delivered.add(error.kind().label());
                throw new IllegalStateException("listener bug");
            }
        };
        try (Pipeline pipeline = Pipeline.builder().symbols("A").streamer(new FakeApiStreamer(List.of(
                bytes(message(bar("A", 1, 2, 1, 2, 10, 0))), bytes(message(bar("A", 1, 2, 1, 2, 10, 60))))))
            .listener(throwing).build().start())
        {
            assertTrue(pipeline.awaitTermination(30, TimeUnit.SECONDS));
            assertEquals(3, pipeline.metrics().snapshot().listenerErrors());
        }
        assertEquals(List.of("A0", "A1", "ConnectionError"), delivered);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 2})
    void shouldHandEachListenerExceptionToTheErrorHandlerWithItsKindWhenTheListenerThrows(final int shards)
        throws Exception
    {
        final List<String> handled = new java.util.concurrent.CopyOnWriteArrayList<>();
        final io.ringstreamer.result.ResultListener throwing = new io.ringstreamer.result.ResultListener()
        {
            @Override
            public void onBar(final BarView bar)
            {
                throw new IllegalStateException("bar bug");
            }

            @Override
            public void onError(final ErrorView error)
            {
                throw new IllegalArgumentException("error bug");
            }

            @Override
            public void onEndOfStream()
            {
                throw new UnsupportedOperationException("end bug");
            }
        };
        try (Pipeline pipeline = Pipeline.builder().symbols("A").shards(shards).streamer(new FakeApiStreamer(List.of(
                bytes(message(bar("A", 1, 2, 1, 2, 10, 0))), bytes(message(bar("A", 1, 2, 1, 2, 10, 60))))))
            .listener(throwing)
            .listenerErrorHandler((kind, error) ->
            {
                handled.add(kind + " " + error.getMessage());
                if (kind == io.ringstreamer.result.ResultKind.ERROR)
                {
                    throw new IllegalStateException("a handler that throws too"); // ignored, counted
                }
            })
            .build().start())
        {
            assertTrue(pipeline.awaitTermination(30, TimeUnit.SECONDS));
            assertEquals(5, pipeline.metrics().snapshot().listenerErrors(), "four from the listener, one from the handler");
        }
        assertEquals(List.of("BAR bar bug", "BAR bar bug", "ERROR error bug", "END_OF_STREAM end bug"), handled);
    }

    /** Throws on the second entry it sees, otherwise behaves as the bar component. */
    private static final class ThrowingOnSecondEntry implements io.ringstreamer.worker.Component
    {
        private final OneMinuteBars bars = new OneMinuteBars();
        private int entries;

        @Override
        public void onEntry(final io.ringstreamer.format.EntryView entry, final io.ringstreamer.worker.ResultSink out)
        {
            if (++entries == 2)
            {
                throw new IllegalStateException("second");
            }
            bars.onEntry(entry, out);
        }
    }
}
