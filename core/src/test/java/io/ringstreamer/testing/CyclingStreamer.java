package io.ringstreamer.testing;

import io.ringstreamer.source.MessagePublisher;
import io.ringstreamer.source.Streamer;

import java.util.List;

/**
 * Publishes {@code total} messages by cycling through a fixed set, allocating nothing, then ends
 * (returns). With {@code total < 0} it runs until the pipeline closes.
 */
public final class CyclingStreamer implements Streamer
{
    private final byte[][] messages;
    private final long total;
    private volatile long published;

    public CyclingStreamer(final List<byte[]> messages, final long total)
    {
        this.messages = messages.toArray(new byte[0][]);
        this.total = total;
    }

    @Override
    public void stream(final MessagePublisher publisher)
    {
        final byte[][] messages = this.messages;
        for (long i = 0; total < 0 || i < total; i++)
        {
            final byte[] message = messages[(int)(i % messages.length)];
            if (publisher.publish(message, 0, message.length) == MessagePublisher.CLOSED)
            {
                return;
            }
            published = i + 1;
        }
    }

    /** How many messages have been published so far; any thread. */
    public long published()
    {
        return published;
    }
}
