package io.ringstreamer.cluster;

import io.ringstreamer.Pipeline;
import io.ringstreamer.format.Service;
import io.ringstreamer.result.Bar;
import io.ringstreamer.result.BarView;
import io.ringstreamer.result.ErrorView;
import io.ringstreamer.result.ResultListener;
import io.ringstreamer.result.StatusKind;
import io.ringstreamer.result.StatusView;
import io.ringstreamer.source.FileStreamer;
import io.ringstreamer.source.OverflowPolicy;
import io.ringstreamer.testing.CollectingListener;
import io.ringstreamer.testing.EqkerBars;
import io.ringstreamer.worker.Component;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A worker that stops (a component blocks its shard on a latch the test holds) does not stall the feed's source, and,
 * under the worker's default {@code SPILL}, not the other workers either. With the worker's pipeline under
 * {@code BLOCK}, the stream's flow control holds the feed, whose {@code SPILL} keeps its source going: the feed reads
 * the whole file while the worker is stuck, keeping what the stream has no room for in its spill. With the worker
 * under {@code SPILL} (its default), the stuck worker goes on reading the stream into its own spill store: the other
 * worker reads the whole stream and delivers every bar of its symbols while the first is still stuck, and the stuck
 * worker's {@code SPILLING} status reaches the administrator (once its shard goes on: the status comes from the
 * shard). The stuck worker's lag is measured ({@link WorkerNode#lag()}, {@link WorkerNode#spillBacklog()}), and
 * once it goes on every bar of both workers reaches the listener once, in order,
 * with the file's values. The feed stream is given 64 KiB terms (a 32 KiB receiver window), so the eqker file
 * (about 0.8 MB) is many windows. Workers run in this JVM, each with its own media driver, over UDP on 127.0.0.1.
 */
@Timeout(120)
class SlowWorkerTest
{
    @RepeatedTest(2)
    void shouldReadTheWholeSourceAndReportTheLagWhenAWorkerUnderBlockIsStuck(@TempDir final Path dir) throws Exception
    {
        run(dir, OverflowPolicy.BLOCK, (feed, workers, messages, listener) ->
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while ((feed.published() < messages || workers[1].node.lag() == 0) && System.nanoTime() - deadline < 0)
            {
                assertTrue(feed.receivers() == 2 && workers[1].thread.isAlive(), "worker 1 is still there");
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            assertTrue(feed.published() >= messages,
                "the feed read the whole source while worker 1 was stuck: " + feed.published() + " of " + messages);
            assertTrue(feed.spilled() > 0, "what the stream had no room for waited in the feed's spill");
            assertTrue(workers[1].node.lag() > 0, "worker 1 reports its lag");
            assertTrue(workers[1].node.maxLag() >= workers[1].node.lag());
            System.out.println("worker 1 stuck (BLOCK): lag " + workers[1].node.lag() + " bytes; the feed read " +
                feed.published() + " messages, " + feed.spilled() + " of them through its spill");
        });
    }

    @RepeatedTest(2)
    void shouldDeliverTheOtherWorkersBarsWhenAWorkerUnderSpillIsStuck(@TempDir final Path dir) throws Exception
    {
        run(dir, OverflowPolicy.SPILL, (feed, workers, messages, listener) ->
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (listener.workerZeroBars.get() < listener.workerZeroExpected && System.nanoTime() - deadline < 0)
            {
                assertTrue(workers[1].thread.isAlive(), "worker 1 is still there");
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            assertEquals(listener.workerZeroExpected, listener.workerZeroBars.get(),
                "every bar of worker 0's symbols arrived while worker 1 was stuck (feed published " +
                    feed.published() + " of " + messages + ", spilled " + feed.spilled() + "; worker 1's lag " +
                    workers[1].node.lag() + ", backlog " + workers[1].node.spillBacklog() + ")");
            assertEquals(messages, feed.published(), "the feed read the whole source");
            assertTrue(workers[1].node.spillBacklog() > 0, "worker 1 reports its backlog (what waits in its spill)");
            System.out.println("worker 1 stuck (SPILL): " + workers[1].node.spillBacklog() + " messages in its spill; " +
                "lag " + workers[1].node.lag() + " bytes; worker 0 delivered " +
                listener.workerZeroBars.get() + " bars meanwhile; the feed spilled " + feed.spilled());
        });
    }

    /** What the test checks while worker 1 is stuck. */
    private interface WhileStuck
    {
        void check(FeedNode feed, WorkerRun[] workers, int messages, CountingListener listener) throws Exception;
    }

