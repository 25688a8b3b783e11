package io.ringstreamer.source;

import java.nio.ByteBuffer;

/**
 * Copies raw messages into the inbound ring. Used only by the streamer thread, inside
 * {@link Streamer#stream}.
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
     * confirmed by the server) that reaches {@code ResultListener.onStatus} in order with the data
     * published around it. Same thread rules as {@link #publish}; never dropped by the overflow policy
     * (it waits for room).
     *
     * @return its inbound sequence, or {@link #CLOSED}.
     */
    long publishStatus(io.ringstreamer.result.StatusKind kind, int code, CharSequence message);

    /**
     * Publishes an error after which the stream goes on, {@code CONNECTION_LOST} or
     * {@code PROTOCOL_ERROR} with the server's code and message; it reaches
     * {@code ResultListener.onError} in order with the data around it. Same thread rules as
     * {@link #publish}; never dropped by the overflow policy (it waits for room).
     *
     * @return its inbound sequence, or {@link #CLOSED}.
     */
    long publishError(io.ringstreamer.result.ErrorKind kind, int code, CharSequence message);

    /** Whether the pipeline is closing; a streamer that blocks between messages can poll it. */
    boolean isClosed();
}
