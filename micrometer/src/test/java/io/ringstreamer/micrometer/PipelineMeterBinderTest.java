package io.ringstreamer.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ringstreamer.Pipeline;
import io.ringstreamer.result.BarView;
import io.ringstreamer.result.ErrorView;
import io.ringstreamer.result.ResultListener;
import io.ringstreamer.testkit.LineStreamer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real pipeline over a few canonical lines (two good bars, a line that is not JSON, an entry with
 * {@code high < low}), then the fake API's {@code ConnectionError}: the binder's meters read exactly the
 * pipeline's counts.
 */
@Timeout(60)
class PipelineMeterBinderTest
{
    private static final List<String> LINES = List.of(
        "{\"timestamp\":1720522860000,\"service\":\"CHART_EQUITY\",\"symbols\":{\"AAPL\":{\"open\":227.99,\"high\":228.0," +
            "\"low\":227.95,\"close\":227.95,\"volume\":3756,\"datetime\":1720522800000}}}",
        "{not json",
        "{\"timestamp\":1720522920000,\"service\":\"CHART_EQUITY\",\"symbols\":{\"AAPL\":{\"open\":227.8,\"high\":227.7," +
            "\"low\":227.9,\"close\":227.8,\"volume\":249,\"datetime\":1720522860000}}}",
        "{\"timestamp\":1720522980000,\"service\":\"CHART_EQUITY\",\"symbols\":{\"MSFT\":{\"open\":450.1,\"high\":450.5," +
            "\"low\":450.0,\"close\":450.2,\"volume\":1200,\"datetime\":1720522920000}}}");

    @Test
    void shouldExposeThePipelinesCountersAndGauges() throws Exception
    {
        final Pipeline pipeline = Pipeline.builder()
            .symbols("AAPL", "MSFT")
            .streamer(LineStreamer.of(LINES))
            .listener(new ResultListener()
            {
                @Override
                public void onBar(final BarView bar)
                {
                }

                @Override
                public void onError(final ErrorView error)
                {
                }
            })
            .name("binder-test")
            .build();
        final MeterRegistry registry = new SimpleMeterRegistry();
        new PipelineMeterBinder(pipeline).bindTo(registry);
        assertEquals(0.0, counter(registry, "ringstreamer.messages.received"), "nothing before start");

        pipeline.start();
        assertTrue(pipeline.awaitTermination(30, TimeUnit.SECONDS));

        assertEquals(4.0, counter(registry, "ringstreamer.messages.received"));
        assertEquals(3.0, counter(registry, "ringstreamer.messages.processed"));
        assertEquals(1.0, counter(registry, "ringstreamer.messages.rejected"));
        assertEquals(1.0, counter(registry, "ringstreamer.entries.rejected"));
        assertEquals(0.0, counter(registry, "ringstreamer.messages.dropped"));
        assertEquals(0.0, counter(registry, "ringstreamer.messages.spilled"));
        assertEquals(0.0, counter(registry, "ringstreamer.messages.abandoned"));
        assertEquals(0.0, counter(registry, "ringstreamer.listener.errors"));
        assertEquals(2.0, counter(registry, "ringstreamer.results.delivered"), "the two good bars");
        assertEquals(1.0, registry.get("ringstreamer.errors").tag("kind", "MalformedMessage").functionCounter().count());
        assertEquals(1.0, registry.get("ringstreamer.errors").tag("kind", "InvalidEntry").functionCounter().count());
        assertEquals(0.0, registry.get("ringstreamer.errors").tag("kind", "MessagesDropped").functionCounter().count());
        assertEquals(0.0, registry.get("ringstreamer.statuses").tag("kind", "Reconnecting").functionCounter().count());
        assertEquals(0.0, gauge(registry, "ringstreamer.messages.in.flight"));
        assertEquals(0.0, gauge(registry, "ringstreamer.inbound.backlog"));
        assertEquals(0.0, gauge(registry, "ringstreamer.results.backlog"));
        assertEquals(0.0, gauge(registry, "ringstreamer.spill.backlog"));
        assertEquals(0.0, gauge(registry, "ringstreamer.spill.bytes"));
        assertEquals("binder-test", registry.get("ringstreamer.messages.received").functionCounter().getId().getTag("pipeline"));
    }

    private static double counter(final MeterRegistry registry, final String name)
    {
        return registry.get(name).functionCounter().count();
    }

    private static double gauge(final MeterRegistry registry, final String name)
    {
        return registry.get(name).gauge().value();
    }
}
