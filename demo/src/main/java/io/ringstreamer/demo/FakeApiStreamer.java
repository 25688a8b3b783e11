package io.ringstreamer.demo;

import io.ringstreamer.source.ConnectionLostException;
import io.ringstreamer.source.MessagePublisher;
import io.ringstreamer.source.Streamer;

import java.util.List;

/**
 * The seed's fake API: publishes a fixed list of messages in order, then fails, as the original did,
 * with {@code ConnectionError("No more data available from API.")}.
 *
 * <p>The demo's default source. The messages are copied once at construction.
 */
final class FakeApiStreamer implements Streamer
{
    private final byte[][] messages;

    FakeApiStreamer(final List<byte[]> messages)
    {
        this.messages = new byte[messages.size()][];
        for (int i = 0; i < this.messages.length; i++)
        {
            this.messages[i] = messages.get(i).clone();
        }
    }

    @Override
    public void stream(final MessagePublisher publisher) throws ConnectionLostException
    {
        for (final byte[] message : messages)
        {
            if (publisher.publish(message, 0, message.length) == MessagePublisher.CLOSED)
            {
                return;
            }
        }
        throw new ConnectionLostException(ConnectionLostException.NO_MORE_DATA);
    }
}
