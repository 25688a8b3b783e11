package io.ringstreamer.inbound;

import io.ringstreamer.source.SpillStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The in-memory spill store grows to the backlog it has held, not to its budget: traffic many times
 * the budget through a small backlog allocates the chunks that backlog needs and no more, and every
 * record comes back in order. The writer and the reader are one thread here (the store's contract is
 * one of each); the pipeline's two-thread use is covered by SpillTest.
 */
@Timeout(60)
class MemorySpillStoreTest
{
    private static final int CHUNK = 1 << 20;
    private static final int BUDGET_CHUNKS = 16;
    private static final int PAYLOAD = 200;
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    private final byte[] payload = new byte[PAYLOAD];
    private final Checker checker = new Checker();

    @Test
    void shouldReuseOneChunkWhenTheBacklogStaysSmall()
    {
        final MemorySpillStore store = new MemorySpillStore((long)BUDGET_CHUNKS * CHUNK, PAYLOAD);
        final long records = 10L * BUDGET_CHUNKS * CHUNK / recordBytes(); // ten times the budget passes through
        final long before = THREADS.getCurrentThreadAllocatedBytes();
        for (long i = 0; i < records; i++)
        {
            append(store, i);
            assertTrue(store.read(checker));
        }
        final long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertEquals(records, checker.next);
        assertTrue(allocated < 3L * CHUNK, "a backlog of one record holds at most two chunks, allocated " + allocated);
    }

    @Test
    void shouldGrowToTheLargestBacklogHeldAndNoFurther()
    {
        final MemorySpillStore store = new MemorySpillStore((long)BUDGET_CHUNKS * CHUNK, PAYLOAD);
        final long burst = 3L * CHUNK / recordBytes(); // a backlog of three chunks, then drained, again and again
        final long before = THREADS.getCurrentThreadAllocatedBytes();
        long appended = 0;
        while (appended < 10L * BUDGET_CHUNKS * CHUNK / recordBytes())
        {
            for (long i = 0; i < burst; i++)
            {
                append(store, appended++);
            }
            while (store.read(checker))
            {
                // drained in order, checked by the checker
            }
            assertEquals(0, store.bytesHeld());
        }
        final long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertEquals(appended, checker.next);
        assertTrue(allocated < 6L * CHUNK, "a backlog of three chunks holds at most five, allocated " + allocated);
    }

    @Test
    void shouldRefuseARecordPastTheBudgetAndTakeItOnceDrained()
    {
        final MemorySpillStore store = new MemorySpillStore(2L * CHUNK, PAYLOAD);
        long appended = 0;
        while (append(store, appended))
        {
            appended++;
        }
        assertTrue(appended * recordBytes() > CHUNK, "more than a chunk was held: " + appended);
        assertTrue(store.read(checker));
        assertTrue(append(store, appended++), "the space one record left is reused");
        while (store.read(checker))
        {
            // drained in order
        }
        assertEquals(appended, checker.next);
        assertFalse(store.read(checker));
    }

    @Test
    void shouldHandEveryRecordOverInOrderBetweenAWriterAndAReaderThread() throws Exception
    {
        for (int round = 0; round < 5; round++)
        {
            final MemorySpillStore store = new MemorySpillStore(4L * CHUNK, 4096);
            final long records = 400_000;
            final SplittableRandom random = new SplittableRandom(round);
            final Thread writer = new Thread(() ->
            {
                final byte[] bytes = new byte[4096];
                final SplittableRandom sizes = new SplittableRandom(random.nextLong());
                for (long i = 0; i < records; i++)
                {
                    final int length = 2 + sizes.nextInt(4095); // varied, so records pad out chunks' ends
                    bytes[0] = (byte)i;
                    bytes[length - 1] = (byte)(i >>> 8);
                    while (!store.append(1, length, i, i, -i, bytes, 0, length))
                    {
                        Thread.onSpinWait(); // full: the reader frees space
                    }
                }
            }, "spill-writer");
            writer.start();
            final long[] next = new long[1];
            final SpillStore.RecordHandler reader = (type, code, receiveNanos, first, second, bytes, offset, length) ->
            {
                assertEquals(next[0], first);
                assertEquals(-next[0], second);
                assertEquals(code, length);
                assertEquals((byte)next[0], bytes[offset]);
                assertEquals((byte)(next[0] >>> 8), bytes[offset + length - 1]);
                next[0]++;
            };
            while (next[0] < records)
            {
                if (!store.read(reader) || random.nextInt(4096) == 0)
                {
                    for (int pause = random.nextInt(20_000); pause > 0; pause--)
                    {
                        Thread.onSpinWait(); // the reader falls behind now and then: the backlog varies
                    }
                }
            }
            writer.join();
            assertFalse(store.read(reader));
            assertEquals(records, next[0]);
        }
    }

    private boolean append(final MemorySpillStore store, final long sequence)
    {
        payload[0] = (byte)sequence;
        payload[PAYLOAD - 1] = (byte)(sequence >>> 8);
        return store.append(1, 2, sequence, sequence, -sequence, payload, 0, PAYLOAD);
    }

    private static int recordBytes()
    {
        return (MemorySpillStore.HEADER_BYTES + PAYLOAD + 7) & ~7;
    }

    /** Every record comes back whole and in the order appended. */
    private static final class Checker implements SpillStore.RecordHandler
    {
        long next;

        @Override
        public void onRecord(final int type, final int code, final long receiveNanos, final long first,
            final long second, final byte[] bytes, final int offset, final int length)
        {
            assertEquals(next, first);
            assertEquals(-next, second);
            assertEquals(PAYLOAD, length);
            assertEquals((byte)next, bytes[offset]);
            assertEquals((byte)(next >>> 8), bytes[offset + PAYLOAD - 1]);
            next++;
        }
    }
}
