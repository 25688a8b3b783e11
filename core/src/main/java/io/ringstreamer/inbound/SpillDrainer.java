package io.ringstreamer.inbound;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import io.ringstreamer.Pipeline;
import io.ringstreamer.metrics.internal.PaddedCounter;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.StatusKind;
import io.ringstreamer.source.SpillStore;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The pipeline's second way into the inbound ring, on its own thread ({@code <name>-drainer}): moves
 * what the streamer spilled while the ring was full into the ring as room appears, oldest first; puts
 * subscription changes into the ring at their place in the stream; and, once the streamer has finished,
 * publishes the end marker after everything else. It waits for room so that no other thread has to:
 * neither the streamer (which spills instead) nor a thread calling {@code Pipeline.subscribe} (which
 * only queues its change), so a listener or component may change subscriptions without deadlock.
 *
 * <p>Order. The streamer publishes straight into the ring only while nothing is queued here
 * ({@link #isIdle()}: no spilled record waiting and no subscription change waiting); otherwise it
 * appends to the spill store behind what is there. A subscription change is tagged with the number of
 * records spilled when it was queued and goes into the ring after exactly those: so it takes effect
 * after every message received before the call that made it, and before every message received after.
 *
 * <p>Threads: {@link #append} and {@link #finish} by the publishing thread (one at a time);
 * {@link #enqueueControl} by any thread (serialised by the pipeline's subscription lock);
 * {@link #abandonAt} by a closing thread; {@link #run} by the drainer thread, which owns the reading
 * side of the store and the counters it writes.
 */
public final class SpillDrainer implements Runnable
{
    /** A spilled record's type carries its note ({@link InboundEvent#note}) in the bits from here up. */
    static final int NOTE_SHIFT = 8;
    private static final long FULL = -1;
    private static final long MIN_PARK_NANOS = 20_000;
    private static final long MAX_PARK_NANOS = 1_000_000;
    private static final StatusKind[] STATUS_KINDS = StatusKind.values();
    private static final ErrorKind[] ERROR_KINDS = ErrorKind.values();

    private final RingBuffer<InboundEvent> ring;
    private final SpillStore store;
    private final PaddedCounter abandoned;
    private final ConcurrentLinkedQueue<Control> controls = new ConcurrentLinkedQueue<>();
    private final AtomicInteger controlsPending = new AtomicInteger();
    private final SpillStore.RecordHandler mover = this::move;
    private final long maxParkNanos;
    private volatile Thread thread;
    private volatile boolean parked;

    /** Records appended to the store: written by the publishing thread (volatile, see {@link #append}). */
    private volatile long appended;
    /** Records moved into the ring (or abandoned): written by the drainer thread. */
    private volatile long drained;
    /** When the store last became empty ({@code System.nanoTime()}), or 0: written by the drainer thread. */
    private volatile long emptiedNanos;
    /** Waits for room in the ring: written by the drainer thread. */
    private volatile long roomWaits;

    // Set once by the publishing thread when it has finished, read by the drainer.
    private volatile boolean finishing;
    private long finalGapCount;
    private long finalGapFirst;
    private boolean finalSpilling;
    private long finalSpillStart;

    private volatile boolean deadlineSet;
    private volatile long deadlineNanos;

    // Drainer-thread state: what it is abandoning after the close deadline.
    private boolean abandoning;
    private long abandonedCount;
    private long abandonedFirst = -1;
    private long abandonedLast = -1;

    public SpillDrainer(final RingBuffer<InboundEvent> ring, final SpillStore store, final PaddedCounter abandoned)
    {
        this.ring = ring;
        this.store = store;
        this.abandoned = abandoned;
        this.maxParkNanos = Math.max(MIN_PARK_NANOS, Math.min(MAX_PARK_NANOS, ring.getBufferSize() / 4 * 250L));
    }

    /** Whether nothing is queued: the publishing thread may go straight into the ring. Any thread. */
    boolean isIdle()
    {
        return controlsPending.get() == 0 && appended == drained;
    }

    /** Whether no spilled record is waiting (a subscription change may be). Any thread. */
    boolean isStoreEmpty()
    {
        return appended == drained;
    }

    /** Records waiting in the store now; any thread. */
    public long backlog()
    {
        return Math.max(0, appended - drained);
    }

    /** When the store last became empty ({@code System.nanoTime()}), or 0 if it never held anything. */
    long emptiedNanos()
    {
        return emptiedNanos;
    }

    /**
     * Appends a record to the store behind everything queued, not yet for the drainer: {@link #commit}
     * hands it over (so the publisher can count a message before it can be processed). Publishing
     * thread only.
     *
     * @return {@code false} if the store is at its budget (nothing appended).
     */
    boolean stage(
        final int type, final int code, final long receiveNanos, final long first, final long second,
        final byte[] payload, final int offset, final int length)
    {
        return store.append(type, code, receiveNanos, first, second, payload, offset, length);
    }

    /** Hands the record just staged to the drainer. Publishing thread only. */
    void commit()
    {
        appended = appended + 1; // a volatile store: orders it before the read of parked below
        if (parked)
        {
            LockSupport.unpark(thread);
        }
    }

    /**
     * Queues a subscription change to go into the ring after every record spilled so far. Any thread,
     * one at a time; never waits for room.
     */
    public void enqueueControl(final int type, final String symbol, final int symbolId)
    {
        controlsPending.incrementAndGet(); // first: from now on the streamer queues behind it
        controls.add(new Control(type, symbol, symbolId, appended));
        wake();
    }

    /**
     * The publishing thread has published its last record: once everything queued is in the ring, the
     * drainer publishes any pending gap of dropped messages, a {@code CAUGHT_UP} status if a spill
     * was still open, then the end marker, and ends.
     */
    void finish(final long gapCount, final long gapFirst, final boolean spilling, final long spillStart)
    {
        finalGapCount = gapCount;
        finalGapFirst = gapFirst;
        finalSpilling = spilling;
        finalSpillStart = spillStart;
        finishing = true; // a volatile store after the plain ones: the drainer reads them after it
        wake();
    }

    /**
     * After {@code deadline} ({@code System.nanoTime()}), stop waiting for room: what is still spilled
     * is discarded, counted as abandoned and reported as one {@code MessagesDropped} error before the
     * end marker. Any thread; the earliest deadline wins.
     */
    public void abandonAt(final long deadline)
    {
        synchronized (this)
        {
            if (!deadlineSet || deadline - deadlineNanos < 0)
            {
                deadlineNanos = deadline;
                deadlineSet = true;
            }
        }
        wake();
    }

    private void wake()
    {
        final Thread drainer = thread;
        if (drainer != null)
        {
            LockSupport.unpark(drainer);
        }
    }

    @Override
    public void run()
    {
        thread = Thread.currentThread();
        while (true)
        {
            if (moveOne())
            {
                continue;
            }
            if (finishing)
            {
                if (moveOne())
                {
                    continue; // appended just before finishing
                }
                end();
                return;
            }
            parked = true; // a volatile store, then volatile reads of what would wake us
            if (controlsPending.get() == 0 && appended == drained && !finishing)
            {
                LockSupport.park(this);
            }
            parked = false;
        }
    }

    /** Moves the next control or record into the ring; {@code false} if there was none. */
    private boolean moveOne()
    {
        final Control control = controls.peek();
        if (control != null && control.tag <= drained)
        {
            if (!abandoning)
            {
                publishControl(control);
            }
            controls.poll();
            controlsPending.decrementAndGet(); // after it is in the ring: the streamer may go direct again
            return true;
        }
        if (drained < appended && store.read(mover)) // only committed records
        {
            final long moved = drained + 1;
            if (moved == appended)
            {
                emptiedNanos = System.nanoTime();
            }
            drained = moved;
            return true;
        }
        return false;
    }

    /** A spilled record: into the next slot of the ring, or counted as abandoned after the deadline. */
    private void move(
        final int notedType, final int code, final long receiveNanos, final long first, final long second,
        final byte[] payload, final int offset, final int length)
    {
        final int type = notedType & ((1 << NOTE_SHIFT) - 1);
        final long sequence = abandoning ? FULL : claim();
        if (sequence == FULL)
        {
            if (type == InboundEvent.DATA || type == InboundEvent.TOO_LARGE)
            {
                abandoned.increment();
                abandonedCount++;
                if (abandonedFirst < 0)
                {
                    abandonedFirst = first;
                }
                abandonedLast = first;
            }
            return; // a status, an error or a gap report (its drops already counted) goes with the spill
        }
        final InboundEvent event = ring.get(sequence);
        event.type = type;
        event.note = notedType >>> NOTE_SHIFT;
        event.code = code;
        event.receiveNanos = receiveNanos;
        event.length = length;
        switch (type)
        {
            case InboundEvent.DATA:
                if (length > event.bytes.length)
                {
                    event.bytes = new byte[length]; // once per slot, for the longest message it carries
                }
                System.arraycopy(payload, offset, event.bytes, 0, length);
                break;
            case InboundEvent.TOO_LARGE:
                event.length = (int)second;
                break;
            case InboundEvent.STATUS:
            case InboundEvent.ERROR:
                if (length > event.bytes.length)
                {
                    event.bytes = new byte[length];
                }
                System.arraycopy(payload, offset, event.bytes, 0, length);
                if (type == InboundEvent.STATUS)
                {
                    event.statusKind = STATUS_KINDS[(int)first];
                }
                else
                {
                    event.errorKind = ERROR_KINDS[(int)first];
                }
                break;
            case InboundEvent.GAP:
                event.dropped(InboundEvent.GAP, second, first, first + second - 1);
                event.receiveNanos = receiveNanos; // when the gap was spilled, as for every record
                break;
            default:
                throw new IllegalStateException("unknown spilled record type " + type); // a bug of ours
        }
        ring.publish(sequence);
    }

    private void publishControl(final Control control)
    {
        final long sequence = claim();
        if (sequence == FULL)
        {
            return; // the close deadline passed with the ring still full: the stream is ending anyway
        }
        final InboundEvent event = ring.get(sequence);
        event.type = control.type;
        event.note = InboundEvent.NOTE_NONE;
        event.length = 0;
        event.symbol = control.symbol;
        event.symbolId = control.symbolId;
        event.receiveNanos = System.nanoTime();
        ring.publish(sequence);
    }

    /** The end: pending gap, abandoned report, {@code CAUGHT_UP}, then the end marker (always). */
    private void end()
    {
        if (finalGapCount > 0)
        {
            final long sequence = claim();
            if (sequence != FULL)
            {
                final InboundEvent event = ring.get(sequence);
                event.note = InboundEvent.NOTE_NONE;
                event.dropped(InboundEvent.GAP, finalGapCount, finalGapFirst, finalGapFirst + finalGapCount - 1);
                ring.publish(sequence);
            }
        }
        if (abandonedCount > 0)
        {
            final long sequence = ring.next(); // waits: the report and the end marker must go in
            final InboundEvent event = ring.get(sequence);
            event.note = InboundEvent.NOTE_NONE;
            event.dropped(InboundEvent.ABANDONED, abandonedCount, abandonedFirst, abandonedLast);
            ring.publish(sequence);
        }
        final long end = ring.next();
        final InboundEvent event = ring.get(end);
        event.type = InboundEvent.END_OF_STREAM;
        event.note = finalSpilling && abandonedCount == 0 ? InboundEvent.NOTE_CAUGHT_UP : InboundEvent.NOTE_NONE;
        event.noteCode = millisBetween(finalSpillStart, emptiedNanos);
        event.length = 0;
        event.receiveNanos = System.nanoTime();
        ring.publish(end);
    }

    /** Whole milliseconds from {@code start} to {@code end} ({@code System.nanoTime()}), for a note's code. */
    static int millisBetween(final long start, final long end)
    {
        return (int)Math.min(Integer.MAX_VALUE, Math.max(0, end - start) / 1_000_000);
    }

    /**
     * The next free slot, waiting for room; {@link #FULL} once the close deadline has passed (and from
     * then on: the drainer is abandoning). A full ring holds a backlog, and the shards free it a slot at a
     * time: waking for each slot to put one more record in cost a park and a wake-up per message (1.3 to
     * 2 µs of CPU a message on heavy work, taken from the shards on 2 cores). So it waits until a quarter
     * of the ring is free (or room for everything waiting, if less), backing off, then fills that room
     * without waiting; the shards still hold three quarters of a ring of work meanwhile.
     */
    private long claim()
    {
        while (true)
        {
            try
            {
                return ring.tryNext();
            }
            catch (final InsufficientCapacityException full) // a preallocated singleton: no allocation
            {
                if (!waitForRoom())
                {
                    abandoning = true;
                    return FULL;
                }
            }
        }
    }

    /** Parks until room for a batch is free; {@code false} once the close deadline has passed. */
    private boolean waitForRoom()
    {
        roomWaits = roomWaits + 1; // single writer
        final long wanted = Math.max(1, Math.min(ring.getBufferSize() / 4, appended - drained + controlsPending.get()));
        long park = MIN_PARK_NANOS;
        do
        {
            if (deadlineSet && System.nanoTime() - deadlineNanos >= 0)
            {
                return false;
            }
            LockSupport.parkNanos(park);
            park = Math.min(maxParkNanos, park * 2); // at most about what a quarter of the ring takes a fast shard
        }
        while (ring.remainingCapacity() < wanted);
        return true;
    }

    /** How many times the drainer has found the ring full and waited for room. Drainer thread writes; any thread. */
    public long roomWaits()
    {
        return roomWaits;
    }

    /** A queued subscription change: its type, symbol and id, and how many records were spilled before it. */
    private record Control(int type, String symbol, int symbolId, long tag)
    {
    }
}
