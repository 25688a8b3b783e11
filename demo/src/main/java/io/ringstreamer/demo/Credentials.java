package io.ringstreamer.demo;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * Where the demo's live credentials come from, besides the command line (which {@code ps} shows to every
 * user of the machine): environment variables ({@code --key-env NAME}, {@code --secret-env NAME},
 * {@code --token-env NAME}) or a properties file ({@code --credentials FILE} with {@code key=},
 * {@code secret=} for Alpaca, {@code token=} for Schwab). Read once, on the main thread, while the
 * options are checked; a missing variable, file or entry is a usage error naming it, never its value.
 */
final class Credentials
{
    private Credentials()
    {
    }

    /** The value of environment variable {@code name}, given with {@code option}. */
    static String fromEnvironment(final String option, final String name, final UnaryOperator<String> environment)
    {
        final String value = environment.apply(name);
        if (value == null || value.isBlank())
        {
            throw new IllegalArgumentException(option + " " + name + ": the environment variable " + name + " is not set");
        }
        return value.strip();
    }

    /** The properties of {@code --credentials FILE}. */
    static Properties file(final Path file)
    {
        final Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            properties.load(reader);
        }
        catch (final IOException | IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("--credentials: cannot read " + file + " (" + ex.getClass().getSimpleName() + ")");
        }
        return properties;
    }

    /** Entry {@code name} of a credentials file. */
    static String entry(final Properties properties, final String name, final Path file)
    {
        final String value = properties.getProperty(name);
        if (value == null || value.isBlank())
        {
            throw new IllegalArgumentException("--credentials: " + file + " has no '" + name + "' entry");
        }
        return value.strip();
    }
}
