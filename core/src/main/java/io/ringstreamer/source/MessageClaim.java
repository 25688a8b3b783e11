package io.ringstreamer.source;

/**
 * Room for one message, handed out by {@link MessagePublisher#claim}: write the message into
 * {@code buffer()[offset(), offset() + capacity())}, then {@link #commit} it with its length, or
 * {@link #abort} it. The pipeline's publisher hands out the inbound ring's slot itself, so the message
 * is written in place instead of being copied by a publish.
 *
 * <p>A flyweight of the publisher's, reused by its next claim: valid from the claim until its commit or
 * abort, on the thread that claimed it (the publisher's thread rules apply). A claim left open is
 * aborted by the publisher's next call (a publish, a status, an error or another claim) or when the
 * stream ends, so it never holds up the ring. Committing or aborting it again, or after that, throws
 * {@link IllegalStateException}.
 */
public interface MessageClaim
{
    /** The array to write the message into, at {@link #offset()}. */
    byte[] buffer();

    /** Where the message starts in {@link #buffer()}. */
    int offset();

    /** The most bytes the message may have: at least what was claimed. */
    int capacity();

    /**
     * Publishes the first {@code length} bytes written, stamped with {@link System#nanoTime()} now.
     *
     * @return as {@link MessagePublisher#publish(byte[], int, int)}: a non-negative number when
     * accepted, {@link MessagePublisher#CLOSED} or {@link MessagePublisher#DROPPED}.
     * @throws IndexOutOfBoundsException if {@code length} is negative or above {@link #capacity()}: the
     *                                   claim is aborted, nothing is published.
     */
    default long commit(final int length)
    {
        return commit(length, System.nanoTime());
    }

    /**
     * Publishes the first {@code length} bytes written, with a receive time taken by the caller.
     *
     * @return as {@link #commit(int)}.
     * @throws IndexOutOfBoundsException as {@link #commit(int)}.
     */
    long commit(int length, long receiveNanos);

    /** Publishes nothing: the message is dropped unseen, and not counted as received. */
    void abort();
}
