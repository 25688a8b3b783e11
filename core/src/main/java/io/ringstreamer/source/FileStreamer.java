package io.ringstreamer.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Plays a JSON Lines file (one raw message per line) into the pipeline, as fast as the ring takes it.
 *
 * <p>Reads through one reusable buffer and publishes each line straight from it: nothing is allocated
 * per message. A trailing {@code \r} is dropped and blank lines are skipped (they are line breaks, not
 * messages). The last line needs no final newline.
 *
 * <p>At the end of the file the stream either ends ({@link AtEnd#END}) or, like the seed's fake API,
 * fails with {@code ConnectionError("No more data available from API.")} ({@link AtEnd#CONNECTION_ERROR}).
 *
 * @see <a href="https://github.com/ring-streamer/ring-streamer/blob/main/docs/formats/canonical.md">The canonical format</a>
 */
public final class FileStreamer implements Streamer
{
    /** What happens when the file is exhausted. */
    public enum AtEnd
    {
        /** The stream ends normally. */
        END,
        /** The stream fails with {@link ConnectionLostException#NO_MORE_DATA}, as the seed's fake API did. */
        CONNECTION_ERROR
    }

    private static final int INITIAL_BUFFER = 64 * 1024;
    private static final int MAX_LINE = 64 * 1024 * 1024;

    private final Path path;
    private final AtEnd atEnd;

    public FileStreamer(final Path path, final AtEnd atEnd)
    {
        this.path = path;
        this.atEnd = atEnd;
    }

    @Override
    public void stream(final MessagePublisher publisher) throws IOException
    {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ))
        {
            if (!streamLines(channel, publisher))
            {
                return;
            }
        }
        if (atEnd == AtEnd.CONNECTION_ERROR)
        {
            throw new ConnectionLostException(ConnectionLostException.NO_MORE_DATA);
        }
    }

    /** @return {@code false} if the pipeline closed before the end of the file. */
    private static boolean streamLines(final FileChannel channel, final MessagePublisher publisher)
        throws IOException
    {
        byte[] buffer = new byte[INITIAL_BUFFER];
        ByteBuffer readBuffer = ByteBuffer.wrap(buffer);
        int start = 0;
        int scan = 0;
        int limit = 0;
        while (true)
        {
            while (scan < limit)
            {
                if (buffer[scan] == '\n')
                {
                    if (!publishLine(publisher, buffer, start, scan))
                    {
                        return false;
                    }
                    start = scan + 1;
                }
                scan++;
            }
            if (start > 0)
            {
                System.arraycopy(buffer, start, buffer, 0, limit - start);
                limit -= start;
                scan -= start;
                start = 0;
            }
            if (limit == buffer.length)
            {
                if (buffer.length >= MAX_LINE)
                {
                    throw new IOException("line longer than " + MAX_LINE + " bytes");
                }
                final byte[] larger = new byte[buffer.length * 2];
                System.arraycopy(buffer, 0, larger, 0, limit);
                buffer = larger;
                readBuffer = ByteBuffer.wrap(buffer);
            }
            readBuffer.limit(buffer.length).position(limit);
            final int read = channel.read(readBuffer);
            if (read < 0)
            {
                return limit <= start || publishLine(publisher, buffer, start, limit);
            }
            limit += read;
        }
    }

    private static boolean publishLine(
        final MessagePublisher publisher, final byte[] buffer, final int start, final int end)
    {
        int last = end;
        if (last > start && buffer[last - 1] == '\r')
        {
            last--;
        }
        for (int i = start; i < last; i++)
        {
            final byte b = buffer[i];
            if (b != ' ' && b != '\t')
            {
                return publisher.publish(buffer, start, last - start) != MessagePublisher.CLOSED;
            }
        }
        return true;
    }
}
