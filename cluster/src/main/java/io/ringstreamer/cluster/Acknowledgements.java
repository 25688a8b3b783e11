package io.ringstreamer.cluster;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * What the administrator has delivered, as a file a restarted worker reads: for each symbol id, how many of its
 * results (ordinals 0 to n - 1) have reached the listener, and for each worker, how many of its results about no
 * symbol. A restarted worker replays the feed stream from its start to rebuild its state, and does not send the
 * results the file says were delivered ({@link ResultForwarder}); the administrator's ordinal check stays as the
 * safety net for what was delivered after the file was last written.
 *
 * <p>The file is replaced whole (written beside it, then moved over it atomically), so a reader sees one complete
 * version. Little-endian: int magic, int symbol count n, n longs, int worker count w, w longs.
 *
 * <p>Threads: {@link #write} by the administrator's thread only (it reuses one buffer); {@link #read} from any thread.
 */
final class Acknowledgements
{
    private static final int MAGIC = 0x52534131; // "RSA1"

    private final Path file;
    private final Path next;
    private ByteBuffer buffer = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);

    Acknowledgements(final Path file)
    {
        this.file = file;
        this.next = file.resolveSibling(file.getFileName() + ".next");
    }

    /** Writes {@code symbolCount} symbols' delivered counts and every worker's; replaces the file whole. */
    void write(final long[] symbolDelivered, final int symbolCount, final long[] streamDelivered) throws IOException
    {
        final int length = 12 + 8 * (symbolCount + streamDelivered.length);
        if (buffer.capacity() < length)
        {
            buffer = ByteBuffer.allocate(Math.max(length, buffer.capacity() * 2)).order(ByteOrder.LITTLE_ENDIAN);
        }
        buffer.clear();
        buffer.putInt(MAGIC).putInt(symbolCount);
        for (int i = 0; i < symbolCount; i++)
        {
            buffer.putLong(symbolDelivered[i]);
        }
        buffer.putInt(streamDelivered.length);
        for (final long delivered : streamDelivered)
        {
            buffer.putLong(delivered);
        }
        buffer.flip();
        try (FileChannel channel = FileChannel.open(next, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING))
        {
            while (buffer.hasRemaining())
            {
                channel.write(buffer);
            }
        }
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The last version written to {@code file}, or null if there is none yet. */
    static Delivered read(final Path file) throws IOException
    {
        final ByteBuffer in;
        try
        {
            in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        }
        catch (final NoSuchFileException ex)
        {
            return null;
        }
        if (in.remaining() < 12 || in.getInt() != MAGIC)
        {
            throw new IOException("not an acknowledgements file: " + file);
        }
        final long[] symbols = new long[in.getInt()];
        for (int i = 0; i < symbols.length; i++)
        {
            symbols[i] = in.getLong();
        }
        final long[] workers = new long[in.getInt()];
        for (int i = 0; i < workers.length; i++)
        {
            workers[i] = in.getLong();
        }
        return new Delivered(symbols, workers);
    }

    /** One version of the file, as read. */
    static final class Delivered
    {
        private final long[] symbols;
        private final long[] workers;

        private Delivered(final long[] symbols, final long[] workers)
        {
            this.symbols = symbols;
            this.workers = workers;
        }

        /** How many results of symbol {@code id} were delivered (0 if the file does not know the symbol). */
        long symbol(final int id)
        {
            return id < symbols.length ? symbols[id] : 0;
        }

        /** How many results about no symbol worker {@code worker} had delivered. */
        long worker(final int worker)
        {
            return worker < workers.length ? workers[worker] : 0;
        }
    }
}
