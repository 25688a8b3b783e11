package io.ringstreamer.cluster;

import io.ringstreamer.source.MessagePublisher;
import io.ringstreamer.source.Streamer;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntConsumer;

/**
 * Publishes a list of messages in order; before message {@code gateAt} it runs {@code atGate} with that index
 * (on the streamer thread, so whatever it does takes a definite place in the stream), then waits for
 * {@link #open()}.
 */
final class GatedStreamer implements Streamer
{
    private final List<byte[]> messages;
    private final int gateAt;
    private final IntConsumer atGate;
    private final CountDownLatch gate = new CountDownLatch(1);
    private final CountDownLatch reached = new CountDownLatch(1);

    GatedStreamer(final List<byte[]> messages, final int gateAt, final IntConsumer atGate)
    {
        this.messages = messages;
        this.gateAt = gateAt;
        this.atGate = atGate;
    }

    @Override
    public void stream(final MessagePublisher publisher) throws InterruptedException
    {
        for (int i = 0; i < messages.size(); i++)
        {
            if (i == gateAt)
            {
                atGate.accept(i);
                reached.countDown();
                gate.await();
            }
            final byte[] message = messages.get(i);
            if (publisher.publish(message, 0, message.length) == MessagePublisher.CLOSED)
            {
                return;
            }
        }
    }

    /** Whether the streamer has reached the gate within {@code seconds}. */
    boolean awaitGate(final long seconds) throws InterruptedException
    {
        return reached.await(seconds, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Lets the streamer go on past the gate. */
    void open()
    {
        gate.countDown();
    }
}
