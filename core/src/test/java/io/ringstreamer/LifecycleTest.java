package io.ringstreamer;

import io.ringstreamer.metrics.MetricsSnapshot;
import io.ringstreamer.result.BarView;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.ErrorView;
import io.ringstreamer.result.ResultListener;
import io.ringstreamer.source.MessagePublisher;
import io.ringstreamer.testing.CollectingListener;
import io.ringstreamer.testing.CyclingStreamer;
import io.ringstreamer.testing.SyntheticBars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(120)
class LifecycleTest
{
    private static final List<String> SYMBOLS = SyntheticBars.symbols(16);
    private static final List<byte[]> MESSAGES = SyntheticBars.messages(SYMBOLS, 4, 512, 7);

    private static Pipeline.Builder builder(final CyclingStreamer streamer, final ResultListener listener, final int shards)
    {
        // An endless feed outruns the shards and spills: a 256 KiB store keeps the drain at close short.
        return Pipeline.builder().symbols(SYMBOLS).shards(shards).ringSize(256).resultRingSize(256)
            .maxMessageBytes(4096).spillBudget(256 << 10)
            .streamer(streamer).listener(listener);
    }

    private static void assertAllThreadsEnded(final Pipeline pipeline)
    {
        for (final Thread thread : pipeline.threads())
        {
            assertFalse(thread.isAlive(), thread.getName() + " still running");
        }
    }

    private static void assertConserved(final Pipeline pipeline, final long barsDelivered)
    {
        final MetricsSnapshot m = pipeline.metrics().snapshot();
        assertEquals(0, m.inFlight(), m.toString());
        assertEquals(m.received(), m.processed() + m.rejected() + m.dropped(), m.toString());
        assertEquals(m.processed() * 4, barsDelivered, "every accepted message's 4 bars were delivered: " + m);
    }

    @Test
    void shouldDeliverEverythingAndEndEveryThreadWhenClosedRightAfterStart() throws Exception
    {
        for (int i = 0; i < 300; i++)
        {
            final CollectingListener listener = new CollectingListener();
            final Pipeline pipeline = builder(new CyclingStreamer(MESSAGES, -1), listener, 1 + i % 3).build().start();
            pipeline.close();
            assertTrue(pipeline.isTerminated());
            assertEquals(1, listener.endCalls);
            assertEquals(List.of(), listener.errors, "a close is not an error");
            assertAllThreadsEnded(pipeline);
            assertConserved(pipeline, listener.barCount());
        }
    }

    @Test
    void shouldDeliverEverythingAcceptedWhenClosedUnderLoad() throws Exception
    {
        for (int i = 0; i < 50; i++)
        {
            final CountingListener listener = new CountingListener(1_000 + i * 200);
            final Pipeline pipeline = builder(new CyclingStreamer(MESSAGES, -1), listener, 1 + i % 3).build().start();
            assertTrue(listener.reached.await(30, TimeUnit.SECONDS));
            pipeline.close();
            assertTrue(pipeline.isTerminated());
            assertAllThreadsEnded(pipeline);
            assertConserved(pipeline, listener.bars.get());
            assertEquals(1, listener.ends.get());
        }
    }

    @Test
    void shouldBeIdempotentWhenClosedTwiceOrFromManyThreads() throws Exception
    {
        for (int i = 0; i < 50; i++)
        {
            final CountingListener listener = new CountingListener(100);
            final Pipeline pipeline = builder(new CyclingStreamer(MESSAGES, -1), listener, 2).build().start();
            final List<Thread> closers = new ArrayList<>();
            for (int c = 0; c < 4; c++)
            {
                closers.add(new Thread(pipeline::close));
            }
            closers.forEach(Thread::start);
            pipeline.close();
            for (final Thread closer : closers)
            {
                closer.join(TimeUnit.SECONDS.toMillis(30));
                assertFalse(closer.isAlive());
            }
            pipeline.close();
            assertTrue(pipeline.isTerminated());
            assertAllThreadsEnded(pipeline);
            assertEquals(1, listener.ends.get());
        }
    }

