package io.ringstreamer.demo;

import io.ringstreamer.format.CanonicalDecoder;
import io.ringstreamer.journal.JournalReader;
import io.ringstreamer.journal.JournalRecord;
import io.ringstreamer.source.FileStreamer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the symbols named in the first {@value #LINES} lines of a canonical JSON Lines file (or
 * messages of a journal), in order of first appearance: the demo's default subscription when no
 * {@code --symbols} is given.
 *
 * <p>Reads bytes, as the pipeline does, so bytes that are not UTF-8 cost nothing but the line they are
 * in (if it does not parse). A line longer than {@link FileStreamer#MAX_LINE_BYTES}, which the streamer
 * skips, is skipped without being held; a UTF-8 byte-order mark is skipped, as the streamer does. A
 * symbol that is empty or not printable ASCII (an escape, a control character, a letter beyond ASCII)
 * is left out: it could not be given on the command line, and feeds do not send such symbols.
 * {@link Found#note} says in one line what was left out.
 */
final class SymbolScan
{
    static final int LINES = 100_000;

    /** What a scan found: the symbols, and what it left out. */
    record Found(List<String> symbols, long leftOut, String firstLeftOut, long longLines)
    {
        /** One line for the user saying what was left out of {@code source}, or {@code null} if nothing was. */
        String note(final Path source)
        {
            if (leftOut == 0 && longLines == 0)
            {
                return null;
            }
            final StringBuilder note = new StringBuilder("ring-streamer: ");
            if (leftOut > 0)
            {
                note.append("left out ").append(leftOut).append(leftOut == 1 ? " symbol" : " symbols").append(" of ")
                    .append(source).append(" that ").append(leftOut == 1 ? "is" : "are")
                    .append(" empty or not printable ASCII (first: \"").append(firstLeftOut)
                    .append("\"); give --symbols to choose");
            }
            if (longLines > 0)
            {
                note.append(leftOut > 0 ? "; " : "").append("skipped ").append(longLines)
                    .append(longLines == 1 ? " line" : " lines").append(" of ").append(source).append(" longer than ")
                    .append(FileStreamer.MAX_LINE_BYTES).append(" bytes (the streamer skips ")
                    .append(longLines == 1 ? "it" : "them").append(" too)");
            }
            return note.toString();
        }
    }

    private SymbolScan()
    {
    }

    /**
     * The symbols of a JSON Lines file.
     *
     * @param name what to call the file in a message ({@code standard input} for {@code -}).
     * @throws IOException if the file cannot be read, or if its first message is not canonical: then it
     *                     is not canonical JSON Lines at all (a CSV file, say), and the message says so.
     */
    static Found symbolsIn(final Path file, final String name) throws IOException
    {
        final Collector collector = new Collector(name);
        try (InputStream in = Files.newInputStream(file))
        {
            final byte[] chunk = new byte[1 << 16];
            byte[] line = new byte[4096];
            int length = 0;
            boolean tooLong = false;
            boolean first = true;
            int lines = 0;
            for (int read = in.read(chunk); read > 0 && lines < LINES; read = in.read(chunk))
            {
                for (int i = 0; i < read && lines < LINES; i++)
                {
                    final byte b = chunk[i];
                    if (b == '\n')
                    {
                        lines++;
                        if (tooLong)
                        {
                            collector.longLines++;
                        }
                        else
                        {
                            collector.add(line, skipByteOrderMark(line, length, first), length, lines);
                        }
                        first = false;
                        length = 0;
                        tooLong = false;
                    }
                    else if (!tooLong && length == FileStreamer.MAX_LINE_BYTES)
                    {
                        tooLong = true; // not held: the rest of the line is read past
                        line = new byte[4096];
                        length = 0;
                    }
                    else if (!tooLong)
                    {
                        if (length == line.length)
                        {
                            line = Arrays.copyOf(line, Math.min(line.length * 2, FileStreamer.MAX_LINE_BYTES));
                        }
                        line[length++] = b;
                    }
                }
            }
            if (lines < LINES)
            {
                if (tooLong)
                {
                    collector.longLines++;
                }
                else if (length > 0)
                {
                    collector.add(line, skipByteOrderMark(line, length, first), length, lines + 1);
                }
            }
        }
        return collector.found();
    }

    /**
     * Checks that a JSON Lines file's first message is canonical (when {@code --symbols} makes the
     * symbols themselves unnecessary).
     *
     * @throws IOException as {@link #symbolsIn}.
     */
    static void requireCanonical(final Path file, final String name) throws IOException
    {
        symbolsIn(file, name);
    }

    private static String notCanonical(final String name, final long line, final CanonicalDecoder decoder)
    {
        return name + " is not canonical JSON Lines: line " + line + ": " + decoder.errorReason() +
            " (at byte " + decoder.errorPosition() + ")";
    }

    private static int skipByteOrderMark(final byte[] line, final int length, final boolean first)
    {
        return first && length >= 3 && line[0] == (byte)0xEF && line[1] == (byte)0xBB && line[2] == (byte)0xBF ? 3 : 0;
    }

    /** The symbols in the first {@value #LINES} messages of a journal, in order of first appearance. */
    static Found symbolsInJournal(final Path directory) throws IOException
    {
        final Collector collector = new Collector(null);
        try (JournalReader reader = JournalReader.open(directory))
        {
            final JournalRecord record = reader.record();
            for (int messages = 0; messages < LINES && reader.next(); messages++)
            {
                collector.add(record.bytes(), 0, record.length(), 0);
            }
        }
        return collector.found();
    }

    /** Collects the symbols of canonical messages, leaving out the ones that are not printable ASCII. */
    private static final class Collector
    {
        private final CanonicalDecoder decoder = new CanonicalDecoder();
        private final Set<String> symbols = new LinkedHashSet<>();
        private final Set<String> leftOut = new LinkedHashSet<>();
        private final String name;
        private boolean sawMessage;
        long longLines;

        /** @param name the file's name for a message, or null: no check of the first message (a journal). */
        Collector(final String name)
        {
            this.name = name;
        }

        void add(final byte[] bytes, final int offset, final int end, final long lineNumber) throws IOException
        {
            final CanonicalDecoder decoder = this.decoder;
            if (isBlank(bytes, offset, end))
            {
                return;
            }
            if (!decoder.wrap(bytes, offset, end - offset))
            {
                if (!sawMessage && name != null)
                {
                    throw new IOException(notCanonical(name, lineNumber, decoder));
                }
                return;
            }
            sawMessage = true;
            for (int i = 0; i < decoder.entryCount(); i++)
            {
                final int start = decoder.symbolOffset(i);
                final int length = decoder.symbolLength(i);
                if (isPrintableAscii(bytes, start, length))
                {
                    symbols.add(new String(bytes, start, length, StandardCharsets.US_ASCII));
                }
                else
                {
                    leftOut.add(shown(bytes, start, length));
                }
            }
        }

        Found found()
        {
            return new Found(new ArrayList<>(symbols), leftOut.size(), leftOut.isEmpty() ? null : leftOut.iterator().next(),
                longLines);
        }

        private static boolean isBlank(final byte[] bytes, final int offset, final int end)
        {
            for (int i = offset; i < end; i++)
            {
                if (bytes[i] != ' ' && bytes[i] != '\t' && bytes[i] != '\r')
                {
                    return false;
                }
            }
            return true;
        }

        /** Printable ASCII, no space, no quote or backslash (so no escape): what a symbol can be. */
        private static boolean isPrintableAscii(final byte[] bytes, final int start, final int length)
        {
            if (length == 0)
            {
                return false;
            }
            for (int i = start; i < start + length; i++)
            {
                final byte b = bytes[i];
                if (b <= ' ' || b > '~' || b == '"' || b == '\\')
                {
                    return false;
                }
            }
            return true;
        }

        /** The raw symbol for a message: printable ASCII as it is, any other byte as \xNN; at most 40 bytes. */
        private static String shown(final byte[] bytes, final int start, final int length)
        {
            final StringBuilder shown = new StringBuilder();
            for (int i = start; i < start + Math.min(length, 40); i++)
            {
                final int b = bytes[i] & 0xFF;
                if (b >= ' ' && b <= '~' && b != '\\')
                {
                    shown.append((char)b);
                }
                else
                {
                    shown.append(String.format("\\x%02X", b));
                }
            }
            return length > 40 ? shown.append("...").toString() : shown.toString();
        }
    }
}
