package io.ringstreamer.cluster;

import io.aeron.Aeron;
import io.aeron.CommonContext;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Image;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.FrameDescriptor;
import io.aeron.logbuffer.Header;
import org.agrona.BitUtil;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The feed node's bounded replay store, so that a worker restarted after a {@code kill -9} catches up.
 *
 * <p>A spy subscription ({@code aeron-spy:}) reads the feed publication in the feed's own media driver and keeps
 * every message (data and control frames alike) in memory with the feed stream position where it starts, up to
 * {@code capacity} bytes. A spy holds the publication back as a receiver does, so it records every frame. A worker
 * that joins the feed stream after its start (its image's join position {@code J > 0}) sends a request with
 * {@code J} and the channel it listens on; the recorder replays, on that channel, every recorded message that starts
 * before {@code J} (the assignment, the data, the run-time subscription changes, in their order), then
 * {@code REPLAY_END}. The worker then reads the live stream from {@code J}: together, the whole stream, once. (A
 * message fragmented across {@code J} comes whole in the replay; its fragments after {@code J} in the live stream
 * have no beginning there, and the worker's fragment assembler drops them.) Its
 * pipeline rebuilds the same state and the same results (with the same ordinals), and the administrator drops
 * those it has already delivered.
 *
 * <p>Once {@code capacity} is reached recording stops, and a later catch-up is refused ({@code REPLAY_END} with an
 * error): the worker fails rather than deliver a stream with a hole. Aeron Archive would record to disk instead,
 * without that bound.
 *
 * <p>Threads: one, its own ({@code ring-streamer-feed-recorder}), does everything; {@link #close} from any thread.
 */
final class FeedRecorder implements AutoCloseable
{
    private static final long ENTRY_HEADER = 12; // long start position, int length

    private final Aeron aeron;
    private final Subscription spy;
    private final Subscription requests;
    private final long capacity;
    private final Thread thread;
    private final ExpandableArrayBuffer log = new ExpandableArrayBuffer(1 << 20);
    private final FragmentAssembler recordAssembler = new FragmentAssembler(this::record);
    private final FragmentHandler recordFragment = this::onSpyFragment;
    /** Where the message being assembled starts, or {@code Long.MAX_VALUE} between messages. */
    private long messageStart = Long.MAX_VALUE;
    private final List<Replay> replays = new ArrayList<>();
    private final UnsafeBuffer end = new UnsafeBuffer(new byte[ClusterWire.FEED_HEADER_LENGTH + 256]);
    private volatile boolean running = true;
    private volatile long recordedBytes;
    private int logLength;
    private boolean full;

    /**
     * @param publicationChannel the feed publication's channel (the spy subscribes to the same).
     * @param requestEndpoint    {@code host:port} where the recorder takes catch-up requests.
     * @param capacity           bytes of messages kept at most.
     */
    FeedRecorder(final Aeron aeron, final String publicationChannel, final String requestEndpoint, final long capacity)
    {
        this.aeron = aeron;
        this.capacity = Math.min(capacity, Integer.MAX_VALUE - 64);
        this.spy = aeron.addSubscription(CommonContext.SPY_PREFIX + publicationChannel, ClusterChannels.FEED_STREAM_ID);
        this.requests = aeron.addSubscription(ClusterChannels.replayRequests(requestEndpoint), ClusterChannels.REPLAY_REQUEST_STREAM_ID);
        this.thread = new Thread(this::run, "ring-streamer-feed-recorder");
    }

    FeedRecorder start()
    {
        thread.start();
        return this;
    }

    /** Whether the spy has joined the publication (before the feed sends its first frame); from any thread. */
    boolean isConnected()
    {
        return spy.isConnected();
    }

    /** Bytes of messages recorded so far; from any thread. */
    long recordedBytes()
    {
        return recordedBytes;
    }

    @Override
    public void close()
    {
        running = false;
        boolean interrupted = false;
        while (thread.isAlive())
        {
            try
            {
                thread.join();
            }
            catch (final InterruptedException ex)
            {
                interrupted = true;
            }
        }
        for (final Replay replay : replays)
        {
            CloseHelper.quietClose(replay.publication);
        }
        replays.clear();
        CloseHelper.closeAll(requests, spy);
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void run()
    {
        final IdleStrategy idle = new BackoffIdleStrategy(10, 20, 1_000, 1_000_000);
        while (running)
        {
            int work = spy.poll(recordFragment, 256);
            work += requests.poll(this::request, 4);
            for (int i = replays.size() - 1; i >= 0; i--)
            {
                work += replays.get(i).send();
            }
            idle.idle(work);
        }
    }

    /** Notes where each message starts (its first fragment's frame), then lets the assembler put it together. */
    private void onSpyFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        if ((header.flags() & FrameDescriptor.BEGIN_FRAG_FLAG) != 0)
        {
            messageStart = header.position() - BitUtil.align(header.frameLength(), FrameDescriptor.FRAME_ALIGNMENT);
        }
        recordAssembler.onFragment(buffer, offset, length, header);
        if ((header.flags() & FrameDescriptor.END_FRAG_FLAG) != 0)
        {
            messageStart = Long.MAX_VALUE;
        }
    }

    private void record(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        if (full)
        {
            return;
        }
        if (logLength + ENTRY_HEADER + length > capacity)
        {
            full = true;
            return;
        }
        log.putLong(logLength, messageStart);
        log.putInt(logLength + 8, length);
        log.putBytes(logLength + (int)ENTRY_HEADER, buffer, offset, length);
        logLength += (int)ENTRY_HEADER + length;
        recordedBytes = logLength;
    }

    private void request(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        if (length < ClusterWire.REQ_CHANNEL_OFFSET || buffer.getInt(offset) != ClusterWire.REPLAY_REQUEST)
        {
            return;
        }
        final int worker = buffer.getInt(offset + ClusterWire.REQ_WORKER_OFFSET);
        final long toPosition = buffer.getLong(offset + ClusterWire.REQ_TO_POSITION_OFFSET);
        final String channel = buffer.getStringWithoutLengthAscii(
            offset + ClusterWire.REQ_CHANNEL_OFFSET, length - ClusterWire.REQ_CHANNEL_OFFSET);
        replays.add(new Replay(worker, aeron.addExclusivePublication(channel, ClusterChannels.REPLAY_STREAM_ID), toPosition));
    }

    /** The spy image's position: everything before it has been recorded (or refused, when full). */
    private long spyPosition()
    {
        final Image image = spy.imageCount() > 0 ? spy.imageAtIndex(0) : null;
        return image == null ? 0 : image.position();
    }

    /** One catch-up in progress, on the recorder's thread. */
    private final class Replay
    {
        private final int worker;
        private final ExclusivePublication publication;
        private final long toPosition;
        private final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        private int cursor;
        private boolean done;

        Replay(final int worker, final ExclusivePublication publication, final long toPosition)
        {
            this.worker = worker;
            this.publication = publication;
            this.toPosition = toPosition;
        }

        /** Sends what it can now; returns the work done. */
        int send()
        {
            if (!publication.isConnected())
            {
                if (System.nanoTime() - deadline > 0)
                {
                    finish(); // the worker has gone before its catch-up began
                }
                return 0;
            }
            int sent = 0;
            while (sent < 64 && cursor < logLength)
            {
                if (log.getLong(cursor) >= toPosition)
                {
                    break;
                }
                final int length = log.getInt(cursor + 8);
                final long result = publication.offer(log, cursor + (int)ENTRY_HEADER, length);
                if (result < 0)
                {
                    return sent; // back-pressured: the rest on the next duty cycle
                }
                cursor += (int)ENTRY_HEADER + length;
                sent++;
            }
            // Reached: the next message starts at or after the join position, or none is left to record before it.
            final boolean reached = cursor < logLength ? log.getLong(cursor) >= toPosition :
                spyPosition() >= toPosition && messageStart >= toPosition;
            if (full && !reached && cursor >= logLength)
            {
                return sent + end(-1, "the feed's replay store is full (" + capacity + " bytes): worker " + worker +
                    " cannot catch up to position " + toPosition);
            }
            if (reached)
            {
                return sent + end(0, null);
            }
            return sent;
        }

        private int end(final int status, final String text)
        {
            end.putInt(0, ClusterWire.REPLAY_END);
            end.putInt(ClusterWire.A_OFFSET, status);
            end.putInt(ClusterWire.B_OFFSET, 0);
            end.putInt(12, 0);
            end.putLong(ClusterWire.SEQUENCE_OFFSET, -1);
            end.putLong(ClusterWire.RECEIVE_OFFSET, 0);
            final int textLength = text == null ? 0 : end.putStringWithoutLengthAscii(ClusterWire.FEED_HEADER_LENGTH,
                text.length() > 256 ? text.substring(0, 256) : text);
            final long result = publication.offer(end, 0, ClusterWire.FEED_HEADER_LENGTH + textLength);
            if (result > 0 || result == Publication.CLOSED || result == Publication.NOT_CONNECTED)
            {
                finish();
            }
            return 1;
        }

        private void finish()
        {
            if (!done)
            {
                done = true;
                replays.remove(this);
                // The worker's image keeps what was sent after the publication closes (Aeron lingers it).
                CloseHelper.quietClose(publication);
            }
        }
    }
}
