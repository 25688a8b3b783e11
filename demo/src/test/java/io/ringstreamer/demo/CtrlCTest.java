package io.ringstreamer.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo as a real process whose standard output is a pipe nobody reads: once the pipe is full the
 * listener blocks for ever in a write. SIGTERM (what Ctrl-C sends, as a signal the JVM handles the
 * same way) must still end it within a few seconds. Before {@code close(Duration)} the shutdown hook
 * waited for that listener and the process never ended.
 */
@Timeout(120)
class CtrlCTest
{
    @Test
    void shouldExitSoonAfterSigtermWhenTheListenerIsStuckWritingToAFullPipe() throws Exception
    {
        final String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        final Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
            Demo.class.getName(), "--synthetic", "20:50000:120s")
            .redirectOutput(ProcessBuilder.Redirect.PIPE) // never read: it fills, then the listener blocks
            .start();
        final List<String> stderr = new CopyOnWriteArrayList<>();
        final CountDownLatch progress = new CountDownLatch(2);
        final Thread reader = new Thread(() ->
        {
            try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)))
            {
                for (String line = lines.readLine(); line != null; line = lines.readLine())
                {
                    stderr.add(line);
                    if (line.startsWith("progress:"))
                    {
                        progress.countDown();
                    }
                }
            }
            catch (final java.io.IOException ended)
            {
                // the process is gone
            }
        }, "stderr-reader");
        reader.start();
        try
        {
            assertTrue(progress.await(60, TimeUnit.SECONDS), "it runs: " + stderr);
            // Two progress lines 2 s apart while tens of thousands of lines a second go to a 64 KiB pipe:
            // the listener is stuck in a write by now, and the pipeline behind it.
            process.destroy(); // SIGTERM
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "exited after SIGTERM: " + stderr);
            assertEquals(143, process.exitValue(), "ended by the signal, after its shutdown hook: " + stderr);
        }
        finally
        {
            process.destroyForcibly();
        }
    }
}
