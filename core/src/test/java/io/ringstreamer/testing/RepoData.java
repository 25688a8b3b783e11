package io.ringstreamer.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the repository's own {@code data/} folder (see {@code data/README.md}) and top folder from any
 * module's working directory: the nearest ancestor that holds both the build's {@code pom.xml} and
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
        final Path file = root().resolve("data").resolve(relative);
        if (!Files.exists(file))
        {
            throw new IllegalStateException(file + " does not exist");
        }
        return file;
    }

    /** The repository's top folder: the one that holds {@code data/}. */
    public static Path root()
    {
        final Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent())
        {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isRegularFile(dir.resolve("data/README.md")))
            {
                return dir;
            }
        }
        throw new IllegalStateException("no repository data/ folder above " + start);
    }
}
