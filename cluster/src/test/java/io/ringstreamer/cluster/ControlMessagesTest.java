package io.ringstreamer.cluster;

import io.ringstreamer.Pipeline;
import io.ringstreamer.result.Bar;
import io.ringstreamer.result.StatusKind;
import io.ringstreamer.source.OverflowPolicy;
import io.ringstreamer.testing.EqkerBars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Subscriptions changed at run time travel in the feed stream at a definite point: two symbols subscribed and one
 * unsubscribed between message 700 and 701 (on the streamer thread, so exactly there) give, through 2 worker JVMs,
 * exactly the bars and the Subscribed/Unsubscribed statuses that the single-process pipeline gives for the same
 * change at the same point.
 */
@Timeout(120)
class ControlMessagesTest
{
    private static final int AT = 700;

    @Test
    void shouldApplyRunTimeSubscriptionsAtTheSamePointAsOneProcess(@TempDir final Path dir) throws Exception
    {
        final Map<String, List<EqkerBars.Row>> rows = EqkerBars.oneMinute();
        final List<byte[]> messages = EqkerBars.canonicalMessages(rows);
        final List<String> all = new ArrayList<>(new TreeSet<>(rows.keySet()));
        final String added1 = all.get(3);
        final String added2 = all.get(10);
        final String removed = all.get(7);
        final List<String> initial = new ArrayList<>(all);
        initial.remove(added1);
        initial.remove(added2);

        // One process.
        final SharedListener single = new SharedListener(Set.of());
        final AtomicReference<Pipeline> pipelineRef = new AtomicReference<>();
        final GatedStreamer singleStreamer = new GatedStreamer(messages, AT, at ->
        {
            pipelineRef.get().subscribe(added1, added2);
            pipelineRef.get().unsubscribe(removed);
        });
        try (Pipeline pipeline = Pipeline.builder().symbols(initial).streamer(singleStreamer).listener(single).build())
        {
            pipelineRef.set(pipeline);
            pipeline.start();
            assertTrue(singleStreamer.awaitGate(60));
            singleStreamer.open();
            assertTrue(single.collected.awaitEnd(60));
            pipeline.awaitTermination();
        }

        // The cluster.
        final String feedControl = WorkerProcesses.HOST + ":" + WorkerProcesses.freeUdpPort();
        final String adminEndpoint = WorkerProcesses.HOST + ":" + WorkerProcesses.freeUdpPort();
        final SharedListener cluster = new SharedListener(Set.of());
        final AtomicReference<FeedNode> feedRef = new AtomicReference<>();
        final GatedStreamer clusterStreamer = new GatedStreamer(messages, AT, at ->
        {
            feedRef.get().subscribe(added1, added2);
            feedRef.get().unsubscribe(removed);
        });
        try (WorkerProcesses processes = new WorkerProcesses(dir, 2, feedControl, adminEndpoint);
             EmbeddedAeron aeron = EmbeddedAeron.launch(dir.resolve("aeron-feed"));
             AdminNode admin = new AdminNode(aeron.aeron(), ClusterChannels.results(adminEndpoint), 2, cluster,
                 Duration.ofSeconds(20), Duration.ofSeconds(60)))
        {
            admin.start();
            processes.startAll();
            try (FeedNode feed = new FeedNode(aeron.aeron(), ClusterChannels.feedPublication(feedControl), 2,
                clusterStreamer, OverflowPolicy.BLOCK))
            {
                feedRef.set(feed);
                feed.start(initial, Duration.ofSeconds(60));
                assertTrue(clusterStreamer.awaitGate(60));
                clusterStreamer.open();
                assertTrue(feed.awaitEnd(Duration.ofSeconds(60)));
                assertTrue(admin.awaitEnd(Duration.ofSeconds(60)), () -> processes.log(0) + processes.log(1));
            }
            final int[] exits = processes.awaitExit(60);
            assertEquals(0, exits[0], () -> processes.log(0));
            assertEquals(0, exits[1], () -> processes.log(1));
        }

        assertEquals(List.of(), cluster.collected.errors);
        assertEquals(new TreeSet<>(single.statuses), new TreeSet<>(cluster.statuses));
        assertEquals(Set.of(StatusKind.SUBSCRIBED + " " + added1, StatusKind.SUBSCRIBED + " " + added2,
            StatusKind.UNSUBSCRIBED + " " + removed), new TreeSet<>(cluster.statuses));
        for (final String symbol : all)
        {
            final List<Bar> want = single.collected.barsBySymbol.getOrDefault(symbol, List.of());
            final List<Bar> got = cluster.collected.barsBySymbol.getOrDefault(symbol, List.of());
            assertEquals(want.size(), got.size(), symbol);
            for (int i = 0; i < want.size(); i++)
            {
                assertEquals(want.get(i).barStartMillis(), got.get(i).barStartMillis(), symbol + " bar " + i);
                assertEquals(want.get(i).close(), got.get(i).close(), symbol + " bar " + i);
                assertEquals(want.get(i).volume(), got.get(i).volume(), symbol + " bar " + i);
            }
        }
        final int removedBars = single.collected.barsBySymbol.getOrDefault(removed, List.of()).size();
        assertTrue(removedBars > 0 && removedBars < rows.get(removed).size(), "the removed symbol stops part way");
        final int addedBars = single.collected.barsBySymbol.getOrDefault(added1, List.of()).size();
        assertTrue(addedBars > 0 && addedBars < rows.get(added1).size(), "the added symbol starts part way");
    }
}