    private static void run(final Path dir, final OverflowPolicy workerPolicy, final WhileStuck whileStuck)
        throws Exception
    {
        final Map<String, List<EqkerBars.Row>> rows = EqkerBars.oneMinute();
        final List<byte[]> messages = EqkerBars.canonicalMessages(rows);
        final Path file = EqkerBars.writeJsonLines(messages, dir.resolve("eqker-1min.jsonl"));
        final List<String> symbols = new ArrayList<>(new TreeSet<>(rows.keySet()));
        final String feedControl = WorkerProcesses.HOST + ":" + WorkerProcesses.freeUdpPort();
        final String adminEndpoint = WorkerProcesses.HOST + ":" + WorkerProcesses.freeUdpPort();
        final CountDownLatch stuck = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final Component blocker = (entry, out) ->
        {
            stuck.countDown();
            try
            {
                release.await();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        };
        final Set<String> workerZero = new HashSet<>();
        long workerZeroExpected = 0;
        for (int id = 0; id < symbols.size(); id += 2) // the feed's assignment: the symbol's id (its index) % workers
        {
            workerZero.add(symbols.get(id));
            workerZeroExpected += rows.get(symbols.get(id)).size();
        }
        final CountingListener listener = new CountingListener(workerZero, workerZeroExpected);
        final CollectingListener collected = listener.collected;
        final WorkerRun[] workers = new WorkerRun[2];
        try (EmbeddedAeron aeron = EmbeddedAeron.launch(dir.resolve("aeron-feed"));
             AdminNode admin = new AdminNode(aeron.aeron(), ClusterChannels.results(adminEndpoint), 2, listener,
                 Duration.ofSeconds(30), Duration.ofSeconds(60)))
        {
            admin.start();
            workers[0] = new WorkerRun(dir, 0, feedControl, adminEndpoint, builder -> { });
            workers[1] = new WorkerRun(dir, 1, feedControl, adminEndpoint, builder -> builder.overflowPolicy(workerPolicy)
                .ringSize(16).component(Service.CHART_EQUITY, () -> blocker)); // a small ring fills at once
            try (FeedNode feed = new FeedNode(aeron.aeron(),
                ClusterChannels.feedPublication(feedControl) + "|term-length=65536", 2,
                new FileStreamer(file, FileStreamer.AtEnd.END), OverflowPolicy.SPILL))
            {
                try
                {
                    feed.start(symbols, Duration.ofSeconds(60));
                    assertTrue(stuck.await(60, TimeUnit.SECONDS), "worker 1 is stuck");
                    whileStuck.check(feed, workers, messages.size(), listener);
                    assertEquals(1, release.getCount());
                }
                finally
                {
                    release.countDown(); // a failed assertion must not leave worker 1 stuck
                }
                assertTrue(feed.awaitEnd(Duration.ofSeconds(60)), "the spill drained and END followed");
                assertTrue(admin.awaitEnd(Duration.ofSeconds(60)), "the administrator ended");
            }
            for (final WorkerRun worker : workers)
            {
                worker.thread.join(TimeUnit.SECONDS.toMillis(60));
                assertNull(worker.failure.get(), "worker " + worker.worker + " ran to its end");
            }
            assertEquals(0, admin.duplicates());
        }
        finally
        {
            release.countDown();
            for (final WorkerRun worker : workers)
            {
                if (worker != null)
                {
                    worker.thread.join(TimeUnit.SECONDS.toMillis(60));
                }
            }
        }

        assertEquals(List.of(), collected.errors);
        assertEquals(1, collected.endCalls);
        assertEquals(workerPolicy == OverflowPolicy.SPILL, listener.spilling,
            "worker 1's SPILLING status reached the administrator (once its shard went on) under SPILL only");
        for (final String symbol : symbols)
        {
            final List<EqkerBars.Row> expected = rows.get(symbol);
            final List<Bar> received = collected.barsBySymbol.getOrDefault(symbol, List.of());
            assertEquals(expected.size(), received.size(), symbol);
            for (int i = 0; i < received.size(); i++)
            {
                assertEquals(expected.get(i).startMillis(), received.get(i).barStartMillis(), symbol + " bar " + i);
                assertEquals(expected.get(i).closeValue(), received.get(i).close(), symbol + " bar " + i);
                assertEquals(expected.get(i).volume(), received.get(i).volume(), symbol + " bar " + i);
            }
        }
    }

    /**
     * Collects everything (read after the end) and counts, for the test thread to read meanwhile, the bars of worker
     * 0's symbols and whether a {@code SPILLING} status came. Administrator thread.
     */
    private static final class CountingListener implements ResultListener
    {
        final CollectingListener collected = new CollectingListener();
        final Set<String> workerZero;
        final long workerZeroExpected;
        final AtomicLong workerZeroBars = new AtomicLong();
        volatile boolean spilling;

        CountingListener(final Set<String> workerZero, final long workerZeroExpected)
        {
            this.workerZero = workerZero;
            this.workerZeroExpected = workerZeroExpected;
        }

        @Override
        public void onBar(final BarView bar)
        {
            collected.onBar(bar);
            if (workerZero.contains(bar.symbol()))
            {
                workerZeroBars.incrementAndGet();
            }
        }

        @Override
        public void onStatus(final StatusView status)
        {
            if (status.kind() == StatusKind.SPILLING)
            {
                spilling = true;
            }
        }

        @Override
        public void onError(final ErrorView error)
        {
            collected.onError(error);
        }

        @Override
        public void onEndOfStream()
        {
            collected.onEndOfStream();
        }
    }

    /** A worker node on a thread of this JVM, with its own media driver (closed when its run returns). */
    private static final class WorkerRun
    {
        final int worker;
        final WorkerNode node;
        final Thread thread;
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        WorkerRun(
            final Path dir, final int worker, final String feedControl, final String adminEndpoint,
            final Consumer<Pipeline.Builder> configure)
        {
            this.worker = worker;
            final EmbeddedAeron aeron = EmbeddedAeron.launch(dir.resolve("aeron-worker-" + worker));
            this.node = new WorkerNode(aeron.aeron(), worker, ClusterChannels.feedSubscription(feedControl, WorkerProcesses.HOST),
                ClusterChannels.results(adminEndpoint), configure, Duration.ofMillis(100));
            this.thread = new Thread(() ->
            {
                try (aeron)
                {
                    node.run(Duration.ofSeconds(60), Duration.ofSeconds(20));
                }
                catch (final Throwable ex)
                {
                    failure.set(ex);
                }
            }, "slow-worker-test-" + worker);
            thread.start();
        }
    }
}
