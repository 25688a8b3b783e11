package io.ringstreamer.bench.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Fresh temporary directories for the journals a benchmark writes, deleted with everything in them by
 * {@link #deleteAll()}. Used by one benchmark thread at a time.
 */
public final class ScratchDirectories
{
    private final String prefix;
    private final List<Path> directories = new ArrayList<>();

    public ScratchDirectories(final String prefix)
    {
        this.prefix = prefix;
    }

    /** A new empty directory, remembered for {@link #deleteAll()}. */
    public Path create()
    {
        try
        {
            final Path directory = Files.createTempDirectory(prefix);
            directories.add(directory);
            return directory;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** Deletes every directory created so far, with its files. */
    public void deleteAll() throws IOException
    {
        for (final Path directory : directories)
        {
            try (Stream<Path> files = Files.walk(directory))
            {
                for (final Path file : files.sorted(Comparator.reverseOrder()).toList())
                {
                    Files.delete(file);
                }
            }
        }
        directories.clear();
    }
}
