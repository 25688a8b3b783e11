package io.ringstreamer.cluster;

import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.StatusKind;
import io.ringstreamer.source.MessagePublisher;
import io.ringstreamer.source.OverflowPolicy;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The feed publisher over a real feed stream (an embedded driver, UDP multi-destination-cast on 127.0.0.1, one
 * subscriber in this process): frames carry each message exactly, with its inbound sequence and receive stamp,
 * whether written in place or offered in fragments; and back-pressure (a subscriber that stops reading) maps onto
 * the overflow policies: DROP_NEWEST drops, counts and reports the gap in its place, BLOCK waits and loses
 * nothing, SPILL keeps everything in order without waiting until its store is full and then waits, and a close
 * releases a blocked publish.
 */
@Timeout(60)
class FeedPublisherTest
{
    private static final class Frame
    {
        final int type;
        final int kind;
        final long sequence;
        final long receiveNanos;
        final byte[] body;

        Frame(final int type, final int kind, final long sequence, final long receiveNanos, final byte[] body)
        {
            this.type = type;
            this.kind = kind;
            this.sequence = sequence;
            this.receiveNanos = receiveNanos;
            this.body = body;
        }
    }

    @Test
    void shouldCarryEachMessageWithItsSequenceAndReceiveStamp(@TempDir final Path dir) throws Exception
    {
        try (EmbeddedAeron aeron = EmbeddedAeron.launch(dir.resolve("aeron"));
             Stream stream = new Stream(aeron))
        {
            final FeedPublisher publisher = new FeedPublisher(stream.publication, OverflowPolicy.BLOCK, 1 << 20, 0);
            final byte[] small = "{\"service\":\"CHART_EQUITY\"}".getBytes(StandardCharsets.US_ASCII);
            final byte[] large = new byte[3 * stream.publication.maxPayloadLength()]; // offered, in fragments
            for (int i = 0; i < large.length; i++)
            {
                large[i] = (byte)(i * 31);
            }
            assertEquals(0, publisher.publish(small, 0, small.length, 111));
            assertEquals(1, publisher.publish(large, 0, large.length, 222));
            assertEquals(2, publisher.publishStatus(StatusKind.CONNECTED, 7, "connected ✓"));
            assertEquals(3, publisher.publish(ByteBuffer.wrap(small, 1, 5)));

            final List<Frame> frames = stream.read(4);
            assertEquals(ClusterWire.DATA, frames.get(0).type);
            assertEquals(0, frames.get(0).sequence);
            assertEquals(111, frames.get(0).receiveNanos);
            assertArrayEquals(small, frames.get(0).body);
            assertEquals(1, frames.get(1).sequence);
            assertEquals(222, frames.get(1).receiveNanos);
            assertArrayEquals(large, frames.get(1).body);
            assertEquals(ClusterWire.STATUS, frames.get(2).type);
            assertEquals(StatusKind.CONNECTED.ordinal(), frames.get(2).kind);
            assertEquals("connected ✓", new String(frames.get(2).body, StandardCharsets.UTF_8));
            assertEquals(3, frames.get(3).sequence);
            assertArrayEquals(Arrays.copyOfRange(small, 1, 6), frames.get(3).body);
        }
    }

    @RepeatedTest(3)
    void shouldDropCountAndReportTheGapWhenBackPressuredUnderDropNewest(@TempDir final Path dir) throws Exception
    {
        try (EmbeddedAeron aeron = EmbeddedAeron.launch(dir.resolve("aeron"));
             Stream stream = new Stream(aeron))
        {
            final FeedPublisher publisher = new FeedPublisher(stream.publication, OverflowPolicy.DROP_NEWEST, 1 << 20, 0);
            final byte[] message = new byte[1000];
            long accepted = 0;
            while (publisher.publish(message, 0, message.length, 1) != MessagePublisher.DROPPED) // nobody reads
            {
                accepted++;
                assertTrue(accepted < 100_000, "the stream back-pressures once the receiver window is full");
            }
            assertEquals(MessagePublisher.DROPPED, publisher.publish(message, 0, message.length, 2));
            assertEquals(2, publisher.dropped());

            final List<Frame> before = stream.read((int)accepted);
            for (int i = 0; i < accepted; i++)
            {
                assertEquals(i, before.get(i).sequence);
            }
            assertEquals(accepted, publisher.publish(message, 0, message.length, 3), () -> "room again: accepted; limit " +
                stream.publication.positionLimit() + ", position " + stream.publication.position() + ", connected " +
                stream.publication.isConnected());
            final List<Frame> after = stream.read(2);
            assertEquals(ClusterWire.ERROR, after.get(0).type, "the gap is reported in its place");
            assertEquals(ErrorKind.MESSAGES_DROPPED.ordinal(), after.get(0).kind);
            assertEquals("2 messages dropped (inbound sequences " + accepted + " to " + (accepted + 1) +
                "): the feed stream was back-pressured", new String(after.get(0).body, StandardCharsets.UTF_8));
            assertEquals(ClusterWire.DATA, after.get(1).type);
            assertEquals(3, after.get(1).receiveNanos);
            assertEquals(accepted + 3, after.get(1).sequence, "sequences count the dropped messages and the report");
        }
    }

