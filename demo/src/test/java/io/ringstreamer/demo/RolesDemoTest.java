package io.ringstreamer.demo;

import io.ringstreamer.testing.EqkerBars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The three roles as separate processes on 127.0.0.1, started by hand as on real hosts: an administrator, two
 * workers and a feed playing the eqker 1-minute bars. The administrator prints the single-process run's lines (per
 * symbol in the same order), and every process exits by itself, with status 0.
 */
@Timeout(120)
class RolesDemoTest
{
    @Test
    void shouldPrintTheSingleProcessLinesWhenTheRolesRunAsSeparateProcesses(@TempDir final Path dir) throws Exception
    {
        final Path data = EqkerBars.writeJsonLines(EqkerBars.canonicalMessages(EqkerBars.oneMinute()), dir.resolve("eqker.jsonl"));
        final String feed = "127.0.0.1:" + ClusterDemo.freeUdpPort();
        final String admin = "127.0.0.1:" + ClusterDemo.freeUdpPort();
        final String recorder = "127.0.0.1:" + ClusterDemo.freeUdpPort();
        final List<Process> processes = new ArrayList<>();
        try
        {
            processes.add(start(dir, "admin", "--role", "admin", "--workers", "2", "--admin", admin));
            for (int worker = 0; worker < 2; worker++)
            {
                processes.add(start(dir, "worker-" + worker, "--role", "worker", "--worker", Integer.toString(worker),
                    "--feed", feed, "--admin", admin, "--recorder", recorder, "--host", "127.0.0.1"));
            }
            processes.add(start(dir, "feed", "--role", "feed", "--workers", "2", "--feed", feed, "--recorder", recorder,
                "--data", data.toString()));
            final String[] names = {"admin", "worker-0", "worker-1", "feed"};
            for (int i = 0; i < processes.size(); i++)
            {
                assertTrue(processes.get(i).waitFor(90, TimeUnit.SECONDS), names[i] + " exited: " + log(dir, names[i]));
                assertEquals(0, processes.get(i).exitValue(), names[i] + ": " + log(dir, names[i]));
            }
        }
        finally
        {
            processes.forEach(Process::destroyForcibly);
        }

        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final int status = new Demo(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run(new String[] {"--data", data.toString()}, false);
        assertEquals(0, status);
        final List<String> single = out.toString(StandardCharsets.UTF_8).lines().toList();
        final List<String> roles = Files.readAllLines(dir.resolve("admin.out"));
        assertTrue(single.size() > 40_000, "about 43,000 bars: " + single.size());
        NodesDemoTest.assertSameLinesPerSymbol(single, roles, "feed: " + log(dir, "feed") + "; worker 0: " +
            log(dir, "worker-0") + "; worker 1: " + log(dir, "worker-1") + "; admin: " + log(dir, "admin"));
        assertEquals(single.size(), roles.size());
    }

    private static Process start(final Path dir, final String name, final String... args) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ClusterDemo.AERON_FLAGS);
        command.addAll(List.of("-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Demo.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
            .redirectOutput(dir.resolve(name + ".out").toFile())
            .redirectError(dir.resolve(name + ".err").toFile())
            .start();
    }

    private static String log(final Path dir, final String name)
    {
        try
        {
            return Files.readString(dir.resolve(name + ".err")) + " / " + Files.readString(dir.resolve(name + ".out"))
                .lines().limit(5).toList();
        }
        catch (final IOException ex)
        {
            return ex.toString();
        }
    }
}
