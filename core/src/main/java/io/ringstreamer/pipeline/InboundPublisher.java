package io.ringstreamer.pipeline;

import com.lmax.disruptor.RingBuffer;
import io.ringstreamer.metrics.Counter;
import io.ringstreamer.source.MessagePublisher;

import java.nio.ByteBuffer;

/**
 * The streamer thread's way into the inbound ring: copies each message into a preallocated slot.
 * Only the streamer thread may publish (the inbound ring has a single producer); any thread may close.
 */
final class InboundPublisher implements MessagePublisher
{
    private final RingBuffer<InboundEvent> ring;
    private final int maxMessageBytes;
    private final Counter received;
    private volatile boolean closed;
    private Thread owner;

    InboundPublisher(final RingBuffer<InboundEvent> ring, final int maxMessageBytes, final Counter received)
    {
        this.ring = ring;
        this.maxMessageBytes = maxMessageBytes;
        this.received = received;
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

    /** Claims the next slot for a message of {@code length} bytes; waits while the ring is full. */
    private long claim(final int length)
    {
        if (closed)
        {
            return CLOSED;
        }
        checkThread();
        final long sequence = ring.next();
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

    private void commit(final long sequence, final InboundEvent event, final long receiveNanos)
    {
        event.receiveNanos = receiveNanos;
        ring.publish(sequence);
        received.increment();
    }

    /** Publishes the end-of-stream marker; the streamer thread's last publish. */
    void publishEndOfStream()
    {
        final long sequence = ring.next();
        final InboundEvent event = ring.get(sequence);
        event.type = InboundEvent.END_OF_STREAM;
        event.length = 0;
        event.receiveNanos = System.nanoTime();
        ring.publish(sequence);
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
