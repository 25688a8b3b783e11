package io.ringstreamer.source;

import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.StatusKind;

import java.nio.ByteBuffer;

/**
 * Copies raw messages, statuses and errors into the inbound ring, inside {@link Streamer#stream}.
 *
 * <p>Threads: used by one thread at a time: the streamer thread, or a client library's callback
 * thread whose calls never overlap and each happen-after the previous (for example
 * {@code java.net.http.WebSocket.Listener}); data publishes, statuses and errors follow that rule, and
 * the last of them happens-before {@link Streamer#stream} returns. The pipeline's own subscription
 * changes ({@code Pipeline.subscribe}) are queued from other threads and put into the ring by the
 * pipeline's drainer thread, so they never disturb the publishing thread.
 *
 * <p>While the ring has room a publish returns at once: it copies the bytes into a preallocated slot,
 * stamps the receive time and makes the slot visible to the shard handlers. When the ring is full, by
 * default ({@link OverflowPolicy#SPILL}) it appends the message to the spill store and still returns at
 * once; the drainer moves it into the ring, in order, as room appears. The other policies wait for
 * room ({@link OverflowPolicy#BLOCK}) or drop the message ({@link OverflowPolicy#DROP_NEWEST}). It
 * allocates nothing in steady state: a slot grows the first time a message longer than its initial
 * capacity lands in it, and the in-memory spill store takes its chunks the first time a spill reaches them.
 *
 * <p>An implementation provides {@link #publish(byte[], int, int, long)}, {@link #publishStatus},
 * {@link #publishError} and {@link #isClosed}; the other publishes and {@link #claim} are default
 * methods over them (the default claim copies: the pipeline's own publisher overrides it to write in
 * place).
 *
 * <p>Results follow Aeron's style: a non-negative return means accepted (into the ring or the spill
 * store), and counts what this publisher has accepted before it (messages, statuses and errors, from
 * 0); a negative one is a state, never an exception. Arguments are checked before anything is claimed:
 * an offset or length outside the array throws {@link IndexOutOfBoundsException} and publishes nothing.
 */
public interface MessagePublisher
{
    /** The pipeline is closing: the message was not published and the streamer should return. */
    long CLOSED = -1;

    /**
     * The inbound ring (or, under {@link OverflowPolicy#SPILL}, the spill store) was full and the
     * pipeline's policy is to drop the newest message: this one was dropped, counted, and will be reported (with the rest of its gap) as a
     * {@code MessagesDropped} error. Keep reading.
     */
    long DROPPED = -2;

    /**
     * Publishes {@code source[offset, offset + length)}, stamped with {@link System#nanoTime()} now: by
     * default {@link #publish(byte[], int, int, long)} with that time.
     *
     * @return a non-negative number when accepted, {@link #CLOSED} or {@link #DROPPED}.
     */
    default long publish(final byte[] source, final int offset, final int length)
    {
        return publish(source, offset, length, System.nanoTime());
    }

    /**
     * Publishes {@code source[offset, offset + length)} with a receive time taken by the caller (for
     * example the intended send time, when measuring latency without coordinated omission).
     *
     * @return a non-negative number when accepted, {@link #CLOSED} or {@link #DROPPED}.
     */
    long publish(byte[] source, int offset, int length, long receiveNanos);

    /**
     * Publishes the bytes between {@code source}'s position and limit, stamped with
     * {@link System#nanoTime()} now; the position is left unchanged. By default a heap buffer's array is
     * published in place through {@link #publish(byte[], int, int, long)}, and a direct buffer is first
     * copied into a new array (an allocation: the pipeline's own publisher overrides this and copies
     * straight into the ring).
     *
     * @return a non-negative number when accepted, {@link #CLOSED} or {@link #DROPPED}.
     */
    default long publish(final ByteBuffer source)
    {
        final long now = System.nanoTime();
        if (source.hasArray())
        {
            return publish(source.array(), source.arrayOffset() + source.position(), source.remaining(), now);
        }
        final byte[] copy = new byte[source.remaining()];
        source.get(source.position(), copy);
        return publish(copy, 0, copy.length, now);
    }

