package io.ringstreamer.delivery;

import com.lmax.disruptor.RingBuffer;

/**
 * Where one shard's results go: into the results ring, for the administrator thread
 * ({@link #throughRing}), or straight to the administrator's delivery code on the shard's own thread
 * ({@link #onShardThread}, one shard only). The shard takes an event to fill ({@link #claim}), fills it, then
 * publishes it; it never holds two unfilled events at once.
 *
 * <p>Into the ring, the shard fills results in events of its own and moves them into the ring together at the end
 * of its batch ({@link #endOfBatch}), so that the administrator wakes once a batch rather than once a result: when
 * the shard runs behind (a batch of several messages), it pays no wake-up per result; when it keeps up (a batch of
 * one), nothing waits. At most {@code maxHeld} results wait for the batch's end. They claim their slots only when
 * they move, all at once, and swap events with them ({@link ResultSlot}): no copy, and no claimed slot left
 * unpublished while the shard works (the administrator would spin on it: a multi-producer ring's cursor counts
 * claims).
 *
 * <p>Threads: one outlet per shard, used only on that shard's thread.
 */
public abstract class ResultOutlet
{
    ResultOutlet()
    {
    }

    /**
     * An outlet into {@code results}, one of the ring's producers, holding at most {@code maxHeld} results until
     * {@link #endOfBatch} (1: each result goes into the ring when published).
     */
    public static ResultOutlet throughRing(final RingBuffer<ResultSlot> results, final int maxHeld, final int bookDepth)
    {
        if (maxHeld < 1 || maxHeld > results.getBufferSize())
        {
            throw new IllegalArgumentException(
                "maxHeld must be from 1 to the ring's size, " + results.getBufferSize() + ": " + maxHeld);
        }
        return new ThroughRing(results, maxHeld, bookDepth);
    }

    /** An outlet that hands each result to {@code administrator} on the calling (shard) thread. */
    public static ResultOutlet onShardThread(final Administrator administrator, final int bookDepth)
    {
        return new OnShardThread(administrator, bookDepth);
    }

    /** The event to fill next; {@link #publish} hands it on. */
    public abstract ResultEvent claim();

    /** Hands on the slot {@link #claim} gave, for the message at {@code inboundSequence}. */
    public abstract void publish(ResultEvent result, long inboundSequence);

    /** The shard's batch has ended: every result published so far becomes visible. */
    public void endOfBatch()
    {
    }

    private static final class ThroughRing extends ResultOutlet
    {
        private final RingBuffer<ResultSlot> results;
        private final ResultEvent[] held; // the shard's own events; the first count of them filled, in order
        private int count;

        ThroughRing(final RingBuffer<ResultSlot> results, final int maxHeld, final int bookDepth)
        {
            this.results = results;
            this.held = new ResultEvent[maxHeld];
            for (int i = 0; i < maxHeld; i++)
            {
                held[i] = new ResultEvent(bookDepth);
            }
        }

        @Override
        public ResultEvent claim()
        {
            return held[count];
        }

        @Override
        public void publish(final ResultEvent result, final long inboundSequence)
        {
            if (++count == held.length)
            {
                endOfBatch();
            }
        }

        @Override
        public void endOfBatch()
        {
            final int count = this.count;
            if (count == 0)
            {
                return;
            }
            final long last = results.next(count);
            final long first = last - count + 1;
            for (int i = 0; i < count; i++)
            {
                held[i] = results.get(first + i).swap(held[i]);
            }
            results.publish(first, last);
            this.count = 0;
        }
    }

    private static final class OnShardThread extends ResultOutlet
    {
        private final Administrator administrator;
        private final ResultEvent slot;

        OnShardThread(final Administrator administrator, final int bookDepth)
        {
            this.administrator = administrator;
            this.slot = new ResultEvent(bookDepth);
        }

        @Override
        public ResultEvent claim()
        {
            return slot;
        }

        @Override
        public void publish(final ResultEvent result, final long inboundSequence)
        {
            administrator.onEvent(result, inboundSequence, true); // the listener, on this thread
        }
    }
}