    @Test
    void shouldEndByItselfWhenTheStreamEnds() throws Exception
    {
        for (int i = 0; i < 50; i++)
        {
            final CountingListener listener = new CountingListener(Long.MAX_VALUE);
            final Pipeline pipeline = builder(new CyclingStreamer(MESSAGES, 5_000), listener, 1 + i % 4).build().start();
            assertTrue(pipeline.awaitTermination(30, TimeUnit.SECONDS));
            assertAllThreadsEnded(pipeline);
            assertEquals(5_000 * 4, listener.bars.get());
            assertEquals(0, listener.errors.get());
            assertConserved(pipeline, listener.bars.get());
        }
    }

    @Test
    void shouldStopWithoutWaitingWhenClosedFromTheListener() throws Exception
    {
        final AtomicLong bars = new AtomicLong();
        final Pipeline[] holder = new Pipeline[1];
        final CountDownLatch built = new CountDownLatch(1);
        final ResultListener closer = new ResultListener()
        {
            @Override
            public void onBar(final BarView bar)
            {
                if (bars.incrementAndGet() == 1_000)
                {
                    awaitQuietly(built);
                    holder[0].close(); // administrator thread: must not deadlock
                }
            }

            @Override
            public void onError(final ErrorView error)
            {
            }
        };
        final Pipeline pipeline = builder(new CyclingStreamer(MESSAGES, -1), closer, 2).build();
        holder[0] = pipeline;
        pipeline.start();
        built.countDown();
        assertTrue(pipeline.awaitTermination(30, TimeUnit.SECONDS));
        assertAllThreadsEnded(pipeline);
        assertConserved(pipeline, bars.get());
    }

    @Test
    void shouldReportAStreamerFailureAfterItsResultsWhenTheStreamerThrows() throws Exception
    {
        final CollectingListener listener = new CollectingListener();
        final Pipeline pipeline = Pipeline.builder().symbols(SYMBOLS).shards(2)
            .streamer(publisher ->
            {
                for (int i = 0; i < 100; i++)
                {
                    publisher.publish(MESSAGES.get(i), 0, MESSAGES.get(i).length);
                }
                throw new IllegalStateException("feed handler bug");
            })
            .listener(listener).build().start();
        assertTrue(pipeline.awaitTermination(30, TimeUnit.SECONDS));
        assertEquals(400, listener.barCount());
        assertEquals(401, listener.all.size());
        assertEquals(ErrorKind.STREAMER_FAILURE, listener.errors.get(0).kind());
        assertEquals("feed handler bug", listener.errors.get(0).message());
        assertEquals(listener.errors.get(0), listener.all.get(400));
    }

    @Test
    void shouldAcceptPublishingFromAnotherThreadOneAtATimeAndRefuseStartingTwice() throws Exception
    {
        final MessagePublisher[] leaked = new MessagePublisher[1];
        final CountDownLatch leakedReady = new CountDownLatch(1);
        final CountDownLatch tried = new CountDownLatch(1);
        final CollectingListener listener = new CollectingListener();
        final Pipeline pipeline = Pipeline.builder().symbols("A")
            .streamer(publisher ->
            {
                leaked[0] = publisher;
                leakedReady.countDown();
                tried.await();
            })
            .listener(listener).build().start();
        assertTrue(leakedReady.await(30, TimeUnit.SECONDS));
        // The streamer thread waits, so this thread's publish does not overlap it (a callback thread's case).
        assertEquals(0, leaked[0].publish(new byte[1], 0, 1));
        assertThrows(IllegalStateException.class, pipeline::start);
        tried.countDown();
        assertTrue(pipeline.awaitTermination(30, TimeUnit.SECONDS));
        assertEquals(MessagePublisher.CLOSED, leaked[0].publish(new byte[1], 0, 1), "closed after the end");
        assertEquals(1, pipeline.metrics().snapshot().received());
        assertEquals(1, pipeline.metrics().snapshot().rejected(), "one byte is no envelope");
        assertEquals(ErrorKind.MALFORMED_MESSAGE, listener.errors.get(0).kind());
    }

