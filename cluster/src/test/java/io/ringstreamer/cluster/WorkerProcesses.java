package io.ringstreamer.cluster;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Worker nodes as real child JVMs ({@link WorkerMain}), started from this JVM's {@code java.home} with the class
 * path of the test and the JVM flags Aeron needs (surefire passes them as {@code ringstreamer.cluster.jvmFlags}).
 * Each worker runs its own embedded media driver; output goes to a file per worker in the test's folder.
 */
final class WorkerProcesses implements AutoCloseable
{
    static final String HOST = "127.0.0.1";

    private final Path dir;
    private final String feedControl;
    private final String adminEndpoint;
    private final Process[] processes;
    private String recorderEndpoint;
    private Path acknowledgements;
    private double lossRate;
    private long lossSeed;
    private NetworkNamespaces namespaces;

    WorkerProcesses(final Path dir, final int workers, final String feedControl, final String adminEndpoint)
    {
        this.dir = dir;
        this.feedControl = feedControl;
        this.adminEndpoint = adminEndpoint;
        this.processes = new Process[workers];
    }

    /** Workers started from now on catch up from the feed's recorder at {@code endpoint} when they join late. */
    WorkerProcesses recorder(final String endpoint)
    {
        this.recorderEndpoint = endpoint;
        return this;
    }

    /** Workers started from now on read the administrator's acknowledgements from {@code file} when they restart. */
    WorkerProcesses acknowledgements(final Path file)
    {
        this.acknowledgements = file;
        return this;
    }

    /**
     * Workers started from now on drop {@code rate} of the data datagrams they receive (Aeron's debug receive
     * endpoint, seeded by {@code seed}): loss that Aeron's NAKs and retransmissions must repair.
     */
    WorkerProcesses receiveLoss(final double rate, final long seed)
    {
        this.lossRate = rate;
        this.lossSeed = seed;
        return this;
    }

    /**
     * Workers started from now on run in their own network namespace, worker {@code i} in namespace {@code i} of
     * {@code namespaces} ({@code ip netns exec}), with that namespace's address as their own ({@code --host}).
     */
    WorkerProcesses inNamespaces(final NetworkNamespaces namespaces)
    {
        this.namespaces = namespaces;
        return this;
    }

    /** Starts worker {@code worker} (again, after a kill). */
    Process start(final int worker) throws IOException
    {
        final List<String> command = new ArrayList<>();
        if (namespaces != null)
        {
            command.addAll(List.of("ip", "netns", "exec", namespaces.namespace(worker)));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        final String flags = System.getProperty("ringstreamer.cluster.jvmFlags");
        assertNotNull(flags, "surefire passes Aeron's JVM flags");
        command.addAll(Arrays.asList(flags.trim().split("\\s+")));
        if (lossRate > 0)
        {
            command.add("-Daeron.debug.receive.data.loss.rate=" + lossRate);
            command.add("-Daeron.debug.receive.data.loss.seed=" + lossSeed);
        }
        command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-cp", System.getProperty("java.class.path"), WorkerMain.class.getName(),
            "--worker", Integer.toString(worker), "--feed", feedControl, "--admin", adminEndpoint,
            "--host", namespaces != null ? namespaces.namespaceAddress(worker) : HOST,
            "--dir", dir.resolve("aeron-worker-" + worker).toString(), "--join-ms", "60000", "--linger-ms", "20000"));
        if (recorderEndpoint != null)
        {
            command.addAll(List.of("--recorder", recorderEndpoint));
        }
        if (acknowledgements != null)
        {
            command.addAll(List.of("--acks", acknowledgements.toString()));
        }
        final Path log = dir.resolve("worker-" + worker + ".log");
        final Process process = new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
        processes[worker] = process;
        return process;
    }

    void startAll() throws IOException
    {
        for (int worker = 0; worker < processes.length; worker++)
        {
            start(worker);
        }
    }

    Process process(final int worker)
    {
        return processes[worker];
    }

    /** The worker's output so far, for failure messages. */
    String log(final int worker)
    {
        try
        {
            return java.nio.file.Files.readString(dir.resolve("worker-" + worker + ".log"));
        }
        catch (final IOException ex)
        {
            return "(no log: " + ex + ")";
        }
    }

    /** Waits for every worker to exit; returns their exit codes (-1: still running at the deadline). */
    int[] awaitExit(final long seconds) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        final int[] codes = new int[processes.length];
        for (int worker = 0; worker < processes.length; worker++)
        {
            final Process process = processes[worker];
            final long left = deadline - System.nanoTime();
            codes[worker] = process != null && process.waitFor(Math.max(0, left), TimeUnit.NANOSECONDS) ?
                process.exitValue() : -1;
        }
        return codes;
    }

    /** Kills what still runs (SIGKILL) and waits for it. */
    @Override
    public void close()
    {
        for (final Process process : processes)
        {
            if (process != null)
            {
                process.destroyForcibly();
                try
                {
                    process.waitFor(30, TimeUnit.SECONDS);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** A UDP port free on 127.0.0.1 now (the OS picks it; it may be taken again before use, rarely). */
    static int freeUdpPort() throws IOException
    {
        return freeUdpPort(HOST);
    }

    /** A UDP port free on {@code host}, an address of this machine, now. */
    static int freeUdpPort(final String host) throws IOException
    {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(host), 0)))
        {
            return socket.getLocalPort();
        }
    }
}
