package io.ringstreamer.testing;

import io.ringstreamer.source.MessagePublisher;
import io.ringstreamer.source.Streamer;

import java.util.List;

/**
 * Publishes {@code total} messages by cycling through a fixed set, allocating nothing, then ends
 * (returns). With {@code total < 0} it runs until the pipeline closes. Each bar's start time moves one
 * cycle later every time its message is sent again ({@link CycledBarTimes}), so bars are never
 * repeated. It works on its own copies of the messages.
 */
public final class CyclingStreamer implements Streamer
{
    private final byte[][] messages;
    private final CycledBarTimes times;
    private final long total;
    private volatile long published;

    public CyclingStreamer(final List<byte[]> messages, final long total)
    {
        final List<byte[]> copies = CycledBarTimes.copies(messages);
        this.messages = copies.toArray(new byte[0][]);
        this.times = new CycledBarTimes(copies);
        this.total = total;
    }

    @Override
    public void stream(final MessagePublisher publisher)
    {
        final byte[][] messages = this.messages;
        for (long i = 0; total < 0 || i < total; i++)
        {
            final int index = (int)(i % messages.length);
            final byte[] message = messages[index];
            if (publisher.publish(message, 0, message.length) == MessagePublisher.CLOSED)
            {
                return;
            }
            times.advance(index);
            published = i + 1;
        }
    }

    /** How many messages have been published so far; any thread. */
    public long published()
    {
        return published;
    }
}
