package io.ringstreamer.bench;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The harness is what every contender uses; it must know none of them, or the two packages form a cycle. */
class PackageCycleTest
{
    private static final Path HARNESS = Path.of("src/main/java/io/ringstreamer/bench/harness");

    @Test
    void shouldNameNoContenderWhenTheHarnessIsRead() throws IOException
    {
        assertTrue(Files.isDirectory(HARNESS), HARNESS.toAbsolutePath() + " is missing");
        try (Stream<Path> files = Files.list(HARNESS))
        {
            final List<String> offenders = files
                .filter(file -> read(file).contains("io.ringstreamer.bench.contenders"))
                .map(file -> file.getFileName().toString())
                .toList();
            assertEquals(List.of(), offenders);
        }
    }

    private static String read(final Path file)
    {
        try
        {
            return Files.readString(file);
        }
        catch (final IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}
