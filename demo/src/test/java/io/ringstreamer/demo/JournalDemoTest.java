package io.ringstreamer.demo;

import io.ringstreamer.testing.EqkerBars;
import io.ringstreamer.testing.RepoData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo's journal options: {@code --record DIR} with any source, {@code --replay DIR} at any speed
 * giving the recorded results, {@code --export DIR} giving the recorded messages as JSON Lines.
 */
@Timeout(120)
class JournalDemoTest
{
    private record Run(int status, List<String> out, String err)
    {
    }

    private static Run run(final String... args)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status = new Demo(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8)).run(args, false);
        return new Run(status, out.toString(StandardCharsets.UTF_8).lines().toList(), err.toString(StandardCharsets.UTF_8));
    }

    private static List<String> linesFor(final List<String> lines, final String symbol)
    {
        return lines.stream().filter(l -> l.contains("symbol='" + symbol + "'")).toList();
    }

    @Test
    void shouldReplayTheSeedsResultsAndExportItsMessagesWhenTheFakeApiWasRecorded(@TempDir final Path dir)
        throws Exception
    {
        final Path journal = dir.resolve("seed-journal");
        final Run recorded = run("--record", journal.toString());
        assertEquals(0, recorded.status, recorded.err);
        assertEquals(linesFor(DemoTest.SEED_LINES, "AMZN"), linesFor(recorded.out, "AMZN"));
        assertTrue(recorded.err.contains("journal " + journal + ": 3 messages"), recorded.err);

        for (final String speed : List.of("max", "1", "10"))
        {
            final Run replayed = run("--replay", journal.toString(), "--speed", speed);
            assertEquals(0, replayed.status, replayed.err);
            assertEquals(linesFor(DemoTest.SEED_LINES, "AMZN"), linesFor(replayed.out, "AMZN"), speed);
            assertEquals(linesFor(DemoTest.SEED_LINES, "AAPL"), linesFor(replayed.out, "AAPL"), speed);
            assertEquals(1 + 5, replayed.out.size(), "the journal holds the messages, not the fake API's end");
        }

        final List<String> seed = Files.readAllLines(RepoData.path("seed/fake-api-data.jsonl")).stream()
            .filter(l -> !l.isBlank()).toList();
        final Run exported = run("--export", journal.toString());
        assertEquals(0, exported.status, exported.err);
        assertEquals(seed, exported.out);
        final Path file = dir.resolve("seed.jsonl");
        final Run toFile = run("--export", journal.toString(), "--out", file.toString());
        assertEquals(0, toFile.status, toFile.err);
        assertEquals(List.of(), toFile.out);
        assertEquals(seed, Files.readAllLines(file));
        assertTrue(toFile.err.startsWith("exported 3 messages"), toFile.err);
    }

    @Test
    void shouldRecordAFileAndASyntheticMarketAndReplayThemWhenAsked(@TempDir final Path dir) throws Exception
    {
        final var bars = EqkerBars.oneMinute();
        final Path file = EqkerBars.writeJsonLines(EqkerBars.canonicalMessages(bars), dir.resolve("eqker.jsonl"));
        final Path fileJournal = dir.resolve("file-journal");
        final Run recorded = run("--data", file.toString(), "--record", fileJournal.toString(), "--shards", "2");
        assertEquals(0, recorded.status, recorded.err);
        final Run replayed = run("--replay", fileJournal.toString(), "--shards", "3");
        assertEquals(0, replayed.status, replayed.err);
        for (final String symbol : bars.keySet())
        {
            assertEquals(linesFor(recorded.out, symbol), linesFor(replayed.out, symbol), symbol);
        }

        final Path syntheticJournal = dir.resolve("synthetic-journal");
        final Run synthetic = run("--synthetic", "10:5000:1s", "--record", syntheticJournal.toString(), "--quiet");
        assertEquals(0, synthetic.status, synthetic.err);
        final java.util.regex.Matcher count = java.util.regex.Pattern
            .compile("summary: messages=(\\d+) .*\\R" + java.util.regex.Pattern.quote("journal " + syntheticJournal) +
                ": (\\d+) messages").matcher(synthetic.err);
        assertTrue(count.find(), synthetic.err);
        assertEquals(count.group(1), count.group(2), "every message received is journalled");
        assertTrue(Long.parseLong(count.group(2)) >= 5000, synthetic.err);
        final Run fast = run("--replay", syntheticJournal.toString(), "--speed", "max", "--quiet");
        assertEquals(0, fast.status, fast.err);
        assertTrue(fast.err.contains("summary: messages=" + count.group(2) + " processed=" + count.group(2)), fast.err);
    }

    @Test
    void shouldExitNonZeroAndSayWhereWhenTheRecordedJournalIsDamaged(@TempDir final Path dir) throws Exception
    {
        final Path journal = dir.resolve("seed-journal");
        assertEquals(0, run("--record", journal.toString()).status);
        final List<String> seed = Files.readAllLines(RepoData.path("seed/fake-api-data.jsonl")).stream()
            .filter(l -> !l.isBlank()).toList();
        final Path data;
        try (var files = Files.list(journal))
        {
            data = files.filter(f -> f.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        final byte[] bytes = Files.readAllBytes(data);
        final byte[] last = seed.get(2).getBytes(StandardCharsets.UTF_8);
        final int at = indexOf(bytes, last) + last.length / 2;
        try (var channel = java.nio.channels.FileChannel.open(data, java.nio.file.StandardOpenOption.WRITE))
        {
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {(byte)(bytes[at] ^ 0x01)}), at); // one flipped bit
        }
        final String where = "record 2 in " + data;

        final Run replayed = run("--replay", journal.toString(), "--symbols", "AAPL,AMZN,DUD");
        assertEquals(1, replayed.status, replayed.err);
        assertTrue(replayed.err.contains(where), replayed.err);
        assertTrue(replayed.err.contains("summary: messages=2 processed=2 "), "the two whole messages are replayed: " +
            replayed.err);

        final Run scanned = run("--replay", journal.toString());
        assertEquals(2, scanned.status, scanned.err);
        assertTrue(scanned.err.startsWith("ring-streamer: ") && scanned.err.contains(where), scanned.err);

        final Path out = dir.resolve("export.jsonl");
        final Run exported = run("--export", journal.toString(), "--out", out.toString());
        assertEquals(1, exported.status, exported.err);
        assertTrue(exported.err.contains("exported 2 messages") && exported.err.contains(where), exported.err);
        assertEquals(seed.subList(0, 2), Files.readAllLines(out), "what was read is written before the report");
    }

    @Test
    void shouldExitNonZeroWhenTheJournalFailsDuringARecordRun(@TempDir final Path dir) throws Exception
    {
        final Path journal = Files.createDirectories(dir.resolve("journal"));
        // where Chronicle would write today's data file, a folder: the journal cannot start
        final String today = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd")
            .format(java.time.LocalDate.now(java.time.ZoneOffset.UTC));
        Files.createDirectories(journal.resolve(today + "F.cq4"));

        final Run recorded = run("--record", journal.toString());

        assertEquals(1, recorded.status, recorded.err);
        assertTrue(recorded.err.contains("journal failed"), recorded.err);
    }

    private static int indexOf(final byte[] bytes, final byte[] part)
    {
        outer:
        for (int i = 0; i <= bytes.length - part.length; i++)
        {
            for (int j = 0; j < part.length; j++)
            {
                if (bytes[i + j] != part[j])
                {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    @Test
    void shouldFailWithOneLineAndStatusTwoWhenJournalOptionsAreBad(@TempDir final Path dir)
    {
        for (final String[] args : List.of(
            new String[] {"--replay", dir.resolve("none").toString()},
            new String[] {"--export", dir.resolve("none").toString()},
            new String[] {"--replay", dir.toString(), "--speed", "fast"},
            new String[] {"--replay", dir.toString(), "--speed", "0"},
            new String[] {"--replay", dir.toString(), "--data", "file.jsonl"},
            new String[] {"--out", "file.jsonl"},
            new String[] {"--export", dir.toString(), "--record", dir.toString()},
            new String[] {"--record"}))
        {
            final Run run = run(args);
            assertEquals(2, run.status, Arrays.toString(args));
            assertEquals(1, run.err.lines().count(), run.err);
            assertTrue(run.err.startsWith("ring-streamer: "), run.err);
        }
    }
}
