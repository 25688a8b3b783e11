package io.ringstreamer.cluster;

import io.ringstreamer.result.Bar;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.StreamError;
import io.ringstreamer.source.OverflowPolicy;
import io.ringstreamer.testing.EqkerBars;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A worker killed with SIGKILL mid-stream: the administrator reports it once as a {@code ConnectionLost} error
 * (code: the worker's number) after the heartbeat timeout, the feed goes on once Aeron's flow control has dropped
 * the dead receiver, the other worker's symbols arrive complete and exact, the dead worker's symbols are an exact
 * prefix of their bars (nothing twice, nothing out of order), and the stream ends once.
 */
@Timeout(120)
class SilentWorkerTest
{
    @RepeatedTest(2)
    void shouldReportAKilledWorkerAndEndWithTheOthers(@TempDir final Path dir) throws Exception
    {
        final Map<String, List<EqkerBars.Row>> rows = EqkerBars.oneMinute();
        final List<byte[]> messages = EqkerBars.canonicalMessages(rows);
        final List<String> symbols = new ArrayList<>(new TreeSet<>(rows.keySet()));
        final Set<String> ofWorker1 = new HashSet<>();
        for (int id = 1; id < symbols.size(); id += 2)
        {
            ofWorker1.add(symbols.get(id)); // the feed assigns symbol id i to worker i % 2
        }
        final String feedControl = WorkerProcesses.HOST + ":" + WorkerProcesses.freeUdpPort();
        final String adminEndpoint = WorkerProcesses.HOST + ":" + WorkerProcesses.freeUdpPort();
        final SharedListener listener = new SharedListener(ofWorker1);
        final GatedStreamer streamer = new GatedStreamer(messages, messages.size() / 2, at -> { });
        try (WorkerProcesses processes = new WorkerProcesses(dir, 2, feedControl, adminEndpoint);
             EmbeddedAeron aeron = EmbeddedAeron.launch(dir.resolve("aeron-feed"));
             AdminNode admin = new AdminNode(aeron.aeron(), ClusterChannels.results(adminEndpoint), 2, listener,
                 Duration.ofSeconds(2), Duration.ofSeconds(60)))
        {
            admin.start();
            processes.startAll();
            try (FeedNode feed = new FeedNode(aeron.aeron(), ClusterChannels.feedPublication(feedControl), 2, streamer,
                OverflowPolicy.BLOCK))
            {
                feed.start(symbols, Duration.ofSeconds(60));
                assertTrue(streamer.awaitGate(60));
                assertTrue(listener.awaitWatchedBar(60), () -> "worker 1 delivered something before it is killed; " +
                    admin.delivered() + " results delivered, receivers " + feed.receivers() + "\nworker 0:\n" +
                    processes.log(0) + "\nworker 1:\n" + processes.log(1));
                processes.process(1).destroyForcibly(); // SIGKILL
                assertEquals(137, processes.process(1).waitFor());
                streamer.open();
                assertTrue(feed.awaitEnd(Duration.ofSeconds(60)), "the feed went on without the dead worker");
                assertTrue(admin.awaitEnd(Duration.ofSeconds(60)), () -> "the administrator ended: " + processes.log(0));
            }
            assertEquals(0, processes.awaitExit(60)[0], () -> "worker 0 exited normally:\n" + processes.log(0));
            assertEquals(0, admin.duplicates());
        }

        final List<StreamError> errors = listener.collected.errors;
        assertEquals(1, errors.size(), errors::toString);
        assertEquals(ErrorKind.CONNECTION_LOST, errors.get(0).kind());
        assertEquals(1, errors.get(0).code());
        assertTrue(errors.get(0).message().startsWith("worker 1: nothing heard"), errors.get(0).message());
        assertEquals(1, listener.collected.endCalls);
        for (final String symbol : symbols)
        {
            final List<EqkerBars.Row> expected = rows.get(symbol);
            final List<Bar> received = listener.collected.barsBySymbol.getOrDefault(symbol, List.of());
            if (ofWorker1.contains(symbol))
            {
                assertTrue(received.size() < expected.size(), symbol + ": the killed worker's symbols stop short");
            }
            else
            {
                assertEquals(expected.size(), received.size(), symbol + ": worker 0's symbols are complete");
            }
            for (int i = 0; i < received.size(); i++)
            {
                assertEquals(expected.get(i).startMillis(), received.get(i).barStartMillis(), symbol + " bar " + i);
                assertEquals(expected.get(i).closeValue(), received.get(i).close(), symbol + " bar " + i);
                assertEquals(expected.get(i).volume(), received.get(i).volume(), symbol + " bar " + i);
            }
        }
    }
}
