package io.ringstreamer.delivery;

import com.lmax.disruptor.RingBuffer;

import java.util.Objects;

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
 * <p>On the shard's thread, results are handed to the administrator as they are published, or, with
 * {@code maxHeld} above 1, held to the end of the batch like the ring's (a journal on the shard's thread completes
 * a batch of messages at once, before any of their results is delivered).
 *
 * <p>Before any result leaves (into the ring, or to the administrator), the outlet runs its
 * {@link #beforeDelivery} action: the journal of the first shard completes what it has appended, so a message is
 * recorded before a result of it is delivered.
 *
 * <p>Threads: one outlet per shard, used only on that shard's thread.
 */
public abstract class ResultOutlet
{
    private static final Runnable NOTHING = () -> { };

    /** The shard's own events; the first {@link #count} of them filled, in order, with their inbound sequences. */
    final ResultEvent[] held;
    final long[] sequences;
    int count;
    private Runnable beforeDelivery = NOTHING;

    ResultOutlet(final int maxHeld, final int bookDepth)
    {
        this.held = new ResultEvent[maxHeld];
        this.sequences = new long[maxHeld];
        for (int i = 0; i < maxHeld; i++)
        {
            held[i] = new ResultEvent(bookDepth);
        }
    }

    /**
     * What runs on the shard's thread before results leave, once for each group that leaves together. Set while
     * the pipeline is built, before its threads start. It must not publish into this outlet.
     */
    public void beforeDelivery(final Runnable action)
    {
        this.beforeDelivery = Objects.requireNonNull(action, "action");
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

    /**
     * An outlet that hands results to {@code administrator} on the calling (shard) thread: each as it is published
     * ({@code maxHeld} 1), or up to {@code maxHeld} of them at the end of the batch.
     */
    public static ResultOutlet onShardThread(final Administrator administrator, final int maxHeld, final int bookDepth)
    {
        if (maxHeld < 1)
        {
            throw new IllegalArgumentException("maxHeld must be at least 1: " + maxHeld);
        }
        return new OnShardThread(administrator, maxHeld, bookDepth);
    }

    /** The event to fill next; {@link #publish} hands it on. */
    public final ResultEvent claim()
    {
        return held[count];
    }

    /** Hands on the event {@link #claim} gave, for the message at {@code inboundSequence}. */
    public final void publish(final ResultEvent result, final long inboundSequence)
    {
        sequences[count] = inboundSequence;
        if (++count == held.length)
        {
            endOfBatch();
        }
    }

    /** The shard's batch has ended: every result published so far leaves, after the {@link #beforeDelivery} action. */
    public final void endOfBatch()
    {
        final int count = this.count;
        if (count == 0)
        {
            return;
        }
        this.count = 0; // first: a listener that throws leaves nothing to deliver twice
        beforeDelivery.run();
        deliver(count);
    }

    /** Hands on the first {@code count} held results, in order. */
    abstract void deliver(int count);

    private static final class ThroughRing extends ResultOutlet
    {
        private final RingBuffer<ResultSlot> results;

        ThroughRing(final RingBuffer<ResultSlot> results, final int maxHeld, final int bookDepth)
        {
            super(maxHeld, bookDepth);
            this.results = results;
        }

        @Override
        void deliver(final int count)
        {
            final long last = results.next(count);
            final long first = last - count + 1;
            for (int i = 0; i < count; i++)
            {
                held[i] = results.get(first + i).swap(held[i]); // no copy: the slot's event becomes ours
            }
            results.publish(first, last);
        }
    }

    private static final class OnShardThread extends ResultOutlet
    {
        private final Administrator administrator;

        OnShardThread(final Administrator administrator, final int maxHeld, final int bookDepth)
        {
            super(maxHeld, bookDepth);
            this.administrator = administrator;
        }

        @Override
        void deliver(final int count)
        {
            for (int i = 0; i < count; i++)
            {
                administrator.onEvent(held[i], sequences[i], i == count - 1); // the listener, on this thread
            }
        }
    }
}
