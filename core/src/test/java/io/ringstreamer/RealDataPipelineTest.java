package io.ringstreamer;

import io.ringstreamer.result.Bar;
import io.ringstreamer.source.FileStreamer;
import io.ringstreamer.testing.CollectingListener;
import io.ringstreamer.testing.EqkerBars;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real eqker 1-minute bars (24 symbols, about 43,000 bars, missing minutes, zero volumes) played
 * from a file on disk through 1 to 4 shards: every subscribed bar comes out exactly once, in order per
 * symbol, with its values intact; unsubscribed symbols produce nothing.
 */
@Timeout(120)
class RealDataPipelineTest
{
    private static final Set<String> UNSUBSCRIBED = Set.of("VIX", "PPLT", "UGA", "TSLA");
    private static Map<String, List<EqkerBars.Row>> bars;
    private static Path file;

    @BeforeAll
    static void writeMessages(@TempDir final Path dir) throws Exception
    {
        bars = EqkerBars.oneMinute();
        assertEquals(24, bars.size());
        file = EqkerBars.writeJsonLines(EqkerBars.canonicalMessages(bars), dir.resolve("eqker-1min.jsonl"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void shouldDeliverEverySubscribedBarExactlyOnceInOrderWhenSharded(final int shards) throws Exception
    {
        final List<String> subscribed = new ArrayList<>(new TreeSet<>(bars.keySet()));
        subscribed.removeAll(UNSUBSCRIBED);
        subscribed.add("NONE"); // subscribed, never in the data

        final CollectingListener listener = new CollectingListener();
        try (Pipeline pipeline = Pipeline.builder()
            .symbols(subscribed)
            .shards(shards)
            .ringSize(1024)
            .streamer(new FileStreamer(file, FileStreamer.AtEnd.END))
            .listener(listener)
            .build()
            .start())
        {
            assertTrue(listener.awaitEnd(60));
            pipeline.awaitTermination();
            assertEquals(0, pipeline.metrics().snapshot().inFlight());
        }

        assertEquals(List.of(), listener.errors);
        long expectedCount = 0;
        for (final Map.Entry<String, List<EqkerBars.Row>> symbol : bars.entrySet())
        {
            final List<Bar> received = listener.barsBySymbol.getOrDefault(symbol.getKey(), List.of());
            if (UNSUBSCRIBED.contains(symbol.getKey()))
            {
                assertEquals(List.of(), received, symbol.getKey());
                continue;
            }
            final List<EqkerBars.Row> rows = symbol.getValue();
            assertEquals(rows.size(), received.size(), symbol.getKey());
            for (int i = 0; i < rows.size(); i++)
            {
                final EqkerBars.Row row = rows.get(i);
                final Bar bar = received.get(i);
                assertEquals(row.startMillis(), bar.barStartMillis(), symbol.getKey());
                assertEquals(row.openValue(), bar.open());
                assertEquals(row.highValue(), bar.high());
                assertEquals(row.lowValue(), bar.low());
                assertEquals(row.closeValue(), bar.close());
                assertEquals(row.volume(), bar.volume());
            }
            expectedCount += rows.size();
        }
        assertEquals(expectedCount, listener.barCount());
        assertTrue(expectedCount > 30_000, "most of the ~43,000 bars are subscribed: " + expectedCount);
    }
}
