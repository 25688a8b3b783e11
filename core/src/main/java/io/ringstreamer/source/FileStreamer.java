package io.ringstreamer.source;

import io.ringstreamer.result.ErrorKind;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Plays a JSON Lines file (one raw message per line) into the pipeline, as fast as the ring takes it.
 *
 * <p>Reads through one reusable buffer and publishes each line straight from it: nothing is allocated
 * per message. A trailing {@code \r} is dropped (CRLF files play as they are), blank lines are skipped
 * (they are line breaks, not messages), and a UTF-8 byte-order mark at the start of the file is
 * skipped. The last line needs no final newline.
 *
 * <p>A damaged line is reported and skipped, and every later line is played: a line longer than
 * {@link #MAX_LINE_BYTES} as a {@code MessageTooLarge} error, a line with a carriage return that is not
 * followed by a line feed (a file with CR-only line endings is one such line) as a
 * {@code MalformedMessage} error; each error says the line number, the file and the line's byte offset.
 * Neither is buffered whole. Such a line never enters the inbound ring, so it is counted among the
 * errors by kind, not as {@code received}. (A line longer than the pipeline's {@code maxMessageBytes}
 * but within {@link #MAX_LINE_BYTES} is published and rejected by the pipeline as {@code MessageTooLarge}.)
 *
 * <p>At the end of the file the stream either ends ({@link AtEnd#END}) or, like the seed's fake API,
 * fails with {@code ConnectionError("No more data available from API.")} ({@link AtEnd#CONNECTION_ERROR}).
 *
 * <p>Threads: {@link #stream} runs on the streamer thread; an instance plays one stream at a time.
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

    /** The longest line played (64 MiB); a longer one is reported and skipped. */
    public static final int MAX_LINE_BYTES = 64 * 1024 * 1024;

    private static final int INITIAL_BUFFER = 64 * 1024;

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
            if (!new LineReader(channel, publisher, path).streamLines())
            {
                return;
            }
        }
        if (atEnd == AtEnd.CONNECTION_ERROR)
        {
            throw new ConnectionLostException(ConnectionLostException.NO_MORE_DATA);
        }
    }

    /** One pass over one file: the buffer, the line being read, and whether it is being skipped. */
    private static final class LineReader
    {
        private static final int NONE = 0;
        private static final int TOO_LONG = 1;
        private static final int BARE_CR = 2;

        private final FileChannel channel;
        private final MessagePublisher publisher;
        private final Path path;
        private final StringBuilder errorText = new StringBuilder(256);
        private byte[] buffer = new byte[INITIAL_BUFFER];
        private ByteBuffer readBuffer = ByteBuffer.wrap(buffer);
        /** The file offset of {@code buffer[0]}. */
        private long bufferOffset;
        /** The current line: its number (from 1) and its first byte's file offset. */
        private long lineNumber = 1;
        private long lineOffset;
        /** Why the current line is being skipped ({@link #NONE} if it is not), and where its bare CR was. */
        private int skipping = NONE;
        private long crOffset;

        LineReader(final FileChannel channel, final MessagePublisher publisher, final Path path)
        {
            this.channel = channel;
            this.publisher = publisher;
            this.path = path;
        }

        /** @return {@code false} if the pipeline closed before the end of the file. */
        boolean streamLines() throws IOException
        {
            int start = 0;
            int scan = 0;
            int limit = fill(0);
            if (limit >= 3 && buffer[0] == (byte)0xEF && buffer[1] == (byte)0xBB && buffer[2] == (byte)0xBF)
            {
                start = scan = 3; // a UTF-8 byte-order mark
                lineOffset = 3;
            }
            while (true)
            {
                final byte[] buffer = this.buffer;
                while (scan < limit)
                {
                    final byte b = buffer[scan];
                    if (b == '\n')
                    {
                        if (!endLine(start, scan))
                        {
                            return false;
                        }
                        start = scan + 1;
                        lineNumber++;
                        lineOffset = bufferOffset + start;
                    }
                    else if (skipping == NONE && scan > start && buffer[scan - 1] == '\r')
                    {
                        skipping = BARE_CR;
                        crOffset = bufferOffset + scan - 1;
                    }
                    scan++;
                }
                if (skipping != NONE)
                {
                    start = scan; // nothing of a skipped line is kept
                }
                if (start > 0)
                {
                    System.arraycopy(buffer, start, buffer, 0, limit - start);
                    bufferOffset += start;
                    limit -= start;
                    scan -= start;
                    start = 0;
                }
                if (limit == buffer.length)
                {
                    if (buffer.length >= MAX_LINE_BYTES)
                    {
                        skipping = TOO_LONG;
                        bufferOffset += limit;
                        limit = 0;
                        scan = 0;
                    }
                    else
                    {
                        grow(limit);
                    }
                }
                final int read = fill(limit);
                if (read == limit)
                {
                    return (limit <= start && skipping == NONE) || endLine(start, limit);
                }
                limit = read;
            }
        }

        /** Reads what fits after {@code limit}; @return the new limit ({@code limit} itself at the end of the file). */
        private int fill(final int limit) throws IOException
        {
            readBuffer.limit(buffer.length).position(limit);
            final int read = channel.read(readBuffer);
            return read < 0 ? limit : limit + read;
        }

        private void grow(final int limit)
        {
            final byte[] larger = new byte[Math.min(buffer.length * 2, MAX_LINE_BYTES)];
            System.arraycopy(buffer, 0, larger, 0, limit);
            buffer = larger;
            readBuffer = ByteBuffer.wrap(larger);
        }

        /** The line {@code buffer[start, end)} ended: publishes it, or reports it if it was skipped. */
        private boolean endLine(final int start, final int end)
        {
            if (skipping != NONE)
            {
                final long length = bufferOffset + end - lineOffset;
                final StringBuilder text = errorText;
                text.setLength(0);
                text.append("line ").append(lineNumber).append(" of ").append(path)
                    .append(" (byte ").append(lineOffset).append("): ");
                final ErrorKind kind;
                if (skipping == TOO_LONG)
                {
                    kind = ErrorKind.MESSAGE_TOO_LARGE;
                    text.append(length).append(" bytes, more than the limit of ").append(MAX_LINE_BYTES)
                        .append("; line skipped");
                }
                else
                {
                    kind = ErrorKind.MALFORMED_MESSAGE;
                    text.append("carriage return without a line feed at byte ").append(crOffset)
                        .append(" (CR-only line endings are not supported: use LF or CRLF); line skipped");
                }
                skipping = NONE;
                return publisher.publishError(kind, 0, text) != MessagePublisher.CLOSED;
            }
            return publishLine(publisher, buffer, start, end);
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
