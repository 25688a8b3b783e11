package io.ringstreamer.pipeline;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import io.ringstreamer.metrics.Counter;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.StatusKind;
import io.ringstreamer.source.MessagePublisher;
import io.ringstreamer.source.OverflowPolicy;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The streamer's way into the inbound ring: copies each message, status or error into a preallocated
 * slot. Used by one thread at a time, each call happening-after the previous (see
 * {@link MessagePublisher}): that thread owns the gap state below. The ring itself has several
 * producers: {@link #publishControl} is called by {@code Pipeline.subscribe}/{@code unsubscribe}
 * from any thread (serialised by the pipeline), and a multi-producer claim needs no lock. Any thread
 * may close.
 *
 * <p>Under {@link OverflowPolicy#DROP_NEWEST} a full ring drops the message; the gap is reported by a
 * marker slot published just before the next message, status or error that gets in (or before the
 * end of stream).
 */
final class InboundPublisher implements MessagePublisher
{
    private final RingBuffer<InboundEvent> ring;
    private final int maxMessageBytes;
    private final Counter received;
    private final Counter dropped;
    private final boolean dropWhenFull;
    private volatile boolean closed;
    // The publishing thread's state (one thread at a time).
    private long gapCount;
    private long gapFirst;

    InboundPublisher(
        final RingBuffer<InboundEvent> ring,
        final int maxMessageBytes,
        final OverflowPolicy overflowPolicy,
        final Counter received,
        final Counter dropped)
    {
        this.ring = ring;
        this.maxMessageBytes = maxMessageBytes;
        this.dropWhenFull = overflowPolicy == OverflowPolicy.DROP_NEWEST;
        this.received = received;
        this.dropped = dropped;
    }

    void close()
    {
        closed = true;
    }

    @Override
    public boolean isClosed()
    {
        return closed;
    }

    @Override
    public long publish(final byte[] source, final int offset, final int length)
    {
        return publish(source, offset, length, System.nanoTime());
    }

    @Override
    public long publish(final byte[] source, final int offset, final int length, final long receiveNanos)
    {
        final long sequence = claim(length);
        if (sequence >= 0)
        {
            final InboundEvent event = ring.get(sequence);
            if (event.type == InboundEvent.DATA)
            {
                System.arraycopy(source, offset, event.bytes, 0, length);
            }
            commit(sequence, event, receiveNanos);
        }
        return sequence;
    }

    @Override
    public long publish(final ByteBuffer source)
    {
        final long receiveNanos = System.nanoTime();
        final int length = source.remaining();
        final long sequence = claim(length);
        if (sequence >= 0)
        {
            final InboundEvent event = ring.get(sequence);
            if (event.type == InboundEvent.DATA)
            {
                source.get(source.position(), event.bytes, 0, length);
            }
            commit(sequence, event, receiveNanos);
        }
        return sequence;
    }

    /**
     * Claims the next slot for a message of {@code length} bytes: waits while the ring is full, or
     * drops the message under {@link OverflowPolicy#DROP_NEWEST}.
     */
    private long claim(final int length)
    {
        if (closed)
        {
            return CLOSED;
        }
        final long sequence;
        if (dropWhenFull)
        {
            sequence = tryClaim();
            if (sequence == DROPPED)
            {
                return DROPPED;
            }
        }
        else
        {
            sequence = ring.next();
        }
        final InboundEvent event = ring.get(sequence);
        if (length > maxMessageBytes)
        {
            event.type = InboundEvent.TOO_LARGE;
        }
        else
        {
            if (length > event.bytes.length)
            {
                event.bytes = new byte[length];
            }
            event.type = InboundEvent.DATA;
        }
        event.length = length;
        return sequence;
    }

    /** A slot without waiting, after reporting any pending gap; or {@link #DROPPED}, counted. */
    private long tryClaim()
    {
        try
        {
            if (gapCount > 0)
            {
                publishGap(ring.tryNext());
            }
            return ring.tryNext();
        }
        catch (final InsufficientCapacityException full) // a preallocated singleton: no allocation
        {
            if (gapCount++ == 0)
            {
                gapFirst = received.get();
            }
            received.increment();
            dropped.increment();
            return DROPPED;
        }
    }

    private void publishGap(final long sequence)
    {
        final InboundEvent event = ring.get(sequence);
        event.type = InboundEvent.GAP;
        event.length = 0;
        event.droppedCount = gapCount;
        event.firstDropped = gapFirst;
        event.receiveNanos = System.nanoTime();
        ring.publish(sequence);
        gapCount = 0;
    }

    private void commit(final long sequence, final InboundEvent event, final long receiveNanos)
    {
        event.receiveNanos = receiveNanos;
        ring.publish(sequence);
        received.increment();
    }

    /** Publishes the end-of-stream marker (after any pending gap); the streamer thread's last publish. */
    void publishEndOfStream()
    {
        if (gapCount > 0)
        {
            publishGap(ring.next());
        }
        final long sequence = ring.next();
        final InboundEvent event = ring.get(sequence);
        event.type = InboundEvent.END_OF_STREAM;
        event.length = 0;
        event.receiveNanos = System.nanoTime();
        ring.publish(sequence);
    }

    @Override
    public long publishStatus(final StatusKind kind, final int code, final CharSequence message)
    {
        Objects.requireNonNull(kind, "kind");
        final long sequence = claimText(InboundEvent.STATUS, message);
        if (sequence >= 0)
        {
            final InboundEvent event = ring.get(sequence);
            event.statusKind = kind;
            event.code = code;
            event.receiveNanos = System.nanoTime();
            ring.publish(sequence);
        }
        return sequence;
    }

    @Override
    public long publishError(final ErrorKind kind, final int code, final CharSequence message)
    {
        Objects.requireNonNull(kind, "kind");
        if (kind == ErrorKind.CONNECTION_ERROR || kind == ErrorKind.STREAMER_FAILURE)
        {
            throw new IllegalArgumentException(kind + " ends the stream: throw from Streamer.stream instead");
        }
        final long sequence = claimText(InboundEvent.ERROR, message);
        if (sequence >= 0)
        {
            final InboundEvent event = ring.get(sequence);
            event.errorKind = kind;
            event.code = code;
            event.receiveNanos = System.nanoTime();
            ring.publish(sequence);
        }
        return sequence;
    }

    /**
     * Claims a slot for a status or error, waiting for room whatever the overflow policy (after
     * reporting any pending gap, which came first), and copies {@code text} into it as UTF-8.
     *
     * @return the slot's sequence, or {@link #CLOSED}.
     */
    private long claimText(final int type, final CharSequence text)
    {
        if (closed)
        {
            return CLOSED;
        }
        if (gapCount > 0)
        {
            publishGap(ring.next());
        }
        final long sequence = ring.next();
        final InboundEvent event = ring.get(sequence);
        event.type = type;
        final CharSequence words = text != null ? text : "";
        final int maxBytes = Utf8Text.maxBytes(words);
        if (maxBytes > event.bytes.length)
        {
            event.bytes = new byte[maxBytes]; // once per slot, for the longest text it carries
        }
        event.length = Utf8Text.encode(words, event.bytes);
        return sequence;
    }

    /**
     * Publishes a subscription change ({@link InboundEvent#SUBSCRIBE} or {@link InboundEvent#UNSUBSCRIBE})
     * of {@code symbol}, whose id picks the owning shard; waits for room whatever the overflow policy.
     * Called by the pipeline under its subscription lock, from any thread, never after the end marker.
     *
     * @return the change's inbound sequence: the point in the stream where it takes effect.
     */
    long publishControl(final int type, final String symbol, final int symbolId)
    {
        final long sequence = ring.next();
        final InboundEvent event = ring.get(sequence);
        event.type = type;
        event.length = 0;
        event.symbol = symbol;
        event.symbolId = symbolId;
        event.receiveNanos = System.nanoTime();
        ring.publish(sequence);
        return sequence;
    }
}
