package io.ringstreamer.testkit;

import io.ringstreamer.Pipeline;
import io.ringstreamer.result.Bar;
import io.ringstreamer.source.Streamer;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LineStreamerTest
{
    @Test
    @Timeout(60)
    void shouldPublishNothingWhenAStopWasRequestedBeforeTheStream() throws Exception
    {
        final LineStreamer stopped = LineStreamer.of(KitLines.LINES);
        stopped.requestStop();

        final RecordingListener listener = run(stopped);

        assertTrue(listener.all().isEmpty(), listener.all().toString());
        assertEquals(KitLines.LINES.size(), stopped.size());
    }

    /** The listener copies each view at once: the results stay right though the pipeline reuses its slots. */
    @RepeatedTest(20)
    @Timeout(60)
    void shouldDeliverTheSameCopiesWhenTheLinesComeFromAFileOrAListThroughATinyRing(@TempDir final Path dir)
        throws Exception
    {
        final Path file = dir.resolve("lines.jsonl");
        Files.write(file, KitLines.LINES, StandardCharsets.UTF_8);

        final List<Bar> fromList = run(LineStreamer.of(KitLines.LINES)).bars();
        final RecordingListener fromFile = run(LineStreamer.fromFile(file));

        assertEquals(3, fromList.size());
        // With two shards the symbols interleave in any order; each symbol's bars keep theirs.
        assertEquals(bySymbol(fromList), bySymbol(fromFile.bars()));
        assertEquals(List.of(new Bar("AMZN", 199.79, 199.84, 199.79, 199.84, 1521, 1720522800000L, 0),
            new Bar("AMZN", 199.85, 199.85, 199.85, 199.85, 204, 1720522860000L, 1)),
            fromFile.bars().stream().filter(bar -> bar.symbol().equals("AMZN")).toList());
        assertEquals(3, fromFile.errors().size());
    }

    private static List<Bar> bySymbol(final List<Bar> bars)
    {
        return bars.stream().sorted(Comparator.comparing(Bar::symbol)).toList(); // a stable sort
    }

    private static RecordingListener run(final Streamer streamer) throws Exception
    {
        final RecordingListener listener = new RecordingListener();
        try (Pipeline pipeline = Pipeline.builder()
            .symbols("AAPL", "AMZN")
            .shards(2)
            .ringSize(2)
            .resultRingSize(2)
            .streamer(streamer)
            .listener(listener)
            .build()
            .start())
        {
            assertTrue(listener.awaitEnd(Duration.ofSeconds(30)), "the stream did not end");
            pipeline.awaitTermination();
        }
        assertEquals(1, listener.endOfStreamCalls());
        return listener;
    }
}
