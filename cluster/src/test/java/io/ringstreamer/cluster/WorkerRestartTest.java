package io.ringstreamer.cluster;

import io.ringstreamer.Pipeline;
import io.ringstreamer.result.Bar;
import io.ringstreamer.source.FileStreamer;
import io.ringstreamer.source.OverflowPolicy;
import io.ringstreamer.testing.CollectingListener;
import io.ringstreamer.testing.EqkerBars;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The eqker 1-minute bars through 3 worker JVMs; worker 1 is killed with SIGKILL ({@code kill -9}) once half the file
 * has been published, then started again. The restarted worker joins the feed stream late, catches up from the
 * feed's replay store ({@link FeedRecorder}) and goes on live; the administrator drops what had already been
 * delivered. The listener gets every bar exactly once, per symbol in order, with the single-process values, and
 * no error.
 */
@Timeout(120)
class WorkerRestartTest
{
    private static Path file;
    private static List<String> symbols;
    private static Map<String, List<Bar>> singleProcess;

    @BeforeAll
    static void runSingleProcess(@TempDir final Path dir) throws Exception
    {
        final Map<String, List<EqkerBars.Row>> rows = EqkerBars.oneMinute();
        file = EqkerBars.writeJsonLines(EqkerBars.canonicalMessages(rows), dir.resolve("eqker-1min.jsonl"));
        symbols = new ArrayList<>(new TreeSet<>(rows.keySet()));
        final CollectingListener listener = new CollectingListener();
        try (Pipeline pipeline = Pipeline.builder()
            .symbols(symbols)
            .streamer(new FileStreamer(file, FileStreamer.AtEnd.END))
            .listener(listener)
            .build()
            .start())
        {
            assertTrue(listener.awaitEnd(60));
            pipeline.awaitTermination();
        }
        singleProcess = listener.barsBySymbol;
    }

    @Test
    void shouldDeliverEveryBarOnceWhenAWorkerIsKilledAndRestarted(@TempDir final Path dir) throws Exception
    {
        final int workers = 3;
        final long messages = EqkerBars.canonicalMessages(EqkerBars.oneMinute()).size();
        final String feedControl = WorkerProcesses.HOST + ":" + WorkerProcesses.freeUdpPort();
        final String adminEndpoint = WorkerProcesses.HOST + ":" + WorkerProcesses.freeUdpPort();
        final String recorder = WorkerProcesses.HOST + ":" + WorkerProcesses.freeUdpPort();
        final CollectingListener listener = new CollectingListener();
        final AdminNode admin;
        try (WorkerProcesses processes = new WorkerProcesses(dir, workers, feedControl, adminEndpoint).recorder(recorder);
             EmbeddedAeron aeron = EmbeddedAeron.launch(dir.resolve("aeron-feed")))
        {
            admin = new AdminNode(aeron.aeron(), ClusterChannels.results(adminEndpoint), workers, listener,
                Duration.ofSeconds(30), Duration.ofSeconds(60)).start();
            processes.startAll();
            try (FeedNode feed = new FeedNode(aeron.aeron(), ClusterChannels.feedPublication(feedControl), workers,
                new FileStreamer(file, FileStreamer.AtEnd.END), OverflowPolicy.BLOCK).catchUp(recorder, 256L << 20))
            {
                feed.start(symbols, Duration.ofSeconds(60));
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (feed.published() < messages / 2 && System.nanoTime() - deadline < 0)
                {
                    LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
                }
                assertTrue(feed.published() >= messages / 2, "half the file published: " + feed.published());
                final long deliveredAtKill = admin.delivered();
                processes.process(1).destroyForcibly(); // SIGKILL
                assertTrue(processes.process(1).waitFor(30, TimeUnit.SECONDS));
                assertEquals(137, processes.process(1).exitValue(), "killed by SIGKILL");
                processes.start(1);
                assertTrue(feed.awaitEnd(Duration.ofSeconds(60)), "the feed streamed the file to its end");
                assertTrue(admin.awaitEnd(Duration.ofSeconds(60)), () -> "the administrator ended: " + processes.log(1));
                assertTrue(deliveredAtKill < admin.delivered(), "the kill came before the end");
            }
            final int[] exits = processes.awaitExit(60);
            for (int worker = 0; worker < workers; worker++)
            {
                assertEquals(0, exits[worker], "worker " + worker + " exited normally:\n" + processes.log(worker));
            }
            admin.close();
            assertTrue(processes.log(1).contains("caught up"), processes.log(1));
            assertTrue(admin.duplicates() > 0, "the restarted worker's replay repeated results, dropped: " + admin.duplicates());
        }

        assertEquals(List.of(), listener.errors);
        assertEquals(1, listener.endCalls);
        long total = 0;
        for (final String symbol : symbols)
        {
            final List<Bar> expected = singleProcess.get(symbol);
            final List<Bar> received = listener.barsBySymbol.getOrDefault(symbol, List.of());
            assertEquals(expected.size(), received.size(), symbol);
            for (int i = 0; i < expected.size(); i++)
            {
                assertArrayEquals(values(expected.get(i)), values(received.get(i)), symbol + " bar " + i);
            }
            total += received.size();
        }
        assertEquals(total, listener.barCount());
        assertTrue(total > 40_000, "about 43,000 bars: " + total);
    }

    private static Object[] values(final Bar bar)
    {
        return new Object[] {bar.symbol(), bar.open(), bar.high(), bar.low(), bar.close(), bar.volume(), bar.barStartMillis()};
    }
}
