package io.ringstreamer.testkit;

import io.ringstreamer.format.CanonicalDecoder;
import io.ringstreamer.format.EntryView;
import io.ringstreamer.format.Service;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.StreamError;
import io.ringstreamer.worker.Component;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Runs one kind of {@link Component} over canonical lines on the calling thread: no pipeline, no rings, no threads.
 * Each line is decoded as a shard decodes a message; each entry of the harness's service is handed to its symbol's
 * component (made by the supplier on the symbol's first entry, as the pipeline makes one per symbol), with a
 * {@link RecordingResultSink} that records what it publishes. Line {@code i} (from 0, counted over every
 * {@link #feed}) is stamped with sequence {@code i}, as a pipeline numbers the messages its streamer publishes.
 *
 * <p>As in the pipeline: a line that is not a canonical message is recorded as a
 * {@link ErrorKind#MALFORMED_MESSAGE} error with no symbol, an entry that is not a JSON object as an
 * {@link ErrorKind#INVALID_ENTRY} error, and entries of other services and unsubscribed symbols are skipped. Unlike
 * the pipeline, an exception a component throws is not turned into a {@code ComponentFailure}: it reaches the
 * test.
 *
 * <pre>{@code
 * ComponentHarness harness = ComponentHarness.of(Service.CHART_EQUITY, MyComponent::new);
 * harness.feed(lines).end();
 * List<CustomResult> results = harness.results().customResults();
 * }</pre>
 *
 * <p>Threads: one thread uses a harness.
 */
public final class ComponentHarness
{
    private final Service service;
    private final Supplier<? extends Component> perSymbol;
    private final RecordingResultSink sink;
    private final CanonicalDecoder decoder = new CanonicalDecoder();
    private final EntryView entry = new EntryView();
    private final Map<String, Component> components = new LinkedHashMap<>();
    private Set<String> symbols;
    private long nextSequence;

    private ComponentHarness(final Service service, final Supplier<? extends Component> perSymbol,
                             final RecordingResultSink sink)
    {
        this.service = Objects.requireNonNull(service, "service");
        this.perSymbol = Objects.requireNonNull(perSymbol, "perSymbol");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /**
     * A harness for {@code service}'s entries, recording into a {@link RecordingResultSink} with the pipeline's
     * defaults ({@code Validation.REJECT}, book depth 10).
     *
     * @param perSymbol makes one component per symbol, as {@code Pipeline.Builder.component} does.
     */
    public static ComponentHarness of(final Service service, final Supplier<? extends Component> perSymbol)
    {
        return new ComponentHarness(service, perSymbol, new RecordingResultSink());
    }

    /** A harness recording into {@code sink} (to choose its validation or book depth). */
    public static ComponentHarness of(final Service service, final Supplier<? extends Component> perSymbol,
                                      final RecordingResultSink sink)
    {
        return new ComponentHarness(service, perSymbol, sink);
    }

    /**
     * Takes only these symbols' entries, as a pipeline subscribed to them does; by default every symbol's.
     *
     * @return this harness.
     */
    public ComponentHarness symbols(final String... symbols)
    {
        this.symbols = Set.of(symbols);
        return this;
    }

    /**
     * Decodes each line as one message and hands its entries to the components.
     *
     * @return this harness.
     */
    public ComponentHarness feed(final String... lines)
    {
        return feed(List.of(lines));
    }

    /**
     * Decodes each line as one message and hands its entries to the components.
     *
     * @return this harness.
     */
    public ComponentHarness feed(final List<String> lines)
    {
        for (final String line : lines)
        {
            onMessage(line.getBytes(StandardCharsets.UTF_8), nextSequence++);
        }
        return this;
    }

    /**
     * Ends the stream: calls {@link Component#onEndOfStream} on each symbol's component, in the order the symbols
     * first appeared, stamped with the sequence after the last line's.
     *
     * @return this harness.
     */
    public ComponentHarness end()
    {
        for (final Map.Entry<String, Component> each : components.entrySet())
        {
            sink.entry(each.getKey(), nextSequence, service, 0);
            each.getValue().onEndOfStream(sink);
        }
        return this;
    }

    /** What the components published, and the errors of the lines and entries they were not given. */
    public RecordingResultSink results()
    {
        return sink;
    }

    /** The component of {@code symbol}, or {@code null} if the symbol has had no entry yet. */
    public Component component(final String symbol)
    {
        return components.get(symbol);
    }

    private void onMessage(final byte[] message, final long sequence)
    {
        if (!decoder.wrap(message, 0, message.length))
        {
            sink.entry(null, sequence);
            sink.add(new StreamError(ErrorKind.MALFORMED_MESSAGE,
                decoder.errorReason() + " at byte " + decoder.errorPosition(), null, sequence, null));
            return;
        }
        if (decoder.service() != service)
        {
            return;
        }
        for (int i = 0, count = decoder.entryCount(); i < count; i++)
        {
            final String symbol = new String(message, decoder.symbolOffset(i), decoder.symbolLength(i),
                StandardCharsets.UTF_8);
            if (symbols != null && !symbols.contains(symbol))
            {
                continue;
            }
            final Component component = components.computeIfAbsent(symbol, s -> perSymbol.get());
            sink.entry(symbol, sequence, service, decoder.timestamp());
            if (!decoder.entry(i, entry).isObject())
            {
                sink.reject(ErrorKind.INVALID_ENTRY, "entry is not a JSON object");
                continue;
            }
            entry.rewind();
            component.onEntry(entry, sink);
        }
    }
}
