package io.ringstreamer.delivery;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;

/**
 * Where one shard's results go: into the results ring, for the administrator thread
 * ({@link #throughRing}), or straight to the administrator's delivery code on the shard's own thread
 * ({@link #onShardThread}, one shard only). The shard claims a slot, fills it, then publishes it; it never
 * holds two unfilled claims at once.
 *
 * <p>Into the ring, published results may be held back and made visible together at the end of the shard's batch
 * ({@link #endOfBatch}), so that the administrator wakes once a batch rather than once a result: when the shard
 * runs behind (a batch of several messages), it spends no wake-up per result; when it keeps up (a batch of one),
 * nothing waits. At most {@code maxHeld} results are held, and held results are always made visible before the
 * shard could wait for room in the ring, so that producers never wait on each other's held slots.
 *
 * <p>Threads: one outlet per shard, used only on that shard's thread.
 */
public abstract class ResultOutlet
{
    ResultOutlet()
    {
    }

    /**
     * An outlet into {@code results}, one of the ring's producers, holding back at most {@code maxHeld} published
     * results until {@link #endOfBatch} (1: each result is visible when published).
     */
    public static ResultOutlet throughRing(final RingBuffer<ResultEvent> results, final int maxHeld)
    {
        if (maxHeld < 1)
        {
            throw new IllegalArgumentException("maxHeld must be at least 1: " + maxHeld);
        }
        return new ThroughRing(results, maxHeld);
    }

    /** An outlet that hands each result to {@code administrator} on the calling (shard) thread. */
    public static ResultOutlet onShardThread(final Administrator administrator, final int bookDepth)
    {
        return new OnShardThread(administrator, bookDepth);
    }

    /** The slot to fill next; {@link #publish} hands it on. */
    public abstract ResultEvent claim();

    /** Hands on the slot {@link #claim} gave, for the message at {@code inboundSequence}. */
    public abstract void publish(ResultEvent result, long inboundSequence);

    /** The shard's batch has ended: every result published so far becomes visible. */
    public void endOfBatch()
    {
    }

    private static final class ThroughRing extends ResultOutlet
    {
        private final RingBuffer<ResultEvent> results;
        private final long[] heldSequences; // in claim order; not contiguous when other producers claim between
        private long claimed;
        private int held;

        ThroughRing(final RingBuffer<ResultEvent> results, final int maxHeld)
        {
            this.results = results;
            this.heldSequences = new long[maxHeld];
        }

        @Override
        public ResultEvent claim()
        {
            long next;
            try
            {
                next = results.tryNext();
            }
            catch (final InsufficientCapacityException full) // a shared instance: no allocation
            {
                endOfBatch(); // another producer may be waiting for the administrator to pass our held slots
                next = results.next();
            }
            claimed = next;
            return results.get(next);
        }

        @Override
        public void publish(final ResultEvent result, final long inboundSequence)
        {
            heldSequences[held++] = claimed;
            if (held == heldSequences.length)
            {
                endOfBatch();
            }
        }

        @Override
        public void endOfBatch()
        {
            // Each run of consecutive sequences in one call: the ring signals a waiting administrator once a run.
            int first = 0;
            for (int i = 1; i <= held; i++)
            {
                if (i == held || heldSequences[i] != heldSequences[i - 1] + 1)
                {
                    results.publish(heldSequences[first], heldSequences[i - 1]);
                    first = i;
                }
            }
            held = 0;
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
