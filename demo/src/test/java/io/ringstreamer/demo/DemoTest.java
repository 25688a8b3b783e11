package io.ringstreamer.demo;

import io.ringstreamer.testing.EqkerBars;
import io.ringstreamer.testing.RepoData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(120)
class DemoTest
{
    /** The original's output, in the Java form the issue fixes; results of different symbols may interleave. */
    static final List<String> SEED_LINES = List.of(
        "ResultInstance(symbol='AMZN', open=199.79, high=199.84, low=199.79, close=199.84, volume=1521, unix_ts=1720522800000, new_york_datetime=2024-07-09 07:00:00-04:00)",
        "ResultInstance(symbol='AMZN', open=199.85, high=199.85, low=199.85, close=199.85, volume=204, unix_ts=1720522860000, new_york_datetime=2024-07-09 07:01:00-04:00)",
        "ResultInstance(symbol='AAPL', open=227.99, high=228.0, low=227.95, close=227.95, volume=3756, unix_ts=1720522860000, new_york_datetime=2024-07-09 07:01:00-04:00)",
        "ResultInstance(symbol='AAPL', open=227.8, high=227.8, low=227.8, close=227.8, volume=249, unix_ts=1720522920000, new_york_datetime=2024-07-09 07:02:00-04:00)",
        "ResultInstance(symbol='AMZN', open=199.8, high=199.8, low=199.8, close=199.8, volume=1874, unix_ts=1720522920000, new_york_datetime=2024-07-09 07:02:00-04:00)",
        "ErrorInstance(error=ConnectionError, message='No more data available from API.')");

    private record Run(int status, List<String> out, String err)
    {
    }

    private static Run run(final String... args)
    {
        return runWithInput(new ByteArrayInputStream(new byte[0]), args);
    }