    @Test
    void shouldRejectBadSettingsWhenBuilding()
    {
        assertThrows(IllegalArgumentException.class, () -> Pipeline.builder().ringSize(1000));
        assertThrows(IllegalArgumentException.class, () -> Pipeline.builder().shards(0));
        assertThrows(IllegalArgumentException.class, () -> Pipeline.builder().symbols("A B"));
        assertThrows(IllegalStateException.class, () -> Pipeline.builder().streamer(p -> { }).listener(new CollectingListener()).build());
        assertThrows(NullPointerException.class, () -> Pipeline.builder().symbols("A").listener(new CollectingListener()).build());
    }

    @Test
    void shouldRefuseNullSymbolsABuilderUsedTwiceAndSayWhichWhenMisused()
    {
        final IllegalArgumentException nullSymbol =
            assertThrows(IllegalArgumentException.class, () -> Pipeline.builder().symbols("A", null));
        assertTrue(nullSymbol.getMessage().contains("symbols must not be null"), nullSymbol.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Pipeline.builder().symbols(java.util.Arrays.asList("A", null)));

        final Pipeline.Builder builder = Pipeline.builder().symbols("A").streamer(p -> { }).listener(new CollectingListener());
        try (Pipeline first = builder.build())
        {
            final IllegalStateException twice = assertThrows(IllegalStateException.class, builder::build);
            assertTrue(twice.getMessage().contains("one pipeline"), twice.getMessage());
            assertThrows(IllegalArgumentException.class, () -> first.subscribe("B", null));
            assertTrue(first.subscribe("B"), "added");
            assertFalse(first.subscribe("A", "B"), "both there already");
            assertTrue(first.unsubscribe("A", "Z"), "A removed");
            assertFalse(first.unsubscribe("Z"), "nothing to remove");
        }
    }

    @Test
    void shouldMakeEveryThreadWithTheBuildersFactoryAndNameItByRole() throws Exception
    {
        final java.util.List<Thread> made = new java.util.concurrent.CopyOnWriteArrayList<>();
        final Pipeline pipeline = builder(new CyclingStreamer(MESSAGES, 1_000), new CollectingListener(), 2)
            .name("factory-test")
            .threadFactory(task ->
            {
                final Thread thread = new Thread(task);
                thread.setDaemon(true);
                made.add(thread);
                return thread;
            })
            .build();
        assertEquals(pipeline.threads().size(), made.size(), "every pipeline thread from the factory");
        for (final Thread thread : pipeline.threads())
        {
            assertTrue(made.contains(thread));
            assertTrue(thread.isDaemon());
            assertTrue(thread.getName().startsWith("factory-test-"), thread.getName());
        }
        pipeline.start();
        assertTrue(pipeline.awaitTermination(60, TimeUnit.SECONDS));
    }

    private static void awaitQuietly(final CountDownLatch latch)
    {
        try
        {
            latch.await();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /** Counts results; trips a latch once {@code threshold} bars have arrived. */
    static final class CountingListener implements ResultListener
    {
        final AtomicLong bars = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final AtomicLong ends = new AtomicLong();
        final CountDownLatch reached = new CountDownLatch(1);
        private final long threshold;

        CountingListener(final long threshold)
        {
            this.threshold = threshold;
        }

        @Override
        public void onBar(final BarView bar)
        {
            if (bars.incrementAndGet() == threshold)
            {
                reached.countDown();
            }
        }

        @Override
        public void onError(final ErrorView error)
        {
            errors.incrementAndGet();
        }

        @Override
        public void onEndOfStream()
        {
            ends.incrementAndGet();
        }
    }
}
