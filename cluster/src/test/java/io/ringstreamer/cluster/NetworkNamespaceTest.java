package io.ringstreamer.cluster;

import io.ringstreamer.Pipeline;
import io.ringstreamer.result.Bar;
import io.ringstreamer.source.FileStreamer;
import io.ringstreamer.source.OverflowPolicy;
import io.ringstreamer.testing.CollectingListener;
import io.ringstreamer.testing.EqkerBars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The cluster across network namespaces, as across hosts: the test creates two namespaces, each joined to this
 * JVM's namespace by a veth pair on its own private /24, and runs one worker JVM in each ({@code ip netns exec}).
 * The feed and the administrator run in this JVM and bind this side's veth addresses (not 127.0.0.1, which a
 * worker in another namespace cannot reach: its loopback is its own); each worker is given its namespace's address
 * ({@code --host}) and the feed's and the administrator's. The eqker 1-minute bars go through: every bar exactly
 * once, per symbol in order, with the single-process values; the feed stream and the results crossed the veths
 * (their byte counters); the namespaces and veths are gone afterwards.
 *
 * <p>Skipped, with the reason, where namespaces cannot be made (not Linux, not root, no {@code ip}, no
 * capability).
 */
@Timeout(180)
class NetworkNamespaceTest
{
    @Test
    void shouldDeliverEveryBarOnceInOrderWhenWorkersRunInOtherNetworkNamespaces(@TempDir final Path dir) throws Exception
    {
        final String unavailable = NetworkNamespaces.unavailableReason();
        if (unavailable != null)
        {
            System.out.println("NetworkNamespaceTest skipped: " + unavailable);
        }
        assumeTrue(unavailable == null, () -> "network namespaces unavailable here: " + unavailable);

        final Map<String, List<EqkerBars.Row>> rows = EqkerBars.oneMinute();
        final Path file = EqkerBars.writeJsonLines(EqkerBars.canonicalMessages(rows), dir.resolve("eqker-1min.jsonl"));
        final List<String> symbols = new ArrayList<>(new TreeSet<>(rows.keySet()));
        final CollectingListener single = new CollectingListener();
        try (Pipeline pipeline = Pipeline.builder()
            .symbols(symbols)
            .streamer(new FileStreamer(file, FileStreamer.AtEnd.END))
            .listener(single)
            .build()
            .start())
        {
            assertTrue(single.awaitEnd(60));
            pipeline.awaitTermination();
        }

        final int workers = 2;
        final CollectingListener listener = new CollectingListener();
        final List<String> names = new ArrayList<>();
        final long[] sentToWorker = new long[workers];
        final long[] receivedFromWorker = new long[workers];
        try (NetworkNamespaces namespaces = NetworkNamespaces.create(workers))
        {
            for (int worker = 0; worker < workers; worker++)
            {
                names.add(namespaces.namespace(worker));
                sentToWorker[worker] = -namespaces.hostVethBytes(worker, "tx");
                receivedFromWorker[worker] = -namespaces.hostVethBytes(worker, "rx");
            }
            // The feed on the first pair's address, the administrator on the second's: worker 1 reaches the feed,
            // and worker 0 the administrator, through its namespace's default route.
            final String feedControl = namespaces.hostAddress(0) + ":" + WorkerProcesses.freeUdpPort(namespaces.hostAddress(0));
            final String adminEndpoint = namespaces.hostAddress(1) + ":" + WorkerProcesses.freeUdpPort(namespaces.hostAddress(1));
            final AdminNode admin;
            try (WorkerProcesses processes = new WorkerProcesses(dir, workers, feedControl, adminEndpoint).inNamespaces(namespaces);
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
                    assertTrue(admin.awaitEnd(Duration.ofSeconds(60)), () -> "the administrator ended: " + processes.log(0) +
                        processes.log(1));
                }
                final int[] exits = processes.awaitExit(60);
                for (int worker = 0; worker < workers; worker++)
                {
                    assertEquals(0, exits[worker], "worker " + worker + " exited normally:\n" + processes.log(worker));
                }
                admin.close();
                assertEquals(0, admin.duplicates());
            }
            for (int worker = 0; worker < workers; worker++)
            {
                sentToWorker[worker] += namespaces.hostVethBytes(worker, "tx");
                receivedFromWorker[worker] += namespaces.hostVethBytes(worker, "rx");
            }
        }

        final long fileBytes = Files.size(file);
        for (int worker = 0; worker < workers; worker++)
        {
            assertTrue(sentToWorker[worker] > fileBytes, "the whole feed stream crossed veth " + worker + ": " +
                sentToWorker[worker] + " bytes, the file " + fileBytes);
            assertTrue(receivedFromWorker[worker] > 1_000_000, "worker " + worker + "'s results crossed its veth: " +
                receivedFromWorker[worker] + " bytes");
            assertFalse(NetworkNamespaces.exists(names.get(worker)), names.get(worker) + " removed");
        }

        assertEquals(List.of(), listener.errors);
        assertEquals(1, listener.endCalls);
        long total = 0;
        for (final String symbol : symbols)
        {
            final List<Bar> expected = single.barsBySymbol.get(symbol);
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
