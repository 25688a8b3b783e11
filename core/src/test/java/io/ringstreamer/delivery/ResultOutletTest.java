package io.ringstreamer.delivery;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A shard's outlet into the results ring fills results in events of its own and moves them into the ring at the end
 * of its batch: together, in order, without a copy (the events swap with the slots'), and never an event that is
 * still in use on the other side.
 */
final class ResultOutletTest
{
    @Test
    void shouldMoveHeldResultsIntoTheRingOnlyAtTheEndOfTheBatch()
    {
        final RingBuffer<ResultSlot> results = singleProducer(16);
        final ResultOutlet outlet = ResultOutlet.throughRing(results, 8, 1);

        for (int i = 0; i < 3; i++)
        {
            publish(outlet, 0, i);
        }
        assertEquals(-1, results.getCursor(), "held results are not in the ring before the batch ends");

        outlet.endOfBatch();
        assertEquals(2, results.getCursor());
        for (int i = 0; i < 3; i++)
        {
            assertEquals(i, results.get(i).event().droppedCount);
        }
        outlet.endOfBatch();
        assertEquals(2, results.getCursor(), "nothing held: nothing more published");
    }

    @Test
    void shouldRunTheBeforeDeliveryActionOnceForEachGroupBeforeItEntersTheRing()
    {
        final RingBuffer<ResultSlot> results = singleProducer(16);
        final ResultOutlet outlet = ResultOutlet.throughRing(results, 4, 1);
        final List<Long> cursorsSeen = new ArrayList<>();
        outlet.beforeDelivery(() -> cursorsSeen.add(results.getCursor()));

        for (int i = 0; i < 6; i++)
        {
            publish(outlet, 0, i); // the fourth moves the first group
        }
        outlet.endOfBatch(); // the other two
        outlet.endOfBatch(); // nothing held: no action

        assertEquals(List.of(-1L, 3L), cursorsSeen, "run before each group, never with nothing to move");
        assertEquals(5, results.getCursor());
    }

    @Test
    void shouldMoveResultsWhenTheMostThatMayBeHeldIsReached()
    {
        final RingBuffer<ResultSlot> results = singleProducer(16);
        final ResultOutlet outlet = ResultOutlet.throughRing(results, 4, 1);

        for (int i = 0; i < 5; i++)
        {
            publish(outlet, 0, i);
        }
        assertEquals(3, results.getCursor(), "the first four, when the fourth was held");
    }

    @Test
    void shouldPublishEachResultAtOnceWhenAtMostOneMayBeHeld()
    {
        final RingBuffer<ResultSlot> results = RingBuffer.createMultiProducer(() -> new ResultSlot(1), 16);
        results.addGatingSequences(new Sequence());
        final ResultOutlet outlet = ResultOutlet.throughRing(results, 1, 1);

        publish(outlet, 0, 7);
        assertTrue(results.isAvailable(0));
        assertEquals(7, results.get(0).event().droppedCount);
    }

    @Test
    void shouldKeepEachBatchTogetherWhenTwoProducersShareTheRing()
    {
        final RingBuffer<ResultSlot> results = RingBuffer.createMultiProducer(() -> new ResultSlot(1), 16);
        results.addGatingSequences(new Sequence());
        final ResultOutlet first = ResultOutlet.throughRing(results, 8, 1);
        final ResultOutlet second = ResultOutlet.throughRing(results, 8, 1);

        publish(first, 0, 0);
        publish(second, 1, 0);
        publish(first, 0, 1);
        publish(second, 1, 1);
        publish(first, 0, 2);
        second.endOfBatch();
        first.endOfBatch();

        final long[][] expected = {{1, 0}, {1, 1}, {0, 0}, {0, 1}, {0, 2}};
        for (int i = 0; i < expected.length; i++)
        {
            assertTrue(results.isAvailable(i));
            assertEquals(expected[i][0], results.get(i).event().code, "slot " + i + "'s producer");
            assertEquals(expected[i][1], results.get(i).event().droppedCount, "slot " + i + "'s result");
        }
    }

    @Test
    void shouldRejectHoldingFewerThanOneResultOrMoreThanTheRingHolds()
    {
        final RingBuffer<ResultSlot> results = singleProducer(16);
        for (final int maxHeld : new int[] {0, 17})
        {
            final IllegalArgumentException thrown =
                assertThrows(IllegalArgumentException.class, () -> ResultOutlet.throughRing(results, maxHeld, 1));
            assertTrue(thrown.getMessage().contains("maxHeld") && thrown.getMessage().contains("16"),
                thrown.getMessage());
        }
    }

    /**
     * Two producers on a ring of 8, each holding up to 8 results and ending batches at random, against a consumer
     * that checks every result: each producer's order, and values intact (an event still in the ring, or still
     * being read, must never be handed back to a producer to fill).
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // fails, not hangs
    void shouldDeliverEveryResultIntactInEachProducersOrderWhenTwoProducersShareASmallRing() throws Exception
    {
        for (int iteration = 0; iteration < 200; iteration++)
        {
            final int perProducer = 2_000;
            final RingBuffer<ResultSlot> results =
                RingBuffer.createMultiProducer(() -> new ResultSlot(1), 8, new BlockingWaitStrategy());
            final Sequence consumed = new Sequence();
            results.addGatingSequences(consumed);
            final SequenceBarrier barrier = results.newBarrier();
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            final List<Thread> producers = new ArrayList<>();
            for (int producer = 0; producer < 2; producer++)
            {
                final ResultOutlet outlet = ResultOutlet.throughRing(results, 8, 1);
                final int id = producer;
                final Thread thread = new Thread(() ->
                {
                    final SplittableRandom random = new SplittableRandom(id);
                    for (int i = 0; i < perProducer; i++)
                    {
                        publish(outlet, id, i);
                        if (random.nextInt(5) == 0)
                        {
                            outlet.endOfBatch();
                        }
                    }
                    outlet.endOfBatch();
                }, "producer-" + producer);
                thread.setUncaughtExceptionHandler((t, ex) -> failure.set(ex));
                thread.setDaemon(true); // a stuck producer must not keep the test JVM alive
                producers.add(thread);
                thread.start();
            }

            final long[] next = new long[2];
            long sequence = 0;
            while (sequence < 2L * perProducer)
            {
                final long available = barrier.waitFor(sequence);
                for (; sequence <= available; sequence++)
                {
                    final ResultEvent result = results.get(sequence).event();
                    final int producer = result.code;
                    final long count = result.droppedCount;
                    assertEquals(next[producer]++, count, "producer " + producer + "'s order");
                    assertEquals(count * 3, result.firstDropped, "an event filled while still in use");
                    assertEquals(-count, result.lastDropped, "an event filled while still in use");
                }
                consumed.set(available);
            }
            for (final Thread producer : producers)
            {
                producer.join();
            }
            assertNull(failure.get());
            assertEquals(perProducer, next[0]);
            assertEquals(perProducer, next[1]);
        }
    }

    private static RingBuffer<ResultSlot> singleProducer(final int size)
    {
        final RingBuffer<ResultSlot> results = RingBuffer.createSingleProducer(() -> new ResultSlot(1), size);
        results.addGatingSequences(new Sequence());
        return results;
    }

    /** Claims, fills (the producer in code, the count in three fields) and publishes one result. */
    private static void publish(final ResultOutlet outlet, final int producer, final long count)
    {
        final ResultEvent result = outlet.claim();
        result.code = producer;
        result.droppedCount = count;
        result.firstDropped = count * 3;
        result.lastDropped = -count;
        outlet.publish(result, count);
    }
}
