package io.ringstreamer.inbound;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import io.ringstreamer.jfr.FlightEvents;
import io.ringstreamer.jfr.ReaderStallEvent;
import io.ringstreamer.jfr.SpillEvent;
import io.ringstreamer.metrics.internal.PaddedCounter;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.StatusKind;
import io.ringstreamer.source.MessageClaim;
import io.ringstreamer.source.MessagePublisher;
import io.ringstreamer.source.OverflowPolicy;
import io.ringstreamer.source.SpillStore;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/**
 * The streamer's way into the inbound ring: copies each message, status or error into a preallocated
 * slot, or, while the ring is full or anything is queued before it, behind the queue in the spill store
 * ({@link OverflowPolicy#SPILL}), from which the {@link SpillDrainer} moves it into the ring in order.
 * Used by one thread at a time, each call happening-after the previous (see {@link MessagePublisher}):
 * that thread owns the gap and spill state below. Any thread may close.
 *
 * <p>A message goes straight into the ring only while the drainer is idle (nothing spilled, no
 * subscription change waiting), so arrival order is kept exactly. When it cannot:
 * <ul>
 *   <li>{@link OverflowPolicy#SPILL}: it is appended to the store (a {@code Spilling} status first, at the
 *   start of each spill); a store at its budget falls back to blocking or dropping, as configured.</li>
 *   <li>{@link OverflowPolicy#BLOCK}: the thread waits for room.</li>
 *   <li>{@link OverflowPolicy#DROP_NEWEST}: a full ring drops it; the gap is reported by a marker
 *   just before the next message, status or error that gets in (or before the end of stream).</li>
 * </ul>
 * The first message that goes straight into the ring after a spill is preceded by a {@code CaughtUp}
 * status. Statuses and errors are never dropped: they wait when they cannot get in.
 *
 * <p>Counting: {@code received} is incremented before the message can be seen by a shard, so a
 * message is never processed before it is counted ({@code inFlight} never negative).
 */
public final class InboundPublisher implements MessagePublisher
{
    private static final long FULL = Long.MIN_VALUE; // distinct from CLOSED (-1) and DROPPED (-2)

    private final RingBuffer<InboundEvent> ring;
    private final SpillDrainer drainer;
    private final int maxMessageBytes;
    private final boolean spill;
    private final boolean dropWhenFull;
    private final PaddedCounter received;
    private final PaddedCounter dropped;
    private final PaddedCounter spilled;
    private final PaddedCounter spills;
    private final PaddedCounter largestSpillBytes;
    private final SpillStore store;
    private volatile boolean closed;

    // The publishing thread's state (one thread at a time).
    private long gapCount;
    private long gapFirst;
    private boolean spilling;
    private boolean spillNote;
    private boolean spillFullNote;
    private boolean spillFullReported;
    private long spillStart;
    private long spillPeakBytes;
    // Flight-recorder events under way, started only while a recording wants them (else null).
    private ReaderStallEvent stall;
    private SpillEvent spillEvent;
    private long spilledAtStart;
    private long accepted;
    private byte[] scratch = new byte[256];
    private final RingClaim claim = new RingClaim();
    private byte[] claimScratch = new byte[256];

    public InboundPublisher(
        final RingBuffer<InboundEvent> ring,
        final SpillDrainer drainer,
        final SpillStore store,
        final int maxMessageBytes,
        final OverflowPolicy overflowPolicy,
        final OverflowPolicy whenSpillFull,
        final SpillCounters counters)
    {
        this.ring = ring;
        this.drainer = drainer;
        this.store = store;
        this.maxMessageBytes = maxMessageBytes;
        this.spill = overflowPolicy == OverflowPolicy.SPILL;
        this.dropWhenFull = overflowPolicy == OverflowPolicy.DROP_NEWEST ||
            spill && whenSpillFull == OverflowPolicy.DROP_NEWEST;
        this.received = counters.received();
        this.dropped = counters.dropped();
        this.spilled = counters.spilled();
        this.spills = counters.spills();
        this.largestSpillBytes = counters.largestSpillBytes();
    }

    /** The counters this publisher writes (on the publishing thread). */
    public record SpillCounters(PaddedCounter received, PaddedCounter dropped, PaddedCounter spilled, PaddedCounter spills,
        PaddedCounter largestSpillBytes)
    {
    }

    public void close()
    {
        closed = true;
    }

    @Override
    public boolean isClosed()
    {
        return closed;
    }

