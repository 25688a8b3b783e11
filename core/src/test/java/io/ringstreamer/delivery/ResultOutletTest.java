package io.ringstreamer.delivery;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A shard's outlet into the results ring holds its published results back until the end of its batch: they become
 * visible together, only its own slots are made visible (other producers claim between them), and a producer never
 * waits for room while holding slots back, so producers cannot wait on each other through the administrator.
 */
final class ResultOutletTest
{
    @Test
    void shouldMakeHeldResultsVisibleOnlyAtTheEndOfTheBatchWhenOneProducerPublishes()
    {
        final RingBuffer<ResultEvent> results = RingBuffer.createSingleProducer(() -> new ResultEvent(1), 16);
        results.addGatingSequences(new Sequence());
        final ResultOutlet outlet = ResultOutlet.throughRing(results, 8);

        for (int i = 0; i < 3; i++)
        {
            outlet.publish(outlet.claim(), i);
        }
        assertEquals(-1, results.getCursor(), "held results are not visible before the batch ends");

        outlet.endOfBatch();
        assertEquals(2, results.getCursor());
        outlet.endOfBatch();
        assertEquals(2, results.getCursor(), "nothing held: nothing more published");
    }

    @Test
    void shouldMakeResultsVisibleWhenTheMostThatMayBeHeldIsReached()
    {
        final RingBuffer<ResultEvent> results = RingBuffer.createSingleProducer(() -> new ResultEvent(1), 16);
        results.addGatingSequences(new Sequence());
        final ResultOutlet outlet = ResultOutlet.throughRing(results, 4);

        for (int i = 0; i < 5; i++)
        {
            outlet.publish(outlet.claim(), i);
        }
        assertEquals(3, results.getCursor(), "the first four, when the fourth was held");
    }

    @Test
    void shouldPublishEachResultAtOnceWhenAtMostOneMayBeHeld()
    {
        final RingBuffer<ResultEvent> results = RingBuffer.createMultiProducer(() -> new ResultEvent(1), 16);
        results.addGatingSequences(new Sequence());
        final ResultOutlet outlet = ResultOutlet.throughRing(results, 1);

        outlet.publish(outlet.claim(), 0);
        assertTrue(results.isAvailable(0));
    }

    @Test
    void shouldMakeOnlyItsOwnSlotsVisibleWhenAnotherProducerClaimedBetweenThem()
    {
        final RingBuffer<ResultEvent> results = RingBuffer.createMultiProducer(() -> new ResultEvent(1), 16);
        results.addGatingSequences(new Sequence());
        final ResultOutlet first = ResultOutlet.throughRing(results, 8);
        final ResultOutlet second = ResultOutlet.throughRing(results, 8);

        first.publish(first.claim(), 0);   // 0
        second.publish(second.claim(), 0); // 1
        first.publish(first.claim(), 1);   // 2
        first.publish(first.claim(), 2);   // 3
        second.publish(second.claim(), 1); // 4
        first.endOfBatch();

        assertTrue(results.isAvailable(0));
        assertFalse(results.isAvailable(1), "the other producer's slot stays held");
        assertTrue(results.isAvailable(2));
        assertTrue(results.isAvailable(3));
        assertFalse(results.isAvailable(4));

        second.endOfBatch();
        assertTrue(results.isAvailable(1));
        assertTrue(results.isAvailable(4));
    }

    @Test
    void shouldRejectHoldingFewerThanOneResult()
    {
        final RingBuffer<ResultEvent> results = RingBuffer.createMultiProducer(() -> new ResultEvent(1), 16);
        final IllegalArgumentException thrown =
            assertThrows(IllegalArgumentException.class, () -> ResultOutlet.throughRing(results, 0));
        assertTrue(thrown.getMessage().contains("maxHeld"), thrown.getMessage());
    }

    /**
     * Two producers on a ring of 8 that may each hold 64 results and never end a batch: a producer that found the
     * ring full while holding slots back would wait for a consumer that waits for those very slots.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // fails, not hangs
    void shouldDeliverEveryResultInEachProducersOrderWhenTheRingIsSmallerThanWhatProducersMayHold()
        throws Exception
    {
        for (int iteration = 0; iteration < 200; iteration++)
        {
            final int perProducer = 2_000;
            final RingBuffer<ResultEvent> results =
                RingBuffer.createMultiProducer(() -> new ResultEvent(1), 8, new BlockingWaitStrategy());
            final Sequence consumed = new Sequence();
            results.addGatingSequences(consumed);
            final SequenceBarrier barrier = results.newBarrier();
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            final List<Thread> producers = new ArrayList<>();
            for (int producer = 0; producer < 2; producer++)
            {
                final ResultOutlet outlet = ResultOutlet.throughRing(results, 64);
                final int id = producer;
                final Thread thread = new Thread(() ->
                {
                    for (int i = 0; i < perProducer; i++)
                    {
                        final ResultEvent result = outlet.claim();
                        result.code = id;
                        result.droppedCount = i;
                        outlet.publish(result, i);
                    }
                    outlet.endOfBatch();
                }, "producer-" + producer);
                thread.setUncaughtExceptionHandler((t, ex) -> failure.set(ex));
                thread.setDaemon(true); // a deadlocked producer must not keep the test JVM alive
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
                    final ResultEvent result = results.get(sequence);
                    assertEquals(next[result.code]++, result.droppedCount, "producer " + result.code + "'s order");
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
}
