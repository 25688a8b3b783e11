package io.ringstreamer.journal;

import io.ringstreamer.source.MessagePublisher;
import io.ringstreamer.source.Streamer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Plays a journal written by {@link ChronicleJournal} into a pipeline: every recorded message, in
 * recorded order, its bytes exactly as received. As fast as the pipeline takes them
 * ({@link #MAX_SPEED}), at the recorded pace (speed 1), or at a multiple of it; optionally from a
 * sequence or a wall-clock time on.
 *
 * <p>Deterministic: the same journal through the same pipeline configuration gives the same results
 * per symbol, in the same order, whatever the shard count, because a pipeline's results for a symbol
 * depend only on the order of its messages, and the replay keeps it. Pacing changes only when
 * messages are published.
 *
 * <p>Pacing follows the recorded wall-clock receive times: message {@code n} is published no earlier
 * than {@code (t(n) - t(first)) / speed} after the first (a recorded time earlier than the one before,
 * from a clock step, counts as no gap). If the pipeline is slower, the replay falls behind and never
 * skips.
 *
 * <p>Threads: configure before the pipeline starts; {@link #stream} runs on the pipeline's streamer
 * thread; {@link #replayed()} from any thread.
 */
public final class JournalReplayStreamer implements Streamer
{
    /** As fast as possible: no pacing. */
    public static final double MAX_SPEED = Double.POSITIVE_INFINITY;

    private final Path directory;
    private final double speed;
    private final ReplayClock clock;
    private long fromSequence = Long.MIN_VALUE;
    private long fromEpochNanos = Long.MIN_VALUE;
    private volatile long replayed;
    private volatile IOException failure;

    /**
     * A replay of the journal in {@code directory}.
     *
     * @param speed {@link #MAX_SPEED}, or recorded seconds per replayed second: 1 is the recorded pace,
     *              10 ten times faster, 0.5 half as fast.
     */
    public JournalReplayStreamer(final Path directory, final double speed)
    {
        this(directory, speed, ReplayClock.SYSTEM);
    }

    /** As {@link #JournalReplayStreamer(Path, double)}, keeping time with {@code clock}. */
    public JournalReplayStreamer(final Path directory, final double speed, final ReplayClock clock)
    {
        if (!(speed > 0)) // NaN too
        {
            throw new IllegalArgumentException("speed must be positive: " + speed);
        }
        this.directory = Objects.requireNonNull(directory, "directory");
        this.speed = speed;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Starts at the first message whose recorded sequence is at least {@code sequence}. */
    public JournalReplayStreamer fromSequence(final long sequence)
    {
        this.fromSequence = sequence;
        return this;
    }

    /**
     * Starts at the first message received at or after {@code epochNanos} (nanoseconds since 1970 UTC),
     * for example {@code Instant.parse("2024-07-09T11:00:00Z")} in nanoseconds.
     */
    public JournalReplayStreamer fromEpochNanos(final long epochNanos)
    {
        this.fromEpochNanos = epochNanos;
        return this;
    }

    /**
     * What ended the replay early: a {@link JournalDamagedException} at the first damaged record, or
     * another failure to read the journal; {@code null} while it runs and after it ran to the end. The
     * pipeline also reports it, as a {@code ConnectionError}. Any thread.
     */
    public IOException failure()
    {
        return failure;
    }

    /** Messages published so far. Any thread. */
    public long replayed()
    {
        return replayed;
    }

    /**
     * Reads the journal and publishes each message; returns at its end, or when the pipeline closes.
     *
     * @throws IOException if there is no journal, or it cannot be read; a {@link JournalDamagedException}
     *                     at the first damaged record, every message before it published (only whole,
     *                     verified messages are).
     */
    @Override
    public void stream(final MessagePublisher publisher) throws IOException, InterruptedException
    {
        try
        {
            replay(publisher);
        }
        catch (final IOException ex)
        {
            failure = ex;
            throw ex;
        }
    }

    private void replay(final MessagePublisher publisher) throws IOException, InterruptedException
    {
        try (JournalReader reader = JournalReader.open(directory))
        {
            final JournalRecord record = reader.record();
            final boolean paced = speed != MAX_SPEED;
            boolean started = false;
            long startNanos = 0;
            long firstEpochNanos = 0;
            long elapsed = 0;
            long count = 0;
            while (reader.next())
            {
                if (!started)
                {
                    if (record.sequence() < fromSequence || record.receiveEpochNanos() < fromEpochNanos)
                    {
                        continue;
                    }
                    started = true;
                    startNanos = clock.nanoTime();
                    firstEpochNanos = record.receiveEpochNanos();
                }
                if (paced)
                {
                    elapsed = Math.max(elapsed, record.receiveEpochNanos() - firstEpochNanos);
                    clock.waitUntil(startNanos + (long)(elapsed / speed));
                }
                if (publisher.publish(record.bytes(), 0, record.length()) == MessagePublisher.CLOSED)
                {
                    break;
                }
                replayed = ++count; // one writer
            }
        }
    }

    @Override
    public String toString()
    {
        return "replay of " + directory + (speed == MAX_SPEED ? " at full speed" : " at speed " + speed);
    }
}
