package io.ringstreamer.bench;

import io.ringstreamer.cluster.AdminNode;
import io.ringstreamer.cluster.ClusterChannels;
import io.ringstreamer.cluster.EmbeddedAeron;
import io.ringstreamer.cluster.FeedNode;
import io.ringstreamer.cluster.WorkerMain;
import io.ringstreamer.result.ResultListener;
import io.ringstreamer.source.OverflowPolicy;
import io.ringstreamer.source.Streamer;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One cluster on this machine for one measurement, as the demo's {@code --nodes} runs it: the feed and the
 * administrator in this JVM (one embedded media driver), each worker a child JVM ({@link WorkerMain}: this JVM's
 * {@code java}, its class path, Aeron's flag) with its own driver, all over Aeron UDP on 127.0.0.1. The run
 * directory (Aeron's directories, the workers' logs) is under {@code /dev/shm} where there is one, and is removed
 * by {@link #close()}, which also kills any worker still running. Used by one thread.
 */
final class LocalCluster implements AutoCloseable
{
    private static final String HOST = "127.0.0.1";
    private static final String AERON_FLAG = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED";

    private final Path dir;
    private final List<String> workerJvmOptions;
    private final Process[] workers;
    private final String feedControl;
    private final String adminEndpoint;
    private final String recorderEndpoint;
    private EmbeddedAeron aeron;
    private AdminNode admin;
    private FeedNode feed;

    /**
     * @param workers          how many worker JVMs.
     * @param workerJvmOptions extra options for the worker JVMs (heap, GC, JIT), before the class path.
     * @param catchUp          whether the feed records its stream with Aeron Archive and workers catch up from the
     *                         recording when restarted.
     */
    LocalCluster(final int workers, final List<String> workerJvmOptions, final boolean catchUp) throws IOException
    {
        final Path shm = Path.of("/dev/shm");
        this.dir = Files.isDirectory(shm) && Files.isWritable(shm) ?
            Files.createTempDirectory(shm, "rs-cluster-bench-") : Files.createTempDirectory("rs-cluster-bench-");
        this.workerJvmOptions = List.copyOf(workerJvmOptions);
        this.workers = new Process[workers];
        this.feedControl = HOST + ":" + freeUdpPort();
        this.adminEndpoint = HOST + ":" + freeUdpPort();
        this.recorderEndpoint = catchUp ? HOST + ":" + freeUdpPort() : null;
    }

    /**
     * Starts the administrator (calling {@code listener} on its thread), the worker JVMs, and the feed over
     * {@code streamer}; returns once every worker has joined and the streamer runs.
     */
    LocalCluster start(final List<String> symbols, final Streamer streamer, final ResultListener listener)
        throws IOException, InterruptedException
    {
        aeron = EmbeddedAeron.launch(dir.resolve("aeron-feed"));
        admin = new AdminNode(aeron.aeron(), ClusterChannels.results(adminEndpoint), workers.length, listener,
            Duration.ofSeconds(60), Duration.ofSeconds(120)).start();
        for (int worker = 0; worker < workers.length; worker++)
        {
            startWorker(worker);
        }
        feed = new FeedNode(aeron.aeron(), ClusterChannels.feedPublication(feedControl), workers.length, streamer,
            OverflowPolicy.BLOCK);
        if (recorderEndpoint != null)
        {
            feed.archive(dir.resolve("archive"), recorderEndpoint);
        }
        feed.start(symbols, Duration.ofSeconds(120));
        return this;
    }

    /** Starts worker {@code worker}'s JVM (again, after {@link #kill}). */
    void startWorker(final int worker) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(AERON_FLAG);
        command.addAll(workerJvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), WorkerMain.class.getName(),
            "--worker", Integer.toString(worker), "--feed", feedControl, "--admin", adminEndpoint, "--host", HOST,
            "--dir", dir.resolve("aeron-worker-" + worker).toString(), "--join-ms", "120000", "--linger-ms", "30000"));
        if (recorderEndpoint != null)
        {
            command.addAll(List.of("--recorder", recorderEndpoint));
        }
        workers[worker] = new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log(worker).toFile()))
            .start();
    }

    /** Kills worker {@code worker}'s JVM with SIGKILL and waits until it is gone. */
    void kill(final int worker) throws InterruptedException
    {
        workers[worker].destroyForcibly();
        if (!workers[worker].waitFor(30, TimeUnit.SECONDS))
        {
            throw new IllegalStateException("worker " + worker + " still runs 30 s after SIGKILL");
        }
    }

    AdminNode admin()
    {
        return admin;
    }

    FeedNode feed()
    {
        return feed;
    }

    /**
     * Waits for the stream's end at the administrator, closes the feed (the workers exit) and checks that every
     * worker exited normally.
     */
    void finish(final Duration timeout) throws InterruptedException, IOException
    {
        if (!admin.awaitEnd(timeout))
        {
            throw new IllegalStateException("the administrator did not end within " + timeout + ": " + logs());
        }
        feed.close();
        for (int worker = 0; worker < workers.length; worker++)
        {
            if (!workers[worker].waitFor(timeout.toSeconds(), TimeUnit.SECONDS) || workers[worker].exitValue() != 0)
            {
                throw new IllegalStateException("worker " + worker + " did not exit normally: " + logs());
            }
        }
    }

    /** Worker {@code worker}'s output so far. */
    String output(final int worker) throws IOException
    {
        return Files.exists(log(worker)) ? Files.readString(log(worker)) : "";
    }

    @Override
    public void close() throws IOException
    {
        try
        {
            if (feed != null)
            {
                feed.close();
            }
            for (final Process worker : workers)
            {
                if (worker != null)
                {
                    worker.destroyForcibly();
                    try
                    {
                        worker.waitFor(30, TimeUnit.SECONDS);
                    }
                    catch (final InterruptedException ex)
                    {
                        Thread.currentThread().interrupt();
                    }
                }
            }
            if (admin != null)
            {
                admin.close();
            }
            if (aeron != null)
            {
                aeron.close();
            }
        }
        finally
        {
            try (Stream<Path> files = Files.walk(dir))
            {
                for (final Path file : files.sorted(Comparator.reverseOrder()).toList())
                {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private Path log(final int worker)
    {
        return dir.resolve("worker-" + worker + ".log");
    }

    private String logs() throws IOException
    {
        final StringBuilder text = new StringBuilder();
        for (int worker = 0; worker < workers.length; worker++)
        {
            text.append("\n--- worker ").append(worker).append('\n').append(output(worker));
        }
        return text.toString();
    }

    private static int freeUdpPort() throws IOException
    {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(HOST), 0)))
        {
            return socket.getLocalPort();
        }
    }
}
