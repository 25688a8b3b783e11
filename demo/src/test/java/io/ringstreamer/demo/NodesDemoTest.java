package io.ringstreamer.demo;

import io.ringstreamer.testing.EqkerBars;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --nodes N} against the single-process run, on the repository's eqker 1-minute bars (24 symbols, about
 * 43,000 bars): the same lines, per symbol in the same order (the order across symbols is not defined, in one process
 * with several shards either), with {@code kill -9} of a worker half-way ({@code --kill-node}) too. The demo runs in
 * this JVM (feed and administrator); its workers are real child JVMs over Aeron UDP on 127.0.0.1.
 */
@Timeout(120)
class NodesDemoTest
{
    private static Path data;
    private static Output single;

    @BeforeAll
    static void runSingleProcess(@TempDir final Path dir) throws Exception
    {
        data = EqkerBars.writeJsonLines(EqkerBars.canonicalMessages(EqkerBars.oneMinute()), dir.resolve("eqker-1min.jsonl"));
        single = run("--data", data.toString());
        assertEquals(0, single.status, single.err);
        assertTrue(single.lines.size() > 40_000, "about 43,000 bars: " + single.lines.size());
    }

    @Test
    void shouldPrintWhatTheSingleProcessRunPrintsWhenRunOnThreeNodes() throws Exception
    {
        final Output nodes = run("--nodes", "3", "--data", data.toString());
        assertEquals(0, nodes.status, nodes.err);
        assertSameLinesPerSymbol(single.lines, nodes.lines, nodes.err);
        assertEquals(single.lines.size(), nodes.lines.size());
        assertEquals(single.lines.get(0), nodes.lines.get(0), "the first line");
        assertTrue(nodes.err.contains("duplicates-dropped=0"), nodes.err);
    }

    @Test
    void shouldPrintEveryLineOnceWhenAWorkerIsKilledHalfWayAndRestarted() throws Exception
    {
        final Output nodes = run("--nodes", "3", "--kill-node", "1@0.5", "--data", data.toString());
        assertEquals(0, nodes.status, nodes.err);
        assertTrue(nodes.err.contains("kill-node: worker 1 killed (SIGKILL) after "), nodes.err);
        assertSameLinesPerSymbol(single.lines, nodes.lines, nodes.err);
        assertEquals(single.lines.size(), nodes.lines.size(), "nothing twice");
    }

    @Test
    void shouldPrintWhatTheSingleProcessRunPrintsWhenASyntheticMarketRunsOnTwoNodes()
    {
        // Every kind the demo prints but custom results: quotes, trades, books, headlines, 1-, 5- and 15-minute bars.
        final Output one = run("--synthetic", "10:2000:3s");
        assertEquals(0, one.status, one.err);
        for (final String kind : List.of("QuoteInstance", "TradeInstance", "BookInstance", "NewsInstance",
            "ResultInstance", "AggregateBarInstance"))
        {
            assertTrue(one.lines.stream().anyMatch(line -> line.startsWith(kind)), kind + " in the one-process run");
        }
        final Output nodes = run("--nodes", "2", "--synthetic", "10:2000:3s");
        assertEquals(0, nodes.status, nodes.err);
        assertSameLinesPerSymbol(one.lines, nodes.lines, nodes.err);
        assertEquals(one.lines.size(), nodes.lines.size());
    }

    @Test
    void shouldPrintTheIndicatorsCustomResultsAsTheSingleProcessRunWhenRunOnTwoNodes()
    {
        final Output one = run("--synthetic", "5:1000:3s", "--indicators");
        assertEquals(0, one.status, one.err);
        assertTrue(one.lines.stream().anyMatch(line -> line.startsWith("EmaRsiInstance")), "EMA/RSI lines: " + one.lines);
        final Output nodes = run("--nodes", "2", "--synthetic", "5:1000:3s", "--indicators");
        assertEquals(0, nodes.status, nodes.err);
        assertSameLinesPerSymbol(one.lines, nodes.lines, nodes.err);
        assertEquals(one.lines.size(), nodes.lines.size());
    }

    /** The same lines per symbol, in the same order; says where they first differ. */
    static void assertSameLinesPerSymbol(final List<String> expected, final List<String> actual, final String context)
    {
        final Map<String, List<String>> want = bySymbol(expected);
        final Map<String, List<String>> got = bySymbol(actual);
        assertEquals(want.keySet(), got.keySet(), context);
        for (final Map.Entry<String, List<String>> symbol : want.entrySet())
        {
            final List<String> a = symbol.getValue();
            final List<String> b = got.get(symbol.getKey());
            for (int i = 0; i < Math.min(a.size(), b.size()); i++)
            {
                assertEquals(a.get(i), b.get(i), "'" + symbol.getKey() + "' line " + i + "; " + context);
            }
            assertEquals(a.size(), b.size(), () -> "lines of '" + symbol.getKey() + "'; " + context +
                (a.size() > b.size() ? "; first missing: " + a.get(b.size()) : "; first extra: " + b.get(a.size())));
        }
    }

    /** Each symbol's lines in order; lines about no symbol under "". */
    static Map<String, List<String>> bySymbol(final List<String> lines)
    {
        final Map<String, List<String>> grouped = new TreeMap<>();
        for (final String line : lines)
        {
            final int at = line.indexOf("symbol='");
            final String symbol = at < 0 ? "" : line.substring(at + 8, line.indexOf('\'', at + 8));
            grouped.computeIfAbsent(symbol, s -> new ArrayList<>()).add(line);
        }
        return grouped;
    }

    private static Output run(final String... args)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status = new Demo(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8)).run(args, false);
        return new Output(status, out.toString(StandardCharsets.UTF_8).lines().toList(), err.toString(StandardCharsets.UTF_8));
    }

    private record Output(int status, List<String> lines, String err)
    {
    }
}
