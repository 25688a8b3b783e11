package io.ringstreamer.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.ringstreamer.metrics.PipelineMetrics;
import io.ringstreamer.Pipeline;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.StatusKind;

import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Exposes a pipeline's counters and gauges to a Micrometer registry, each tagged {@code pipeline=NAME}:
 * <ul>
 *   <li>counters {@code ringstreamer.messages.received}, {@code .processed}, {@code .rejected},
 *       {@code .dropped}, {@code .spilled}, {@code .abandoned}; {@code ringstreamer.entries.rejected},
 *       {@code ringstreamer.component.failures}, {@code ringstreamer.results.delivered},
 *       {@code ringstreamer.listener.errors}, {@code ringstreamer.spills};</li>
 *   <li>{@code ringstreamer.errors} and {@code ringstreamer.statuses}, one counter per kind (tag
 *       {@code kind}, the kind's label: {@code MessagesDropped}, {@code Reconnecting}...);</li>
 *   <li>gauges {@code ringstreamer.messages.in.flight}, {@code ringstreamer.inbound.backlog},
 *       {@code ringstreamer.results.backlog}, {@code ringstreamer.spill.backlog},
 *       {@code ringstreamer.spill.bytes}, {@code ringstreamer.spill.bytes.largest}.</li>
 * </ul>
 * Every meter is a function of {@link Pipeline#metrics()}, read when the registry reads it (a scrape,
 * a publish): no thread of its own, nothing on the pipeline's threads. Binding allocates the meters
 * once; any thread may bind.
 */
public final class PipelineMeterBinder implements MeterBinder
{
    private final PipelineMetrics metrics;
    private final Tags tags;

    /** Binds {@code pipeline}'s metrics, tagged with its name. */
    public PipelineMeterBinder(final Pipeline pipeline)
    {
        this(pipeline.metrics(), Tags.of("pipeline", pipeline.name()));
    }

    /** Binds {@code metrics}, every meter tagged with {@code tags}. */
    public PipelineMeterBinder(final PipelineMetrics metrics, final Iterable<Tag> tags)
    {
        this.metrics = metrics;
        this.tags = Tags.of(tags);
    }

    @Override
    public void bindTo(final MeterRegistry registry)
    {
        counter(registry, "ringstreamer.messages.received", "messages published into the inbound ring",
            m -> m.snapshot().received());
        counter(registry, "ringstreamer.messages.processed", "messages decoded and dispatched",
            m -> m.snapshot().processed());
        counter(registry, "ringstreamer.messages.rejected", "messages rejected whole", m -> m.snapshot().rejected());
        counter(registry, "ringstreamer.messages.dropped", "messages dropped by an overflow policy",
            m -> m.snapshot().dropped());
        counter(registry, "ringstreamer.messages.spilled", "messages accepted into the spill store",
            m -> m.snapshot().spilled());
        counter(registry, "ringstreamer.messages.abandoned", "spilled messages discarded at a close deadline",
            m -> m.snapshot().abandoned());
        counter(registry, "ringstreamer.entries.rejected", "symbol entries rejected alone",
            m -> m.snapshot().entriesRejected());
        counter(registry, "ringstreamer.component.failures", "component exceptions",
            m -> m.snapshot().componentFailures());
        counter(registry, "ringstreamer.results.delivered", "data results handed to the listener",
            m -> m.snapshot().resultsDelivered());
        counter(registry, "ringstreamer.listener.errors", "exceptions thrown by the listener",
            m -> m.snapshot().listenerErrors());
        counter(registry, "ringstreamer.spills", "spills begun", m -> m.snapshot().spills());
        for (final ErrorKind kind : ErrorKind.values())
        {
            FunctionCounter.builder("ringstreamer.errors", metrics, m -> m.errors(kind))
                .description("error results published by the shards and the journal, by kind")
                .tags(tags).tag("kind", kind.label())
                .register(registry);
        }
        for (final StatusKind kind : StatusKind.values())
        {
            FunctionCounter.builder("ringstreamer.statuses", metrics, m -> m.statuses(kind))
                .description("status results published, by kind (Reconnecting: reconnects)")
                .tags(tags).tag("kind", kind.label())
                .register(registry);
        }
        gauge(registry, "ringstreamer.messages.in.flight", "messages accepted, not yet handled", "messages",
            m -> m.snapshot().inFlight());
        gauge(registry, "ringstreamer.inbound.backlog", "messages in the inbound ring not yet consumed", "messages",
            PipelineMetrics::inboundBacklog);
        gauge(registry, "ringstreamer.results.backlog", "results in the results ring not yet delivered", "results",
            PipelineMetrics::resultsBacklog);
        gauge(registry, "ringstreamer.spill.backlog", "records in the spill store", "records",
            PipelineMetrics::spillBacklog);
        gauge(registry, "ringstreamer.spill.bytes", "bytes in the spill store", "bytes", PipelineMetrics::spillBytes);
        gauge(registry, "ringstreamer.spill.bytes.largest", "the most bytes the spill store has held", "bytes",
            m -> m.snapshot().largestSpillBytes());
    }

    private void counter(final MeterRegistry registry, final String name, final String description,
        final ToDoubleFunction<PipelineMetrics> value)
    {
        FunctionCounter.builder(name, metrics, value).description(description).tags(tags).register(registry);
    }

    private void gauge(final MeterRegistry registry, final String name, final String description, final String unit,
        final ToDoubleFunction<PipelineMetrics> value)
    {
        Gauge.builder(name, metrics, value).description(description).baseUnit(unit.toLowerCase(Locale.ROOT))
            .tags(tags).strongReference(true).register(registry);
    }
}
