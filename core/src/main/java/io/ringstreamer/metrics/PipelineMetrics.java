package io.ringstreamer.metrics;

import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.StatusKind;

/**
 * A pipeline's live counters and gauges, read-only: what {@code Pipeline.metrics()} returns. Any thread
 * may call any method at any time; each counter has exactly one writer, a pipeline thread, and nothing
 * here writes.
 *
 * <p>Message counters obey conservation at every moment:
 * {@code received = processed + rejected + dropped + abandoned + in flight} (spilled messages are in
 * flight until processed); {@link #snapshot()} reads them in an order that keeps in-flight from going
 * negative. They count data messages only: statuses and errors published by the streamer, and
 * subscription changes, are not messages (statuses are counted by kind, errors by kind like every error).
 *
 * <p>Writers: {@code received}, {@code dropped}, {@code spilled}, {@code spills} and
 * {@code largestSpillBytes} by the streamer thread; {@code abandoned} by the drainer thread;
 * {@code processed} and {@code rejected} by shard 0 (every shard sees every message, one counts it);
 * per-entry counters by the shard that owns the symbol; statuses by the shard that publishes them (shard
 * 0 for the streamer's, the owning shard for {@code Subscribed}/{@code Unsubscribed}); {@code journaled}
 * by the journal thread; delivery counters by the thread that calls the listener.
 */
public interface PipelineMetrics
{
    /**
     * Messages offered by the streamer: each {@code publish} that did not throw or return {@code CLOSED},
     * whether accepted (into the inbound ring or the spill store) or dropped. Counted before the message
     * can be processed, so {@code received >= processed + rejected + dropped + abandoned} at every moment.
     */
    long received();

    /** Messages dropped by an overflow policy. */
    long dropped();

    /** Messages accepted into the spill store while the inbound ring was full. */
    long spilled();

    /** Spills begun (each reported by a {@code Spilling} status). */
    long spills();

    /** The most bytes the spill store has held at once. */
    long largestSpillBytes();

    /**
     * Spilled messages discarded, not processed, because the close deadline passed before they reached
     * the ring (reported as a {@code MessagesDropped} error).
     */
    long abandoned();

    /**
     * Messages decoded and dispatched to their symbols. Added by shard 0 at the end of each batch it reads
     * from the inbound ring, so while the pipeline runs it may trail by that batch (messages counted as in
     * flight meanwhile); exact once the pipeline has ended.
     */
    long processed();

    /** Messages rejected whole (unparseable, too large). */
    long rejected();

    /** Entries rejected alone by validation, all shards. */
    long entriesRejected();

    /** Component exceptions, all shards. */
    long componentFailures();

    /**
     * Messages the pipeline's journal recorded (0 without a journal): counted when the journal completes them, at
     * the end of each batch ({@code InboundJournal.flush}), so it may trail the messages appended by one batch.
     */
    long journaled();

    /** Data results (not errors, not statuses) handed to the listener. */
    long resultsDelivered();

    /** Error results handed to the listener. */
    long errorsDelivered();

    /** Status results handed to the listener. */
    long statusesDelivered();

    /** Exceptions thrown by the listener (and by its error handler). */
    long listenerErrors();

    /** Error results of {@code kind} published so far by the shards and the journal (streamer failures excluded). */
    long errors(ErrorKind kind);

    /** Status results of {@code kind} published so far by all shards. */
    long statuses(StatusKind kind);

    /** Messages in the inbound ring not yet consumed by every shard: a gauge, at most the ring's size. */
    long inboundBacklog();

    /** Results in the results ring not yet delivered: a gauge, at most the ring's size (0 without one). */
    long resultsBacklog();

    /** Records (messages, statuses, errors) spilled and not yet moved into the inbound ring: a gauge. */
    long spillBacklog();

    /** Bytes the spill store holds now: a gauge. */
    long spillBytes();

    /** A consistent-enough copy for printing: in-flight is never negative. Allocates. */
    MetricsSnapshot snapshot();
}
