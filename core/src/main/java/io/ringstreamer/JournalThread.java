package io.ringstreamer;

/**
 * Which thread records the inbound journal ({@link Pipeline.Builder#journal(io.ringstreamer.source.InboundJournal,
 * JournalThread)}). Either way the journal sees every data message once, in inbound order, and the pipeline ends
 * only after the journal has; its failures are {@code JournalFailure} error results.
 */
public enum JournalThread
{
    /**
     * A thread of its own ({@code <name>-journal}), consuming the inbound ring in parallel with the shards, as LMAX
     * journals its input: the shards never wait for an append, but the journal gates the ring like one more shard,
     * its results go through the results ring (so the listener is called on the administrator thread) and it is one
     * more busy thread.
     */
    OWN,

    /**
     * The first shard's thread ({@code <name>-shard-0}), which appends each data message just before it processes
     * it: no extra thread, and with one shard the listener stays on the shard thread ({@link Delivery#AUTO}). The
     * first shard's throughput pays for every append; a message is recorded before any of its results is delivered.
     */
    FIRST_SHARD
}