    @RepeatedTest(3)
    void shouldWaitAndLoseNothingUnderBlock(@TempDir final Path dir) throws Exception
    {
        try (EmbeddedAeron aeron = EmbeddedAeron.launch(dir.resolve("aeron"));
             Stream stream = new Stream(aeron))
        {
            final FeedPublisher publisher = new FeedPublisher(stream.publication, OverflowPolicy.BLOCK, 1 << 20, 0);
            final int count = 5_000; // 5 MB: many receiver windows
            final Thread writer = new Thread(() ->
            {
                final byte[] message = new byte[1000];
                for (int i = 0; i < count; i++)
                {
                    message[0] = (byte)i;
                    publisher.publish(message, 0, message.length, i);
                }
            });
            writer.start();
            final List<Frame> frames = stream.read(count);
            writer.join();
            for (int i = 0; i < count; i++)
            {
                assertEquals(i, frames.get(i).sequence);
                assertEquals(i, frames.get(i).receiveNanos);
                assertEquals((byte)i, frames.get(i).body[0]);
            }
            assertEquals(0, publisher.dropped());
        }
    }

    @RepeatedTest(3)
    void shouldKeepEveryMessageInOrderWithoutWaitingWhenBackPressuredUnderSpill(@TempDir final Path dir) throws Exception
    {
        try (EmbeddedAeron aeron = EmbeddedAeron.launch(dir.resolve("aeron"));
             Stream stream = new Stream(aeron))
        {
            final FeedPublisher publisher = new FeedPublisher(stream.publication, OverflowPolicy.SPILL, 1 << 20, 32 << 20);
            final int count = 5_000; // 5 MB, nobody reading: more than the receiver window, less than the spill
            final byte[] message = new byte[1000];
            long statusAt = -1;
            for (int i = 0; i < count; i++)
            {
                message[0] = (byte)i;
                final long expected = statusAt < 0 ? i : i + 1;
                assertEquals(expected, publisher.publish(message, 0, message.length, i), "accepted at once, never dropped");
                if (publisher.spilled() > 0 && statusAt < 0)
                {
                    assertTrue(publisher.isSpilling());
                    statusAt = publisher.publishStatus(StatusKind.CONNECTED, 1, "behind the spilled ones");
                    final byte[] control = new byte[ClusterWire.FEED_HEADER_LENGTH + 3];
                    final org.agrona.concurrent.UnsafeBuffer frame = new org.agrona.concurrent.UnsafeBuffer(control);
                    FeedPublisher.writeHeader(frame, 0, ClusterWire.SUBSCRIBE, 7, 0, -1, 0);
                    frame.putStringWithoutLengthAscii(ClusterWire.FEED_HEADER_LENGTH, "XYZ");
                    final AtomicLong queued = new AtomicLong();
                    final Thread other = new Thread(() -> queued.set(publisher.spillControl(control) ? 1 : 0));
                    other.start();
                    other.join();
                    assertEquals(1, queued.get(), "queued behind the spill");
                }
            }
            assertTrue(statusAt > 0, "the stream back-pressured and the publisher spilled");
            assertTrue(publisher.spilled() > count / 2, "most of the run waited in the spill: " + publisher.spilled());
            assertEquals(0, publisher.dropped());

            final Thread flusher = new Thread(publisher::flush); // the source's end: everything spilled goes out
            flusher.start();
            final List<Frame> frames = stream.read(count + 2);
            flusher.join();
            assertFalse(publisher.isSpilling());
            int data = 0;
            for (int at = 0; at < frames.size(); at++)
            {
                final Frame frame = frames.get(at);
                if (at == statusAt)
                {
                    assertEquals(ClusterWire.STATUS, frame.type, "the status in its place");
                    assertEquals(statusAt, frame.sequence);
                    continue;
                }
                if (at == statusAt + 1) // sent from another thread right after the status
                {
                    assertEquals(ClusterWire.SUBSCRIBE, frame.type, "the control frame behind what was spilled before it");
                    assertEquals("XYZ", new String(frame.body, StandardCharsets.US_ASCII));
                    continue;
                }
                assertEquals(ClusterWire.DATA, frame.type, "frame " + at);
                assertEquals(data, frame.receiveNanos);
                assertEquals((byte)data, frame.body[0]);
                assertEquals(data < statusAt ? data : data + 1, frame.sequence);
                data++;
            }
            assertEquals(count, data);
        }
    }

