package io.ringstreamer.testkit;

import io.ringstreamer.source.FileStreamer;
import io.ringstreamer.source.MessagePublisher;
import io.ringstreamer.source.Streamer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Publishes a fixed list of raw messages, one per line, then ends the stream normally. The lines are
 * encoded to UTF-8 once, when the streamer is made; each run of {@link #stream} publishes them all again, until
 * {@link #requestStop} is called (after which it publishes nothing).
 *
 * <p>Threads: {@link #stream} runs on the pipeline's streamer thread; {@link #requestStop} may be called from
 * any thread and makes a running stream return before its next line.
 */
public final class LineStreamer implements Streamer
{
    private final byte[][] messages;
    private volatile boolean stopRequested;

    private LineStreamer(final List<String> lines)
    {
        messages = new byte[lines.size()][];
        for (int i = 0; i < messages.length; i++)
        {
            messages[i] = Objects.requireNonNull(lines.get(i), "lines[" + i + "]").getBytes(StandardCharsets.UTF_8);
        }
    }

    /** A streamer of these messages, in this order (each line one raw message, with no line break). */
    public static LineStreamer of(final String... lines)
    {
        return of(List.of(Objects.requireNonNull(lines, "lines")));
    }

    /** A streamer of these messages, in this order (each line one raw message, with no line break). */
    public static LineStreamer of(final List<String> lines)
    {
        return new LineStreamer(Objects.requireNonNull(lines, "lines"));
    }

    /**
     * A streamer of a JSON Lines file (one raw message per line) that ends the stream at the end of the file: core's
     * {@link FileStreamer}, so blank lines, CRLF line ends and damaged lines are handled as a production file's are.
     */
    public static Streamer fromFile(final Path file)
    {
        return new FileStreamer(Objects.requireNonNull(file, "file"), FileStreamer.AtEnd.END);
    }

    /** How many messages one run publishes. */
    public int size()
    {
        return messages.length;
    }

    @Override
    public void stream(final MessagePublisher publisher)
    {
        for (final byte[] message : messages)
        {
            if (stopRequested || publisher.publish(message, 0, message.length) == MessagePublisher.CLOSED)
            {
                return;
            }
        }
    }

    @Override
    public void requestStop()
    {
        stopRequested = true;
    }
}
