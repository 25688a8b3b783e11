package io.ringstreamer.cluster;

import io.aeron.Publication;
import io.aeron.logbuffer.BufferClaim;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.StatusKind;
import io.ringstreamer.source.MessagePublisher;
import io.ringstreamer.source.OverflowPolicy;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.UnsafeBuffer;

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
 *   <li>{@link OverflowPolicy#SPILL}: keep the message, in order, in a bounded store in this process (the spill,
 *   {@code spillBudget} bytes, grown as needed), and send the spilled frames, oldest first, at the next publishes as
 *   the stream has room (and all of them, waiting, at the source's end: {@link #flush}). While anything is spilled,
 *   newer messages, statuses and errors, and control frames from other threads ({@link #spillControl}) queue behind
 *   it. A spill at its budget waits for room, as {@code BLOCK}.</li>
 * </ul>
 * Statuses and errors are never dropped: they wait. {@code ADMIN_ACTION} (a term rotation) is retried at once. A wait
 * ends with {@link #CLOSED} when the feed closes or the publishing thread is interrupted.
 *
 * <p>Threads: as {@link MessagePublisher} says, one publishing thread at a time, which also owns the spill and calls
 * {@link #flush}; {@link #close()}, {@link #isSpilling} and {@link #spillControl} from any thread. Nothing is
 * allocated per message once the scratch buffer and the spill have grown to what they hold at most (tryClaim needs
 * none).
 */
final class FeedPublisher implements MessagePublisher
{
    private final Publication publication;
    private final OverflowPolicy policy;
    private final BufferClaim claim = new BufferClaim();
    private final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(4096);
    private final IdleStrategy idle = new BackoffIdleStrategy(10, 20, 1_000, 1_000_000);
    private final int maxMessageBytes;
    private final int spillBudget;
    /** SPILL: entries of int frame length then the frame, from {@code spillHead} to {@code spillTail}. */
    private ExpandableArrayBuffer spill;
    private int spillHead;
    private int spillTail;
    /** SPILL: control frames from other threads while spilling, moved into the spill by the publishing thread. */
    private final ManyToOneConcurrentArrayQueue<byte[]> controls = new ManyToOneConcurrentArrayQueue<>(1024);
    private final UnsafeBuffer controlFrame = new UnsafeBuffer(0, 0);
    private volatile boolean spilling;
    private volatile long spilledTotal;

    private volatile boolean closed;
    private final java.util.function.BooleanSupplier giveUp = () -> closed;
    private volatile long droppedTotal;
    private long sequence;
    private long accepted;
    private final AtomicLong published = new AtomicLong();
    private long gapCount;
    private long gapFirst;

    /**
     * @param maxMessageBytes the longest message carried (a longer one becomes a {@code MessageTooLarge} error).
     * @param spillBudget     under {@link OverflowPolicy#SPILL}, the bytes the spill holds at most.
     */
    FeedPublisher(
        final Publication publication, final OverflowPolicy policy, final int maxMessageBytes, final int spillBudget)
    {
        this.publication = Objects.requireNonNull(publication, "publication");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.maxMessageBytes = Math.min(maxMessageBytes, publication.maxMessageLength() - ClusterWire.FEED_HEADER_LENGTH);
        this.spillBudget = Math.max(spillBudget, 4 + ClusterWire.FEED_HEADER_LENGTH + this.maxMessageBytes);
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

    /** Messages that went through the spill under {@link OverflowPolicy#SPILL}; from any thread. */
    long spilled()
    {
        return spilledTotal;
    }

    /** Whether frames wait in the spill now: a control frame must then go behind them ({@link #spillControl}). */
    boolean isSpilling()
    {
        return spilling;
    }

    /**
     * A control frame from another thread while {@link #isSpilling}: it goes into the stream behind what is spilled
     * now, at the publishing thread's next publish or {@link #flush}. False if the queue is full (try again).
     */
    boolean spillControl(final byte[] frame)
    {
        return controls.offer(frame);
    }

    /**
     * After the source's end, on the publishing thread: sends everything spilled, waiting for room, so that nothing
     * is left behind {@code END}. Returns early if closed.
     */
    void flush()
    {
        if (policy != OverflowPolicy.SPILL)
        {
            return;
        }
        idle.reset();
        do
        {
            moveControls();
            while (!drainSpill())
            {
                if (closed || publication.isClosed() || Thread.currentThread().isInterrupted())
                {
                    return;
                }
                idle.idle();
            }
            spilling = false;
        }
        while (!controls.isEmpty());
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
        if (policy == OverflowPolicy.SPILL)
        {
            moveControls();
            if (spillTail > spillHead && !drainSpill())
            {
                return spillMessage(array, buffer, offset, length, receiveNanos); // behind the spilled ones
            }
            if (spilling)
            {
                spilling = false;
                if (!controls.isEmpty())
                {
                    moveControls(); // a control frame queued while the spill drained: this message goes behind it
                    return spillMessage(array, buffer, offset, length, receiveNanos);
                }
            }
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
                if (policy == OverflowPolicy.SPILL)
                {
                    return spillMessage(array, buffer, offset, length, receiveNanos);
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
        if (policy == OverflowPolicy.SPILL)
        {
            moveControls();
            if (spillTail > spillHead || spilling)
            {
                if (!spillFrame(scratch, frameLength))
                {
                    return false;
                }
                drainSpill();
                sequence++;
                return true;
            }
        }
        if (!offer(publication, scratch, frameLength, idle, giveUp))
        {
            return false;
        }
        sequence++;
        return true;
    }

    /** SPILL: a data frame goes behind the spilled ones; at the spill's budget, waits (sending) for room. */
    private long spillMessage(
        final byte[] array, final ByteBuffer buffer, final int offset, final int length, final long receiveNanos)
    {
        final int frameLength = ClusterWire.FEED_HEADER_LENGTH + length;
        if (!awaitSpillRoom(frameLength))
        {
            return CLOSED;
        }
        spill.putInt(spillTail, frameLength);
        writeHeader(spill, spillTail + 4, ClusterWire.DATA, 0, 0, sequence, receiveNanos);
        copy(array, buffer, offset, length, spill, spillTail + 4 + ClusterWire.FEED_HEADER_LENGTH);
        spillTail += 4 + frameLength;
        spilledTotal = spilledTotal + 1; // one writer: this thread
        sequence++;
        published.lazySet(accepted + 1);
        return accepted++;
    }

    /** SPILL: any frame (a note, a control frame) goes behind the spilled ones; false once closed. */
    private boolean spillFrame(final DirectBuffer frame, final int frameLength)
    {
        if (!awaitSpillRoom(frameLength))
        {
            return false;
        }
        spill.putInt(spillTail, frameLength);
        spill.putBytes(spillTail + 4, frame, 0, frameLength);
        spillTail += 4 + frameLength;
        return true;
    }

    /** SPILL: room for one more frame in the spill, sending what it can meanwhile; false once closed. */
    private boolean awaitSpillRoom(final int frameLength)
    {
        spilling = true;
        if (spill == null)
        {
            spill = new ExpandableArrayBuffer(Math.min(spillBudget, 1 << 20));
        }
        idle.reset();
        while (spillTail + 4 + frameLength > spillBudget)
        {
            if (spillHead > 0)
            {
                // Compact: the sent ones make room (arraycopy copies overlapping ranges correctly).
                System.arraycopy(spill.byteArray(), spillHead, spill.byteArray(), 0, spillTail - spillHead);
                spillTail -= spillHead;
                spillHead = 0;
                continue;
            }
            if (closed || publication.isClosed() || Thread.currentThread().isInterrupted())
            {
                return false;
            }
            idle.idle();
            drainSpill(); // at the budget: wait, as BLOCK
        }
        idle.reset();
        return true;
    }

    /** SPILL: sends spilled frames, oldest first, while the stream takes them; true when the spill is empty. */
    private boolean drainSpill()
    {
        while (spillHead < spillTail)
        {
            final int frameLength = spill.getInt(spillHead);
            final long result = publication.offer(spill, spillHead + 4, frameLength);
            if (result > 0)
            {
                spillHead += 4 + frameLength;
            }
            else if (result != Publication.ADMIN_ACTION)
            {
                return false;
            }
        }
        spillHead = 0;
        spillTail = 0;
        return true;
    }

    /** SPILL: control frames other threads queued while spilling go into the spill, in their order. */
    private void moveControls()
    {
        byte[] frame;
        while ((frame = controls.poll()) != null)
        {
            controlFrame.wrap(frame);
            if (!spillFrame(controlFrame, frame.length))
            {
                return;
            }
        }
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