    @RepeatedTest(3)
    void shouldWaitForRoomAndLoseNothingWhenTheSpillIsFull(@TempDir final Path dir) throws Exception
    {
        try (EmbeddedAeron aeron = EmbeddedAeron.launch(dir.resolve("aeron"));
             Stream stream = new Stream(aeron))
        {
            // The smallest spill: one longest message (about 0.5 MB with 4 MiB terms).
            final FeedPublisher publisher = new FeedPublisher(stream.publication, OverflowPolicy.SPILL, 1 << 20, 0);
            final int count = 5_000; // 5 MB: more than the receiver window and the spill together
            final Thread writer = new Thread(() ->
            {
                final byte[] message = new byte[1000];
                for (int i = 0; i < count; i++)
                {
                    message[0] = (byte)i;
                    assertEquals(i, publisher.publish(message, 0, message.length, i));
                }
                publisher.flush();
            });
            writer.start();
            final IdleStrategy idle = new BackoffIdleStrategy(10, 20, 1_000, 1_000_000);
            while (writer.getState() != Thread.State.TIMED_WAITING && writer.isAlive())
            {
                idle.idle();
            }
            assertTrue(writer.isAlive(), "the writer waits: the spill is full");
            assertTrue(publisher.spilled() > 0);
            final List<Frame> frames = stream.read(count);
            writer.join();
            for (int i = 0; i < count; i++)
            {
                assertEquals(i, frames.get(i).sequence);
                assertEquals((byte)i, frames.get(i).body[0]);
            }
            assertEquals(0, publisher.dropped());
        }
    }

    @RepeatedTest(3)
    void shouldReleaseABlockedPublishOnClose(@TempDir final Path dir) throws Exception
    {
        try (EmbeddedAeron aeron = EmbeddedAeron.launch(dir.resolve("aeron"));
             Stream stream = new Stream(aeron))
        {
            final FeedPublisher publisher = new FeedPublisher(stream.publication, OverflowPolicy.BLOCK, 1 << 20, 0);
            final AtomicLong last = new AtomicLong();
            final Thread writer = new Thread(() ->
            {
                final byte[] message = new byte[1000];
                long result;
                do
                {
                    result = publisher.publish(message, 0, message.length);
                    last.set(result);
                }
                while (result >= 0);
            });
            writer.start();
            final IdleStrategy idle = new BackoffIdleStrategy(10, 20, 1_000, 1_000_000);
            final Publication publication = stream.publication;
            // Blocked: no room for another frame below the flow-control limit, and the writer is parked waiting.
            while (publication.positionLimit() - publication.position() >= 1100 ||
                writer.getState() != Thread.State.TIMED_WAITING)
            {
                idle.idle();
            }
            publisher.close();
            writer.join();
            assertEquals(MessagePublisher.CLOSED, last.get());
            assertTrue(publisher.isClosed());
            assertEquals(0, publisher.dropped());
            assertFalse(writer.isAlive());
        }
    }

    /** A feed stream on 127.0.0.1 with one connected subscriber in this process. */
    private static final class Stream implements AutoCloseable
    {
        final Publication publication;
        final Subscription subscription;
        final IdleStrategy idle = new BackoffIdleStrategy(10, 20, 1_000, 1_000_000);

        Stream(final EmbeddedAeron aeron) throws Exception
        {
            final String control = WorkerProcesses.HOST + ":" + WorkerProcesses.freeUdpPort();
            publication = aeron.aeron().addPublication(ClusterChannels.feedPublication(control), ClusterChannels.FEED_STREAM_ID);
            subscription = aeron.aeron().addSubscription(
                ClusterChannels.feedSubscription(control, WorkerProcesses.HOST), ClusterChannels.FEED_STREAM_ID);
            while (!publication.isConnected() || !subscription.isConnected())
            {
                idle.idle();
            }
        }

        List<Frame> read(final int count)
        {
            final List<Frame> frames = new ArrayList<>();
            final FragmentAssembler assembler = new FragmentAssembler((buffer, offset, length, header) ->
            {
                final byte[] body = new byte[length - ClusterWire.FEED_HEADER_LENGTH];
                buffer.getBytes(offset + ClusterWire.FEED_HEADER_LENGTH, body);
                frames.add(new Frame(buffer.getInt(offset + ClusterWire.TYPE_OFFSET), buffer.getInt(offset + ClusterWire.A_OFFSET),
                    buffer.getLong(offset + ClusterWire.SEQUENCE_OFFSET), buffer.getLong(offset + ClusterWire.RECEIVE_OFFSET), body));
            });
            while (frames.size() < count)
            {
                idle.idle(subscription.poll(assembler, count - frames.size()));
            }
            return frames;
        }

        @Override
        public void close()
        {
            org.agrona.CloseHelper.closeAll(subscription, publication);
        }
    }
}
