package io.ringstreamer.source;

/**
 * Reads raw messages from a source and publishes each one, as received, into the inbound ring.
 *
 * <p>{@link #stream} runs once, on the pipeline's own streamer thread, after every handler has
 * started. It should do nothing but read and publish: the pipeline does the processing elsewhere, so
 * the reader keeps up with the feed.
 *
 * <ul>
 *   <li>Returning ends the stream normally.</li>
 *   <li>Throwing ends the stream with an error result, delivered after every result derived from data
 *   published before it: an {@link java.io.IOException} becomes a {@code ConnectionError}, anything
 *   else a {@code StreamerFailure}.</li>
 *   <li>When the pipeline is closed, {@link #requestStop()} is called from the closing thread, the
 *   streamer thread is interrupted, and {@link MessagePublisher#publish} returns
 *   {@link MessagePublisher#CLOSED}; the streamer should then return promptly.</li>
 * </ul>
 */
@FunctionalInterface
public interface Streamer
{
    /**
     * Reads and publishes messages until the source ends. Called once, on the streamer thread.
     *
     * @param publisher copies each message into the inbound ring; used by one thread at a time (this
     *                  one, or a client library's callback thread: see {@link MessagePublisher}).
     * @throws Exception when the source fails; the failure is delivered as the stream's last error.
     */
    void stream(MessagePublisher publisher) throws Exception;

    /**
     * Asks a running {@link #stream} to return soon, for example by closing its socket. Called from
     * whichever thread closes the pipeline; must be thread-safe. Does nothing by default.
     */
    default void requestStop()
    {
    }

    /**
     * The pipeline's symbols grew: a network source should ask its server for them (Schwab {@code ADD},
     * Alpaca {@code subscribe}) now if connected, and after every reconnect. Called once with the
     * initial symbols by {@code Pipeline.start()}, on its thread, before {@link #stream} starts; then
     * with exactly the symbols added, from whichever thread calls {@code Pipeline.subscribe}, after
     * the change has its place in the inbound stream (so no entry the server sends for them is missed:
     * every message published after this call is processed after the change). Calls come
     * one at a time, in the order of the changes (under the pipeline's subscription lock): must be
     * thread-safe with respect to the streamer thread, should not block for long, and must not close
     * the pipeline. What it throws reaches the caller of {@code Pipeline.subscribe} (the pipeline's
     * change stands) or of {@code start()} (the pipeline does not start). Does nothing by default (a
     * file or fake source carries every symbol anyway).
     */
    default void subscribe(final java.util.List<String> symbols)
    {
    }

    /**
     * The pipeline dropped these symbols: a network source should stop asking for them (Schwab
     * {@code UNSUBS}, Alpaca {@code unsubscribe}). Called with exactly the symbols removed, from
     * whichever thread calls {@code Pipeline.unsubscribe}, one call at a time as for {@link #subscribe};
     * must be thread-safe. Does nothing by default.
     */
    default void unsubscribe(final java.util.List<String> symbols)
    {
    }
}
