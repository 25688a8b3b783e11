package io.ringstreamer.cluster;

import io.aeron.Publication;
import io.aeron.logbuffer.BufferClaim;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.StatusKind;
import io.ringstreamer.source.MessagePublisher;
import io.ringstreamer.source.OverflowPolicy;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The feed node's {@link MessagePublisher}: each message goes, with its receive stamp and inbound sequence, into
 * one frame of the feed stream ({@link ClusterWire}), instead of into a ring. A frame that fits one Aeron
 * payload is written in place ({@link Publication#tryClaim}: one copy, from the caller's bytes into the term
 * buffer); a longer one is assembled in a scratch buffer and {@link Publication#offer offered} (Aeron fragments it).
 *
 * <p>Back-pressure (the slowest worker is a term's window behind, or a worker has gone) maps onto the policies:
 * <ul>
 *   <li>{@link OverflowPolicy#BLOCK}: wait (backing off to parking) until the frame is accepted or the feed closes.</li>
 *   <li>{@link OverflowPolicy#DROP_NEWEST}: drop the message, count it, and send one {@code MessagesDropped} error
 *   for the run of drops before the next message that gets in, as core does.</li>
 *   <li>{@link OverflowPolicy#SPILL}: not built over Aeron yet; it waits as {@code BLOCK} does, with the
 *   publication's term buffer as the only store in between (docs/scale-out.md).</li>
 * </ul>
 * Statuses and errors are never dropped: they wait. {@code ADMIN_ACTION} (a term rotation) is retried at once. A wait
 * ends with {@link #CLOSED} when the feed closes or the publishing thread is interrupted.
 *
 * <p>Threads: as {@link MessagePublisher} says, one publishing thread at a time; {@link #close()} from any thread.
 * Nothing is allocated per message once the scratch buffer has grown to the longest message offered (tryClaim
 * needs none).
 */
final class FeedPublisher implements MessagePublisher
{
    private final Publication publication;
    private final OverflowPolicy policy;
    private final BufferClaim claim = new BufferClaim();
    private final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(4096);
    private final IdleStrategy idle = new BackoffIdleStrategy(10, 20, 1_000, 1_000_000);
    private final int maxMessageBytes;

    private volatile boolean closed;
    private final java.util.function.BooleanSupplier giveUp = () -> closed;
    private volatile long droppedTotal;
    private long sequence;
    private long accepted;
    private final AtomicLong published = new AtomicLong();
    private long gapCount;
    private long gapFirst;

    FeedPublisher(final Publication publication, final OverflowPolicy policy, final int maxMessageBytes)
    {
        this.publication = Objects.requireNonNull(publication, "publication");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.maxMessageBytes = Math.min(maxMessageBytes, publication.maxMessageLength() - ClusterWire.FEED_HEADER_LENGTH);
    }

    @Override
    public long publish(final byte[] source, final int offset, final int length, final long receiveNanos)
    {
        Objects.checkFromIndexSize(offset, length, source.length);
        return publishData(source, null, offset, length, receiveNanos);
    }

    @Override
    public long publish(final ByteBuffer source)
    {
        return publishData(null, source, source.position(), source.remaining(), System.nanoTime());
    }

    @Override
    public long publishStatus(final StatusKind kind, final int code, final CharSequence message)
    {
        Objects.requireNonNull(kind, "kind");
        if (closed)
        {
            return CLOSED;
        }
        if (!sendNote(ClusterWire.STATUS, kind.ordinal(), code, message))
        {
            return CLOSED;
        }
        return accepted++;
    }

    @Override
    public long publishError(final ErrorKind kind, final int code, final CharSequence message)
    {
        Objects.requireNonNull(kind, "kind");
        if (kind == ErrorKind.CONNECTION_ERROR || kind == ErrorKind.STREAMER_FAILURE)
        {
            throw new IllegalArgumentException(kind + " ends the stream: throw it from Streamer.stream");
        }
        if (closed)
        {
            return CLOSED;
        }
        if (!sendNote(ClusterWire.ERROR, kind.ordinal(), code, message))
        {
            return CLOSED;
        }
        return accepted++;
    }

    /** Messages accepted into the stream so far; from any thread. */
    long published()
    {
        return published.get();
    }

    @Override
    public boolean isClosed()
    {
        return closed;
    }

    /** Messages dropped so far under {@link OverflowPolicy#DROP_NEWEST}; from any thread. */
    long dropped()
    {
        return droppedTotal;
    }

    /** Later publishes return {@link #CLOSED}, and one waiting for room gives up. From any thread. */
    void close()
    {
        closed = true;
    }

    private long publishData(
        final byte[] array, final ByteBuffer buffer, final int offset, final int length, final long receiveNanos)
    {
        if (closed)
        {
            return CLOSED;
        }
        if (length > maxMessageBytes)
        {
            // Core reports such a message as MessageTooLarge; over Aeron the frame cannot be sent at all.
            if (!sendNote(ClusterWire.ERROR, ErrorKind.MESSAGE_TOO_LARGE.ordinal(), length,
                "a message of " + length + " bytes is longer than the feed stream carries (" + maxMessageBytes + ")"))
            {
                return CLOSED;
            }
            return accepted++;
        }
        if (gapCount > 0)
        {
            final int reported = tryReportGap();
            if (reported < 0)
            {
                return CLOSED;
            }
            if (reported == 0)
            {
                return drop(); // still no room: this message joins the gap, reported when one gets in
            }
        }
        final int frameLength = ClusterWire.FEED_HEADER_LENGTH + length;
        final boolean inPlace = frameLength <= publication.maxPayloadLength();
        if (!inPlace)
        {
            writeHeader(scratch, 0, ClusterWire.DATA, 0, 0, sequence, receiveNanos);
            copy(array, buffer, offset, length, scratch, ClusterWire.FEED_HEADER_LENGTH);
        }
        for (;;)
        {
            final long result = inPlace ? publication.tryClaim(frameLength, claim) : publication.offer(scratch, 0, frameLength);
            if (result > 0)
            {
                if (inPlace)
                {
                    final MutableDirectBuffer frame = claim.buffer();
                    final int at = claim.offset();
                    writeHeader(frame, at, ClusterWire.DATA, 0, 0, sequence, receiveNanos);
                    copy(array, buffer, offset, length, frame, at + ClusterWire.FEED_HEADER_LENGTH);
                    claim.commit();
                }
                idle.reset();
                sequence++;
                published.lazySet(accepted + 1); // a release store: no fence on the hot path
                return accepted++;
            }
            if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED || closed ||
                Thread.currentThread().isInterrupted())
            {
                return CLOSED;
            }
            if (result != Publication.ADMIN_ACTION)
            {
                if (policy == OverflowPolicy.DROP_NEWEST)
                {
                    idle.reset();
                    return drop();
                }
                idle.idle();
            }
        }
    }

    private long drop()
    {
        if (gapCount++ == 0)
        {
            gapFirst = sequence;
        }
        sequence++;
        droppedTotal = droppedTotal + 1; // one writer: this thread
        return DROPPED;
    }

    /**
     * The run of drops is over if the report gets in now: one MessagesDropped error in its place. Never waits
     * (under DROP_NEWEST the streamer must not): 1 sent, 0 still back-pressured, -1 closed.
     */
    private int tryReportGap()
    {
        if (publication.positionLimit() - publication.position() < 4 * ClusterWire.FEED_HEADER_LENGTH + 256)
        {
            return closed || publication.isClosed() ? -1 : 0; // no room yet: nothing is built for the report
        }
        final String text = gapCount + " messages dropped (inbound sequences " + gapFirst + " to " +
            (gapFirst + gapCount - 1) + "): the feed stream was back-pressured";
        scratch.checkLimit(ClusterWire.FEED_HEADER_LENGTH + ClusterWire.maxTextLength(text));
        writeHeader(scratch, 0, ClusterWire.ERROR, ErrorKind.MESSAGES_DROPPED.ordinal(), 0, sequence, System.nanoTime());
        final int frameLength = ClusterWire.FEED_HEADER_LENGTH + ClusterWire.putText(scratch, ClusterWire.FEED_HEADER_LENGTH, text);
        for (;;)
        {
            final long result = publication.offer(scratch, 0, frameLength);
            if (result > 0)
            {
                gapCount = 0;
                sequence++;
                return 1;
            }
            if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED || closed)
            {
                return -1;
            }
            if (result != Publication.ADMIN_ACTION)
            {
                return 0;
            }
        }
    }

    /** A status or an error: assembled in the scratch buffer and offered, waiting for room; false once closed. */
    private boolean sendNote(final int type, final int kind, final int code, final CharSequence text)
    {
        final int textLength = ClusterWire.maxTextLength(text);
        scratch.checkLimit(ClusterWire.FEED_HEADER_LENGTH + textLength);
        writeHeader(scratch, 0, type, kind, code, sequence, System.nanoTime());
        final int frameLength = ClusterWire.FEED_HEADER_LENGTH + ClusterWire.putText(scratch, ClusterWire.FEED_HEADER_LENGTH, text);
        if (!offer(publication, scratch, frameLength, idle, giveUp))
        {
            return false;
        }
        sequence++;
        return true;
    }

    /** Offers until accepted; false when the publication has closed or {@code giveUp} says so while waiting. */
    static boolean offer(
        final Publication publication, final MutableDirectBuffer frame, final int length, final IdleStrategy idle,
        final java.util.function.BooleanSupplier giveUp)
    {
        idle.reset();
        for (;;)
        {
            final long result = publication.offer(frame, 0, length);
            if (result > 0)
            {
                return true;
            }
            if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED || giveUp.getAsBoolean() ||
                Thread.currentThread().isInterrupted())
            {
                return false;
            }
            if (result != Publication.ADMIN_ACTION)
            {
                idle.idle();
            }
        }
    }

    static void writeHeader(
        final MutableDirectBuffer frame, final int at, final int type, final int a, final int b, final long sequence,
        final long receiveNanos)
    {
        frame.putInt(at + ClusterWire.TYPE_OFFSET, type);
        frame.putInt(at + ClusterWire.A_OFFSET, a);
        frame.putInt(at + ClusterWire.B_OFFSET, b);
        frame.putInt(at + ClusterWire.B_OFFSET + 4, 0);
        frame.putLong(at + ClusterWire.SEQUENCE_OFFSET, sequence);
        frame.putLong(at + ClusterWire.RECEIVE_OFFSET, receiveNanos);
    }

    private static void copy(
        final byte[] array, final ByteBuffer buffer, final int offset, final int length, final MutableDirectBuffer frame,
        final int at)
    {
        if (array != null)
        {
            frame.putBytes(at, array, offset, length);
        }
        else
        {
            frame.putBytes(at, buffer, offset, length);
        }
    }
}