    @Override
    public long publish(final byte[] source, final int offset, final int length)
    {
        return publish(source, offset, length, System.nanoTime());
    }

    @Override
    public long publish(final byte[] source, final int offset, final int length, final long receiveNanos)
    {
        Objects.checkFromIndexSize(offset, length, source.length); // before anything is claimed
        return publishMessage(source, null, offset, length, receiveNanos);
    }

    @Override
    public long publish(final ByteBuffer source)
    {
        return publishMessage(null, source, source.position(), source.remaining(), System.nanoTime());
    }

    /**
     * One data message from {@code array} or {@code buffer} (the other is null). The common case, a
     * slot free in the ring and nothing queued, is this method alone; everything else (spilling,
     * dropping, waiting, and the flight-recorder events those start) is in {@link #overflow}.
     */
    private long publishMessage(
        final byte[] array, final ByteBuffer buffer, final int offset, final int length, final long receiveNanos)
    {
        if (closed)
        {
            return CLOSED;
        }
        final long sequence = claimDirect();
        if (sequence >= 0)
        {
            return fill(sequence, array, buffer, offset, length, receiveNanos);
        }
        return sequence == CLOSED ? CLOSED : overflow(array, buffer, offset, length, receiveNanos);
    }

    /** Copies the message into the claimed slot (or marks it too large) and publishes it. */
    private long fill(
        final long sequence, final byte[] array, final ByteBuffer buffer, final int offset, final int length,
        final long receiveNanos)
    {
        final InboundEvent event = ring.get(sequence);
        event.length = length;
        event.receiveNanos = receiveNanos;
        if (length > maxMessageBytes)
        {
            event.type = InboundEvent.TOO_LARGE;
        }
        else
        {
            event.type = InboundEvent.DATA;
            if (length > event.bytes.length)
            {
                event.bytes = new byte[length]; // once per slot, for the longest message it carries
            }
            copy(array, buffer, offset, length, event.bytes);
        }
        return accept(sequence);
    }

    /**
     * The ring has no room for the message, or spilled records are queued before it: by the policy,
     * it spills, drops, or waits for room (the first wait starts a {@code ReaderStall} event, if a
     * recording wants it, and the publish that ends the wait commits it).
     */
    private long overflow(
        final byte[] array, final ByteBuffer buffer, final int offset, final int length, final long receiveNanos)
    {
        final boolean tooLarge = length > maxMessageBytes;
        for (int idle = 0; ; idle++)
        {
            if (spill && openSpill(receiveNanos))
            {
                final long number = received.get();
                final byte[] payload;
                final int payloadOffset;
                if (tooLarge)
                {
                    payload = scratch;
                    payloadOffset = 0;
                }
                else if (array != null)
                {
                    payload = array;
                    payloadOffset = offset;
                }
                else
                {
                    payload = scratch(length);
                    copy(null, buffer, offset, length, payload);
                    payloadOffset = 0;
                }
                if (stage(tooLarge ? InboundEvent.TOO_LARGE : InboundEvent.DATA, 0,
                    receiveNanos, number, length, payload, payloadOffset, tooLarge ? 0 : length))
                {
                    received.increment(); // before the drainer can move it: never processed before counted
                    spilled.increment();
                    drainer.commit();
                    noteSpillSize();
                    return endStall(accepted++);
                }
            }
            if (dropWhenFull)
            {
                return endStall(drop());
            }
            if (spill && !spillFullReported)
            {
                spillFullReported = true; // once per spill: the next record in carries the news
                spillFullNote = true;
            }
            if (closed)
            {
                return endStall(CLOSED);
            }
            if (idle == 0)
            {
                beginStall(spill ? "spill store" : "ring");
            }
            idle(idle); // BLOCK: wait for room (in the ring, or in the spill store)
            final long sequence = claimDirect();
            if (sequence == CLOSED)
            {
                return endStall(CLOSED);
            }
            if (sequence != FULL)
            {
                return endStall(fill(sequence, array, buffer, offset, length, receiveNanos));
            }
        }
    }

