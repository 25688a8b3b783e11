package io.ringstreamer.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the repository's own {@code data/} folder (see {@code data/README.md}) from any module's
 * working directory: the nearest ancestor that holds both the build's {@code pom.xml} and
 * {@code data/README.md}. Tests fail loudly, never skip, when it is missing.
 */
public final class RepoData
{
    private RepoData()
    {
    }

    /** {@code data/<relative>} in the repository that holds the working directory. */
    public static Path path(final String relative)
    {
        final Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent())
        {
            final Path data = dir.resolve("data");
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isRegularFile(data.resolve("README.md")))
            {
                final Path file = data.resolve(relative);
                if (!Files.exists(file))
                {
                    throw new IllegalStateException(file + " does not exist");
                }
                return file;
            }
        }
        throw new IllegalStateException("no repository data/ folder above " + start);
    }
}
