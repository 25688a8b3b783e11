package io.ringstreamer.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Reads a journal written by {@link ChronicleJournal}, oldest message first, read-only. A message is
 * read only once its excerpt is complete, so a journal whose writer was killed reads up to its last
 * complete message.
 *
 * <p>An excerpt holds one or more records (a batch, as {@link ChronicleJournal} writes them); they are read in
 * order. Only whole, verified messages are handed out: each record's length and CRC32C are checked first.
 * At the first damaged record (a flipped byte, a record torn or cut short, a data file that is not a
 * journal's) {@link #next()} throws a {@link JournalDamagedException} naming the data file and the
 * record, and throws it again if called again; every record before it has been read. Chronicle's own
 * failures on a damaged file (including the {@code InternalError} of a fault in a file cut short under
 * its mapping) become that exception too. A folder holding a symbolic link is refused.
 *
 * <p>Used on one thread; allocates only to grow its buffer for a longer message.
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
    /** How a Chronicle Queue data file starts: a header excerpt holding the store's type. */
    private static final byte[] STORE_HEADER = "SCQStore".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int HEADER_SEARCH_BYTES = 64;

    private final Path directory;
    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final JournalRecord record = new JournalRecord();
    private final CRC32C crc = new CRC32C();
    private final ByteBuffer header = JournalRecord.headerBuffer();
    // The excerpt being read (its records in [0, excerptLength)) and where its next record starts.
    private ByteBuffer excerpt = ByteBuffer.allocate(64 << 10).order(ByteOrder.LITTLE_ENDIAN);
    private int excerptPosition;
    private int excerptLength;
    private long records;
    private JournalDamagedException damage;

    private JournalReader(final Path directory, final SingleChronicleQueue queue)
    {
        this.directory = directory;
        this.queue = queue;
        this.tailer = queue.createTailer();
    }

    /**
     * Opens the journal in {@code directory} for reading.
     *
     * @throws IOException if there is no journal there, or the folder holds a symbolic link.
     * @throws JournalDamagedException if a data file is empty or not a Chronicle Queue file.
     */
    public static JournalReader open(final Path directory) throws IOException
    {
        if (!Files.isDirectory(directory))
        {
            throw new IOException("no journal in " + directory);
        }
        ChronicleJournal.refuseSymbolicLinks(directory);
        final List<Path> files = ChronicleJournal.dataFiles(directory);
        if (files.isEmpty())
        {
            throw new IOException("no journal in " + directory);
        }
        for (final Path file : files)
        {
            checkStoreHeader(file);
        }
        try
        {
            return new JournalReader(directory,
                SingleChronicleQueueBuilder.single(directory.toFile()).readOnly(true).build());
        }
        catch (final RuntimeException | InternalError ex)
        {
            throw new JournalDamagedException(directory, 0, "Chronicle cannot open it: " + ex, ex);
        }
    }

    /** A data file must start with Chronicle's store header; an empty or foreign file is damage, not an empty journal. */
    private static void checkStoreHeader(final Path file) throws IOException
    {
        final byte[] start = new byte[HEADER_SEARCH_BYTES];
        int read = 0;
        try (InputStream in = Files.newInputStream(file))
        {
            for (int n = 0; read < start.length && (n = in.read(start, read, start.length - read)) > 0; )
            {
                read += n;
            }
        }
        if (read == 0)
        {
            throw new JournalDamagedException(file, 0, "the data file is empty", null);
        }
        if (indexOf(start, read, STORE_HEADER) < 0)
        {
            throw new JournalDamagedException(file, 0, "the data file does not start with a Chronicle Queue store header", null);
        }
    }

    private static int indexOf(final byte[] bytes, final int length, final byte[] part)
    {
        outer:
        for (int i = 0; i <= length - part.length; i++)
        {
            for (int j = 0; j < part.length; j++)
            {
                if (bytes[i + j] != part[j])
                {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * Reads and verifies the next message into {@link #record()}.
     *
     * @return false at the end of the journal (for now: a journal still being written may grow).
     * @throws JournalDamagedException at the first damaged record.
     */
    public boolean next() throws JournalDamagedException
    {
        if (damage != null)
        {
            throw damage;
        }
        try
        {
            return readNext();
        }
        catch (final RuntimeException | InternalError ex) // InternalError: a fault reading a mapped file cut short
        {
            throw damaged("Chronicle cannot read it: " + ex, ex);
        }
    }

    private boolean readNext() throws JournalDamagedException
    {
        if (excerptPosition == excerptLength && !readExcerpt())
        {
            return false;
        }
        final ByteBuffer excerpt = this.excerpt;
        final int at = excerptPosition;
        final int size = excerptLength - at;
        if (size < JournalRecord.HEADER_BYTES + JournalRecord.CHECKSUM_BYTES)
        {
            throw damaged("a record of " + size + " bytes is shorter than a record's header and checksum", null);
        }
        final long sequence = excerpt.getLong(at);
        final long receiveNanos = excerpt.getLong(at + 8);
        final long receiveEpochNanos = excerpt.getLong(at + 16);
        final int length = excerpt.getInt(at + 24);
        final int holds = size - JournalRecord.HEADER_BYTES - JournalRecord.CHECKSUM_BYTES;
        if (length < 0 || length > holds)
        {
            throw damaged("the record says " + length + " bytes but its excerpt holds " + holds, null);
        }
        final JournalRecord record = this.record;
        if (record.bytes.length < length)
        {
            record.bytes = new byte[Math.max(length, record.bytes.length * 2)];
        }
        System.arraycopy(excerpt.array(), at + JournalRecord.HEADER_BYTES, record.bytes, 0, length);
        final int stored = excerpt.getInt(at + JournalRecord.HEADER_BYTES + length);
        if (stored != JournalRecord.checksum(crc, header, sequence, receiveNanos, receiveEpochNanos, record.bytes, 0, length))
        {
            throw damaged("its checksum does not match its bytes", null);
        }
        excerptPosition = at + JournalRecord.HEADER_BYTES + length + JournalRecord.CHECKSUM_BYTES;
        record.sequence = sequence;
        record.receiveNanos = receiveNanos;
        record.receiveEpochNanos = receiveEpochNanos;
        record.length = length;
        records++;
        return true;
    }

    /** Copies the next complete excerpt (one or more records) into {@link #excerpt}; false if there is none yet. */
    private boolean readExcerpt() throws JournalDamagedException
    {
        try (DocumentContext document = tailer.readingDocument())
        {
            if (!document.isPresent())
            {
                return false;
            }
            final Bytes<?> bytes = document.wire().bytes();
            final long size = bytes.readRemaining();
            if (size < JournalRecord.HEADER_BYTES + JournalRecord.CHECKSUM_BYTES || size > Integer.MAX_VALUE - 8)
            {
                throw damaged("an excerpt of " + size + " bytes cannot hold a record", null);
            }
            if (excerpt.capacity() < size)
            {
                excerpt = ByteBuffer.allocate((int)Math.max(size, Math.min(Integer.MAX_VALUE - 8, 2L * excerpt.capacity())))
                    .order(ByteOrder.LITTLE_ENDIAN);
            }
            bytes.read(excerpt.array(), 0, (int)size);
            excerptPosition = 0;
            excerptLength = (int)size;
            return true;
        }
    }

    private JournalDamagedException damaged(final String problem, final Throwable cause)
    {
        File file = null;
        try
        {
            file = tailer.currentFile();
        }
        catch (final RuntimeException unknown)
        {
            // the folder is named instead
        }
        damage = new JournalDamagedException(file != null ? file.toPath() : directory, records, problem, cause);
        return damage;
    }

    /** The message read by the last {@link #next()} that returned true; refilled by the next one. */
    public JournalRecord record()
    {
        return record;
    }

    /** How many whole, verified messages have been read. */
    public long messagesRead()
    {
        return records;
    }

    @Override
    public void close()
    {
        try
        {
            tailer.close();
        }
        finally
        {
            queue.close();
        }
    }
}
