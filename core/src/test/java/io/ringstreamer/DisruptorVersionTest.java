package io.ringstreamer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real Disruptor 3.4.4 (copied into target/ by the build: core's pom) on a child JVM's class path, beside core's
 * classes: {@code build()} fails with a message that says what is needed and what was found.
 */
class DisruptorVersionTest
{
    @Test
    @Timeout(120)
    void shouldSayDisruptor4IsNeededWhenAnOlderDisruptorIsOnTheClassPath() throws Exception
    {
        final Path older = Path.of(System.getProperty("ringstreamer.olderDisruptor",
            "target/older-disruptor/disruptor-3.4.4.jar"));
        assertTrue(Files.isRegularFile(older), older + " is missing: the build copies it (core/pom.xml)");

        final String output = runWith(older);

        assertEquals("java.lang.IllegalStateException: ring-streamer needs the LMAX Disruptor 4.x (com.lmax:disruptor " +
            "4.0.0 or later); the class path has version 3.4.4 (" + older.toAbsolutePath() + "): depend on " +
            "com.lmax:disruptor 4", output);
    }

    @Test
    @Timeout(120)
    void shouldBuildWhenDisruptor4IsOnTheClassPath() throws Exception
    {
        final Path current = Path.of(com.lmax.disruptor.RingBuffer.class.getProtectionDomain().getCodeSource()
            .getLocation().toURI());

        assertEquals("built", runWith(current));
    }

    /** Runs {@link OlderDisruptorMain} with core's classes, the test classes and {@code disruptor} only. */
    private static String runWith(final Path disruptor) throws Exception
    {
        final String classPath = String.join(File.pathSeparator, classesOf(Pipeline.class).toString(),
            classesOf(OlderDisruptorMain.class).toString(), disruptor.toAbsolutePath().toString());
        final Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", classPath, OlderDisruptorMain.class.getName())
            .redirectErrorStream(true)
            .start();
        final String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM did not end");
        assertEquals(0, child.exitValue(), output);
        final List<String> lines = output.lines().toList();
        assertEquals(1, lines.size(), output);
        return lines.get(0);
    }

    private static Path classesOf(final Class<?> type) throws Exception
    {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
