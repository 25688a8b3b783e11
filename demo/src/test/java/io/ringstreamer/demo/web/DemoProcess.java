package io.ringstreamer.demo.web;

import io.ringstreamer.demo.Demo;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The demo as a real child process (this JVM's java and class path), its stderr collected line by line. */
final class DemoProcess implements AutoCloseable
{
    private final Process process;
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private final CountDownLatch web = new CountDownLatch(1);
    private final CountDownLatch summary = new CountDownLatch(1);
    private volatile URI uri;

    DemoProcess(final String... args) throws IOException
    {
        final String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        final List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
            Demo.class.getName()));
        command.addAll(List.of(args));
        process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        final Thread reader = new Thread(this::readStderr, "demo-stderr");
        reader.setDaemon(true);
        reader.start();
    }

    private void readStderr()
    {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)))
        {
            for (String line = lines.readLine(); line != null; line = lines.readLine())
            {
                stderr.add(line);
                if (line.startsWith("web: http"))
                {
                    uri = URI.create(line.substring("web: ".length()).trim());
                    web.countDown();
                }
                if (line.startsWith("summary:"))
                {
                    summary.countDown();
                }
            }
        }
        catch (final IOException ended)
        {
            // the process is gone
        }
    }

    /** The page's address, once the demo has printed it. */
    URI awaitWeb() throws InterruptedException
    {
        if (!web.await(60, TimeUnit.SECONDS))
        {
            throw new AssertionError("no web: line in 60 s: " + stderr);
        }
        return uri;
    }

    /** Waits for the process to end; its exit status. */
    int awaitExit(final long seconds) throws InterruptedException
    {
        if (!process.waitFor(seconds, TimeUnit.SECONDS))
        {
            throw new AssertionError("still running after " + seconds + " s: " + stderr);
        }
        return process.exitValue();
    }

    boolean isAlive()
    {
        return process.isAlive();
    }

    List<String> stderr()
    {
        return stderr;
    }

    /** The last stderr line that starts with {@code prefix}, or null. */
    String last(final String prefix)
    {
        String found = null;
        for (final String line : stderr)
        {
            if (line.startsWith(prefix))
            {
                found = line;
            }
        }
        return found;
    }

    /** The number after {@code name=} in {@code line}. */
    static long field(final String line, final String name)
    {
        final int at = line.indexOf(" " + name + "=");
        if (at < 0)
        {
            throw new AssertionError("no " + name + " in " + line);
        }
        int end = at + name.length() + 2;
        while (end < line.length() && Character.isDigit(line.charAt(end)))
        {
            end++;
        }
        return Long.parseLong(line.substring(at + name.length() + 2, end));
    }

    @Override
    public void close()
    {
        process.destroyForcibly();
    }
}
