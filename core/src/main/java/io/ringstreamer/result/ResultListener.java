package io.ringstreamer.result;

/**
 * Receives every result of a pipeline. All methods are called on the one administrator thread, in
 * results-ring order: one symbol's results arrive in the order its data arrived; results of
 * different symbols may interleave in any order.
 *
 * <p>The views passed in are valid only during the call (they are slots of the results ring, reused
 * afterwards); take {@link BarView#toBar()} or {@link ErrorView#toError()} to keep one. An exception
 * thrown by a listener method is counted ({@code listenerErrors} in the metrics) and delivery goes on.
 *
 * <p>A slow listener slows the administrator, then the shards, and finally the streamer (once both
 * rings are full); it never loses results.
 */
public interface ResultListener
{
    /** A validated 1-minute bar ({@code CHART_EQUITY}). */
    void onBar(BarView bar);

    /**
     * An error: a message or entry that was rejected, a component that failed, or the streamer's
     * failure (for example {@code ConnectionError}), which is delivered after every result derived
     * from data received before it.
     */
    void onError(ErrorView error);

    /**
     * Called once, last: the stream has ended (its data ran out, its streamer failed, or the pipeline
     * was closed) and everything accepted has been delivered.
     */
    default void onEndOfStream()
    {
    }
}
