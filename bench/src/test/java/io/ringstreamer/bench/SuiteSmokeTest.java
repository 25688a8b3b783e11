package io.ringstreamer.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the whole benchmark suite in smoke mode (in-process, a few hundred milliseconds a benchmark)
 * so that no benchmark can rot; asserts on what it produced, never on speed.
 */
@Timeout(600)
class SuiteSmokeTest
{
    @Test
    void shouldRunEveryBenchmarkAndWriteTheReportWhenInSmokeMode(@TempDir final Path docs) throws Exception
    {
        final ByteArrayOutputStream log = new ByteArrayOutputStream();
        final Report report = Suite.run(Suite.Mode.SMOKE, docs, "smoke test", new PrintStream(log, true, StandardCharsets.UTF_8));

        assertEquals(5 * 4, report.decode.size(), "5 decoders × 4 message sizes");
        assertEquals(2 * (4 * 3 + 2 + 2 + 3), report.throughput.size(),
            "light and heavy for every design and shard count (one shard for inline and via-administrator; "
                + "2 and 4 for ring-streamer decoding once)");
        assertEquals(3 * 2, report.journalCost.size(), "without a journal, with one on each thread × 1 and 2 shards");
        assertEquals(5 * 2 * 2, report.waitStrategies.size(), "5 wait strategies × 1 and 2 shards × light and heavy");
        assertEquals(2, report.multiService.size());
        assertEquals(2, report.steadyState.size());
        assertEquals((Suite.LATENCY_CONTENDERS.size() + 1 + 2) * Suite.Mode.SMOKE.loads.length, report.latency.size(),
            "every latency contender, ring-streamer with a journal on each thread, and its low-latency profile, "
                + "at every load");
        assertEquals(Suite.Mode.SMOKE.loads.length,
            report.latency.stream().filter(r -> r.profile == LatencyRun.Profile.LOW_LATENCY).count());
        for (final LatencyRun run : report.latency)
        {
            assertTrue(run.latency.getTotalCount() > 0, run.contender);
            assertTrue(run.cpuSeconds >= 0, run.contender + " CPU read");
            assertTrue(run.handoff.getTotalCount() == run.messages, run.contender + " timed every hand-off");
        }

        assertTrue(report.latency.stream().mapToDouble(r -> r.cpuSeconds).sum() > 0,
            "the latency runs used CPU (a short smoke run may read 0 at the clock's granularity, not all of them)");

        final String markdown = Files.readString(docs.resolve("performance.md"));
        assertTrue(markdown.contains(Report.BEGIN) && markdown.contains(Report.END));
        assertTrue(markdown.contains("| raw-disruptor | 4 |"), markdown);
        assertTrue(markdown.contains("| agrona | 4 |"), markdown);
        assertTrue(markdown.contains("| ring-streamer-via-administrator | 1 |"), markdown);
        assertTrue(markdown.contains("| ring-streamer-decode-once | 2 |"), markdown);
        assertTrue(markdown.contains("| ring-streamer-low-latency | "), markdown);
        assertTrue(markdown.contains("| CPU (cores) |"), markdown);
        assertTrue(markdown.contains("### Journal cost"), markdown);
        // the percentages keep a decimal, so a 79.87% is not shown as "80%" beside "no"
        assertTrue(Pattern.compile("\\| light, 1 shard ≥ 80% of what one core decodes and processes [^|]*\\| [0-9]+\\.[0-9]% \\(")
            .matcher(markdown).find(), markdown);
        assertTrue(Pattern.compile("\\| journal costs ≤ 10% of light throughput, 1 shard [^|]*\\| -?[0-9]+\\.[0-9]% \\(")
            .matcher(markdown).find(), markdown);
        assertTrue(markdown.contains("| ring-streamer+journal | 10% | "), "the default journal's hand-off rows: " + markdown);
        assertTrue(markdown.contains("| ring-streamer+journal-own | 10% | "), markdown);
        assertTrue(markdown.contains("| the reader's hand-off p99.9 with a journal reported") &&
            !markdown.contains("n/a ns on the first shard's"), markdown);
        assertTrue(markdown.contains("| heavy, 2 shards ≥ 1.6× 1 shard |"), markdown);
        assertTrue(markdown.contains("| 0 B/message in steady state |"), markdown);
        assertTrue(Files.size(docs.resolve(Report.PLOT)) > 10_000, "a real PNG");
        assertTrue(Files.size(docs.resolve(Report.THROUGHPUT_CHART)) > 10_000, "a real PNG");

        // Re-running keeps the hand-written text around the generated part.
        Files.writeString(docs.resolve("performance.md"), "# Notes\n\nkept\n\n" + markdown + "\nafter\n");
        report.write(docs);
        final String again = Files.readString(docs.resolve("performance.md"));
        assertTrue(again.startsWith("# Notes\n\nkept\n\n"), again.substring(0, 40));
        assertTrue(again.endsWith("after\n"));
        assertEquals(1, again.split(Report.BEGIN, -1).length - 1);
    }
}
