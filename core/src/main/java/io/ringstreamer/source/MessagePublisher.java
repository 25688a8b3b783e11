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
 * the last of them happens-before {@link Streamer#stream} returns. Only the pipeline's own
 * subscription changes ({@code Pipeline.subscribe}) come from other threads; the ring takes several
 * producers without a lock, so those never disturb the publishing thread.
 *
 * <p>While the ring has room a publish returns at once: it copies the bytes into a preallocated slot,
 * stamps the receive time and makes the slot visible to the shard handlers. When the ring is full it
 * waits for room (back pressure, the default {@link OverflowPolicy#BLOCK}) or drops the message
 * ({@link OverflowPolicy#DROP_NEWEST}). It allocates nothing, except to grow a slot the first time a message
 * longer than the slot's initial capacity lands in it.
 *
 * <p>Results follow Aeron's style: a non-negative return is the message's inbound sequence; a negative
 * one is a state, never an exception.
 */
public interface MessagePublisher
{
    /** The pipeline is closing: the message was not published and the streamer should return. */
    long CLOSED = -1;

    /**
     * The inbound ring was full and the pipeline's overflow policy is to drop the newest message: this
     * one was dropped, counted, and will be reported (with the rest of its gap) as a
     * {@code MessagesDropped} error. Keep reading.
     */
    long DROPPED = -2;

    /**
     * Publishes {@code source[offset, offset + length)}, stamped with {@link System#nanoTime()} now.
     *
     * @return the message's inbound sequence, {@link #CLOSED} or {@link #DROPPED}.
     */
    long publish(byte[] source, int offset, int length);

    /**
     * Publishes {@code source[offset, offset + length)} with a receive time taken by the caller (for
     * example the intended send time, when measuring latency without coordinated omission).
     *
     * @return the message's inbound sequence, {@link #CLOSED} or {@link #DROPPED}.
     */
    long publish(byte[] source, int offset, int length, long receiveNanos);

    /**
     * Publishes the bytes between {@code source}'s position and limit; the position is left unchanged.
     *
     * @return the message's inbound sequence, {@link #CLOSED} or {@link #DROPPED}.
     */
    long publish(ByteBuffer source);

    /**
     * Publishes a status (for example {@code CONNECTED}, {@code RECONNECTING}, a subscription
     * confirmed by the server) that reaches {@code ResultListener.onStatus} once (shard 0 reports it),
     * in order with the data published around it. Same thread rules as {@link #publish}; never dropped
     * by the overflow policy (it waits for room, after reporting any pending gap of dropped messages).
     * {@code message} is copied into the slot as UTF-8 (at most 1024 chars; a longer one is cut), so
     * the caller may reuse it at once; nothing is allocated once the slot has grown to fit. Not a
     * message: it does not count as {@code received}.
     *
     * @param code the source's code (a reconnect attempt, a response code), or 0.
     * @return its inbound sequence, or {@link #CLOSED}.
     */
    long publishStatus(StatusKind kind, int code, CharSequence message);

    /**
     * Publishes an error after which the stream goes on, {@code CONNECTION_LOST} or
     * {@code PROTOCOL_ERROR} with the server's code and message; it reaches
     * {@code ResultListener.onError} once, with {@code ErrorView.code()}, in order with the data around
     * it, and is counted by kind. Same thread and copying rules as {@link #publishStatus}; never
     * dropped by the overflow policy (it waits for room).
     *
     * @return its inbound sequence, or {@link #CLOSED}.
     * @throws IllegalArgumentException for {@code CONNECTION_ERROR} or {@code STREAMER_FAILURE}, which
     *                                  end the stream: throw from {@link Streamer#stream} instead.
     */
    long publishError(ErrorKind kind, int code, CharSequence message);

    /** Whether the pipeline is closing; a streamer that blocks between messages can poll it. */
    boolean isClosed();
}
