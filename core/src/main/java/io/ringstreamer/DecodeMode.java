package io.ringstreamer;

/**
 * Where each inbound message is validated and parsed when a pipeline has several shards. Either way a
 * message that cannot be parsed is rejected whole (reported once, by shard 0), each entry reaches the
 * shard that owns its symbol, and one symbol's entries are processed in the order they arrived.
 */
public enum DecodeMode
{
    /**
     * The mode measured fastest for the configuration: today {@link #EACH_SHARD} for every shard count.
     * On the 2-core machine of {@code docs/performance.md}, {@link #ONCE} with 2 shards used more CPU in
     * all (shard 0's indexing, and the ring filling behind it) for no gain in throughput; with one shard
     * there is nothing to share. The default.
     */
    AUTO,

    /**
     * Every shard validates and parses every message and skips the entries of symbols it does not own:
     * with K shards each message is decoded K times, and the shards run side by side.
     */
    EACH_SHARD,

    /**
     * Shard 0 validates and indexes each message once, into an index kept in the message's ring slot
     * (each entry's symbol id and field positions, parsed numbers), and the other shards run behind it
     * and read that index, skipping other shards' entries by id without parsing them. The slot's index
     * is fixed when the pipeline is built: {@value #MAX_INDEXED_ENTRIES} entries and
     * {@value #MAX_INDEXED_FIELDS} fields a message (about 5 KiB a slot); a larger message is decoded by
     * each shard instead. Costs shard 0 the indexing, saves every other shard the decode; the other
     * shards wait for shard 0 by spinning a little, yielding, then parking 20 µs at a time (busy-spinning
     * throughout under the low-latency profile), since shard 0's progress signals nothing.
     */
    ONCE;

    /** The most symbol entries a ring slot's index holds under {@link #ONCE}. */
    public static final int MAX_INDEXED_ENTRIES = 16;

    /** The most fields, over all entries, a ring slot's index holds under {@link #ONCE}. */
    public static final int MAX_INDEXED_FIELDS = 128;
}