    private static Run runWithInput(final InputStream in, final String... args)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status = new Demo(in, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8)).run(args, false);
        return new Run(status, out.toString(StandardCharsets.UTF_8).lines().toList(), err.toString(StandardCharsets.UTF_8));
    }

    private static List<String> linesFor(final List<String> lines, final String symbol)
    {
        return lines.stream().filter(l -> l.contains("symbol='" + symbol + "'")).toList();
    }

    @Test
    void shouldPrintTheSeedsResultsThenItsErrorWhenRunWithNoArguments()
    {
        for (int i = 0; i < 20; i++)
        {
            final Run run = run();
            assertEquals(0, run.status, run.err);
            assertEquals("Running... Press Ctrl-C to stop.", run.out.get(0));
            final List<String> results = run.out.subList(1, run.out.size());
            assertEquals(6, results.size(), String.join("\n", results));
            assertEquals(linesFor(SEED_LINES, "AMZN"), linesFor(results, "AMZN"), "AMZN in order");
            assertEquals(linesFor(SEED_LINES, "AAPL"), linesFor(results, "AAPL"), "AAPL in order");
            assertEquals(SEED_LINES.get(5), results.get(5), "the ConnectionError comes last");
            assertTrue(run.err.contains("messages=3 processed=3"), run.err);
            assertTrue(run.err.contains("results=5 errors=1"), run.err);
        }
    }

    @Test
    void shouldFormatTheSeedsOwnTestTimeInNewYork()
    {
        assertEquals("2024-07-09 07:02:00-04:00", SeedFormat.newYorkTime(1720522920000L));
    }

    @Test
    void shouldFailWithOneLineAndStatusTwoWhenOptionsOrFilesAreBad()
    {
        for (final String[] args : List.of(
            new String[] {"--bogus"},
            new String[] {"--shards"},
            new String[] {"--shards", "zero"},
            new String[] {"--ring-size", "1000"},
            new String[] {"--symbols", ","},
            new String[] {"--data", "/no/such/file.jsonl"},
            new String[] {"--synthetic"},
            new String[] {"--synthetic", "50:20000"},
            new String[] {"--synthetic", "0:20000:10s"},
            new String[] {"--synthetic", "50:0:10s"},
            new String[] {"--synthetic", "50:99999999:10s"},
            new String[] {"--synthetic", "50:20000:0s"},
            new String[] {"--synthetic", "50:20000:10"},
            new String[] {"--synthetic", "50:20000:1h"},
            new String[] {"--synthetic", "50:20000:1441m"},
            new String[] {"--synthetic", "x:y:z"},
            new String[] {"--synthetic", "5:100:1s", "--data", "file.jsonl"},
            new String[] {"--speed", "10"},
            new String[] {"--synthetic", "5:100:1s", "--speed", "0"}))
        {
            final Run run = run(args);
            assertEquals(2, run.status, Arrays.toString(args));
            assertEquals(1, run.err.lines().count(), run.err);
            assertTrue(run.err.startsWith("ring-streamer: "), run.err);
        }
        final Run help = run("--help");
        assertEquals(0, help.status);
        assertTrue(help.out.get(0).startsWith("usage: ring-streamer"));
    }

    @Test
    void shouldPlayAFileAndEndWithTheConnectionErrorWhenGivenData(@TempDir final Path dir) throws Exception
    {
        final var bars = EqkerBars.oneMinute();
        final Path file = EqkerBars.writeJsonLines(EqkerBars.canonicalMessages(bars), dir.resolve("eqker.jsonl"));
        final long lines = Files.lines(file).count();

        final Run all = run("--data", file.toString(), "--shards", "2");
        assertEquals(0, all.status, all.err);
        final long bars1 = bars.values().stream().mapToLong(List::size).sum();
        assertEquals(1 + bars1 + 1, all.out.size(), "header, every bar, the error");
        assertEquals(SEED_LINES.get(5), all.out.get(all.out.size() - 1));
        assertTrue(all.err.contains("summary: messages=" + lines + " processed=" + lines), all.err);

        final Run quiet = run("--data", file.toString(), "--symbols", "AAPL,SPY", "--quiet");
        assertEquals(0, quiet.status, quiet.err);
        assertEquals(List.of("Running... Press Ctrl-C to stop."), quiet.out);
        assertTrue(quiet.err.contains("results=" + (bars.get("AAPL").size() + bars.get("SPY").size())), quiet.err);
    }

    @Test
    void shouldReadOptionEqualsValueLikeOptionSpaceValue(@TempDir final Path dir) throws Exception
    {
        final var bars = EqkerBars.oneMinute();
        final Path file = EqkerBars.writeJsonLines(EqkerBars.canonicalMessages(bars), dir.resolve("eqker.jsonl"));
        final String results = "results=" + (bars.get("AAPL").size() + bars.get("SPY").size()) + " ";

        final Run inline = run("--data=" + file, "--symbols=AAPL,SPY", "--shards=2", "--ring-size=1024", "--quiet");
        assertEquals(0, inline.status, inline.err);
        assertTrue(inline.err.contains(results), inline.err);

        final Run flagWithValue = run("--data=" + file, "--quiet=yes");
        assertEquals(2, flagWithValue.status);
        assertEquals("ring-streamer: --quiet takes no value (try --help)", flagWithValue.err.strip());
        final Run badInline = run("--shards=65");
        assertEquals(2, badInline.status);
        assertTrue(badInline.err.contains("shards must be 1 to 64"), badInline.err);
    }

    @Test
    void shouldStateTheLimitsOfShardsAndRingSizeInTheHelp()
    {
        final Run help = run("--help");
        final String shards = help.out.stream().filter(l -> l.startsWith("  --shards")).findFirst().orElseThrow();
        final String ringSize = help.out.stream().filter(l -> l.startsWith("  --ring-size")).findFirst().orElseThrow();
        assertTrue(shards.contains("1 to 64"), shards);
        assertTrue(ringSize.contains("a power of two"), ringSize);
        assertTrue(help.out.get(0).contains("--option=value"), help.out.get(0));
        assertTrue(help.out.stream().anyMatch(l -> l.contains("FILE - reads standard input")), String.join("\n", help.out));
    }

    @Test
    void shouldPlayStandardInputWhenTheDataFileIsADash(@TempDir final Path dir) throws Exception
    {
        final var bars = EqkerBars.oneMinute();
        final Path file = EqkerBars.writeJsonLines(EqkerBars.canonicalMessages(bars), dir.resolve("eqker.jsonl"));
        final long lines = Files.lines(file).count();
        final long allBars = bars.values().stream().mapToLong(List::size).sum();

        final Run piped = runWithInput(Files.newInputStream(file), "--data", "-", "--quiet");
        assertEquals(0, piped.status, piped.err);
        assertTrue(piped.err.contains("summary: messages=" + lines + " processed=" + lines), piped.err);
        assertTrue(piped.err.contains("results=" + allBars + " errors=1"), piped.err);

        final Run pipedWithSymbols = runWithInput(Files.newInputStream(file), "--data=-", "--symbols", "AAPL", "--quiet");
        assertEquals(0, pipedWithSymbols.status, pipedWithSymbols.err);
        assertTrue(pipedWithSymbols.err.contains("results=" + bars.get("AAPL").size() + " "), pipedWithSymbols.err);
    }

    @Test
    void shouldNameAFileThatIsNotCanonicalJsonLinesWhenGivenOne(@TempDir final Path dir) throws Exception
    {
        final Path csv = RepoData.path("eqker-1min/AAPL_1min.csv");
        final Run scanned = run("--data", csv.toString());
        assertEquals(2, scanned.status);
        assertTrue(scanned.err.startsWith("ring-streamer: " + csv + " is not canonical JSON Lines: line 1: "),
            scanned.err);
        assertEquals(1, scanned.err.lines().count(), scanned.err);

        final Run withSymbols = run("--data", csv.toString(), "--symbols", "AAPL");
        assertEquals(2, withSymbols.status);
        assertTrue(withSymbols.err.startsWith("ring-streamer: " + csv + " is not canonical JSON Lines: line 1: "),
            withSymbols.err);

        final Path blankFirst = Files.writeString(dir.resolve("blank-first.jsonl"), "\n{\"timestamp\":1,\"symbols\":{}}\n");
        final Run lineTwo = run("--data", blankFirst.toString());
        assertEquals(2, lineTwo.status);
        assertTrue(lineTwo.err.startsWith("ring-streamer: " + blankFirst + " is not canonical JSON Lines: line 2: " +
            "missing field: service"), lineTwo.err);

        final Run piped = runWithInput(new ByteArrayInputStream("a,b,c\n".getBytes(StandardCharsets.UTF_8)), "--data", "-");
        assertEquals(2, piped.status);
        assertTrue(piped.err.startsWith("ring-streamer: standard input is not canonical JSON Lines: line 1: "), piped.err);
    }

    private static long counter(final String summary, final String name)
    {
        final Matcher matcher = Pattern.compile("summary: (?:.* )?" + name + "=(\\d+)").matcher(summary);
        assertTrue(matcher.find(), name + " in " + summary);
        return Long.parseLong(matcher.group(1));
    }

    @Test
    void shouldPlayASyntheticMarketAndEndNormallyWhenGivenSynthetic()
    {
        final Run run = run("--synthetic", "20:20000:1s", "--quiet", "--shards", "2");
        assertEquals(0, run.status, run.err);
        assertEquals(List.of("Running... Press Ctrl-C to stop."), run.out, "quiet: no result lines, no ConnectionError");
        final long messages = counter(run.err, "messages");
        assertTrue(messages >= 20_000, run.err);
        assertEquals(messages, counter(run.err, "processed"), run.err);
        assertEquals(0, counter(run.err, "rejected"), run.err);
        assertEquals(0, counter(run.err, "errors"), run.err);
        assertEquals(0, counter(run.err, "dropped"), run.err);
    }

    @Test
    void shouldPrintBarsAndWarmingIndicatorsWhenSyntheticRunsWithIndicators()
    {
        // 2,000 messages at 600 simulated seconds a second: 20 simulated minutes, so 20 bars a symbol
        final Run run = run("--synthetic", "3:1000:2s", "--speed", "600", "--indicators");
        assertEquals(0, run.status, run.err);
        for (final String symbol : List.of("AAPL", "MSFT", "AMZN"))
        {
            final List<String> lines = linesFor(run.out, symbol);
            final List<String> bars = lines.stream().filter(l -> l.startsWith("ResultInstance(")).toList();
            final List<String> indicators = lines.stream().filter(l -> l.startsWith("EmaRsiInstance(")).toList();
            assertEquals(20, bars.size(), String.join("\n", lines));
            assertEquals(20, indicators.size(), String.join("\n", lines));
            assertTrue(bars.get(0).endsWith("new_york_datetime=2024-07-09 09:30:00-04:00)"), bars.get(0));
            assertTrue(indicators.get(13).endsWith("rsi=None)") && !indicators.get(14).endsWith("rsi=None)"),
                String.join("\n", indicators));
            assertTrue(indicators.get(18).contains("ema=None") && !indicators.get(19).contains("ema=None"),
                String.join("\n", indicators));
        }
        assertTrue(run.err.contains("rejected=0") && run.err.contains(" errors=0"), run.err);
    }

    @Test
    void shouldKeepTheReadmeExampleIdenticalToTheCompiledOne() throws Exception
    {
        final Path root = Path.of("").toAbsolutePath().getParent();
        final String readme = Files.readString(root.resolve("README.md"));
        final List<String> source = Files.readAllLines(
            Path.of("src/main/java/io/ringstreamer/demo/QuickStart.java"));
        final List<String> example = new ArrayList<>();
        boolean inside = false;
        for (final String line : source)
        {
            if (line.contains("end::example[]"))
            {
                inside = false;
            }
            if (inside)
            {
                example.add(line);
            }
            if (line.contains("tag::example[]"))
            {
                inside = true;
            }
        }
        final int indent = example.get(0).length() - example.get(0).stripLeading().length();
        final String expected = example.stream().map(l -> l.length() >= indent ? l.substring(indent) : l.strip())
            .collect(Collectors.joining("\n"));
        assertTrue(readme.contains(expected), "README.md must hold QuickStart's example verbatim:\n" + expected);
    }

    @Test
    void shouldRunTheReadmeExampleOnAFile(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("seed.jsonl");
        try (var in = Demo.class.getResourceAsStream("fake-api-data.jsonl"))
        {
            Files.copy(in, file);
        }
        final PrintStream original = System.out;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try
        {
            QuickStart.run(file);
        }
        finally
        {
            System.setOut(original);
        }
        final List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(5, lines.size(), lines.toString());
        assertTrue(lines.contains("AMZN close=199.84 volume=1521"), lines.toString());
        assertTrue(lines.contains("AAPL close=227.8 volume=249"), lines.toString());
    }
}
