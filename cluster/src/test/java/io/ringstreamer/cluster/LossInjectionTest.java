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

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Loss on the wire: two worker JVMs whose media drivers drop 10% of the data datagrams they receive (Aeron's
 * debug receive endpoint, seeded), over Aeron UDP on 127.0.0.1. Aeron's NAKs and retransmissions repair it: the
 * administrator gets every eqker bar exactly once, per symbol in order, with the single-process values, and each
 * worker reports the NAKs it sent (so the loss did happen).
 */
@Timeout(180)
class LossInjectionTest
{
    private static final Pattern NAKS = Pattern.compile("loss injected: NAKs sent ([0-9]+)");

    @Test
    void shouldDeliverEveryBarOnceWhenTheWorkersDropATenthOfWhatTheyReceive(@TempDir final Path dir) throws Exception
    {
        final Map<String, List<EqkerBars.Row>> rows = EqkerBars.oneMinute();
        final Path file = EqkerBars.writeJsonLines(EqkerBars.canonicalMessages(rows), dir.resolve("eqker-1min.jsonl"));
        final List<String> symbols = new ArrayList<>(new TreeSet<>(rows.keySet()));
        final CollectingListener single = new CollectingListener();
        try (Pipeline pipeline = Pipeline.builder().symbols(symbols).streamer(new FileStreamer(file, FileStreamer.AtEnd.END))
            .listener(single).build().start())
        {
            assertTrue(single.awaitEnd(60));
            pipeline.awaitTermination();
        }

        final int workers = 2;
        final String feedControl = WorkerProcesses.HOST + ":" + WorkerProcesses.freeUdpPort();
        final String adminEndpoint = WorkerProcesses.HOST + ":" + WorkerProcesses.freeUdpPort();
        final CollectingListener listener = new CollectingListener();
        final String[] logs = new String[workers];
        try (WorkerProcesses processes = new WorkerProcesses(dir, workers, feedControl, adminEndpoint).receiveLoss(0.1, 42);
             EmbeddedAeron aeron = EmbeddedAeron.launch(dir.resolve("aeron-feed")))
        {
            final AdminNode admin = new AdminNode(aeron.aeron(), ClusterChannels.results(adminEndpoint), workers, listener,
                Duration.ofSeconds(20), Duration.ofSeconds(60)).start();
            processes.startAll();
            try (FeedNode feed = new FeedNode(aeron.aeron(), ClusterChannels.feedPublication(feedControl), workers,
                new FileStreamer(file, FileStreamer.AtEnd.END), OverflowPolicy.BLOCK))
            {
                feed.start(symbols, Duration.ofSeconds(60));
                assertTrue(feed.awaitEnd(Duration.ofSeconds(90)), "the feed streamed the file to its end");
                assertTrue(admin.awaitEnd(Duration.ofSeconds(90)), () -> "the administrator ended: " + processes.log(0));
            }
            final int[] exits = processes.awaitExit(60);
            for (int worker = 0; worker < workers; worker++)
            {
                logs[worker] = processes.log(worker);
                assertEquals(0, exits[worker], "worker " + worker + " exited normally:\n" + logs[worker]);
            }
            admin.close();
            assertEquals(0, admin.duplicates());
        }

        assertEquals(List.of(), listener.errors);
        for (final String symbol : symbols)
        {
            final List<Bar> expected = single.barsBySymbol.get(symbol);
            assertEquals(expected, listener.barsBySymbol.get(symbol), symbol + ": every bar once, in order, exact");
        }
        for (int worker = 0; worker < workers; worker++)
        {
            final Matcher naks = NAKS.matcher(logs[worker]);
            assertTrue(naks.find(), "worker " + worker + " reports its NAKs:\n" + logs[worker]);
            assertTrue(Long.parseLong(naks.group(1)) > 0, "the loss happened and was asked for again:\n" + logs[worker]);
        }
    }
}
