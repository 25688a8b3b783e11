package io.ringstreamer.demo.synthetic;

import io.ringstreamer.source.MessagePublisher;
import io.ringstreamer.source.Streamer;

import java.util.concurrent.locks.LockSupport;

/**
 * Publishes a {@link SyntheticMarket}'s messages at a steady wall-clock rate, as a live feed would
 * arrive: message {@code k} is due {@code k / messagesPerSecond} seconds after the first. When the
 * next message is due more than {@value #PARK_THRESHOLD_NANOS} ns from now the streamer parks
 * ({@link LockSupport#parkNanos}) until it is; otherwise it publishes every message due by then, up to
 * {@value #MAX_BURST} at a time. It never busy-spins: on a small machine a spinning streamer would
 * take the core a shard needs. A streamer that has fallen behind (the ring was full) catches up at
 * once.
 *
 * <p>After {@code messageCount} messages it closes the simulated minute in progress
 * ({@link SyntheticMarket#closeMinute()}), publishes that minute's bars at once, and returns: the
 * stream ends normally. Generating on the streamer thread allocates nothing per message.
 */
public final class SyntheticStreamer implements Streamer
{
    /** How far ahead of schedule the streamer may be before it parks rather than publishes. */
    public static final long PARK_THRESHOLD_NANOS = 50_000;

    /** The most messages published between two looks at the clock. */
    public static final int MAX_BURST = 32;

    private final SyntheticMarket market;
    private final double nanosPerMessage;
    private final long messageCount;
    private volatile long published;

    /**
     * @param market            the messages; used only by the streamer thread from now on.
     * @param messagesPerSecond the wall-clock rate.
     * @param messageCount      how many paced messages to publish before the closing bars.
     */
    public SyntheticStreamer(final SyntheticMarket market, final double messagesPerSecond, final long messageCount)
    {
        if (!(messagesPerSecond > 0) || Double.isInfinite(messagesPerSecond))
        {
            throw new IllegalArgumentException("messagesPerSecond must be positive: " + messagesPerSecond);
        }
        if (messageCount < 0)
        {
            throw new IllegalArgumentException("messageCount must not be negative: " + messageCount);
        }
        this.market = market;
        this.nanosPerMessage = 1e9 / messagesPerSecond;
        this.messageCount = messageCount;
    }

    @Override
    public void stream(final MessagePublisher publisher)
    {
        final SyntheticMarket market = this.market;
        final long start = System.nanoTime();
        long sent = 0;
        while (sent < messageCount)
        {
            final long now = System.nanoTime();
            final long ahead = start + (long)(sent * nanosPerMessage) - now;
            if (ahead > PARK_THRESHOLD_NANOS)
            {
                LockSupport.parkNanos(ahead);
                if (publisher.isClosed())
                {
                    return;
                }
                continue;
            }
            final long horizon = now + PARK_THRESHOLD_NANOS;
            int burst = 0;
            do
            {
                final int length = market.next();
                if (publisher.publish(market.buffer(), 0, length) == MessagePublisher.CLOSED)
                {
                    return;
                }
                published = ++sent;
                burst++;
            }
            while (sent < messageCount && burst < MAX_BURST && start + (long)(sent * nanosPerMessage) <= horizon);
        }
        market.closeMinute();
        while (market.barsPending())
        {
            final int length = market.next();
            if (publisher.publish(market.buffer(), 0, length) == MessagePublisher.CLOSED)
            {
                return;
            }
            published = ++sent;
        }
    }

    /** How many messages have been published so far; readable from any thread. */
    public long published()
    {
        return published;
    }
}
