package io.ringstreamer;

/**
 * Which thread calls the {@link io.ringstreamer.result.ResultListener}. Either way it is one thread,
 * one symbol's results come in the order its data arrived, and the inbound ring keeps the streamer
 * free of the processing.
 */
public enum Delivery
{
    /**
     * {@link #SHARD_THREAD} when the pipeline has one shard and no journal on a thread of its own
     * ({@link JournalThread#OWN}; the default journal, on the shard's thread, keeps it), otherwise
     * {@link #ADMINISTRATOR}. The default.
     */
    AUTO,

    /**
     * Shards publish results into the results ring and the administrator thread calls the listener: a
     * slow listener is buffered by the results ring before it slows the shards. Needed with several
     * shards (or a journal on a thread of its own), which all produce results.
     */
    ADMINISTRATOR,

    /**
     * The one shard thread calls the listener itself, right after each result: no results ring, no
     * administrator thread, one thread hop fewer per message. On a 2-core machine, where a third busy
     * thread competes with the other two for a core, this is faster and its latency tail shorter
     * ({@code docs/performance.md}). A slow listener slows the shard directly; the inbound ring still
     * buffers the streamer. Only with one shard and no journal on a thread of its own ({@link JournalThread#OWN}).
     */
    SHARD_THREAD
}
