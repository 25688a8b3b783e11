package io.ringstreamer.delivery;

import com.lmax.disruptor.RingBuffer;

/**
 * Where one shard's results go: into the results ring, for the administrator thread
 * ({@link #throughRing}), or straight to the administrator's delivery code on the shard's own thread
 * ({@link #onShardThread}, one shard only). The shard claims a slot, fills it, then publishes it; it never
 * holds two claims at once.
 *
 * <p>Threads: one outlet per shard, used only on that shard's thread.
 */
public abstract class ResultOutlet
{
    ResultOutlet()
    {
    }

    /** An outlet into {@code results}, one of the ring's producers. */
    public static ResultOutlet throughRing(final RingBuffer<ResultEvent> results)
    {
        return new ThroughRing(results);
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

    private static final class ThroughRing extends ResultOutlet
    {
        private final RingBuffer<ResultEvent> results;
        private long claimed;

        ThroughRing(final RingBuffer<ResultEvent> results)
        {
            this.results = results;
        }

        @Override
        public ResultEvent claim()
        {
            claimed = results.next();
            return results.get(claimed);
        }

        @Override
        public void publish(final ResultEvent result, final long inboundSequence)
        {
            results.publish(claimed);
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
