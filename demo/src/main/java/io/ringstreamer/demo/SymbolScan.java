package io.ringstreamer.demo;

import io.ringstreamer.format.CanonicalDecoder;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Finds every symbol named in a canonical JSON Lines file, in order of first appearance. */
final class SymbolScan
{
    private SymbolScan()
    {
    }

    static List<String> symbolsIn(final Path file) throws IOException
    {
        final Set<String> symbols = new LinkedHashSet<>();
        final CanonicalDecoder decoder = new CanonicalDecoder();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            for (String line = reader.readLine(); line != null; line = reader.readLine())
            {
                final byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
                if (decoder.wrap(bytes, 0, bytes.length))
                {
                    for (int i = 0; i < decoder.entryCount(); i++)
                    {
                        symbols.add(new String(bytes, decoder.symbolOffset(i), decoder.symbolLength(i), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return new ArrayList<>(symbols);
    }
}
