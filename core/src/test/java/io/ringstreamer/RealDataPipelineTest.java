package io.ringstreamer;

import io.ringstreamer.result.Bar;
import io.ringstreamer.source.FileStreamer;
import io.ringstreamer.testing.CollectingListener;
import io.ringstreamer.testing.EqkerBars;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
 * from a file on disk through 1 to 4 shards, decoded by each shard or once by shard 0: every subscribed
 * bar comes out exactly once, in order per symbol, with its values intact; unsubscribed symbols produce
 * nothing. As recorded, a minute's message holds all 24 symbols, more than a slot's index holds under
 * {@link DecodeMode#ONCE} (each shard decodes those); split into messages of 8 symbols, shard 0 indexes
 * every message for the others.
 */
@Timeout(120)
class RealDataPipelineTest
{
    private static final Set<String> UNSUBSCRIBED = Set.of("VIX", "PPLT", "UGA", "TSLA");
    private static Map<String, List<EqkerBars.Row>> bars;
    private static Path file;
    private static Path fileOfEights;

    @BeforeAll
    static void writeMessages(@TempDir final Path dir) throws Exception
    {
        bars = EqkerBars.oneMinute();
        assertEquals(24, bars.size());
        file = EqkerBars.writeJsonLines(EqkerBars.canonicalMessages(bars), dir.resolve("eqker-1min.jsonl"));
        // Three groups of 8 symbols, each group's messages in time order, interleaved message by message.
        final List<String> names = new ArrayList<>(new TreeSet<>(bars.keySet()));
        final List<List<byte[]>> groups = new ArrayList<>();
        for (int from = 0; from < names.size(); from += 8)
        {
            final Map<String, List<EqkerBars.Row>> group = new java.util.TreeMap<>();
            names.subList(from, Math.min(names.size(), from + 8)).forEach(name -> group.put(name, bars.get(name)));
            groups.add(EqkerBars.canonicalMessages(group));
        }
        final List<byte[]> interleaved = new ArrayList<>();
        for (int i = 0; interleaved.size() < groups.stream().mapToInt(List::size).sum(); i++)
        {
            for (final List<byte[]> group : groups)
            {
                if (i < group.size())
                {
                    interleaved.add(group.get(i));
                }
            }
        }
        fileOfEights = EqkerBars.writeJsonLines(interleaved, dir.resolve("eqker-1min-by-8.jsonl"));
    }

    @ParameterizedTest(name = "{0} shards, decode {1}, {2} symbols a message")
    @CsvSource({"1, AUTO, 24", "2, AUTO, 24", "3, AUTO, 24", "4, AUTO, 24", "2, ONCE, 24", "3, ONCE, 24",
        "1, ONCE, 8", "2, ONCE, 8", "3, ONCE, 8", "4, ONCE, 8", "2, EACH_SHARD, 8", "4, EACH_SHARD, 8"})
    void shouldDeliverEverySubscribedBarExactlyOnceInOrderWhenSharded(final int shards, final DecodeMode decode,
                                                                     final int symbolsPerMessage) throws Exception
    {
        final List<String> subscribed = new ArrayList<>(new TreeSet<>(bars.keySet()));
        subscribed.removeAll(UNSUBSCRIBED);
        subscribed.add("NONE"); // subscribed, never in the data

        final CollectingListener listener = new CollectingListener();
        try (Pipeline pipeline = Pipeline.builder()
            .symbols(subscribed)
            .shards(shards)
            .decode(decode)
            .ringSize(1024)
            .streamer(new FileStreamer(symbolsPerMessage == 8 ? fileOfEights : file, FileStreamer.AtEnd.END))
            .listener(listener)
            .build()
            .start())
        {
            assertTrue(listener.awaitEnd(60));
            pipeline.awaitTermination();
            assertEquals(0, pipeline.metrics().snapshot().inFlight());
            assertEquals(0, pipeline.metrics().snapshot().rejected());
            assertEquals(pipeline.metrics().snapshot().received(), pipeline.metrics().snapshot().processed());
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
