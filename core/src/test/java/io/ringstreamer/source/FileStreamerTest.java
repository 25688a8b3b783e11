package io.ringstreamer.source;

import io.ringstreamer.Pipeline;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.StreamError;
import io.ringstreamer.testing.CollectingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Damaged JSON Lines files played by {@link FileStreamer} through a pipeline: a line over the size
 * limit, a byte-order mark, CR-only line endings. A bad line is reported and skipped; every later line
 * is played.
 */
@Timeout(120)
class FileStreamerTest
{
    private static final long MINUTE = 60_000;
    private static final long T0 = 1_720_530_000_000L;
    private static final byte[] LF = {'\n'};

    @TempDir
    Path dir;

    /** A valid 1-minute bar message for symbol A, the {@code n}th minute. */
    private static byte[] bar(final int n)
    {
        final long start = T0 + n * MINUTE;
        return ("{\"timestamp\":" + (start + MINUTE) + ",\"service\":\"CHART_EQUITY\",\"symbols\":{\"A\":" +
            "{\"open\":10,\"high\":11,\"low\":9,\"close\":10,\"volume\":5,\"datetime\":" + start + "}}}")
            .getBytes(StandardCharsets.US_ASCII);
    }

    private static CollectingListener play(final Path file) throws Exception
    {
        final CollectingListener listener = new CollectingListener();
        try (Pipeline pipeline = Pipeline.builder().symbols("A").listener(listener)
            .streamer(new FileStreamer(file, FileStreamer.AtEnd.END)).build().start())
        {
            assertTrue(pipeline.awaitTermination(100, TimeUnit.SECONDS));
        }
        return listener;
    }

    private static List<Long> barStarts(final CollectingListener listener)
    {
        return listener.barsBySymbol.getOrDefault("A", List.of()).stream()
            .map(bar -> (bar.barStartMillis() - T0) / MINUTE).toList();
    }

    private static String describe(final StreamError error)
    {
        return error.kind().label() + ": " + error.message();
    }

    @Test
    void shouldReportAnOverlongLineAndPlayEveryLaterLineWhenALineIsOverTheLimit() throws Exception
    {
        final Path file = dir.resolve("overlong.jsonl");
        final byte[] filler = new byte[1 << 20];
        Arrays.fill(filler, (byte)' ');
        try (OutputStream out = Files.newOutputStream(file))
        {
            out.write(bar(0));
            out.write(LF);
            out.write("{\"timestamp\":1,\"padding\":\"".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 64; i++) // 64 MiB of padding, plus the prefix: over the 64 MiB limit
            {
                out.write(filler);
            }
            out.write('"');
            out.write('}');
            out.write(LF);
            out.write(bar(1));
            out.write(LF);
            out.write(bar(2)); // no final newline
        }

        final CollectingListener listener = play(file);

        assertEquals(List.of(0L, 1L, 2L), barStarts(listener), "every later message is processed");
        assertEquals(1, listener.errors.size(), listener.errors::toString);
        final StreamError error = listener.errors.get(0);
        assertEquals(ErrorKind.MESSAGE_TOO_LARGE, error.kind(), describe(error));
        assertTrue(error.message().startsWith("line 2 of " + file + " (byte " + (bar(0).length + 1) + "): " +
            (26 + 64 * (1 << 20) + 2) + " bytes, more than the limit of 67108864"), describe(error));
    }

    @Test
    void shouldSkipAByteOrderMarkWhenTheFileStartsWithOne() throws Exception
    {
        final Path file = dir.resolve("bom.jsonl");
        try (OutputStream out = Files.newOutputStream(file))
        {
            out.write(new byte[] {(byte)0xEF, (byte)0xBB, (byte)0xBF});
            out.write(bar(0));
            out.write(LF);
            out.write(bar(1));
            out.write(LF);
        }

        final CollectingListener listener = play(file);

        assertEquals(List.of(), listener.errors);
        assertEquals(List.of(0L, 1L), barStarts(listener));
    }

    @Test
    void shouldReportCarriageReturnLineEndingsClearlyWhenTheFileUsesCrOnly() throws Exception
    {
        final Path file = dir.resolve("cr-only.jsonl");
        try (OutputStream out = Files.newOutputStream(file))
        {
            for (int i = 0; i < 3; i++)
            {
                out.write(bar(i));
                out.write('\r');
            }
        }

        final CollectingListener listener = play(file);

        assertEquals(List.of(), barStarts(listener));
        assertEquals(1, listener.errors.size(), listener.errors::toString);
        final StreamError error = listener.errors.get(0);
        assertEquals(ErrorKind.MALFORMED_MESSAGE, error.kind(), describe(error));
        assertEquals("line 1 of " + file + " (byte 0): carriage return without a line feed at byte " + bar(0).length +
            " (CR-only line endings are not supported: use LF or CRLF); line skipped", error.message());
    }

    @Test
    void shouldSkipOnlyTheLineWithAStrayCarriageReturnWhenTheRestIsCrlf() throws Exception
    {
        final Path file = dir.resolve("stray-cr.jsonl");
        final byte[] first = bar(0);
        try (OutputStream out = Files.newOutputStream(file))
        {
            out.write(first);
            out.write(new byte[] {'\r', '\n'});
            out.write(bar(1), 0, 20);
            out.write('\r');
            out.write(bar(1), 20, bar(1).length - 20);
            out.write(new byte[] {'\r', '\n'});
            out.write(bar(2));
            out.write(new byte[] {'\r', '\n'});
        }

        final CollectingListener listener = play(file);

        assertEquals(List.of(0L, 2L), barStarts(listener));
        assertEquals(List.of("MalformedMessage: line 2 of " + file + " (byte " + (first.length + 2) +
            "): carriage return without a line feed at byte " + (first.length + 2 + 20) +
            " (CR-only line endings are not supported: use LF or CRLF); line skipped"),
            listener.errors.stream().map(FileStreamerTest::describe).toList());
    }

    @Test
    void shouldPlayEveryLineWhenLinesAreLongerThanTheInitialBuffer() throws Exception
    {
        final Path file = dir.resolve("long.jsonl");
        final StringBuilder padding = new StringBuilder();
        padding.append(" ".repeat(200_000));
        try (OutputStream out = Files.newOutputStream(file))
        {
            for (int i = 0; i < 5; i++)
            {
                final byte[] bar = bar(i);
                out.write(bar, 0, bar.length - 1);
                out.write(padding.toString().getBytes(StandardCharsets.US_ASCII));
                out.write('}');
                out.write(LF);
            }
        }

        final CollectingListener listener = play(file);

        assertEquals(List.of(), listener.errors);
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), barStarts(listener));
    }
}
