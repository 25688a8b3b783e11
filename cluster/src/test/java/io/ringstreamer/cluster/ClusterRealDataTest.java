package io.ringstreamer.cluster;

import io.ringstreamer.Pipeline;
import io.ringstreamer.result.Bar;
import io.ringstreamer.source.FileStreamer;
import io.ringstreamer.source.OverflowPolicy;
import io.ringstreamer.testing.CollectingListener;
import io.ringstreamer.testing.EqkerBars;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real eqker 1-minute bars (24 symbols, about 43,000 bars in 1,950 messages, one a minute) through a feed node, 2 or 3
 * worker JVMs and an administrator, over Aeron UDP on 127.0.0.1: the administrator's listener gets every bar
 * exactly once, per symbol in order, with exactly the values the single-process pipeline delivers over the same
 * file (and the file holds); nothing twice; every worker exits by itself when the feed closes; no thread of the
 * cluster is left in this JVM.
 */
@Timeout(120)
class ClusterRealDataTest
{
    private static Map<String, List<EqkerBars.Row>> rows;
    private static Path file;
    private static List<String> symbols;
    private static Map<String, List<Bar>> singleProcess;

    @BeforeAll
    static void runSingleProcess(@TempDir final Path dir) throws Exception
    {
        rows = EqkerBars.oneMinute();
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
        assertEquals(List.of(), listener.errors);
        singleProcess = listener.barsBySymbol;
        assertEquals(24, singleProcess.size());
    }

    @ParameterizedTest(name = "{0} workers")
    @ValueSource(ints = {2, 3})
    void shouldDeliverEveryBarOnceWithTheSingleProcessValues(final int workers, @TempDir final Path dir) throws Exception
    {
        final Set<String> threadsBefore = liveThreadNames();
        final String feedControl = WorkerProcesses.HOST + ":" + WorkerProcesses.freeUdpPort();
        final String adminEndpoint = WorkerProcesses.HOST + ":" + WorkerProcesses.freeUdpPort();
        final CollectingListener listener = new CollectingListener();
        final AdminNode admin;
        try (WorkerProcesses processes = new WorkerProcesses(dir, workers, feedControl, adminEndpoint);
             EmbeddedAeron aeron = EmbeddedAeron.launch(dir.resolve("aeron-feed")))
        {
            admin = new AdminNode(aeron.aeron(), ClusterChannels.results(adminEndpoint), workers, listener,
                Duration.ofSeconds(20), Duration.ofSeconds(60)).start();
            processes.startAll();
            try (FeedNode feed = new FeedNode(aeron.aeron(), ClusterChannels.feedPublication(feedControl), workers,
                new FileStreamer(file, FileStreamer.AtEnd.END), OverflowPolicy.BLOCK))
            {
                feed.start(symbols, Duration.ofSeconds(60));
                assertTrue(feed.awaitEnd(Duration.ofSeconds(60)), "the feed streamed the file to its end");
                assertTrue(admin.awaitEnd(Duration.ofSeconds(60)), () -> "the administrator ended: " + processes.log(0));
            }
            // The feed closed: every worker read CLOSE and exits by itself.
            final int[] exits = processes.awaitExit(60);
            for (int worker = 0; worker < workers; worker++)
            {
                assertEquals(0, exits[worker], "worker " + worker + " exited normally:\n" + processes.log(worker));
            }
            admin.close();
            assertEquals(0, admin.duplicates());
        }

        assertEquals(List.of(), listener.errors);
        assertEquals(1, listener.endCalls);
        assertEquals(Set.of("ring-streamer-admin"), listener.callingThreads, "one thread calls the listener");
        long total = 0;
        for (final String symbol : symbols)
        {
            final List<Bar> expected = singleProcess.get(symbol);
            final List<Bar> received = listener.barsBySymbol.getOrDefault(symbol, List.of());
            assertEquals(expected.size(), received.size(), symbol);
            final List<EqkerBars.Row> fileRows = rows.get(symbol);
            assertEquals(fileRows.size(), received.size(), symbol);
            for (int i = 0; i < expected.size(); i++)
            {
                final Bar want = expected.get(i);
                final Bar got = received.get(i);
                assertArrayEquals(values(want), values(got), symbol + " bar " + i);
                assertEquals(fileRows.get(i).closeValue(), got.close(), symbol + " bar " + i);
                assertEquals(fileRows.get(i).volume(), got.volume(), symbol + " bar " + i);
            }
            total += received.size();
        }
        assertEquals(total, listener.barCount());
        assertTrue(total > 40_000, "about 43,000 bars: " + total);

        final Set<String> left = liveThreadNames();
        left.removeAll(threadsBefore);
        left.removeIf(name -> name.startsWith("process reaper"));
        assertEquals(Set.of(), left, "every thread the cluster started has ended");
    }

    private static Object[] values(final Bar bar)
    {
        return new Object[] {bar.symbol(), bar.open(), bar.high(), bar.low(), bar.close(), bar.volume(), bar.barStartMillis()};
    }

    private static Set<String> liveThreadNames()
    {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(Thread::isAlive)
            .map(Thread::getName)
            .collect(Collectors.toCollection(TreeSet::new));
    }
}
