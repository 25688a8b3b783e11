package io.ringstreamer.journal;

import io.ringstreamer.source.SpillStore;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A {@link SpillStore} on disk, in a Chronicle Queue: a burst of hours waits in files rather than in
 * the heap. Attach it with {@code Pipeline.Builder.spillStore(new ChronicleSpillStore(dir, budget))}.
 *
 * <p>Each record is one excerpt: a 36-byte header (type, code, payload length, receive time, two
 * numbers) and its payload. Appending is a copy into a memory-mapped file (no system call); reading
 * is a copy out of one. Bytes held are what has been appended and not yet read; an append that would
 * take them past the budget is refused, and the pipeline applies its fallback policy. Files roll
 * hourly and are all deleted when the store is closed (the pipeline closes it when it terminates, by
 * which time everything has been read): the store is a buffer, not a journal.
 *
 * <p>Threads: {@link #append} on the pipeline's publishing thread, {@link #read} on its drainer thread,
 * each with its own appender or tailer created on first use; {@link #bytesHeld} from any thread.
 *
 * <p>Needs the journal module's JVM flags on Java 17 and later; see {@code docs/journal.md}.
 */
public final class ChronicleSpillStore implements SpillStore
{
    private static final int HEADER_BYTES = 36;

    private final Path directory;
    private final long budgetBytes;
    private final SingleChronicleQueue queue;
    private ExcerptAppender appender; // publishing thread
    private ExcerptTailer tailer; // drainer thread
    private byte[] payload = new byte[4096]; // drainer thread: a record's bytes, grown to the longest
    private volatile long appendedBytes;
    private volatile long readBytes;
    private boolean closed;

    /**
     * A store in {@code directory} (created if missing; it should be empty: its files are deleted on close).
     *
     * @param budgetBytes the most bytes it may hold (records and their headers).
     */
    public ChronicleSpillStore(final Path directory, final long budgetBytes)
    {
        this.directory = Objects.requireNonNull(directory, "directory");
        if (budgetBytes < 1)
        {
            throw new IllegalArgumentException("budgetBytes must be positive: " + budgetBytes);
        }
        this.budgetBytes = budgetBytes;
        try
        {
            Files.createDirectories(directory);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create the spill directory " + directory, ex);
        }
        this.queue = SingleChronicleQueueBuilder.single(directory.toFile()).rollCycle(RollCycles.FAST_HOURLY).build();
    }

    @Override
    public boolean append(
        final int type, final int code, final long receiveNanos, final long first, final long second,
        final byte[] bytes, final int offset, final int length)
    {
        final long size = HEADER_BYTES + (long)length;
        if (appendedBytes + size - readBytes > budgetBytes)
        {
            return false;
        }
        if (appender == null)
        {
            appender = queue.createAppender();
        }
        try (DocumentContext document = appender.writingDocument())
        {
            final Bytes<?> out = document.wire().bytes();
            out.writeInt(type);
            out.writeInt(code);
            out.writeInt(length);
            out.writeLong(receiveNanos);
            out.writeLong(first);
            out.writeLong(second);
            out.write(bytes, offset, length);
        }
        appendedBytes = appendedBytes + size; // after the excerpt is complete: the reader may count on it
        return true;
    }

    @Override
    public boolean read(final RecordHandler handler)
    {
        if (readBytes == appendedBytes)
        {
            return false;
        }
        if (tailer == null)
        {
            tailer = queue.createTailer();
        }
        final int length;
        try (DocumentContext document = tailer.readingDocument())
        {
            if (!document.isPresent())
            {
                return false;
            }
            final Bytes<?> in = document.wire().bytes();
            final int type = in.readInt();
            final int code = in.readInt();
            length = in.readInt();
            final long receiveNanos = in.readLong();
            final long first = in.readLong();
            final long second = in.readLong();
            if (payload.length < length)
            {
                payload = new byte[Math.max(length, payload.length * 2)];
            }
            in.read(payload, 0, length);
            handler.onRecord(type, code, receiveNanos, first, second, payload, 0, length);
        }
        readBytes = readBytes + HEADER_BYTES + length;
        return true;
    }

    @Override
    public long bytesHeld()
    {
        return Math.max(0, appendedBytes - readBytes);
    }

    @Override
    public long capacityBytes()
    {
        return budgetBytes;
    }

    /** Where the store's files are. */
    public Path directory()
    {
        return directory;
    }

    /** Closes the queue and deletes its files. Idempotent. */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        queue.close();
        try (Stream<Path> files = Files.walk(directory))
        {
            files.sorted(Comparator.reverseOrder()).filter(path -> !path.equals(directory)).forEach(path ->
            {
                try
                {
                    Files.deleteIfExists(path);
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
            });
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot delete the spill files in " + directory, ex);
        }
    }
}
