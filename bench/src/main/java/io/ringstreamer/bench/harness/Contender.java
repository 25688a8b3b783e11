package io.ringstreamer.bench.harness;

import java.util.List;

/**
 * One design for getting messages from a reader thread to per-symbol work and on to one consumer.
 *
 * <p>Each {@link #run} builds its threads, has its reader thread take every message from the
 * {@link Feed} (copying its bytes, as a reader of a reused socket buffer must), decodes each with
 * {@link io.ringstreamer.format.CanonicalDecoder}, gives each subscribed symbol's entry to that
 * symbol's own component from {@link Work#newComponent()} (state per symbol, touched by one thread
 * at a time), and hands every result to {@link ResultCounter#onResult} on one consumer thread,
 * passing the message's {@link Feed#intendedNanos} stamp and the result's volume. It returns once
 * every result has been delivered and every thread it started has ended.
 */
public interface Contender
{
    /** A short name for reports, e.g. {@code ring-streamer}. */
    String name();

    /**
     * @param symbols the subscribed symbols (entries for any other symbol are skipped).
     * @param shards  how many worker threads, where the design has a choice (1 for designs without).
     */
    void run(List<String> symbols, int shards, Work work, Feed feed, ResultCounter results) throws Exception;
}