    /**
     * A slot straight in the ring, its note stamped and any pending gap report published before it;
     * {@link #FULL} when the ring has no room or spilled records are queued (the message must spill,
     * wait or drop); {@link #CLOSED} if the pipeline closes meanwhile. While only a subscription change
     * is queued ahead (nothing spilled) and the ring has room for it, the drainer is about to put it
     * in: the message waits a moment behind it rather than starting a spill.
     */
    private long claimDirect()
    {
        abortOpenClaim(); // a claim left open: its slot is published (skipped) before anything after it
        for (int idle = 0; !drainer.isIdle(); idle++)
        {
            if (!drainer.isStoreEmpty() || ring.remainingCapacity() == 0)
            {
                return FULL; // behind spilled records, or a real overflow: the policy decides
            }
            if (closed)
            {
                return CLOSED;
            }
            idle(idle);
        }
        while (true)
        {
            final long sequence = tryNext();
            if (sequence == FULL)
            {
                return FULL;
            }
            if (!fillPendingGap(sequence)) // else that slot carried the gap report: claim another
            {
                stampNote(ring.get(sequence));
                return sequence;
            }
        }
    }

    private long accept(final long sequence)
    {
        received.increment(); // before the publish: never processed before counted
        ring.publish(sequence);
        return accepted++;
    }

    private long drop()
    {
        if (gapCount++ == 0)
        {
            gapFirst = received.get();
        }
        received.increment();
        dropped.increment();
        return DROPPED;
    }

    /**
     * Before the next direct publish, a pending gap report goes into {@code sequence} first.
     *
     * @return whether the slot was used.
     */
    private boolean fillPendingGap(final long sequence)
    {
        if (gapCount > 0)
        {
            final InboundEvent event = ring.get(sequence);
            stampNote(event);
            event.dropped(InboundEvent.GAP, gapCount, gapFirst, gapFirst + gapCount - 1);
            ring.publish(sequence);
            gapCount = 0;
            return true;
        }
        return false;
    }

    /** The first event published straight into the ring after a spill carries its {@code CaughtUp}. */
    private void stampNote(final InboundEvent event)
    {
        if (spilling)
        {
            event.note = InboundEvent.NOTE_CAUGHT_UP;
            event.noteCode = SpillDrainer.millisBetween(spillStart, drainer.emptiedNanos());
            endSpillEvent(true);
            spilling = false;
            spillFullReported = false;
            spillFullNote = false;
        }
        else
        {
            event.note = InboundEvent.NOTE_NONE;
        }
    }

    /** Appends to the store and hands it to the drainer at once (a status, an error, a gap report). */
    private boolean append(
        final int type, final int code, final long receiveNanos, final long first, final long second,
        final byte[] payload, final int offset, final int length)
    {
        if (!stage(type, code, receiveNanos, first, second, payload, offset, length))
        {
            return false;
        }
        drainer.commit();
        return true;
    }

    /**
     * Appends to the store, not yet visible to the drainer ({@link SpillDrainer#commit}); the first
     * record of a spill carries its {@code Spilling} note.
     */
    private boolean stage(
        final int type, final int code, final long receiveNanos, final long first, final long second,
        final byte[] payload, final int offset, final int length)
    {
        final int note = spillNote ? InboundEvent.NOTE_SPILLING : spillFullNote ? InboundEvent.NOTE_SPILL_FULL : 0;
        if (!drainer.stage(type | note << SpillDrainer.NOTE_SHIFT, code, receiveNanos, first, second, payload, offset,
            length))
        {
            return false;
        }
        if (spillNote)
        {
            spillNote = false;
        }
        else
        {
            spillFullNote = false;
        }
        return true;
    }

    /**
     * Before appending to the store: a spill starts (its first record will carry the {@code Spilling}
     * note), and a pending gap report goes in first.
     *
     * @return whether the gap report is in (or there was none); {@code false} if the store is full.
     */
    private boolean openSpill(final long receiveNanos)
    {
        if (!spilling)
        {
            spilling = true;
            spillNote = true;
            spillStart = receiveNanos;
            spills.increment();
            beginSpillEvent();
        }
        if (gapCount > 0)
        {
            if (!append(InboundEvent.GAP, 0, receiveNanos, gapFirst, gapCount, scratch, 0, 0))
            {
                return false;
            }
            gapCount = 0;
        }
        return true;
    }

    private void noteSpillSize()
    {
        final long held = store.bytesHeld();
        spillPeakBytes = Math.max(spillPeakBytes, held);
        final long largest = largestSpillBytes.get();
        if (held > largest)
        {
            largestSpillBytes.add(held - largest);
        }
    }

    private long tryNext()
    {
        try
        {
            return ring.tryNext();
        }
        catch (final InsufficientCapacityException full) // a preallocated singleton: no allocation
        {
            return FULL;
        }
    }

