package io.ringstreamer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Fails {@code Pipeline.Builder.build()} clearly when the class path holds a Disruptor older than 4. An application
 * that already uses Disruptor 3 compiles against ring-streamer (nothing of ours names a class Disruptor 4 added), and
 * without this check would fail later with a {@code NoClassDefFoundError} naming a Disruptor class. Called on the
 * building thread; costs one class look-up per build.
 */
final class DisruptorCheck
{
    /** A class Disruptor 4.0 added, which the shards' processors are built with. */
    static final String VERSION_4_CLASS = "com.lmax.disruptor.BatchEventProcessorBuilder";

    private DisruptorCheck()
    {
    }

    /** @throws IllegalStateException naming the version and jar found, if the Disruptor is older than 4. */
    static void requireVersion4()
    {
        try
        {
            Class.forName(VERSION_4_CLASS, false, DisruptorCheck.class.getClassLoader());
        }
        catch (final ClassNotFoundException | LinkageError ex)
        {
            throw new IllegalStateException("ring-streamer needs the LMAX Disruptor 4.x (com.lmax:disruptor 4.0.0 or " +
                "later); the class path has " + found() + ": depend on com.lmax:disruptor 4", ex);
        }
    }

    /** The Disruptor found: its version and jar when they can be read. */
    private static String found()
    {
        try
        {
            final CodeSource source = com.lmax.disruptor.RingBuffer.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null)
            {
                return "an older one";
            }
            final Path jar = Path.of(source.getLocation().toURI());
            String version = null;
            if (Files.isRegularFile(jar))
            {
                try (JarFile file = new JarFile(jar.toFile()))
                {
                    final Manifest manifest = file.getManifest();
                    version = manifest == null ? null : manifest.getMainAttributes().getValue("Bundle-Version");
                }
            }
            return (version == null ? "an older one" : "version " + version) + " (" + jar + ")";
        }
        catch (final Exception | LinkageError ex)
        {
            return "an older one";
        }
    }
}
