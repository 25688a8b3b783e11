package io.ringstreamer.pipeline;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import io.ringstreamer.metrics.Counter;
import io.ringstreamer.source.MessagePublisher;
import io.ringstreamer.source.OverflowPolicy;

import java.nio.ByteBuffer;

/**
 * The streamer thread's way into the inbound ring: copies each message into a preallocated slot.
 * Only the streamer thread may publish (the inbound ring has a single producer); any thread may close.
 * Under {@link OverflowPolicy#DROP_NEWEST} a full ring drops the message; the gap is reported by a
 * marker slot published just before the next message that gets in (or before the end of stream).
 */
final class InboundPublisher implements MessagePublisher
{
    private final RingBuffer<InboundEvent> ring;
    private final int maxMessageBytes;
    private final Counter received;
    private final Counter dropped;
    private final boolean dropWhenFull;
    private volatile boolean closed;
    private Thread owner;
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

    void owner(final Thread owner)
    {
        this.owner = owner;
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
        checkThread();
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
    public long publishStatus(final io.ringstreamer.result.StatusKind kind, final int code, final CharSequence message)
    {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public long publishError(final io.ringstreamer.result.ErrorKind kind, final int code, final CharSequence message)
    {
        throw new UnsupportedOperationException("not yet");
    }

    private void checkThread()
    {
        if (Thread.currentThread() != owner)
        {
            throw new IllegalStateException("only the pipeline's streamer thread may publish, not " +
                Thread.currentThread().getName());
        }
    }
}
