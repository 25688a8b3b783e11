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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The eqker 1-minute bars through 3 worker JVMs; worker 1 is killed with SIGKILL ({@code kill -9}) once half the file
 * has been published, then started again. The restarted worker joins the feed stream late, catches up by replaying
 * the feed's Aeron Archive recording ({@link FeedArchive}) and goes on live; the administrator drops what had already been
 * delivered. The listener gets every bar exactly once, per symbol in order, with the single-process values, and
 * no error. With the administrator's acknowledgements file, the restarted worker does not even send what had been
 * delivered: it suppresses those results, and the administrator drops few or none.
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
        final Run run = killAndRestart(dir, false);
        System.out.println("restart without acknowledgements: duplicates " + run.duplicates);
        assertTrue(run.duplicates > 0, "the restarted worker's replay repeated results, dropped: " + run.duplicates);
        assertFalse(run.restartedLog.contains("suppressed"), run.restartedLog);
    }

    @Test
    void shouldSuppressDeliveredResultsWhenTheRestartedWorkerReadsTheAcknowledgements(@TempDir final Path dir)
        throws Exception
    {
        final Run run = killAndRestart(dir, true);
        final Matcher matcher = Pattern.compile("suppressed (\\d+) results").matcher(run.restartedLog);
        assertTrue(matcher.find(), run.restartedLog);
        final long suppressed = Long.parseLong(matcher.group(1));
        // Without suppression every result the replay rebuilt before the kill would be a duplicate. With it, only those
        // delivered after the last acknowledgement the restarted worker read (written every 100 ms while results come;
        // the restart takes a JVM's start-up, longer) can be.
        System.out.println("restart with acknowledgements: suppressed " + suppressed + ", duplicates " + run.duplicates);
        assertTrue(suppressed > 0, "the replay rebuilt delivered bars and did not send them: " + suppressed);
        assertTrue(run.duplicates * 10 < suppressed, // not suppressed / 10: 0 duplicates against 9 suppressed passes
            "the administrator dropped few repeats: " + run.duplicates + " against " + suppressed + " suppressed");
    }

    private record Run(long duplicates, String restartedLog)
    {
    }

    private Run killAndRestart(final Path dir, final boolean acknowledge) throws Exception
    {
        final int workers = 3;
        final long messages = EqkerBars.canonicalMessages(EqkerBars.oneMinute()).size();
        final String feedControl = WorkerProcesses.HOST + ":" + WorkerProcesses.freeUdpPort();
        final String adminEndpoint = WorkerProcesses.HOST + ":" + WorkerProcesses.freeUdpPort();
        final String recorder = WorkerProcesses.HOST + ":" + WorkerProcesses.freeUdpPort();
        final CollectingListener listener = new CollectingListener();
        final AdminNode admin;
        final Path acks = dir.resolve("acks");
        final long duplicates;
        final String restartedLog;
        try (WorkerProcesses processes = new WorkerProcesses(dir, workers, feedControl, adminEndpoint).recorder(recorder)
                .acknowledgements(acknowledge ? acks : null);
             EmbeddedAeron aeron = EmbeddedAeron.launch(dir.resolve("aeron-feed")))
        {
            admin = new AdminNode(aeron.aeron(), ClusterChannels.results(adminEndpoint), workers, listener,
                Duration.ofSeconds(30), Duration.ofSeconds(60));
            if (acknowledge)
            {
                admin.acknowledgeTo(acks);
            }
            admin.start();
            processes.startAll();
            try (FeedNode feed = new FeedNode(aeron.aeron(), ClusterChannels.feedPublication(feedControl), workers,
                new FileStreamer(file, FileStreamer.AtEnd.END), OverflowPolicy.BLOCK).archive(dir.resolve("archive"), recorder))
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
            assertTrue(processes.log(1).contains("caught up from the feed's archive"), processes.log(1));
            duplicates = admin.duplicates();
            restartedLog = processes.log(1);
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
        return new Run(duplicates, restartedLog);
    }

    private static Object[] values(final Bar bar)
    {
        return new Object[] {bar.symbol(), bar.open(), bar.high(), bar.low(), bar.close(), bar.volume(), bar.barStartMillis()};
    }
}
