package io.ringstreamer.journal;

import io.ringstreamer.source.InboundJournal;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * A journal of every raw inbound message in a Chronicle Queue on disk: attach it with
 * {@code Pipeline.Builder.journal(new ChronicleJournal(dir))}. Each message is one record (layout in
 * {@link JournalRecord}): its inbound sequence, its receive time ({@code System.nanoTime()} and wall
 * clock), its bytes, exactly as received, and a CRC32C of all of it, which every read verifies. The records
 * appended between two {@link #flush}es (a batch of the ring) form one excerpt, closed early once it holds
 * {@value #MAX_EXCERPT_BYTES} bytes: one excerpt per message cost about twice as much per message. Files roll
 * once a day (UTC) by default. A folder that holds a symbolic link is refused.
 *
 * <p>Chronicle Queue appends into memory-mapped files: an append is a copy into the page cache,
 * no system call. A message is visible to readers once its excerpt is complete (flushed), and an excerpt is
 * complete or absent: after the process is killed (even {@code kill -9}) the journal reads up to the
 * last complete excerpt, because the pages belong to the operating system. On the first shard's thread the
 * pipeline flushes before it delivers a result of any message appended, so with one shard, or with
 * {@code DecodeMode.ONCE}, what was delivered was recorded (not with the journal on its own thread, nor with
 * several shards each decoding for itself: see {@code docs/journal.md}).
 * It does not {@code fsync}: a power cut can lose what the OS had not yet written back.
 *
 * <p>Threads: the constructor opens the queue on the caller's thread; {@link #onStart}, {@link #append},
 * {@link #wantsFlush}, {@link #flush} and {@link #onEndOfStream} run on the thread that records the journal (by
 * default the first shard's, {@code <name>-shard-0}; {@code <name>-journal} with {@code JournalThread.OWN});
 * {@link #close} on the owner's, after the pipeline has terminated. The counters can be read from any thread. An append allocates nothing
 * after warm-up (measured: {@code ChronicleJournalAllocationTest}).
 *
 * <p>Needs JVM flags on Java 17 and later; see {@code docs/journal.md}.
 */
public final class ChronicleJournal implements InboundJournal
{
    /** An excerpt is closed once it holds this many bytes, without waiting for the flush. */
    public static final int MAX_EXCERPT_BYTES = 64 << 10;
    private static final long EPOCH_OFFSET_NANOS = 1_000_000;
    private static final int EPOCH_OFFSET_APPENDS = 4096;

    private final Path directory;
    private final SingleChronicleQueue queue;
    private final TimeProvider clock;
    private ExcerptAppender appender;
    private DocumentContext document;
    private long documentStart;
    private long pendingMessages; // in the open excerpt, which holds their records from documentStart on
    // Written by the journal thread alone (a plain read, a release write), read by any thread.
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong bytesWritten = new AtomicLong();
    private volatile boolean closed;
    // The journal thread's, for each record's checksum.
    private final CRC32C crc = new CRC32C();
    private final ByteBuffer header = JournalRecord.headerBuffer();
    // The journal thread's: the wall clock less System.nanoTime(), and the nanoTime it was read at.
    private long epochOffset;
    private long epochOffsetAt;
    private int appendsUntilClock; // the clock is read when this falls below 0: first at the first append

    /** A journal in {@code directory} (created if missing), rolling daily. */
    public ChronicleJournal(final Path directory)
    {
        this(directory, RollCycles.FAST_DAILY, SystemTimeProvider.INSTANCE);
    }

    /**
     * A journal in {@code directory} (created if missing).
     *
     * @param rollCycle when a new file starts, for example {@link RollCycles#FAST_DAILY} (the default) or
     *                  {@link RollCycles#FAST_HOURLY}.
     * @param clock     the wall clock that stamps each message, also the one that decides the roll.
     */
    public ChronicleJournal(final Path directory, final RollCycle rollCycle, final TimeProvider clock)
    {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.clock = Objects.requireNonNull(clock, "clock");
        try
        {
            Files.createDirectories(directory);
            refuseSymbolicLinks(directory);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot journal into " + directory + ": " + ex.getMessage(), ex);
        }
        this.queue = SingleChronicleQueueBuilder.single(directory.toFile())
            .rollCycle(Objects.requireNonNull(rollCycle, "rollCycle"))
            .timeProvider(clock)
            .build();
    }

    @Override
    public void onStart()
    {
        appender = queue.createAppender();
    }

    /**
     * Appends one record to the open excerpt (opening one if none is). The wall-clock receive time is
     * {@code receiveNanos} plus the difference between the clock and {@link System#nanoTime()}, read at most
     * once a millisecond or every 4,096 messages (reading the wall clock cost more than the rest of the record):
     * the journal thread runs a little after the streamer, and this takes the lag out. A record that fails
     * half-written is taken back; the excerpt keeps the records before it.
     */
    @Override
    public void append(final byte[] buffer, final int offset, final int length, final long sequence,
        final long receiveNanos)
    {
        final long epochNanos = receiveNanos + epochOffset(receiveNanos);
        if (document == null)
        {
            document = appender.writingDocument();
            documentStart = document.wire().bytes().writePosition();
        }
        final Bytes<?> bytes = document.wire().bytes();
        final long start = bytes.writePosition();
        try
        {
            bytes.writeLong(sequence);
            bytes.writeLong(receiveNanos);
            bytes.writeLong(epochNanos);
            bytes.writeInt(length);
            bytes.write(buffer, offset, length);
            bytes.writeInt(JournalRecord.checksum(crc, header, sequence, receiveNanos, epochNanos, buffer, offset, length));
        }
        catch (final RuntimeException | Error ex)
        {
            bytes.writePosition(start);
            throw ex;
        }
        pendingMessages++;
    }

    /** Whether the open excerpt holds {@value #MAX_EXCERPT_BYTES} bytes or more: the pipeline then flushes at once. */
    @Override
    public boolean wantsFlush()
    {
        final DocumentContext document = this.document;
        return document != null && document.wire().bytes().writePosition() - documentStart >= MAX_EXCERPT_BYTES;
    }

    /**
     * The clock's time less {@link System#nanoTime()}, read again when {@code receiveNanos} is a millisecond or
     * more past the last reading, and after every {@value #EPOCH_OFFSET_APPENDS} appends whatever the receive times
     * (a spilled backlog's are older than the reading): the two clocks drift apart by parts per million, so the
     * stamp stays within a microsecond of reading the clock each time, and a step of the clock shows within a
     * millisecond or that many messages.
     */
    private long epochOffset(final long receiveNanos)
    {
        if (--appendsUntilClock < 0 || receiveNanos - epochOffsetAt >= EPOCH_OFFSET_NANOS)
        {
            final long now = System.nanoTime();
            epochOffset = clock.currentTimeNanos() - now;
            epochOffsetAt = now;
            appendsUntilClock = EPOCH_OFFSET_APPENDS;
        }
        return epochOffset;
    }

    /** Closes the open excerpt: what was appended is complete and readable. */
    @Override
    public void flush()
    {
        final DocumentContext document = this.document;
        if (document != null)
        {
            this.document = null;
            final long completedBytes = document.wire().bytes().writePosition() - documentStart; // its records
            if (completedBytes == 0)
            {
                document.rollbackOnClose(); // every record in it failed: no empty excerpt
            }
            final long completed = pendingMessages;
            pendingMessages = 0;
            document.close();
            messages.setRelease(messages.getPlain() + completed);
            bytesWritten.setRelease(bytesWritten.getPlain() + completedBytes);
        }
    }

    /** Ends the appender; what was appended stays readable. */
    @Override
    public void onEndOfStream()
    {
        flush();
        if (appender != null)
        {
            appender.close();
            appender = null;
        }
    }

    /** Closes the queue and its files. Idempotent; call after the pipeline has terminated. */
    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            queue.close();
        }
    }

    /** Where the journal is. */
    public Path directory()
    {
        return directory;
    }

    /** Messages recorded so far: appended and complete (flushed). Any thread. */
    public long messages()
    {
        return messages.getAcquire();
    }

    /**
     * Bytes recorded so far (complete): the messages and each one's {@value JournalRecord#HEADER_BYTES}-byte header and
     * {@value JournalRecord#CHECKSUM_BYTES}-byte checksum, without Chronicle's own headers and indexes. Any thread.
     */
    public long bytesWritten()
    {
        return bytesWritten.getAcquire();
    }

    /**
     * The journal's data files ({@code *.cq4}), oldest first. Chronicle preallocates each file sparsely,
     * so a file's apparent size is larger than what it holds on disk. Allocates; not for the hot path.
     */
    public List<Path> files()
    {
        return dataFiles(directory);
    }

    /**
     * Refuses a journal folder that holds a symbolic link: Chronicle would read or write through it, to
     * a file outside the folder.
     */
    static void refuseSymbolicLinks(final Path directory) throws IOException
    {
        try (Stream<Path> entries = Files.list(directory))
        {
            final Path link = entries.filter(Files::isSymbolicLink).findFirst().orElse(null);
            if (link != null)
            {
                throw new IOException("the journal folder " + directory + " holds a symbolic link, " +
                    link.getFileName() + ": refused");
            }
        }
    }

    static List<Path> dataFiles(final Path directory)
    {
        try (Stream<Path> files = Files.list(directory))
        {
            return files.filter(f -> f.getFileName().toString().endsWith(".cq4")).sorted().toList();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** Where, how many messages and bytes, and which files: the demo's summary line. Allocates. */
    @Override
    public String toString()
    {
        final List<Path> files = files();
        return "journal " + directory + ": " + messages() + " messages, " + bytesWritten() + " bytes in " +
            files.size() + " file(s) " + files.stream().map(f -> f.getFileName().toString()).toList();
    }
}
