package io.ringstreamer.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --nodes 2} as a real process with its two worker JVMs, stopped while it streams: by SIGTERM (what Ctrl-C
 * amounts to), its shutdown hook ends every worker and removes the run's directory; by SIGKILL (no hook runs), each
 * worker sees its parent gone and halts. Either way no process is left behind.
 */
@Timeout(120)
class NodesShutdownTest
{
    @Test
    void shouldLeaveNoProcessBehindWhenStoppedBySigterm() throws Exception
    {
        final Running running = start();
        try
        {
            final List<ProcessHandle> workers = running.workers();
            running.process.destroy(); // SIGTERM
            assertTrue(running.process.waitFor(60, TimeUnit.SECONDS), "exited after SIGTERM: " + running.err);
            assertEquals(130 + 13, running.process.exitValue(), "ended by the signal, after its hook: " + running.err);
            assertAllGone(workers, running);
            assertFalse(Files.exists(running.dir()), "the hook removed " + running.dir());
        }
        finally
        {
            running.kill();
        }
    }

    @Test
    void shouldLeaveNoProcessBehindWhenTheParentIsKilled() throws Exception
    {
        final Running running = start();
        try
        {
            final List<ProcessHandle> workers = running.workers();
            running.process.destroyForcibly(); // SIGKILL: no hook runs
            assertTrue(running.process.waitFor(30, TimeUnit.SECONDS));
            assertAllGone(workers, running);
        }
        finally
        {
            running.kill();
            ClusterDemo.deleteTree(running.dir()); // nobody was left to remove it
        }
    }

    private static void assertAllGone(final List<ProcessHandle> workers, final Running running) throws Exception
    {
        for (final ProcessHandle worker : workers)
        {
            worker.onExit().get(30, TimeUnit.SECONDS);
            assertFalse(worker.isAlive(), "worker " + worker.pid() + " has gone: " + running.err);
        }
    }

    private static Running start() throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ClusterDemo.AERON_FLAGS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Demo.class.getName(),
            "--nodes", "2", "--synthetic", "10:2000:120s"));
        final Process process = new ProcessBuilder(command).start();
        final Running running = new Running(process);
        read(process.getInputStream(), line -> running.resultLines.incrementAndGet());
        read(process.getErrorStream(), running.err::add);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (running.resultLines.get() < 30 && System.nanoTime() - deadline < 0 && process.isAlive())
        {
            running.lines.await(100, TimeUnit.MILLISECONDS); // woken by each line, or rechecks
        }
        assertTrue(running.resultLines.get() >= 30, "results flow through the workers: " + running.err);
        return running;
    }

    private static void read(final InputStream stream, final Consumer<String> sink)
    {
        final Thread reader = new Thread(() ->
        {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8)))
            {
                for (String line = lines.readLine(); line != null; line = lines.readLine())
                {
                    sink.accept(line);
                }
            }
            catch (final java.io.IOException ended)
            {
                // the process is gone
            }
        }, "nodes-output-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private static final class Running
    {
        final Process process;
        final List<String> err = new CopyOnWriteArrayList<>();
        final AtomicLong resultLines = new AtomicLong();
        final CountDownLatch lines = new CountDownLatch(1);

        Running(final Process process)
        {
            this.process = process;
        }

        /** The two worker JVMs, children of the demo. */
        List<ProcessHandle> workers()
        {
            final List<ProcessHandle> children = process.children().filter(ProcessHandle::isAlive).toList();
            assertEquals(2, children.size(), "two worker JVMs: " + children + " " + err);
            return children;
        }

        /** The run's directory, from the demo's "nodes:" line. */
        Path dir()
        {
            for (final String line : err)
            {
                final int at = line.indexOf("logs in ");
                if (line.startsWith("nodes:") && at > 0)
                {
                    return Path.of(line.substring(at + "logs in ".length()));
                }
            }
            throw new AssertionError("no nodes: line in " + err);
        }

        void kill()
        {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