    private byte[] scratch(final int length)
    {
        if (scratch.length < length)
        {
            scratch = new byte[Math.max(length, scratch.length * 2)]; // grows to the longest, then reused
        }
        return scratch;
    }

    private static void copy(
        final byte[] array, final ByteBuffer buffer, final int offset, final int length, final byte[] target)
    {
        if (array != null)
        {
            System.arraycopy(array, offset, target, 0, length);
        }
        else
        {
            buffer.get(offset, target, 0, length);
        }
    }

    /** Spins briefly, then yields, then parks: a publish waiting for room must leave the cores to the consumers. */
    private static void idle(final int count)
    {
        if (count < 64)
        {
            Thread.onSpinWait();
        }
        else if (count < 128)
        {
            Thread.yield();
        }
        else
        {
            LockSupport.parkNanos(10_000);
        }
    }

    /**
     * The publishing thread has finished: hands any pending gap and open spill to the drainer, which
     * publishes the end marker after everything queued. The streamer thread's last call.
     */
    public void finish()
    {
        abortOpenClaim();
        if (spilling)
        {
            endSpillEvent(false);
        }
        drainer.finish(gapCount, gapFirst, spilling, spillStart);
        gapCount = 0;
    }

    /** {@code true}: a claim is the next ring slot while the ring has room (see {@link #claim}). */
    @Override
    public boolean claimsInPlace()
    {
        return true;
    }

    /**
     * The next ring slot, to be written in place, while the ring has room and nothing is queued before
     * it; else a scratch array, published at the commit as {@link #publish} would (spilled, dropped,
     * waited for, or too large). See {@link MessagePublisher#claim}.
     */
    @Override
    public MessageClaim claim(final int capacity)
    {
        if (capacity < 0)
        {
            throw new IllegalArgumentException("capacity must not be negative: " + capacity);
        }
        final long sequence = !closed && capacity <= maxMessageBytes ? claimDirect() : FULL; // aborts an open claim
        abortOpenClaim(); // when claimDirect was not called
        final RingClaim claim = this.claim;
        claim.open = true;
        if (sequence >= 0)
        {
            final InboundEvent event = ring.get(sequence);
            if (capacity > event.bytes.length)
            {
                event.bytes = new byte[capacity]; // once per slot, for the largest claim it serves
            }
            claim.sequence = sequence;
            claim.buffer = event.bytes;
            claim.capacity = Math.min(event.bytes.length, maxMessageBytes);
        }
        else
        {
            if (claimScratch.length < capacity)
            {
                claimScratch = new byte[Math.max(capacity, claimScratch.length * 2)]; // grows to the largest, then reused
            }
            claim.sequence = RingClaim.NO_SLOT;
            claim.buffer = claimScratch;
            claim.capacity = claimScratch.length;
        }
        return claim;
    }

    private long commitClaim(final int length, final long receiveNanos)
    {
        final RingClaim claim = this.claim;
        if (!claim.open)
        {
            throw new IllegalStateException("no open claim: committed or aborted already");
        }
        if (length < 0 || length > claim.capacity)
        {
            abortClaim();
            throw new IndexOutOfBoundsException("length " + length + " outside the claim's capacity " + claim.capacity +
                ": the claim is aborted");
        }
        claim.open = false;
        if (claim.sequence == RingClaim.NO_SLOT)
        {
            return publish(claim.buffer, 0, length, receiveNanos); // the overflow policy decides
        }
        final InboundEvent event = ring.get(claim.sequence);
        event.type = InboundEvent.DATA;
        event.length = length;
        event.receiveNanos = receiveNanos;
        return accept(claim.sequence);
    }

    private void abortClaim()
    {
        final RingClaim claim = this.claim;
        if (!claim.open)
        {
            throw new IllegalStateException("no open claim: committed or aborted already");
        }
        claim.open = false;
        if (claim.sequence != RingClaim.NO_SLOT)
        {
            final InboundEvent event = ring.get(claim.sequence); // a claimed slot is always published
            event.type = InboundEvent.SKIP;
            event.length = 0;
            event.receiveNanos = System.nanoTime();
            ring.publish(claim.sequence);
        }
    }

    private void abortOpenClaim()
    {
        if (claim.open)
        {
            abortClaim();
        }
    }

    /** The publisher's one claim, reused: a ring slot or the scratch array. Publishing thread. */
    private final class RingClaim implements MessageClaim
    {
        static final long NO_SLOT = -1;

