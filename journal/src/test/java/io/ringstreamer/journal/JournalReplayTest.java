package io.ringstreamer.journal;

import io.ringstreamer.Pipeline;
import io.ringstreamer.source.FileStreamer;
import io.ringstreamer.source.InboundJournal;
import io.ringstreamer.source.MessagePublisher;
import io.ringstreamer.source.Streamer;
import io.ringstreamer.testing.EqkerBars;
import io.ringstreamer.testing.SyntheticServices;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Record once, replay many times: the real eqker bars and a stream of every service, recorded through
 * a 2-shard pipeline, then replayed through 1, 2 and 3 shards give the same results per symbol, in the
 * same order, as the recording run; replays start at a sequence or a time; paced replays follow the
 * recorded spacing (checked on a scripted clock); the export is the recorded bytes, one per line.
 */
@Timeout(120)
class JournalReplayTest
{
    private static List<byte[]> messages;
    private static List<String> symbols;
    private static Path journalDir;
    private static PerSymbolResults recorded;

    @BeforeAll
    static void record(@TempDir final Path dir) throws Exception
    {
        final List<byte[]> all = new ArrayList<>(EqkerBars.canonicalMessages(EqkerBars.oneMinute()));
        final List<String> serviceSymbols = List.of("SVC0", "SVC1", "SVC2", "SVC3", "SVC4");
        all.addAll(SyntheticServices.messages(serviceSymbols, 3_000, 99));
        all.add(500, "{\"not\":\"an envelope\"}".getBytes(StandardCharsets.UTF_8));
        messages = all;
        final TreeSet<String> subscribed = new TreeSet<>(EqkerBars.oneMinute().keySet());
        subscribed.remove("TSLA"); // one symbol in the data, not subscribed
        subscribed.addAll(serviceSymbols);
        symbols = List.copyOf(subscribed);
        journalDir = dir.resolve("journal");
        try (ChronicleJournal journal = new ChronicleJournal(journalDir))
        {
            recorded = run(2, new ListStreamer(messages), journal, true);
            assertEquals(messages.size(), journal.messages());
        }
        assertTrue(recorded.results > 40_000, "results " + recorded.results);
        assertEquals(1, recorded.errors.size(), "the one malformed message: " + recorded.errors);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void shouldGiveTheRecordedResultsPerSymbolInOrderWhenReplayedWithAnyShardCount(final int shards) throws Exception
    {
        for (int iteration = 0; iteration < 3; iteration++)
        {
            final JournalReplayStreamer replay = new JournalReplayStreamer(journalDir, JournalReplayStreamer.MAX_SPEED);
            final PerSymbolResults replayed = run(shards, replay, null, true);
            assertEquals(messages.size(), replay.replayed());
            assertEquals(recorded.bySymbol.keySet(), replayed.bySymbol.keySet());
            for (final String symbol : recorded.bySymbol.keySet())
            {
                assertEquals(recorded.bySymbol.get(symbol), replayed.bySymbol.get(symbol), symbol);
            }
        }
    }

    @Test
    void shouldStartAtTheFirstMessageAtOrAfterTheSequenceWhenFromSequence() throws Exception
    {
        for (final long from : new long[] {0, 1, 777, messages.size() - 1, messages.size()})
        {
            final Capture capture = new Capture();
            run(1, new JournalReplayStreamer(journalDir, JournalReplayStreamer.MAX_SPEED).fromSequence(from), capture,
                false);
            assertEquals(messages.size() - from, capture.bytes.size(), "from " + from);
            for (int i = 0; i < capture.bytes.size(); i++)
            {
                assertArrayEquals(messages.get((int)from + i), capture.bytes.get(i));
            }
        }
    }

    @Test
    void shouldStartAtTheFirstMessageReceivedAtOrAfterTheTimeWhenFromTime() throws Exception
    {
        final List<Long> times = recordedTimes();
        for (final int index : new int[] {0, 100, 4_000})
        {
            final long from = times.get(index);
            int first = 0;
            while (times.get(first) < from)
            {
                first++;
            }
            final Capture capture = new Capture();
            run(1, new JournalReplayStreamer(journalDir, JournalReplayStreamer.MAX_SPEED).fromEpochNanos(from), capture,
                false);
            assertEquals(messages.size() - first, capture.bytes.size(), "from index " + index);
            assertArrayEquals(messages.get(first), capture.bytes.get(0));
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {1, 10, 0.5})
    void shouldWaitForTheRecordedSpacingDividedBySpeedWhenPaced(final double speed) throws Exception
    {
        final List<Long> times = recordedTimes();
        final ScriptedClock clock = new ScriptedClock(1_000_000);
        final Capture capture = new Capture();
        run(1, new JournalReplayStreamer(journalDir, speed, clock), capture, false);

        assertEquals(messages.size(), capture.bytes.size());
        assertEquals(messages.size(), clock.deadlines.size());
        long elapsed = 0;
        for (int i = 0; i < times.size(); i++)
        {
            elapsed = Math.max(elapsed, times.get(i) - times.get(0));
            assertEquals(1_000_000 + (long)(elapsed / speed), clock.deadlines.get(i), "message " + i);
        }
    }

    @Test
    void shouldTakeAtLeastTheRecordedSpanOverTheSpeedWhenPacedOnTheSystemClock(@TempDir final Path dir)
        throws Exception
    {
        // 21 messages stamped 10 ms apart (receive times in the past: nothing waits while recording).
        final Path spaced = dir.resolve("spaced");
        try (ChronicleJournal journal = new ChronicleJournal(spaced))
        {
            run(1, publisher ->
            {
                final long base = System.nanoTime() - 250_000_000L;
                for (int i = 0; i <= 20; i++)
                {
                    final byte[] message = messages.get(i);
                    publisher.publish(message, 0, message.length, base + i * 10_000_000L);
                }
            }, journal, false);
        }
        final List<Long> times = recordedTimes(spaced);
        final long span = times.get(times.size() - 1) - times.get(0);
        assertTrue(span > 150_000_000L, "recorded span " + span);
        final long start = System.nanoTime();
        final Capture capture = new Capture();
        run(1, new JournalReplayStreamer(spaced, 4), capture, false);
        final long took = System.nanoTime() - start;
        assertEquals(21, capture.bytes.size());
        assertTrue(took >= span / 4 * 9 / 10, "a paced replay waits: took " + took + " ns for " + span + " ns at 4x");
    }

    @Test
    void shouldExportTheRecordedBytesOneMessageALineWhenExported(@TempDir final Path dir) throws Exception
    {
        final ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (final byte[] message : messages)
        {
            expected.write(message);
            expected.write('\n');
        }
        final Path file = dir.resolve("export.jsonl");
        final JournalExporter.Result result = JournalExporter.export(journalDir, file);
        assertEquals(messages.size(), result.messages());
        assertEquals(0, result.reformatted());
        assertArrayEquals(expected.toByteArray(), Files.readAllBytes(file));

        final PerSymbolResults fromFile = run(2, new FileStreamer(file, FileStreamer.AtEnd.END), null, true);
        assertEquals(recorded.bySymbol, fromFile.bySymbol, "the export plays like the journal");
    }

    @Test
    void shouldWriteALineBreakInsideAMessageAsASpaceWhenExported(@TempDir final Path dir) throws Exception
    {
        final Path journalled = dir.resolve("j");
        try (ChronicleJournal journal = new ChronicleJournal(journalled))
        {
            run(1, new ListStreamer(List.of("{\"a\":\n1}".getBytes(StandardCharsets.UTF_8),
                "{\"b\":2}".getBytes(StandardCharsets.UTF_8))), journal, false);
        }
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final JournalExporter.Result result = JournalExporter.export(journalled, out);
        assertEquals(new JournalExporter.Result(2, 17, 1), result);
        assertEquals("{\"a\": 1}\n{\"b\":2}\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void shouldFailWithAnIoErrorWhenThereIsNoJournal(@TempDir final Path dir)
    {
        assertThrows(java.io.IOException.class, () -> JournalReader.open(dir.resolve("missing")));
        assertThrows(java.io.IOException.class, () -> JournalExporter.export(dir, new ByteArrayOutputStream()));
    }

    private static List<Long> recordedTimes() throws Exception
    {
        return recordedTimes(journalDir);
    }

    private static List<Long> recordedTimes(final Path dir) throws Exception
    {
        final List<Long> times = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(dir))
        {
            while (reader.next())
            {
                times.add(reader.record().receiveEpochNanos());
            }
        }
        return times;
    }

    private static PerSymbolResults run(
        final int shards, final Streamer streamer, final InboundJournal journal, final boolean withSequence)
        throws Exception
    {
        final PerSymbolResults listener = new PerSymbolResults(withSequence);
        try (Pipeline pipeline = Pipeline.builder().symbols(symbols).shards(shards).aggregateBars(5, 15)
            .journal(journal).streamer(streamer).listener(listener).build().start())
        {
            assertTrue(pipeline.awaitTermination(60, TimeUnit.SECONDS));
        }
        assertTrue(listener.awaitEnd(1));
        return listener;
    }

    /** Publishes a list of messages. Streamer thread. */
    private record ListStreamer(List<byte[]> messages) implements Streamer
    {
        @Override
        public void stream(final MessagePublisher publisher)
        {
            for (final byte[] message : messages)
            {
                publisher.publish(message, 0, message.length);
            }
        }
    }

    /** Keeps a copy of each message the pipeline receives: the real pipeline, an in-memory journal. */
    private static final class Capture implements InboundJournal
    {
        final List<byte[]> bytes = new ArrayList<>();

        @Override
        public void onStart()
        {
        }

        @Override
        public void append(final byte[] buffer, final int offset, final int length, final long sequence,
            final long receiveNanos)
        {
            bytes.add(Arrays.copyOfRange(buffer, offset, offset + length));
        }

        @Override
        public void onEndOfStream()
        {
        }

        @Override
        public void close()
        {
        }
    }

    /** Time that passes only when waited for; records every deadline. Streamer thread. */
    private static final class ScriptedClock implements ReplayClock
    {
        final List<Long> deadlines = new ArrayList<>();
        private long now;

        ScriptedClock(final long start)
        {
            this.now = start;
        }

        @Override
        public long nanoTime()
        {
            return now;
        }

        @Override
        public void waitUntil(final long deadlineNanos)
        {
            deadlines.add(deadlineNanos);
            now = Math.max(now, deadlineNanos);
        }
    }
}
