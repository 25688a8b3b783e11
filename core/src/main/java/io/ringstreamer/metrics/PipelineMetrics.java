package io.ringstreamer.metrics;

import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.StatusKind;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A pipeline's live counters. Message counters obey conservation at every moment:
 * {@code received = processed + rejected + dropped + abandoned + in flight} (spilled messages are in
 * flight until processed). They count data messages only:
 * statuses and errors published by the streamer, and subscription changes, are not messages (statuses
 * are counted by kind, errors by kind like every error).
 *
 * <p>Writers: {@code received} and {@code dropped} by the streamer thread; {@code processed} and
 * {@code rejected} by shard 0 (every shard sees every message, one counts it); per-entry counters by
 * the shard that owns the symbol; statuses by the shard that publishes them (shard 0 for the
 * streamer's, the owning shard for {@code Subscribed}/{@code Unsubscribed}); delivery counters by the
 * administrator. Read from any thread.
 */
public final class PipelineMetrics
{
    private final Counter received = new Counter();
    private final Counter dropped = new Counter();
    private final Counter spilled = new Counter();
    private final Counter spills = new Counter();
    private final Counter largestSpillBytes = new Counter();
    private final Counter abandoned = new Counter();
    private final Counter processed = new Counter();
    private final Counter rejected = new Counter();
    private final Counter[] entriesRejected;
    private final Counter[] componentFailures;
    private final Counter resultsDelivered = new Counter();
    private final Counter errorsDelivered = new Counter();
    private final Counter statusesDelivered = new Counter();
    private final Counter listenerErrors = new Counter();
    private final Counter journaled = new Counter();
    private final Counter[][] errors;
    private final Counter[][] statuses;
    private LongSupplier inboundBacklog = () -> 0;
    private LongSupplier resultsBacklog = () -> 0;
    private LongSupplier spillBacklog = () -> 0;
    private LongSupplier spillBytes = () -> 0;

    public PipelineMetrics(final int shards)
    {
        entriesRejected = counters(shards);
        componentFailures = counters(shards);
        errors = new Counter[shards + 1][]; // the last row is the journal's
        for (int i = 0; i <= shards; i++)
        {
            errors[i] = counters(ErrorKind.values().length);
        }
        statuses = new Counter[shards][];
        for (int i = 0; i < shards; i++)
        {
            statuses[i] = counters(StatusKind.values().length);
        }
    }

    /** Lets the pipeline expose its rings' occupancy. Called once, before start. */
    public void backlogs(final LongSupplier inbound, final LongSupplier results)
    {
        this.inboundBacklog = inbound;
        this.resultsBacklog = results;
    }

    /** Lets the pipeline expose its spill store's occupancy. Called once, before start. */
    public void spillGauges(final LongSupplier records, final LongSupplier bytes)
    {
        this.spillBacklog = records;
        this.spillBytes = bytes;
    }

    /** Shard {@code shard}'s error counters, indexed by {@link ErrorKind#ordinal()}. Written by that shard. */
    public Counter[] errors(final int shard)
    {
        return errors[shard];
    }

    /** The journal's error counters, indexed by {@link ErrorKind#ordinal()}. Written by the journal thread. */
    public Counter[] journalErrors()
    {
        return errors[errors.length - 1];
    }

    /** Error results of {@code kind} published so far by the shards and the journal (streamer failures excluded). */
    public long errors(final ErrorKind kind)
    {
        long total = 0;
        for (final Counter[] shard : errors)
        {
            total += shard[kind.ordinal()].get();
        }
        return total;
    }

    /** Shard {@code shard}'s status counters, indexed by {@link StatusKind#ordinal()}. Written by that shard. */
    public Counter[] statuses(final int shard)
    {
        return statuses[shard];
    }

    /** Status results of {@code kind} published so far by all shards. */
    public long statuses(final StatusKind kind)
    {
        long total = 0;
        for (final Counter[] shard : statuses)
        {
            total += shard[kind.ordinal()].get();
        }
        return total;
    }

    /** Messages in the inbound ring not yet consumed by every shard: a gauge, any thread. */
    public long inboundBacklog()
    {
        return inboundBacklog.getAsLong();
    }

    /** Records (messages, statuses, errors) spilled and not yet moved into the inbound ring: a gauge, any thread. */
    public long spillBacklog()
    {
        return spillBacklog.getAsLong();
    }

    /** Bytes the spill store holds now: a gauge, any thread. */
    public long spillBytes()
    {
        return spillBytes.getAsLong();
    }

    /** Results in the results ring not yet delivered: a gauge, any thread. */
    public long resultsBacklog()
    {
        return resultsBacklog.getAsLong();
    }

    private static Counter[] counters(final int count)
    {
        final Counter[] counters = new Counter[count];
        for (int i = 0; i < count; i++)
        {
            counters[i] = new Counter();
        }
        return counters;
    }

    /** Messages the streamer published into the inbound ring. Streamer thread. */
    public Counter received()
    {
        return received;
    }

    /** Messages dropped by an overflow policy. Streamer thread. */
    public Counter dropped()
    {
        return dropped;
    }

    /** Messages accepted while the inbound ring was full, into the spill store. Streamer thread. */
    public Counter spilled()
    {
        return spilled;
    }

    /** Spills begun (each reported by a {@code Spilling} status). Streamer thread. */
    public Counter spills()
    {
        return spills;
    }

    /** The most bytes the spill store has held at once. Streamer thread. */
    public Counter largestSpillBytes()
    {
        return largestSpillBytes;
    }

    /**
     * Spilled messages discarded, not processed, because the close deadline passed before they reached
     * the ring (reported as a {@code MessagesDropped} error). Drainer thread.
     */
    public Counter abandoned()
    {
        return abandoned;
    }

    /** Messages decoded and dispatched to their symbols. Shard 0. */
    public Counter processed()
    {
        return processed;
    }

    /** Messages rejected whole (unparseable, too large). Shard 0. */
    public Counter rejected()
    {
        return rejected;
    }

    /** Entries rejected alone by validation, counted by the shard that owns the symbol. */
    public Counter entriesRejected(final int shard)
    {
        return entriesRejected[shard];
    }

    /** Component exceptions, counted by the shard that owns the symbol. */
    public Counter componentFailures(final int shard)
    {
        return componentFailures[shard];
    }

    /** Messages the pipeline's journal recorded (0 without a journal). Journal thread. */
    public Counter journaled()
    {
        return journaled;
    }

    /** Data results (not errors, not statuses) handed to the listener. Administrator thread. */
    public Counter resultsDelivered()
    {
        return resultsDelivered;
    }

    /** Error results handed to the listener. Administrator thread. */
    public Counter errorsDelivered()
    {
        return errorsDelivered;
    }

    /** Status results handed to the listener. Administrator thread. */
    public Counter statusesDelivered()
    {
        return statusesDelivered;
    }

    /** Exceptions thrown by the listener. Administrator thread. */
    public Counter listenerErrors()
    {
        return listenerErrors;
    }

    /** A consistent-enough copy for printing: in-flight is never negative. Allocates. */
    public MetricsSnapshot snapshot()
    {
        // Read downstream counters before upstream ones, so that in-flight is never negative.
        final long delivered = resultsDelivered.get();
        final long errorsNow = errorsDelivered.get();
        final long statusesNow = statusesDelivered.get();
        final long listener = listenerErrors.get();
        final long processedNow = processed.get();
        final long rejectedNow = rejected.get();
        long entries = 0;
        long failures = 0;
        for (int i = 0; i < entriesRejected.length; i++)
        {
            entries += entriesRejected[i].get();
            failures += componentFailures[i].get();
        }
        final Map<ErrorKind, Long> byKind = new EnumMap<>(ErrorKind.class);
        for (final ErrorKind kind : ErrorKind.values())
        {
            final long count = errors(kind);
            if (count > 0)
            {
                byKind.put(kind, count);
            }
        }
        final Map<StatusKind, Long> statusesByKind = new EnumMap<>(StatusKind.class);
        for (final StatusKind kind : StatusKind.values())
        {
            final long count = statuses(kind);
            if (count > 0)
            {
                statusesByKind.put(kind, count);
            }
        }
        final long droppedNow = dropped.get();
        final long abandonedNow = abandoned.get();
        final long receivedNow = received.get(); // last: everything counted downstream was received first
        return new MetricsSnapshot(
            receivedNow, processedNow, rejectedNow, droppedNow,
            receivedNow - processedNow - rejectedNow - droppedNow - abandonedNow,
            entries, failures, delivered, errorsNow, listener, byKind, inboundBacklog(), resultsBacklog(),
            statusesNow, statusesByKind, spilled.get(), abandonedNow, spills.get(), spillBacklog(), spillBytes(),
            largestSpillBytes.get());
    }
}
