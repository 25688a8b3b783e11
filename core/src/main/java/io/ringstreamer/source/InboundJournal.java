package io.ringstreamer.source;

/**
 * Records every raw message of the inbound ring, as received, for replay or audit. Attach one with
 * {@code Pipeline.Builder.journal}: by default the first shard's thread ({@code <name>-shard-0}) appends each
 * message just before it processes it ({@code JournalThread.FIRST_SHARD}); with {@code JournalThread.OWN} the
 * pipeline runs one more consumer of the inbound ring, on its own thread {@code <name>-journal}, in parallel
 * with the shard handlers (as LMAX journals its input). Either way a slot is never reused before the journal
 * has seen it; a journal slower than the feed therefore fills the ring, and the overflow policy applies as it
 * does to a slow shard.
 *
 * <p>It sees data messages only, in inbound order. A message longer than {@code maxMessageBytes} is
 * not copied into the ring (it is rejected as {@code MessageTooLarge}), so it cannot be recorded;
 * neither are drop markers and other control events. Their inbound sequences are therefore missing
 * from the journal: sequences rise but need not be consecutive.
 *
 * <p>Thread rules: {@link #onStart}, {@link #append}, {@link #wantsFlush}, {@link #flush} and
 * {@link #onEndOfStream} are called by the journal thread (shard 0's, or {@code <name>-journal}) only, in that
 * order; {@link #close} by the journal's owner, from any thread, once the pipeline has terminated (the pipeline never closes it). Whatever a method throws is caught, counted
 * and delivered as a {@code JournalFailure} error result; the journal thread goes on. If {@link #onStart}
 * throws, nothing is appended and every message is counted as a failure.
 */
public interface InboundJournal extends AutoCloseable
{
    /** Called once on the journal thread before the first message; the streamer starts only after it. */
    void onStart() throws Exception;

    /**
     * Records one message. Called on the journal thread, once per data message, in inbound order. The
     * bytes are the ring's slot, valid only during the call: copy them, keep no reference. Should
     * allocate nothing in the steady state.
     *
     * @param buffer       the ring slot holding the message.
     * @param offset       where the message starts in {@code buffer}.
     * @param length       the message's length in bytes.
     * @param sequence     the message's inbound sequence (rising; not necessarily consecutive).
     * @param receiveNanos the {@link System#nanoTime()} at which the streamer published it (or the time
     *                     the streamer gave to {@link MessagePublisher#publish(byte[], int, int, long)}).
     */
    void append(byte[] buffer, int offset, int length, long sequence, long receiveNanos) throws Exception;

    /**
     * Completes every message appended since the last flush: readable, and kept if the process is then killed, as
     * far as the journal promises. Called on the journal thread at the end of each batch it takes from the ring
     * (if anything was appended since the last flush), before any result of an appended message is delivered (with
     * the journal on the first shard's thread), when {@link #wantsFlush} says so, and before {@link #onEndOfStream}.
     * A journal may hold appended messages until then ({@code ChronicleJournal} writes them as one excerpt); one
     * that completes each message in {@link #append} needs nothing here. If it throws, every message since the last flush is counted as a failure.
     */
    default void flush() throws Exception
    {
    }

    /**
     * Whether the journal wants to be flushed now rather than at the end of the batch (its excerpt is full, say):
     * asked on the journal thread after each {@link #append} that returned. Default: never.
     */
    default boolean wantsFlush()
    {
        return false;
    }

    /**
     * The stream has ended: called once on the journal thread after the last {@link #append}. Make
     * everything appended durable as far as the journal promises; the pipeline reports its end only
     * after this returns.
     */
    void onEndOfStream() throws Exception;

    /** Releases the journal's resources. Called by its owner after the pipeline has terminated; idempotent. */
    @Override
    void close();
}
