package io.ringstreamer.demo;

import io.ringstreamer.format.CanonicalDecoder;
import io.ringstreamer.journal.JournalReader;
import io.ringstreamer.journal.JournalRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the symbols named in the first {@value #LINES} lines of a canonical JSON Lines file, in
 * order of first appearance: the demo's default subscription when no {@code --symbols} is given.
 */
final class SymbolScan
{
    static final int LINES = 100_000;

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
    static List<String> symbolsIn(final Path file, final String name) throws IOException
    {
        final Set<String> symbols = new LinkedHashSet<>();
        final CanonicalDecoder decoder = new CanonicalDecoder();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            int lines = 0;
            boolean first = true;
            for (String line = reader.readLine(); line != null && lines++ < LINES; line = reader.readLine())
            {
                if (line.isBlank())
                {
                    continue;
                }
                final byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
                if (first && !decoder.wrap(bytes, 0, bytes.length))
                {
                    throw new IOException(notCanonical(name, lines, decoder));
                }
                first = false;
                add(decoder, bytes, bytes.length, symbols);
            }
        }
        catch (final CharacterCodingException ex)
        {
            throw new IOException(name + " is not canonical JSON Lines: it is not UTF-8 text", ex);
        }
        return new ArrayList<>(symbols);
    }

    /**
     * Checks only the first message of a JSON Lines file (when {@code --symbols} makes a scan unnecessary).
     *
     * @throws IOException as {@link #symbolsIn}.
     */
    static void requireCanonical(final Path file, final String name) throws IOException
    {
        final CanonicalDecoder decoder = new CanonicalDecoder();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            int lines = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine())
            {
                lines++;
                if (!line.isBlank())
                {
                    final byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
                    if (!decoder.wrap(bytes, 0, bytes.length))
                    {
                        throw new IOException(notCanonical(name, lines, decoder));
                    }
                    return;
                }
            }
        }
        catch (final CharacterCodingException ex)
        {
            throw new IOException(name + " is not canonical JSON Lines: it is not UTF-8 text", ex);
        }
    }

    private static String notCanonical(final String name, final int line, final CanonicalDecoder decoder)
    {
        return name + " is not canonical JSON Lines: line " + line + ": " + decoder.errorReason() +
            " (at byte " + decoder.errorPosition() + ")";
    }

    /** The symbols in the first {@value #LINES} messages of a journal, in order of first appearance. */
    static List<String> symbolsInJournal(final Path directory) throws IOException
    {
        final Set<String> symbols = new LinkedHashSet<>();
        final CanonicalDecoder decoder = new CanonicalDecoder();
        try (JournalReader reader = JournalReader.open(directory))
        {
            final JournalRecord record = reader.record();
            for (int messages = 0; messages < LINES && reader.next(); messages++)
            {
                add(decoder, record.bytes(), record.length(), symbols);
            }
        }
        return new ArrayList<>(symbols);
    }

    private static void add(final CanonicalDecoder decoder, final byte[] bytes, final int length, final Set<String> symbols)
    {
        if (decoder.wrap(bytes, 0, length))
        {
            for (int i = 0; i < decoder.entryCount(); i++)
            {
                symbols.add(new String(bytes, decoder.symbolOffset(i), decoder.symbolLength(i), StandardCharsets.UTF_8));
            }
        }
    }
}
