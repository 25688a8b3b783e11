package io.ringstreamer.cluster;

import io.aeron.ControlledFragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.ControlledFragmentHandler;
import io.aeron.logbuffer.Header;
import io.ringstreamer.Pipeline;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.StatusKind;
import io.ringstreamer.source.MessagePublisher;
import io.ringstreamer.source.Streamer;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

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
 * likewise, and {@code END} ends the stream, keeping the feed's end error for the administrator.
 *
 * <p>Threads: {@link #awaitAssignment} on the worker's main thread before the pipeline is built; {@link #stream}
 * on the pipeline's streamer thread after; {@link #requestStop} from any thread. {@link #endKind} and
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
    /** Catch-up, for a worker that joins after the stream's start: null when the feed keeps no replay store. */
    private final Publication requests;
    private final Subscription replies;
    private final ControlledFragmentAssembler replayAssembler = new ControlledFragmentAssembler(this);
    private final UnsafeBuffer request = new UnsafeBuffer(new byte[ClusterWire.REQ_CHANNEL_OFFSET + 512]);
    private int phase = JOINING;
    private String replyChannel;
    private long joinPosition;
    private String replayFailure;
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
     * @param requests a publication to the feed's recorder ({@link ClusterChannels#replayRequests}), or null.
     * @param replies  the subscription its replay comes on ({@link ClusterChannels#replayReplies}), or null.
     */
    FeedSubscriptionStreamer(
        final Subscription subscription, final int worker, final Publication requests, final Subscription replies)
    {
        this.subscription = subscription;
        this.worker = worker;
        this.requests = requests;
        this.replies = replies;
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
        if (type == ClusterWire.REPLAY_END)
        {
            if (buffer.getInt(offset + ClusterWire.A_OFFSET) == 0)
            {
                phase = LIVE; // everything before the join position has been read: the live stream from there
            }
            else
            {
                replayFailure = "worker " + worker + ": " + buffer.getStringWithoutLengthAscii(bodyOffset, bodyLength);
            }
            return Action.BREAK;
        }
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
     * recorder's replay up to there; then the live stream.
     */
    private int poll(final int limit) throws IOException
    {
        if (phase == LIVE)
        {
            return subscription.controlledPoll(assembler, limit);
        }
        if (phase == REPLAYING)
        {
            if (replayFailure != null)
            {
                throw new IOException(replayFailure);
            }
            return replies.controlledPoll(replayAssembler, limit);
        }
        return join();
    }

    private int join() throws IOException
    {
        if (subscription.imageCount() == 0)
        {
            return 0;
        }
        joinPosition = subscription.imageAtIndex(0).joinPosition();
        if (joinPosition == 0)
        {
            phase = LIVE;
            return 1;
        }
        if (requests == null)
        {
            throw new IOException("worker " + worker + " joined the feed stream at position " + joinPosition +
                ", after its start, and has no recorder to catch up from");
        }
        if (replyChannel == null)
        {
            replyChannel = replies.tryResolveChannelEndpointPort(); // the ephemeral port, once bound
            if (replyChannel == null)
            {
                return 0;
            }
        }
        request.putInt(0, ClusterWire.REPLAY_REQUEST);
        request.putInt(ClusterWire.REQ_WORKER_OFFSET, worker);
        request.putLong(ClusterWire.REQ_TO_POSITION_OFFSET, joinPosition);
        final int length = request.putStringWithoutLengthAscii(ClusterWire.REQ_CHANNEL_OFFSET, replyChannel);
        if (requests.offer(request, 0, ClusterWire.REQ_CHANNEL_OFFSET + length) > 0)
        {
            phase = REPLAYING;
            return 1;
        }
        return 0; // not connected to the recorder yet, or back-pressured: again on the next poll
    }

    private void idle(final int workCount)
    {
        idle.idle(workCount);
    }
}
