package io.ringstreamer.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the project's read-only {@code shared/} folder, which lies beside the repository (in CI too).
 * Tests fail loudly, never skip, when it is missing.
 */
public final class SharedData
{
    private SharedData()
    {
    }

    /** {@code shared/<relative>}, searched for beside every ancestor of the working directory. */
    public static Path path(final String relative)
    {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent())
        {
            final Path candidate = dir.resolveSibling("shared").resolve(relative);
            if (Files.exists(candidate))
            {
                return candidate;
            }
            final Path inside = dir.resolve("shared").resolve(relative);
            if (Files.exists(inside))
            {
                return inside;
            }
        }
        throw new IllegalStateException("shared/" + relative + " not found beside the repository (from " +
            Path.of("").toAbsolutePath() + ")");
    }
}
