package io.ringstreamer.bench.harness;

import io.ringstreamer.source.MessagePublisher;
import io.ringstreamer.testing.CycledBarTimes;
import org.HdrHistogram.Histogram;

import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The messages a contender's reader thread receives, as if from a socket: {@link #next()} hands out
 * message indexes in order, each at its intended send time when paced, and {@link #intendedNanos}
 * is the receive stamp to carry through to the result (so latency is measured from when the
 * message should have arrived: no coordinated omission).
 *
 * <p>While early, the reader parks (far ahead) or yields (close): it never busy-spins, because on a
 * 2-core machine a spinning reader holds its core until the scheduler's tick and stalls whichever
 * pipeline thread shares it, which would be the harness's latency, not the design's.
 *
 * <p>Every contender copies a message when it hands it off; once it asks for the next one, the
 * previous message's bars are moved one cycle later ({@link CycledBarTimes}), so a cycled feed never
 * repeats a bar (the bar component would reject it as a duplicate). That costs the reader a few tens
 * of nanoseconds per message, the same for every contender.
 *
 * <p>Used by one reader thread.
 */
public final class Feed
{
    private final byte[][] messages;
    private final CycledBarTimes times;
    private final long count;
    private final long intervalNanos;
    private long startNanos;
    private long next;
    private Histogram handoff;

    /**
     * @param messages      the distinct messages, cycled.
     * @param count         how many to send.
     * @param ratePerSecond messages per second, or 0 for as fast as the reader takes them.
     */
    public Feed(final List<byte[]> messages, final long count, final double ratePerSecond)
    {
        final List<byte[]> copies = CycledBarTimes.copies(messages);
        this.messages = copies.toArray(new byte[0][]);
        this.times = new CycledBarTimes(copies);
        this.count = count;
        this.intervalNanos = ratePerSecond > 0 ? (long)(1e9 / ratePerSecond) : 0;
    }

    public long count()
    {
        return count;
    }

    /** Records, from now on, how long the reader spends handing each message off (see {@link #handedOff}). */
    public Feed recordHandoff(final Histogram histogram)
    {
        this.handoff = histogram;
        return this;
    }

    /** The histogram of hand-off times, or {@code null}. */
    public Histogram handoffHistogram()
    {
        return handoff;
    }

    /**
     * Called by the reader right after handing a message off (publish, put, offer, or processing it
     * inline), with the {@link System#nanoTime()} it read just before.
     */
    public void handedOff(final long startNanos)
    {
        if (handoff != null)
        {
            handoff.recordValue(Math.max(0, System.nanoTime() - startNanos));
        }
    }

    /**
     * The next message's index, or -1 when all have been sent. When paced, waits (parking, then
     * yielding) until the message's intended time; a late reader gets it at once.
     */
    public long next()
    {
        if (next > 0)
        {
            // The previous message has been handed off (every contender copies it): its bars move one
            // cycle later for the next time it is sent, so a cycled feed never repeats a bar.
            times.advance((int)((next - 1) % messages.length));
        }
        if (next >= count)
        {
            return -1;
        }
        if (next == 0)
        {
            startNanos = System.nanoTime();
        }
        if (intervalNanos > 0)
        {
            final long due = startNanos + next * intervalNanos;
            long now;
            while ((now = System.nanoTime()) < due)
            {
                if (due - now > 50_000)
                {
                    LockSupport.parkNanos(due - now - 40_000);
                }
                else
                {
                    Thread.yield();
                }
            }
        }
        return next++;
    }

    public byte[] message(final long index)
    {
        return messages[(int)(index % messages.length)];
    }

    /**
     * Publishes the whole feed, in order and paced as built, into a ring-streamer pipeline: the body of a
     * {@code Pipeline.Builder.streamer}, on the streamer's thread. Stops early when the pipeline closes.
     */
    public void publishAll(final MessagePublisher publisher)
    {
        for (long i; (i = next()) >= 0; )
        {
            final byte[] message = message(i);
            if (publisher.publish(message, 0, message.length, intendedNanos(i)) == MessagePublisher.CLOSED)
            {
                return;
            }
        }
    }

    /** When message {@code index} should have been received ({@link System#nanoTime()} clock). */
    public long intendedNanos(final long index)
    {
        return intervalNanos > 0 ? startNanos + index * intervalNanos : System.nanoTime();
    }
}
