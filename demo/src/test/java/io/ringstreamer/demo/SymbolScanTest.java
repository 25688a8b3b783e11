package io.ringstreamer.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo's scan of a {@code --data} file for its symbols, on damaged files: bytes that are not UTF-8,
 * a line longer than the streamer plays, symbols that are empty or not printable ASCII. The scan finds
 * the good symbols and says in one line what it left out; never an exception's stack trace or an
 * {@code OutOfMemoryError}.
 */
@Timeout(120)
class SymbolScanTest
{
    @TempDir
    Path dir;

    private static byte[] bar(final String symbol, final int minute)
    {
        final long start = 1_720_531_800_000L + minute * 60_000L;
        return ("{\"timestamp\":" + (start + 60_000) + ",\"service\":\"CHART_EQUITY\",\"symbols\":{\"" + symbol +
            "\":{\"open\":10,\"high\":11,\"low\":9,\"close\":10,\"volume\":5,\"datetime\":" + start + "}}}\n")
            .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldFindTheSymbolsWhenALineIsNotUtf8() throws Exception
    {
        final Path file = dir.resolve("latin1.jsonl");
        try (OutputStream out = Files.newOutputStream(file))
        {
            out.write(bar("AAPL", 0));
            out.write("{\"timestamp\":1720531860000,\"service\":\"NEWS_HEADLINE\",\"symbols\":{\"MSFT\":{\"headline\":\"Caf\u00e9\"}}}\n"
                .getBytes(StandardCharsets.ISO_8859_1)); // 0xE9 alone: not UTF-8
            out.write(bar("AMZN", 1));
        }

        final SymbolScan.Found found = SymbolScan.symbolsIn(file, file.toString());

        assertEquals(List.of("AAPL", "MSFT", "AMZN"), found.symbols());
        assertEquals(null, found.note(file));
    }

    @Test
    void shouldLeaveOutAndNameSymbolsWhenTheyAreEmptyOrNotPrintableAscii() throws Exception
    {
        final Path file = dir.resolve("odd-symbols.jsonl");
        try (OutputStream out = Files.newOutputStream(file))
        {
            out.write(bar("AAPL", 0));
            out.write(bar("", 1));
            out.write(bar("\u00c4PFEL", 2));
            out.write(bar("TAB\\tX", 3)); // an escape: not the symbol's bytes
            out.write(bar("MSFT", 4));
        }

        final SymbolScan.Found found = SymbolScan.symbolsIn(file, file.toString());

        assertEquals(List.of("AAPL", "MSFT"), found.symbols());
        assertEquals("ring-streamer: left out 3 symbols of " + file + " that are empty or not printable ASCII " +
            "(first: \"\"); give --symbols to choose", found.note(file));
    }

    @Test
    void shouldSkipALineLongerThanTheStreamerPlaysWithoutHoldingIt() throws Exception
    {
        final Path file = dir.resolve("long-line.jsonl");
        final byte[] filler = new byte[1 << 20];
        Arrays.fill(filler, (byte)' ');
        try (OutputStream out = Files.newOutputStream(file))
        {
            out.write(bar("AAPL", 0));
            out.write("{\"timestamp\":1,\"service\":\"CHART_EQUITY\",\"symbols\":{\"HUGE\":{}},\"pad\":\"".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 65; i++)
            {
                out.write(filler);
            }
            out.write("\"}\n".getBytes(StandardCharsets.US_ASCII));
            out.write(bar("MSFT", 1));
        }

        final SymbolScan.Found found = SymbolScan.symbolsIn(file, file.toString());

        assertEquals(List.of("AAPL", "MSFT"), found.symbols());
        assertEquals("ring-streamer: skipped 1 line of " + file + " longer than 67108864 bytes (the streamer skips " +
            "it too)", found.note(file));
    }

    @Test
    void shouldRunWithTheGoodSymbolsAndSayWhatWasLeftOutWhenTheDemoScansADamagedFile() throws Exception
    {
        final Path file = dir.resolve("mixed.jsonl");
        try (OutputStream out = Files.newOutputStream(file))
        {
            out.write(new byte[] {(byte)0xEF, (byte)0xBB, (byte)0xBF}); // a byte-order mark
            out.write(bar("AAPL", 0));
            out.write(new byte[] {(byte)0xC3, (byte)0x28, '\n'}); // invalid UTF-8, alone on a line
            out.write(bar("", 1));
        }
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();

        final int status = new Demo(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8)).run(new String[] {"--data", file.toString()}, false);

        final String errors = err.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, errors);
        assertTrue(errors.contains("left out 1 symbol of " + file), errors);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("symbol='AAPL'"), out.toString(StandardCharsets.UTF_8));
        assertTrue(!errors.contains("Exception") && !errors.contains("\tat "), errors);
    }
}
