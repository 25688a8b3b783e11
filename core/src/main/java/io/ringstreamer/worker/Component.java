package io.ringstreamer.worker;

import io.ringstreamer.format.EntryView;

/**
 * Processes one service's entries for one symbol and keeps that symbol's state for the service.
 *
 * <p>One instance per symbol, created when the symbol's worker is created; called only by the shard
 * thread that owns the symbol, so it needs no synchronisation. Called once per entry, in the order the
 * messages arrived. It should allocate nothing per entry. If it throws, the pipeline reports a
 * {@link io.ringstreamer.result.ErrorKind#COMPONENT_FAILURE} for the symbol and calls it again with
 * the next entry.
 *
 * <p>{@link ResultSink#context() out.context()} tells the entry's symbol, service, message timestamp,
 * inbound sequence and receive time, whether a component before this one rejected the entry, and the
 * symbol's built-in Level 1 and book state: a per-shard flyweight, valid only during the call.
 */
@FunctionalInterface
public interface Component
{
    /**
     * @param entry the symbol's entry in the current message, valid only during this call.
     * @param out   where to publish this entry's results (zero or more).
     */
    void onEntry(EntryView entry, ResultSink out);

    /**
     * The stream is ending: publish anything still pending (a partial N-minute bar, say). Called once,
     * on the shard thread, after the last entry. Does nothing by default. {@code out.context()} names
     * the symbol and service, with the end marker's sequence and receive time and a message timestamp of 0.
     */
    default void onEndOfStream(final ResultSink out)
    {
    }
}