    /**
     * Claims room for one message of up to {@code capacity} bytes, to be written in place and then
     * {@linkplain MessageClaim#commit committed} or {@linkplain MessageClaim#abort aborted}: the zero-copy
     * publish, for a streamer that builds its messages (with {@link io.ringstreamer.format.CanonicalEncoder},
     * say). Same thread rules as {@link #publish}; one claim open at a time: the next call to this
     * publisher aborts a claim left open.
     *
     * <p>The pipeline's publisher hands out the next inbound ring slot while the ring has room and nothing
     * is queued before it (the slot grows to {@code capacity} the first time it needs to: claim what a
     * message can take, not the maximum). Otherwise, and when {@code capacity} is above the pipeline's
     * {@code maxMessageBytes}, it hands out a scratch array of its own, which the commit publishes as
     * {@link #publish} would: spilled, dropped or waiting for room by the overflow policy, or reported as
     * too large. A claim never waits: what to do on a full ring is decided at the commit. Every claimed
     * ring slot is published: an aborted one as a marker the shards skip. Allocates nothing once the
     * slots and the scratch array have grown to fit. By default (a publisher of another kind) the
     * claim is a fresh array published by copy: an allocation per claim.
     *
     * @throws IllegalArgumentException if {@code capacity} is negative.
     */
    default MessageClaim claim(final int capacity)
    {
        if (capacity < 0)
        {
            throw new IllegalArgumentException("capacity must not be negative: " + capacity);
        }
        return new CopyingClaim(this, capacity);
    }

    /**
     * Whether {@link #claim} hands out room to write in place, so that a claimed message is not copied
     * again at its commit: {@code true} for the pipeline's own publisher (its inbound ring slot while the
     * ring has room). {@code false} by default, where the default claim is a fresh array copied at the
     * commit: a writer that can publish from a buffer of its own should then do so (the live adapters
     * do). A publisher that forwards {@link #claim} to another forwards this too. Any thread; constant.
     */
    default boolean claimsInPlace()
    {
        return false;
    }

    /**
     * Publishes a status (for example {@code CONNECTED}, {@code RECONNECTING}, a subscription
     * confirmed by the server) that reaches {@code ResultListener.onStatus} once (shard 0 reports it),
     * in order with the data published around it. Same thread rules as {@link #publish}; never dropped
     * by the overflow policy (spilled behind the data while spilling; it waits for room only when neither
     * the ring nor the spill store has any).
     * {@code message} is copied into the slot as UTF-8 (at most 1024 chars; a longer one is cut), so
     * the caller may reuse it at once; nothing is allocated once the slot has grown to fit. It is read
     * (its length once) before anything is claimed: a text whose {@code charAt} throws throws to the
     * caller and publishes nothing. Not a
     * message: it does not count as {@code received}.
     *
     * @param code the source's code (a reconnect attempt, a response code), or 0.
     * @return a non-negative number when accepted, or {@link #CLOSED}.
     */
    long publishStatus(StatusKind kind, int code, CharSequence message);

    /**
     * Publishes an error after which the stream goes on, {@code CONNECTION_LOST} or
     * {@code PROTOCOL_ERROR} with the server's code and message; it reaches
     * {@code ResultListener.onError} once, with {@code ErrorView.code()}, in order with the data around
     * it, and is counted by kind. Same thread, copying and ordering rules as {@link #publishStatus};
     * never dropped by the overflow policy.
     *
     * @return a non-negative number when accepted, or {@link #CLOSED}.
     * @throws IllegalArgumentException for {@code CONNECTION_ERROR} or {@code STREAMER_FAILURE}, which
     *                                  end the stream: throw from {@link Streamer#stream} instead.
     */
    long publishError(ErrorKind kind, int code, CharSequence message);

    /** Whether the pipeline is closing; a streamer that blocks between messages can poll it. */
    boolean isClosed();
}
