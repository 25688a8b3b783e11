package io.ringstreamer.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a journal written by {@link ChronicleJournal}, oldest message first, read-only. A message is
 * read only once its excerpt is complete, so a journal whose writer was killed reads up to its last
 * complete message. Used on one thread; allocates only to grow its buffer for a longer message.
 *
 * <pre>{@code
 * try (JournalReader reader = JournalReader.open(dir)) {
 *     while (reader.next()) {
 *         JournalRecord record = reader.record();
 *         ...
 *     }
 * }
 * }</pre>
 */
public final class JournalReader implements AutoCloseable
{
    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final JournalRecord record = new JournalRecord();

    private JournalReader(final SingleChronicleQueue queue)
    {
        this.queue = queue;
        this.tailer = queue.createTailer();
    }

    /**
     * Opens the journal in {@code directory} for reading.
     *
     * @throws IOException if there is no journal there.
     */
    public static JournalReader open(final Path directory) throws IOException
    {
        if (!Files.isDirectory(directory) || ChronicleJournal.dataFiles(directory).isEmpty())
        {
            throw new IOException("no journal in " + directory);
        }
        return new JournalReader(SingleChronicleQueueBuilder.single(directory.toFile()).readOnly(true).build());
    }

    /**
     * Reads the next message into {@link #record()}.
     *
     * @return false at the end of the journal (for now: a journal still being written may grow).
     */
    public boolean next()
    {
        try (DocumentContext document = tailer.readingDocument())
        {
            if (!document.isPresent())
            {
                return false;
            }
            final Bytes<?> bytes = document.wire().bytes();
            if (bytes.readRemaining() < JournalRecord.HEADER_BYTES)
            {
                throw new UncheckedIOException(new IOException("journal excerpt of " + bytes.readRemaining() +
                    " bytes is shorter than a header, at index " + Long.toHexString(document.index())));
            }
            final JournalRecord record = this.record;
            record.sequence = bytes.readLong();
            record.receiveNanos = bytes.readLong();
            record.receiveEpochNanos = bytes.readLong();
            final int length = bytes.readInt();
            if (length < 0 || length != bytes.readRemaining())
            {
                throw new UncheckedIOException(new IOException("journal excerpt says " + length + " bytes but holds " +
                    bytes.readRemaining() + ", at index " + Long.toHexString(document.index())));
            }
            if (record.bytes.length < length)
            {
                record.bytes = new byte[Math.max(length, record.bytes.length * 2)];
            }
            bytes.read(record.bytes, 0, length);
            record.length = length;
            return true;
        }
    }

    /** The message read by the last {@link #next()} that returned true; refilled by the next one. */
    public JournalRecord record()
    {
        return record;
    }

    @Override
    public void close()
    {
        tailer.close();
        queue.close();
    }
}
