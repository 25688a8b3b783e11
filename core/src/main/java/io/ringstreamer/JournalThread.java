package io.ringstreamer;

/**
 * Which thread records the inbound journal ({@link Pipeline.Builder#journal(io.ringstreamer.source.InboundJournal,
 * JournalThread)}). Either way the journal sees every data message once, in inbound order, and the pipeline ends
 * only after the journal has; its failures are {@code JournalFailure} error results. The default
 * ({@link Pipeline.Builder#journal(io.ringstreamer.source.InboundJournal)}) is {@link #FIRST_SHARD}: no extra thread,
 * recorded before delivered with one shard, and at least as cheap by measurement (light work, one shard: 0.56× of
 * the throughput without a journal, against 0.53× for {@link #OWN}, in the 2026-12-06 15:33 run;
 * docs/performance.md).
 */
public enum JournalThread
{
    /**
     * A thread of its own ({@code <name>-journal}), consuming the inbound ring in parallel with the shards, as LMAX
     * journals its input: the shards never wait for an append, but the journal gates the ring like one more shard,
     * its results go through the results ring (so the listener is called on the administrator thread) and it is one
     * more busy thread. A result may be delivered before its message is recorded: the journal runs in parallel.
     */
    OWN,

    /**
     * The first shard's thread ({@code <name>-shard-0}), which appends each data message just before it processes
     * it: no extra thread, and with one shard the listener stays on the shard thread ({@link Delivery#AUTO}). The
     * first shard's throughput pays for every append. The default.
     *
     * <p>With one shard, or with {@link DecodeMode#ONCE} (the other shards run behind shard 0), a message is
     * recorded before any of its results is delivered, so after a kill -9 the journal holds every message whose
     * results the listener saw. With several shards each decoding for itself, the other shards do not wait for
     * shard 0: their results may be delivered before their message is recorded.
     */
    FIRST_SHARD
}
