package io.ringstreamer.result;

/**
 * Receives every result of a pipeline, one method per kind. All methods are called on one thread:
 * the administrator thread, or, with a single shard and no journal on a thread of its own, the shard thread itself
 * ({@code Delivery}), in delivery order: one symbol's results arrive in the order its data
 * arrived; results of different symbols may interleave in any order.
 *
 * <p>The views passed in are valid only during the call (they are slots of the results ring, or the
 * shard's one result slot with delivery on the shard thread, reused afterwards); each has a
 * {@code to...()} method that takes an immutable copy. An exception thrown by a listener method is
 * counted ({@code listenerErrors} in the metrics) and delivery goes on.
 *
 * <p>Only {@link #onBar} and {@link #onError} must be implemented; the other kinds are ignored unless
 * overridden. A slow listener slows the administrator, then the shards, and finally the streamer
 * (once the rings are full; with delivery on the shard thread, the shard at once); it never loses
 * results.
 */
public interface ResultListener
{
    /** A validated 1-minute bar ({@code CHART_EQUITY}). */
    void onBar(BarView bar);

    /** An N-minute bar aggregated from 1-minute bars (see {@code NMinuteBars}). */
    default void onAggregateBar(final AggregateBarView bar)
    {
    }

    /** A Level 1 quote: the symbol's merged state after a {@code LEVELONE_EQUITIES} change. */
    default void onQuote(final QuoteView quote)
    {
    }

    /** A Level 2 book: the top levels of a {@code BOOK} snapshot. */
    default void onBook(final BookView book)
    {
    }

    /** A trade print ({@code TIMESALE_EQUITY}) with the session's running volume and VWAP. */
    default void onTrade(final TradeView trade)
    {
    }

    /** A headline ({@code NEWS_HEADLINE}). */
    default void onNews(final NewsView news)
    {
    }

    /** A result of a user-written component (see {@link CustomView}). */
    default void onCustom(final CustomView result)
    {
    }

    /**
     * An error: a message or entry that was rejected, a component that failed, or the streamer's
     * failure (for example {@code ConnectionError}), which is delivered after every result derived
     * from data received before it.
     */
    void onError(ErrorView error);

    /**
     * A status: the streamer connected, reconnects or heard from its source, or a subscription change
     * took effect ({@link StatusKind}). Delivered in order with the results around it.
     */
    default void onStatus(final StatusView status)
    {
    }

    /**
     * Called once, last: the stream has ended (its data ran out, its streamer failed, or the pipeline
     * was closed) and everything accepted has been delivered.
     */
    default void onEndOfStream()
    {
    }
}
