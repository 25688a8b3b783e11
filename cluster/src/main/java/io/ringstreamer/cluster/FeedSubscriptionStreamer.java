package io.ringstreamer.cluster;

import io.aeron.Aeron;
import io.aeron.ControlledFragmentAssembler;
import io.aeron.Image;
import io.aeron.Subscription;
import io.aeron.archive.client.AeronArchive;
import io.aeron.logbuffer.ControlledFragmentHandler;
import io.aeron.logbuffer.FrameDescriptor;
import io.aeron.logbuffer.Header;
import io.ringstreamer.Pipeline;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.StatusKind;
import io.ringstreamer.source.MessagePublisher;
import io.ringstreamer.source.Streamer;
import org.agrona.BitUtil;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A worker's source: reads the feed stream from its Aeron subscription and publishes each data frame into the
 * worker's own pipeline, with the feed's receive stamp; statuses and errors from the feed source go in as
 * statuses and errors, in place. Control frames apply at their place in the stream: a {@code SUBSCRIBE} of a
 * symbol this worker owns becomes {@link Pipeline#subscribe} (so the pipeline processes its entries from the next
 * message on, and skips every other symbol's: broadcast-and-skip, across processes), {@code UNSUBSCRIBE}
 * likewise, and {@code END} ends the stream, keeping the feed's end error for the administrator. A worker that joins
 * the live stream after its start (a restart) first replays the feed's Aeron Archive recording from position 0 up
 * to where it joined ({@link FeedArchive}), so it reads the whole stream once.
 *
 * <p>Threads: {@link #awaitAssignment} on the worker's main thread before the pipeline is built; {@link #stream}
 * on the pipeline's streamer thread after; {@link #close} on the main thread after the pipeline has ended;
 * {@link #requestStop} from any thread. {@link #endKind} and
 * {@link #endText} are read after the pipeline has ended (its end happens-after the stream's return).
 */
final class FeedSubscriptionStreamer implements Streamer, ControlledFragmentHandler
{
    /** Subscribed when a worker owns no initial symbol (a pipeline needs one); never in data, never forwarded. */
    static final String PLACEHOLDER = "-none-";

    private static final ErrorKind[] ERROR_KINDS = ErrorKind.values();
    private static final StatusKind[] STATUS_KINDS = StatusKind.values();

    private static final int JOINING = 0;
    private static final int REPLAYING = 1;
    private static final int LIVE = 2;

    private final Subscription subscription;
    private final int worker;
    private final ControlledFragmentAssembler assembler = new ControlledFragmentAssembler(this);
    /** Catch-up, for a worker that joins after the stream's start: the feed's archive, or null when there is none. */
    private final Aeron aeron;
    private final String archiveEndpoint;
    private final String host;
    private final ControlledFragmentAssembler replayAssembler = new ControlledFragmentAssembler(this);
    private final ControlledFragmentHandler replayFragments = this::onReplayFragment;
    private int phase = JOINING;
    private Subscription replay;
    private String replayChannel;
    private AeronArchive archive;
    private long replaySessionId;
    private Image replayImage;
    /** Where the replayed message being assembled starts. */
    private long messageStart;
    private long joinPosition;
    private final IdleStrategy idle = new BackoffIdleStrategy(10, 20, 1_000, 1_000_000);
    /** The feed's symbol ids: written here, read by the result forwarder's thread (results follow the subscribe). */
    private final Map<String, Integer> ids = new ConcurrentHashMap<>();
    private final StringBuilder text = new StringBuilder(64);
    private final List<String> initial = new ArrayList<>();
    private byte[] bytes = new byte[4096];

    private volatile boolean stopRequested;
    private Pipeline pipeline;
    private MessagePublisher publisher;
    private boolean assigned;
    private boolean ended;
    private boolean closeSeen;
    private int endKind = -1;
    private String endText;
    private long published;

    /**
     * @param aeron           the worker's client, for the catch-up.
     * @param archiveEndpoint the feed's archive control endpoint ({@link FeedNode#archive}), {@code host:port}, or
     *                        null: a worker that joins late then fails.
     * @param host            this worker's own address, where the replay is sent to (an ephemeral port).
     */
    FeedSubscriptionStreamer(
        final Subscription subscription, final int worker, final Aeron aeron, final String archiveEndpoint,
        final String host)
    {
        this.subscription = subscription;
        this.worker = worker;
        this.aeron = aeron;
        this.archiveEndpoint = archiveEndpoint;
        this.host = host;
    }

    /** Where this worker joined the live feed stream (0: at its start; more: it caught up to there first). */
    long joinPosition()
    {
        return joinPosition;
    }

    /** The feed's id of each symbol seen so far; safe from any thread. */
    Map<String, Integer> ids()
    {
        return ids;
    }

    /**
     * Reads the stream up to {@code START}: the initial symbols this worker owns (or {@link #PLACEHOLDER}).
     *
     * @throws IOException if {@code START} has not come within {@code timeout}.
     */
    List<String> awaitAssignment(final Duration timeout) throws IOException
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!assigned)
        {
            if (System.nanoTime() - deadline > 0 || stopRequested)
            {
                throw new IOException("worker " + worker + ": no assignment from the feed within " + timeout);
            }
            idle(poll(16));
        }
        return initial.isEmpty() ? List.of(PLACEHOLDER) : List.copyOf(initial);
    }

    /** The pipeline to apply subscription changes to; set before it starts. */
    void pipeline(final Pipeline pipeline)
    {
        this.pipeline = pipeline;
    }

    @Override
    public void stream(final MessagePublisher publisher) throws IOException
    {
        this.publisher = publisher;
        while (!ended && !stopRequested && !publisher.isClosed())
        {
            if (subscription.isClosed() || !subscription.isConnected())
            {
                throw new IOException("worker " + worker + ": the feed stream went away after " + published + " messages");
            }
            idle(poll(64));
        }
    }

    /**
     * After the stream's end: reads on until {@code CLOSE} (the feed is done with this worker) or until
     * {@code timeout} or the feed's image goes; on the worker's main thread.
     */
    void awaitClose(final Duration timeout)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!closeSeen && !stopRequested && subscription.isConnected() && System.nanoTime() - deadline < 0)
        {
            try
            {
                idle(poll(64));
            }
            catch (final IOException ex)
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

    /** The kind of the error that ended the feed's source, or -1 (normal end, or none yet). */
    int endKind()
    {
        return endKind;
    }

    /** That error's message, or null. */
    String endText()
    {
        return endText;
    }

    @Override
    public Action onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        final int type = buffer.getInt(offset + ClusterWire.TYPE_OFFSET);
        final int bodyOffset = offset + ClusterWire.FEED_HEADER_LENGTH;
        final int bodyLength = length - ClusterWire.FEED_HEADER_LENGTH;
        if (ended)
        {
            if (type == ClusterWire.CLOSE)
            {
                closeSeen = true;
                return Action.BREAK;
            }
            return Action.CONTINUE;
        }
        switch (type)
        {
            case ClusterWire.DATA:
                return data(buffer, bodyOffset, bodyLength, buffer.getLong(offset + ClusterWire.RECEIVE_OFFSET));

            case ClusterWire.STATUS:
            case ClusterWire.ERROR:
                return note(type, buffer.getInt(offset + ClusterWire.A_OFFSET), buffer.getInt(offset + ClusterWire.B_OFFSET),
                    buffer, bodyOffset, bodyLength);

            case ClusterWire.SUBSCRIBE:
            case ClusterWire.UNSUBSCRIBE:
                change(type == ClusterWire.SUBSCRIBE, buffer.getInt(offset + ClusterWire.A_OFFSET),
                    buffer.getInt(offset + ClusterWire.B_OFFSET), buffer.getStringWithoutLengthAscii(bodyOffset, bodyLength));
                return Action.CONTINUE;

            case ClusterWire.START:
                assigned = true;
                return Action.BREAK; // the pipeline is built before anything after START is read

            case ClusterWire.END:
                endKind = buffer.getInt(offset + ClusterWire.A_OFFSET);
                if (endKind >= 0)
                {
                    ClusterWire.getText(buffer, bodyOffset, bodyOffset + bodyLength, text);
                    endText = text.toString();
                }
                ended = true;
                return Action.BREAK;

            case ClusterWire.CLOSE:
                ended = true;
                closeSeen = true;
                return Action.BREAK;

            default:
                return Action.CONTINUE; // a newer feed's frame type: skipped
        }
    }

    private Action data(final DirectBuffer buffer, final int offset, final int length, final long receiveNanos)
    {
        if (publisher == null)
        {
            return Action.CONTINUE; // cannot happen: the feed sends START before any data
        }
        if (length > bytes.length)
        {
            bytes = new byte[Math.max(length, bytes.length * 2)]; // grows to the longest message, then stays
        }
        buffer.getBytes(offset, bytes, 0, length);
        final long result = publisher.publish(bytes, 0, length, receiveNanos);
        if (result == MessagePublisher.CLOSED)
        {
            return Action.BREAK;
        }
        published++;
        return Action.CONTINUE;
    }

    private Action note(
        final int type, final int kind, final int code, final DirectBuffer buffer, final int offset, final int length)
    {
        if (publisher == null)
        {
            return Action.CONTINUE;
        }
        ClusterWire.getText(buffer, offset, offset + length, text);
        final long result;
        if (type == ClusterWire.STATUS)
        {
            result = publisher.publishStatus(STATUS_KINDS[kind], code, text);
        }
        else
        {
            final ErrorKind errorKind = ERROR_KINDS[kind];
            result = errorKind == ErrorKind.CONNECTION_ERROR || errorKind == ErrorKind.STREAMER_FAILURE ?
                publisher.publishError(ErrorKind.PROTOCOL_ERROR, code, text) : // cannot come: the feed sends those in END
                publisher.publishError(errorKind, code, text);
        }
        return result == MessagePublisher.CLOSED ? Action.BREAK : Action.CONTINUE;
    }

    private void change(final boolean add, final int id, final int owner, final String symbol)
    {
        ids.put(symbol, id);
        if (owner != worker && add)
        {
            return;
        }
        if (!assigned)
        {
            if (add)
            {
                initial.add(symbol);
            }
            else
            {
                initial.remove(symbol);
            }
        }
        else if (pipeline != null)
        {
            if (add)
            {
                pipeline.subscribe(symbol);
            }
            else
            {
                pipeline.unsubscribe(symbol); // ignored by a pipeline that does not hold it
            }
        }
    }

    /**
     * Reads the stream where this worker is in it: first (once) where it joined; when that is after the start, the
     * archive's replay of the recording from its start up to there; then the live stream.
     */
    private int poll(final int limit) throws IOException
    {
        if (phase == LIVE)
        {
            return subscription.controlledPoll(assembler, limit);
        }
        if (phase == REPLAYING)
        {
            return pollReplay(limit);
        }
        return join();
    }

    private int join() throws IOException
    {
        if (subscription.imageCount() == 0)
        {
            return 0;
        }
        final Image live = subscription.imageAtIndex(0);
        joinPosition = live.joinPosition();
        if (joinPosition == 0)
        {
            phase = LIVE;
            return 1;
        }
        if (archiveEndpoint == null)
        {
            throw new IOException("worker " + worker + " joined the feed stream at position " + joinPosition +
                ", after its start, and has no archive to catch up from");
        }
        if (replay == null)
        {
            replay = aeron.addSubscription(ClusterChannels.replayReplies(host), ClusterChannels.REPLAY_STREAM_ID);
        }
        if (replayChannel == null)
        {
            replayChannel = replay.tryResolveChannelEndpointPort(); // the ephemeral port, once bound
            if (replayChannel == null)
            {
                return 0;
            }
        }
        try
        {
            archive = AeronArchive.connect(new AeronArchive.Context()
                .aeron(aeron)
                .controlRequestChannel("aeron:udp?endpoint=" + archiveEndpoint)
                .controlResponseChannel("aeron:udp?endpoint=" + host + ":0"));
            // The recording of this very publication: the live image's session.
            final long recordingId = archive.findLastMatchingRecording(0, "", ClusterChannels.FEED_STREAM_ID, live.sessionId());
            if (recordingId < 0)
            {
                throw new IOException("worker " + worker + ": the feed's archive at " + archiveEndpoint +
                    " has no recording of session " + live.sessionId());
            }
            replaySessionId = archive.startReplay(recordingId, 0, AeronArchive.REPLAY_ALL_AND_FOLLOW, replayChannel,
                ClusterChannels.REPLAY_STREAM_ID);
        }
        catch (final RuntimeException ex)
        {
            throw new IOException("worker " + worker + ": cannot replay the feed's archive at " + archiveEndpoint + ": " +
                ex.getMessage(), ex);
        }
        phase = REPLAYING;
        return 1;
    }

    private int pollReplay(final int limit) throws IOException
    {
        if (replayImage == null)
        {
            replayImage = replay.imageBySessionId((int)replaySessionId);
            if (replayImage == null)
            {
                return 0;
            }
        }
        final int work = replayImage.controlledPoll(replayFragments, limit);
        if (phase == LIVE)
        {
            endReplay();
        }
        else if (work == 0 && replayImage.isClosed())
        {
            throw new IOException("worker " + worker + ": the archive's replay ended at position " +
                replayImage.position() + ", before the join position " + joinPosition);
        }
        return work;
    }

    /**
     * A replayed fragment. A message that starts at or after the join position comes on the live stream: the replay
     * stops before it. One that ends at or after it (it started before) is the last the replay gives: the live stream
     * from there, where its own fragments after the join position, having no beginning, are dropped by the assembler.
     */
    private Action onReplayFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        if ((header.flags() & FrameDescriptor.BEGIN_FRAG_FLAG) != 0)
        {
            messageStart = header.position() - BitUtil.align(header.frameLength(), FrameDescriptor.FRAME_ALIGNMENT);
            if (messageStart >= joinPosition)
            {
                phase = LIVE;
                return Action.ABORT;
            }
        }
        final Action action = replayAssembler.onFragment(buffer, offset, length, header);
        if (action != Action.ABORT && (header.flags() & FrameDescriptor.END_FRAG_FLAG) != 0 &&
            header.position() >= joinPosition)
        {
            phase = LIVE;
            return Action.BREAK;
        }
        return action;
    }

    private void endReplay()
    {
        try
        {
            archive.stopReplay(replaySessionId);
        }
        catch (final RuntimeException ex)
        {
            // The replay has ended already: nothing to stop.
        }
        close();
    }

    /** Closes the catch-up's archive client and replay subscription, if any; on the thread that polls, or after. */
    void close()
    {
        CloseHelper.quietCloseAll(archive, replay);
        archive = null;
        replay = null;
        replayImage = null;
    }

    private void idle(final int workCount)
    {
        idle.idle(workCount);
    }
}
