package io.ringstreamer.source;

import java.util.List;

/**
 * The seed's fake API: publishes a fixed list of messages in order, then fails, as the original did,
 * with {@code ConnectionError("No more data available from API.")}.
 *
 * <p>For core's tests (not part of the API: the test kit's {@code LineStreamer} is the public one). The messages are
 * copied once at construction.
 */
public final class FakeApiStreamer implements Streamer
{
    private final byte[][] messages;

    public FakeApiStreamer(final List<byte[]> messages)
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
