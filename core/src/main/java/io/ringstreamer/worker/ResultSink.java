package io.ringstreamer.worker;

import io.ringstreamer.result.ErrorKind;

/**
 * Where a {@link Component} publishes results. Each call copies the values into the next slot of the
 * results ring, stamped with the current symbol, message sequence, timestamp and receive time; it
 * blocks only while the results ring is full. Called on the shard thread; allocates nothing.
 */
public interface ResultSink
{
    /** Publishes a 1-minute bar for the current symbol. */
    void bar(double open, double high, double low, double close, long volume, long barStartMillis);

    /**
     * Rejects the current entry: publishes an error of {@code kind} for the current symbol.
     *
     * @param reason a constant or otherwise preallocated text, so that rejecting allocates nothing.
     */
    void reject(ErrorKind kind, String reason);
}
