package io.ringstreamer.demo;

import io.ringstreamer.format.CanonicalDecoder;
import io.ringstreamer.journal.JournalReader;
import io.ringstreamer.journal.JournalRecord;

import java.io.BufferedReader;
import java.io.IOException;
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

    static List<String> symbolsIn(final Path file) throws IOException
    {
        final Set<String> symbols = new LinkedHashSet<>();
        final CanonicalDecoder decoder = new CanonicalDecoder();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            int lines = 0;
            for (String line = reader.readLine(); line != null && lines++ < LINES; line = reader.readLine())
            {
                final byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
                add(decoder, bytes, bytes.length, symbols);
            }
        }
        return new ArrayList<>(symbols);
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
