package io.ringstreamer.source;

/**
 * Where a pipeline under {@link OverflowPolicy#SPILL} keeps what arrives while its inbound ring is
 * full, oldest first, until the ring has room again. The default is an in-memory store bounded by
 * {@code Pipeline.Builder.spillBudget}; the journal module offers one on disk.
 *
 * <p>Threads: one writer and one reader. {@link #append} is called only by the publishing thread (the
 * streamer's), {@link #read} only by the pipeline's drainer thread; {@link #bytesHeld} from any thread.
 * A record appended happens-before the {@link #read} that hands it over. {@link #close} is called once,
 * after both have stopped.
 *
 * <p>A record is opaque to the store: a type, a code, a receive time, two numbers and a payload. The
 * store keeps them exactly and returns them in the order appended. It must not block: when a record
 * does not fit, {@link #append} returns {@code false} and the pipeline applies its fallback policy.
 * Steady-state appends and reads should allocate nothing.
 */
public interface SpillStore extends AutoCloseable
{
    /**
     * Receives a record from {@link #read}. The payload is valid only during the call.
     */
    @FunctionalInterface
    interface RecordHandler
    {
        /**
         * One record, as appended.
         *
         * @param payload the record's bytes are {@code payload[offset, offset + length)}.
         */
        void onRecord(int type, int code, long receiveNanos, long first, long second,
            byte[] payload, int offset, int length);
    }

    /**
     * Appends one record after every record appended before it. Publishing thread only; never blocks.
     *
     * @return {@code false} if it does not fit (the store is at its budget): nothing was appended.
     */
    boolean append(int type, int code, long receiveNanos, long first, long second,
        byte[] payload, int offset, int length);

    /**
     * Hands the oldest record to {@code handler} and then removes it. Drainer thread only.
     *
     * @return {@code false} if the store held no record (the handler was not called).
     */
    boolean read(RecordHandler handler);

    /** Bytes the store holds now, records and their overhead; any thread. */
    long bytesHeld();

    /** The most bytes the store may hold. */
    long capacityBytes();

    /** Releases what the store holds (memory, files). Called once, after the pipeline has stopped. */
    @Override
    void close();
}
