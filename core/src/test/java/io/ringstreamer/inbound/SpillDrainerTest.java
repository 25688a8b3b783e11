package io.ringstreamer.inbound;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import io.ringstreamer.metrics.internal.PaddedCounter;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The drainer moves a long spill into a full ring that a consumer frees a slot at a time (as a shard does): every
 * record arrives once and in order, and the drainer waits for room about once per quarter of the ring, not once
 * per record (which cost a park and a wake-up per message, taken from the shards).
 */
@Timeout(60)
class SpillDrainerTest
{
    private static final int RING = 1024;
    private static final int RECORDS = 10_000;

    @RepeatedTest(5)
    void shouldMoveEveryRecordInOrderAndWaitForRoomOncePerQuarterRingWhenTheRingStaysFull() throws Exception
    {
        final RingBuffer<InboundEvent> ring =
            RingBuffer.createMultiProducer(() -> new InboundEvent(64), RING, new BlockingWaitStrategy());
        final Sequence consumed = new Sequence();
        ring.addGatingSequences(consumed);
        final SpillDrainer drainer =
            new SpillDrainer(ring, new MemorySpillStore(16L << 20, 64), new PaddedCounter());
        final byte[] payload = new byte[8];
        for (long i = 0; i < RECORDS; i++) // all spilled before the drainer starts: the ring fills at once
        {
            java.nio.ByteBuffer.wrap(payload).putLong(i);
            assertTrue(drainer.stage(InboundEvent.DATA, 0, i, i, 0, payload, 0, payload.length));
            drainer.commit();
        }
        drainer.finish(0, 0, false, 0);

        final AtomicReference<String> problem = new AtomicReference<>();
        final Thread consumer = new Thread(() -> consume(ring, consumed, problem), "consumer");
        consumer.start();
        final Thread drainerThread = new Thread(drainer, "drainer");
        drainerThread.start();
        consumer.join();
        drainerThread.join();

        assertNull(problem.get());
        assertEquals(0, drainer.backlog());
        assertTrue(drainer.roomWaits() <= RECORDS / (RING / 4) * 2,
            "waited for room " + drainer.roomWaits() + " times moving " + RECORDS + " records through a ring of " + RING);
    }

    /** Takes each event, in order, with a little work, and frees its slot at once, as a shard does. */
    private static void consume(final RingBuffer<InboundEvent> ring, final Sequence consumed,
        final AtomicReference<String> problem)
    {
        for (long next = 0; ; next++)
        {
            while (!ring.isAvailable(next))
            {
                Thread.onSpinWait();
            }
            final InboundEvent event = ring.get(next);
            if (event.type == InboundEvent.END_OF_STREAM)
            {
                if (next != RECORDS)
                {
                    problem.set("the end after " + next + " records");
                }
                consumed.set(next);
                return;
            }
            final long value = java.nio.ByteBuffer.wrap(event.bytes, 0, 8).getLong();
            if (event.type != InboundEvent.DATA || value != next)
            {
                problem.compareAndSet(null, "record " + next + " was " + value + " of type " + event.type);
            }
            final long until = System.nanoTime() + 10_000; // 10 µs a message, as heavy work: slower than a park
            while (System.nanoTime() < until)
            {
                Thread.onSpinWait();
            }
            consumed.set(next);
        }
    }
}
