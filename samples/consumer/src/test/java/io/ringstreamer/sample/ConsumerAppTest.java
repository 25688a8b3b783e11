package io.ringstreamer.sample;

import io.ringstreamer.Pipeline;
import io.ringstreamer.format.Service;
import io.ringstreamer.result.Bar;
import io.ringstreamer.testkit.ComponentHarness;
import io.ringstreamer.testkit.LineStreamer;
import io.ringstreamer.testkit.RecordingListener;
import io.ringstreamer.worker.OneMinuteBars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The app's messages through the installed test kit (ring-streamer-test): a pipeline's run and one component's. */
class ConsumerAppTest
{
    @Test
    @Timeout(60)
    void shouldDeliverThreeBarsWhenTheAppsLinesRunThroughAPipeline() throws Exception
    {
        final RecordingListener listener = new RecordingListener();
        try (Pipeline pipeline = Pipeline.builder()
            .symbols("AAPL", "AMZN")
            .shards(1)
            .streamer(LineStreamer.of(ConsumerApp.LINES))
            .listener(listener)
            .build()
            .start())
        {
            assertTrue(listener.awaitEnd(Duration.ofSeconds(30)));
            pipeline.awaitTermination();
        }

        assertEquals(List.of("AMZN", "AAPL", "AMZN"), listener.bars().stream().map(Bar::symbol).toList());
        assertEquals(List.of(), listener.errors());
    }

    @Test
    void shouldPublishTheSameBarsWhenOneMinuteBarsRunsAloneInTheHarness()
    {
        final ComponentHarness harness = ComponentHarness.of(Service.CHART_EQUITY, OneMinuteBars::new)
            .feed(ConsumerApp.LINES)
            .end();

        assertEquals(new Bar("AAPL", 227.99, 228.0, 227.95, 227.95, 3756, 1720522860000L, 1),
            harness.results().bars().get(1));
        assertEquals(3, harness.results().bars().size());
    }
}
