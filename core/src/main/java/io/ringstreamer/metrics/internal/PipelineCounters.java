package io.ringstreamer.metrics.internal;

import io.ringstreamer.metrics.MetricsSnapshot;
import io.ringstreamer.metrics.PipelineMetrics;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.StatusKind;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The counters a pipeline keeps, writable: each pipeline thread takes the {@link PaddedCounter}s it owns
 * when the pipeline is built and is their only writer. Applications see them only through
 * {@link #view()}, read-only.
 *
 * <p>Writers: {@code received}, {@code dropped}, {@code spilled}, {@code spills} and
 * {@code largestSpillBytes} by the streamer thread; {@code abandoned} by the drainer; {@code processed}
 * and {@code rejected} by shard 0 (every shard sees every message, one counts it); per-entry counters by
 * the shard that owns the symbol; statuses by the shard that publishes them; {@code journaled} and the
 * journal's errors by the journal thread; delivery counters by the thread that calls the listener.
 */
public final class PipelineCounters
{
    private final PaddedCounter received = new PaddedCounter();
    private final PaddedCounter dropped = new PaddedCounter();
    private final PaddedCounter spilled = new PaddedCounter();
    private final PaddedCounter spills = new PaddedCounter();
    private final PaddedCounter largestSpillBytes = new PaddedCounter();
    private final PaddedCounter abandoned = new PaddedCounter();
    private final PaddedCounter processed = new PaddedCounter();
    private final PaddedCounter rejected = new PaddedCounter();
    private final PaddedCounter[] entriesRejected;
    private final PaddedCounter[] componentFailures;
    private final PaddedCounter resultsDelivered = new PaddedCounter();
    private final PaddedCounter errorsDelivered = new PaddedCounter();
    private final PaddedCounter statusesDelivered = new PaddedCounter();
    private final PaddedCounter listenerErrors = new PaddedCounter();
    private final PaddedCounter journaled = new PaddedCounter();
    private final PaddedCounter[][] errors;
    private final PaddedCounter[][] statuses;
    private LongSupplier inboundBacklog = () -> 0;
    private LongSupplier resultsBacklog = () -> 0;
    private LongSupplier spillBacklog = () -> 0;
    private LongSupplier spillBytes = () -> 0;
    private final PipelineMetrics view = new View();

    public PipelineCounters(final int shards)
    {
        entriesRejected = counters(shards);
        componentFailures = counters(shards);
        errors = new PaddedCounter[shards + 1][]; // the last row is the journal's
        for (int i = 0; i <= shards; i++)
        {
            errors[i] = counters(ErrorKind.values().length);
        }
        statuses = new PaddedCounter[shards][];
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
    public PaddedCounter[] errors(final int shard)
    {
        return errors[shard];
    }

    /** The journal's error counters, indexed by {@link ErrorKind#ordinal()}. Written by the journal thread. */
    public PaddedCounter[] journalErrors()
    {
        return errors[errors.length - 1];
    }

    /** Error results of {@code kind} published so far by the shards and the journal (streamer failures excluded). */
    private long errors(final ErrorKind kind)
    {
        long total = 0;
        for (final PaddedCounter[] shard : errors)
        {
            total += shard[kind.ordinal()].get();
        }
        return total;
    }

    /** Shard {@code shard}'s status counters, indexed by {@link StatusKind#ordinal()}. Written by that shard. */
    public PaddedCounter[] statuses(final int shard)
    {
        return statuses[shard];
    }

    /** Status results of {@code kind} published so far by all shards. */
    private long statuses(final StatusKind kind)
    {
        long total = 0;
        for (final PaddedCounter[] shard : statuses)
        {
            total += shard[kind.ordinal()].get();
        }
        return total;
    }

    /** Messages in the inbound ring not yet consumed by every shard: a gauge, any thread. */
    private long inboundBacklog()
    {
        return inboundBacklog.getAsLong();
    }

    /** Records (messages, statuses, errors) spilled and not yet moved into the inbound ring: a gauge, any thread. */
    private long spillBacklog()
    {
        return spillBacklog.getAsLong();
    }

    /** Bytes the spill store holds now: a gauge, any thread. */
    private long spillBytes()
    {
        return spillBytes.getAsLong();
    }

    /** Results in the results ring not yet delivered: a gauge, any thread. */
    private long resultsBacklog()
    {
        return resultsBacklog.getAsLong();
    }

    private static PaddedCounter[] counters(final int count)
    {
        final PaddedCounter[] counters = new PaddedCounter[count];
        for (int i = 0; i < count; i++)
        {
            counters[i] = new PaddedCounter();
        }
        return counters;
    }

    /** Messages the streamer published into the inbound ring. Streamer thread. */
    public PaddedCounter received()
    {
        return received;
    }

    /** Messages dropped by an overflow policy. Streamer thread. */
    public PaddedCounter dropped()
    {
        return dropped;
    }

    /** Messages accepted while the inbound ring was full, into the spill store. Streamer thread. */
    public PaddedCounter spilled()
    {
        return spilled;
    }

    /** Spills begun (each reported by a {@code Spilling} status). Streamer thread. */
    public PaddedCounter spills()
    {
        return spills;
    }

    /** The most bytes the spill store has held at once. Streamer thread. */
    public PaddedCounter largestSpillBytes()
    {
        return largestSpillBytes;
    }

    /**
     * Spilled messages discarded, not processed, because the close deadline passed before they reached
     * the ring (reported as a {@code MessagesDropped} error). Drainer thread.
     */
    public PaddedCounter abandoned()
    {
        return abandoned;
    }

    /** Messages decoded and dispatched to their symbols. Shard 0. */
    public PaddedCounter processed()
    {
        return processed;
    }

    /** Messages rejected whole (unparseable, too large). Shard 0. */
    public PaddedCounter rejected()
    {
        return rejected;
    }

    /** Entries rejected alone by validation, counted by the shard that owns the symbol. */
    public PaddedCounter entriesRejected(final int shard)
    {
        return entriesRejected[shard];
    }

    /** Component exceptions, counted by the shard that owns the symbol. */
    public PaddedCounter componentFailures(final int shard)
    {
        return componentFailures[shard];
    }

    /** Messages the pipeline's journal recorded (0 without a journal). Journal thread. */
    public PaddedCounter journaled()
    {
        return journaled;
    }

    /** Data results (not errors, not statuses) handed to the listener. Administrator thread. */
    public PaddedCounter resultsDelivered()
    {
        return resultsDelivered;
    }

    /** Error results handed to the listener. Administrator thread. */
    public PaddedCounter errorsDelivered()
    {
        return errorsDelivered;
    }

    /** Status results handed to the listener. Administrator thread. */
    public PaddedCounter statusesDelivered()
    {
        return statusesDelivered;
    }

    /** Exceptions thrown by the listener. Administrator thread. */
    public PaddedCounter listenerErrors()
    {
        return listenerErrors;
    }

    /** A consistent-enough copy for printing: in-flight is never negative. Allocates. */
    private MetricsSnapshot snapshot()
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
            entries, failures, delivered, errorsNow, listener, Collections.unmodifiableMap(byKind), inboundBacklog(),
            resultsBacklog(), statusesNow, Collections.unmodifiableMap(statusesByKind), spilled.get(), abandonedNow,
            spills.get(), spillBacklog(), spillBytes(), largestSpillBytes.get());
    }

    /** The read-only view of these counters that the pipeline hands out; the same object every time. */
    public PipelineMetrics view()
    {
        return view;
    }

    private static long sum(final PaddedCounter[] counters)
    {
        long total = 0;
        for (final PaddedCounter counter : counters)
        {
            total += counter.get();
        }
        return total;
    }

    /** Reads only; a private class, so it cannot be cast to anything that writes. */
    private final class View implements PipelineMetrics
    {
        @Override
        public long received()
        {
            return received.get();
        }

        @Override
        public long dropped()
        {
            return dropped.get();
        }

        @Override
        public long spilled()
        {
            return spilled.get();
        }

        @Override
        public long spills()
        {
            return spills.get();
        }

        @Override
        public long largestSpillBytes()
        {
            return largestSpillBytes.get();
        }

        @Override
        public long abandoned()
        {
            return abandoned.get();
        }

        @Override
        public long processed()
        {
            return processed.get();
        }

        @Override
        public long rejected()
        {
            return rejected.get();
        }

        @Override
        public long entriesRejected()
        {
            return sum(entriesRejected);
        }

        @Override
        public long componentFailures()
        {
            return sum(componentFailures);
        }

        @Override
        public long journaled()
        {
            return journaled.get();
        }

        @Override
        public long resultsDelivered()
        {
            return resultsDelivered.get();
        }

        @Override
        public long errorsDelivered()
        {
            return errorsDelivered.get();
        }

        @Override
        public long statusesDelivered()
        {
            return statusesDelivered.get();
        }

        @Override
        public long listenerErrors()
        {
            return listenerErrors.get();
        }

        @Override
        public long errors(final ErrorKind kind)
        {
            return PipelineCounters.this.errors(kind);
        }

        @Override
        public long statuses(final StatusKind kind)
        {
            return PipelineCounters.this.statuses(kind);
        }

        @Override
        public long inboundBacklog()
        {
            return PipelineCounters.this.inboundBacklog();
        }

        @Override
        public long resultsBacklog()
        {
            return PipelineCounters.this.resultsBacklog();
        }

        @Override
        public long spillBacklog()
        {
            return PipelineCounters.this.spillBacklog();
        }

        @Override
        public long spillBytes()
        {
            return PipelineCounters.this.spillBytes();
        }

        @Override
        public MetricsSnapshot snapshot()
        {
            return PipelineCounters.this.snapshot();
        }

        @Override
        public String toString()
        {
            return snapshot().toString();
        }
    }
}
