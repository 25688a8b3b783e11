package io.ringstreamer;

import io.ringstreamer.format.Service;
import io.ringstreamer.result.Bar;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.StreamError;
import io.ringstreamer.source.FakeApiStreamer;
import io.ringstreamer.testing.CollectingListener;
import io.ringstreamer.testing.SyntheticBars;
import io.ringstreamer.worker.OneMinuteBars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class QuarantineTest
{
    @Test
    void shouldQuarantineOnlyTheFailingComponentOfTheFailingSymbolAfterTheConfiguredFailures() throws Exception
    {
        final List<String> symbols = SyntheticBars.symbols(2); // S000 fails always, S001 never
        final CollectingListener listener = new CollectingListener();
        try (Pipeline pipeline = Pipeline.builder().symbols(symbols).shards(2).quarantineAfter(3)
            .component(Service.CHART_EQUITY, () -> (entry, out) ->
            {
                throw new IllegalStateException("always");
            })
            .streamer(new FakeApiStreamer(SyntheticBars.messages(symbols, 2, 10, 5)))
            .listener(listener).build().start())
        {
            assertTrue(pipeline.awaitTermination(30, TimeUnit.SECONDS));
            assertEquals(6, pipeline.metrics().errors(ErrorKind.COMPONENT_FAILURE), "3 per symbol");
            assertEquals(2, pipeline.metrics().errors(ErrorKind.COMPONENT_QUARANTINED));
        }
        for (final String symbol : symbols)
        {
            final List<StreamError> errors = listener.errors.stream().filter(e -> symbol.equals(e.symbol())).toList();
            assertEquals(List.of(ErrorKind.COMPONENT_FAILURE, ErrorKind.COMPONENT_FAILURE, ErrorKind.COMPONENT_FAILURE,
                ErrorKind.COMPONENT_QUARANTINED), errors.stream().map(StreamError::kind).toList());
            assertEquals(List.of(0L, 1L, 2L, 2L), errors.stream().map(StreamError::sequence).toList());
            assertTrue(errors.get(3).message().contains("quarantined after 3 failures"), errors.get(3).message());
            assertEquals(10, listener.barsBySymbol.get(symbol).size(), "the bar component kept working");
            assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L),
                listener.barsBySymbol.get(symbol).stream().map(Bar::sequence).toList());
        }
        assertEquals(OneMinuteBars.class.getSimpleName(), "OneMinuteBars");
    }
}