        boolean open;
        long sequence = NO_SLOT;
        byte[] buffer;
        int capacity;

        @Override
        public byte[] buffer()
        {
            return buffer;
        }

        @Override
        public int offset()
        {
            return 0;
        }

        @Override
        public int capacity()
        {
            return capacity;
        }

        @Override
        public long commit(final int length, final long receiveNanos)
        {
            return commitClaim(length, receiveNanos);
        }

        @Override
        public void abort()
        {
            abortClaim();
        }
    }

    @Override
    public long publishStatus(final StatusKind kind, final int code, final CharSequence message)
    {
        Objects.requireNonNull(kind, "kind");
        return endStall(publishText(InboundEvent.STATUS, kind, null, code, message));
    }

    @Override
    public long publishError(final ErrorKind kind, final int code, final CharSequence message)
    {
        Objects.requireNonNull(kind, "kind");
        if (kind == ErrorKind.CONNECTION_ERROR || kind == ErrorKind.STREAMER_FAILURE)
        {
            throw new IllegalArgumentException(kind + " ends the stream: throw from Streamer.stream instead");
        }
        return endStall(publishText(InboundEvent.ERROR, null, kind, code, message));
    }

    /**
     * A status or error: straight into the ring, or behind the queue in the store; never dropped, so
     * it waits when neither has room.
     *
     * @return a non-negative number when published, or {@link #CLOSED}.
     */
    private long publishText(
        final int type, final StatusKind statusKind, final ErrorKind errorKind, final int code, final CharSequence text)
    {
        if (closed)
        {
            return CLOSED;
        }
        final CharSequence words = text != null ? text : "";
        final int chars = Utf8Text.chars(words);
        // Encoded before anything is claimed: a text that throws (or changes) claims nothing.
        final int length = Utf8Text.encode(words, chars, scratch(Utf8Text.maxBytes(chars)));
        for (int idle = 0; ; idle++)
        {
            final long sequence = claimDirect();
            if (sequence == CLOSED)
            {
                return CLOSED;
            }
            if (sequence != FULL)
            {
                final InboundEvent event = ring.get(sequence);
                event.type = type;
                if (length > event.bytes.length)
                {
                    event.bytes = new byte[length]; // once per slot, for the longest text it carries
                }
                System.arraycopy(scratch, 0, event.bytes, 0, length);
                event.length = length;
                event.statusKind = statusKind;
                event.errorKind = errorKind;
                event.code = code;
                event.receiveNanos = System.nanoTime();
                ring.publish(sequence);
                return accepted++;
            }
            final long now = System.nanoTime();
            if (spill && openSpill(now))
            {
                final int kind = statusKind != null ? statusKind.ordinal() : errorKind.ordinal();
                if (append(type, code, now, kind, 0, scratch, 0, length))
                {
                    noteSpillSize();
                    return accepted++;
                }
            }
            if (closed)
            {
                return CLOSED;
            }
            if (idle == 0)
            {
                beginStall(spill ? "spill store" : "ring");
            }
            idle(idle);
        }
    }

    /** A wait for room begins: a {@code ReaderStall} flight-recorder event starts, if a recording wants it. */
    private void beginStall(final String waitedFor)
    {
        if (stall == null && FlightEvents.readerStallEnabled())
        {
            stall = new ReaderStallEvent();
            stall.waitedFor = waitedFor;
            stall.begin();
        }
    }

    /** After a publish: a recorded wait ends (one null check when there was none). */
    private long endStall(final long result)
    {
        if (stall != null)
        {
            stall.commit();
            stall = null;
        }
        return result;
    }

    /** A spill begins: a {@code Spill} flight-recorder event starts, if a recording wants it. */
    private void beginSpillEvent()
    {
        spillPeakBytes = 0;
        if (FlightEvents.spillEnabled())
        {
            spillEvent = new SpillEvent();
            spilledAtStart = spilled.get();
            spillEvent.begin();
        }
    }

    /** A spill ends, caught up or with the stream: its event, if one was started, is committed. */
    private void endSpillEvent(final boolean caughtUp)
    {
        if (spillEvent != null)
        {
            spillEvent.messages = spilled.get() - spilledAtStart;
            spillEvent.largestBytes = spillPeakBytes;
            spillEvent.caughtUp = caughtUp;
            spillEvent.commit();
            spillEvent = null;
        }
    }
}
