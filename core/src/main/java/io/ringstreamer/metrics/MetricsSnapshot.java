package io.ringstreamer.metrics;

/**
 * A copy of a pipeline's counters at one moment.
 *
 * @param received          messages offered by the streamer: every {@code publish} that did not throw or
 *                          return {@code CLOSED}, whether accepted (into the ring or the spill store) or
 *                          dropped; {@link #accepted()} is the part accepted.
 * @param processed         messages decoded and dispatched.
 * @param rejected          messages rejected whole.
 * @param dropped           messages dropped by an overflow policy.
 * @param inFlight          {@code received - processed - rejected - dropped - abandoned}: accepted, not
 *                          yet handled (in the ring or the spill store).
 * @param entriesRejected   symbol entries rejected alone.
 * @param componentFailures component exceptions.
 * @param resultsDelivered  data results (not errors, not statuses) handed to the listener.
 * @param errorsDelivered   error results handed to the listener.
 * @param listenerErrors    exceptions thrown by the listener.
 * @param errorsByKind      error results published by the shards, by kind (kinds with none left out).
 * @param inboundBacklog    messages in the inbound ring not yet consumed by every shard.
 * @param resultsBacklog    results in the results ring not yet delivered.
 * @param statusesDelivered status results handed to the listener.
 * @param statusesByKind    status results published by the shards, by kind (kinds with none left out).
 * @param spilled           messages accepted into the spill store while the inbound ring was full.
 * @param abandoned         spilled messages discarded unprocessed because the close deadline passed.
 * @param spills            spills begun.
 * @param spillBacklog      records in the spill store now.
 * @param spillBytes        bytes in the spill store now.
 * @param largestSpillBytes the most bytes the spill store has held at once.
 */
public record MetricsSnapshot(
    long received,
    long processed,
    long rejected,
    long dropped,
    long inFlight,
    long entriesRejected,
    long componentFailures,
    long resultsDelivered,
    long errorsDelivered,
    long listenerErrors,
    java.util.Map<io.ringstreamer.result.ErrorKind, Long> errorsByKind,
    long inboundBacklog,
    long resultsBacklog,
    long statusesDelivered,
    java.util.Map<io.ringstreamer.result.StatusKind, Long> statusesByKind,
    long spilled,
    long abandoned,
    long spills,
    long spillBacklog,
    long spillBytes,
    long largestSpillBytes)
{
    /** Messages accepted (into the inbound ring or the spill store): {@code received - dropped}. */
    public long accepted()
    {
        return received - dropped;
    }
}
