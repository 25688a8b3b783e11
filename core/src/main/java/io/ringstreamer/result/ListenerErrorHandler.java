package io.ringstreamer.result;

import java.lang.System.Logger.Level;

/**
 * Hears of every exception a {@link ResultListener} throws (Agrona's {@code ErrorHandler} idea): the
 * pipeline counts it ({@code listenerErrors}), hands it here, and goes on delivering. Set one with
 * {@code Pipeline.Builder.listenerErrorHandler}; the default, {@link #logging()}, logs through
 * {@link System.Logger} (so the application's logging backend decides where it goes), at most one
 * record a second.
 *
 * <p>Threads: called on the thread that called the listener, right after the exception, in order.
 * What it throws is ignored (and counted with the listener's errors).
 */
@FunctionalInterface
public interface ListenerErrorHandler
{
    /**
     * @param kind  the callback that threw.
     * @param error what it threw.
     */
    void onListenerError(ResultKind kind, Throwable error);

    /**
     * The default: a {@code WARNING} through {@code System.getLogger("io.ringstreamer.listener")} for
     * the first exception, then at most one a second, each saying how many were not logged since.
     * One instance per pipeline (it keeps the rate's state, written by the listener's thread).
     */
    static ListenerErrorHandler logging()
    {
        final System.Logger logger = System.getLogger("io.ringstreamer.listener");
        return new ListenerErrorHandler()
        {
            private long lastLogged = System.nanoTime() - 2_000_000_000L;
            private long suppressed;

            @Override
            public void onListenerError(final ResultKind kind, final Throwable error)
            {
                final long now = System.nanoTime();
                if (now - lastLogged < 1_000_000_000L)
                {
                    suppressed++;
                    return;
                }
                lastLogged = now;
                logger.log(Level.WARNING, "the listener threw from " + kind +
                    (suppressed > 0 ? " (" + suppressed + " more since the last record, not logged)" : ""), error);
                suppressed = 0;
            }
        };
    }
}
