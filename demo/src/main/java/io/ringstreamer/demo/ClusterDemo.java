package io.ringstreamer.demo;

import io.ringstreamer.Pipeline;
import io.ringstreamer.cluster.AdminNode;
import io.ringstreamer.cluster.ClusterChannels;
import io.ringstreamer.cluster.EmbeddedAeron;
import io.ringstreamer.cluster.FeedNode;
import io.ringstreamer.cluster.WorkerNode;
import io.ringstreamer.demo.indicators.EmaRsi;
import io.ringstreamer.demo.web.LiveBoard;
import io.ringstreamer.demo.web.LiveViewListener;
import io.ringstreamer.demo.web.LiveViewServer;
import io.ringstreamer.format.Service;
import io.ringstreamer.source.OverflowPolicy;
import io.ringstreamer.source.Streamer;

import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The demo over the {@code cluster} module (docs/scale-out.md): {@code --nodes N} runs a local cluster, this process
 * the feed and the administrator, N worker JVMs as its children, all over Aeron UDP on 127.0.0.1; {@code --role
 * feed|worker|admin} runs one node of a cluster whose nodes are started by hand, on one host or several.
 *
 * <p>The administrator prints with the same {@link ConsoleListener} as the single-process run, so a local cluster
 * prints the same lines (per symbol in the same order; across symbols the order is not defined, in one process
 * with several shards either). Children get Aeron's JVM flag ({@link #AERON_FLAGS}) on their command line, their
 * output goes to a log file each, and they stop when this process stops: by Ctrl-C or SIGTERM (the shutdown hook
 * ends them), or by SIGKILL (each watches its parent and halts when it has gone).
 */
final class ClusterDemo
{
    /** What Aeron and Agrona need on Java 17+; the demo jar's manifest carries it for {@code java -jar}. */
    static final List<String> AERON_FLAGS = List.of("--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED");

    /** A worker silent for longer is reported gone; long enough for a killed worker's replacement to start. */
    static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(15);

    /** How long a worker may take to join, and the feed may wait for every worker. */
    static final Duration JOIN_TIMEOUT = Duration.ofSeconds(60);

    private ClusterDemo()
    {
    }

    /**
     * {@code --nodes N}: feed and administrator here, N worker JVMs as children; with {@code --kill-node I@F}, worker I
     * gets SIGKILL once fraction F of {@code sourceMessages} has been published, and is started again.
     */
    static int local(
        final DemoOptions options, final Streamer streamer, final List<String> symbols, final long sourceMessages,
        final PrintStream out, final PrintStream err, final boolean handleCtrlC)
    {
        final int workers = options.nodes;
        final long killAt = options.killNode < 0 ? -1 : (long)Math.ceil(options.killFraction * sourceMessages);
        final LocalCluster cluster;
        try
        {
            cluster = new LocalCluster(workers, Files.createTempDirectory(runBase(), "ring-streamer-nodes-"));
        }
        catch (final IOException | RuntimeException ex)
        {
            err.println("ring-streamer: cannot start the cluster: " + ex.getMessage());
            return 1;
        }
        // --web: the live page of the administrator's results (rows, charts, book, errors); the workers'
        // pipelines run in other JVMs, so the page has no pipeline health to show (docs/live-view.md).
        final LiveBoard board = options.web >= 0
            ? new LiveBoard(symbols, options.synthetic != null ? Demo.AGGREGATE_BAR_MINUTES[0] : 0) : null;
        final LiveViewServer view;
        try
        {
            view = board != null ? LiveViewServer.start(board, options.webHost, options.web) : null;
        }
        catch (final Exception ex)
        {
            cluster.close();
            err.println("ring-streamer: cannot serve the live page on " + options.webHost + ":" + options.web + ": " + ex);
            return 2;
        }
        if (view != null)
        {
            err.println("web: " + view.uri());
        }
        final ConsoleListener console = new ConsoleListener(out, options.quiet);
        final Thread ctrlC = new Thread(cluster::close, "ring-streamer-ctrl-c");
        if (handleCtrlC)
        {
            Runtime.getRuntime().addShutdownHook(ctrlC);
        }
        int status = 0;
        final long startNanos = System.nanoTime();
        try
        {
            final String feedControl = "127.0.0.1:" + freeUdpPort();
            final String adminEndpoint = "127.0.0.1:" + freeUdpPort();
            // The feed stream is recorded (Aeron Archive) in the run directory; a restarted worker replays it, and does not
            // resend what the administrator acknowledged as delivered.
            final String recorder = "127.0.0.1:" + freeUdpPort();
            final Path acks = cluster.dir().resolve("acks");
            final AdminNode admin = cluster.admin(new AdminNode(cluster.aeron().aeron(), ClusterChannels.results(adminEndpoint),
                workers, board != null ? new LiveViewListener(board, console) : console, HEARTBEAT_TIMEOUT,
                JOIN_TIMEOUT)).acknowledgeTo(acks).start();
            final List<String> workerOptions = workerOptions(options, feedControl, adminEndpoint, recorder);
            workerOptions.addAll(List.of("--acks", acks.toString()));
            for (int worker = 0; worker < workers; worker++)
            {
                cluster.startWorker(worker, workerOptions);
            }
            final FeedNode feed = cluster.feed(new FeedNode(cluster.aeron().aeron(), ClusterChannels.feedPublication(feedControl),
                workers, streamer, OverflowPolicy.BLOCK)).archive(cluster.dir().resolve("archive"), recorder);
            err.println("nodes: " + workers + " worker JVMs, feed " + feedControl + ", administrator " + adminEndpoint +
                ", logs in " + cluster.dir());
            out.println("Running... Press Ctrl-C to stop.");
            out.flush();
            feed.start(symbols, JOIN_TIMEOUT);
            boolean killed = killAt < 0;
            while (!admin.awaitEnd(Duration.ofMillis(10)))
            {
                if (!killed && feed.published() >= killAt)
                {
                    killed = true;
                    final long published = feed.published();
                    cluster.kill(options.killNode);
                    err.println("kill-node: worker " + options.killNode + " killed (SIGKILL) after " + published + " of " +
                        sourceMessages + " messages; started again");
                    cluster.startWorker(options.killNode, workerOptions);
                }
                if (cluster.isClosed())
                {
                    return 130; // Ctrl-C: the hook has stopped everything
                }
            }
            if (!killed)
            {
                err.println("kill-node: the run ended before " + killAt + " messages were published; nothing killed");
            }
            feed.close(); // CLOSE: every worker exits by itself
            final int[] exits = cluster.awaitWorkers(30);
            for (int worker = 0; worker < workers; worker++)
            {
                if (exits[worker] != 0)
                {
                    err.println("ring-streamer: worker " + worker + " exited with " + exits[worker] + "; its log:\n" +
                        cluster.log(worker));
                    status = 1;
                }
            }
            final double seconds = (System.nanoTime() - startNanos) / 1e9;
            err.println(String.format(Locale.ROOT, "summary: nodes=%d messages=%d results=%d duplicates-dropped=%d " +
                "elapsed=%.3fs rate=%.0f msg/s", workers, feed.published(), admin.delivered(), admin.duplicates(), seconds,
                seconds > 0 ? feed.published() / seconds : 0.0));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            status = 130;
        }
        catch (final Exception ex)
        {
            err.println("ring-streamer: the cluster failed: " + ex);
            status = 1;
        }
        finally
        {
            cluster.close();
            if (view != null)
            {
                view.close();
                err.println(view.report());
            }
            if (handleCtrlC)
            {
                try
                {
                    Runtime.getRuntime().removeShutdownHook(ctrlC);
                }
                catch (final IllegalStateException alreadyShuttingDown)
                {
                    // the hook runs, or has run: the cluster is closed once either way
                }
            }
        }
        return status;
    }

    /** {@code --role worker}: one worker node until the feed closes (or this process is stopped). */
    static int worker(final DemoOptions options, final PrintStream out, final PrintStream err)
    {
        if (options.parentPid > 0)
        {
            exitWithParent(options.parentPid);
        }
        Path dir = null;
        try
        {
            dir = options.dir != null ? options.dir : Files.createTempDirectory(runBase(), "ring-streamer-worker-");
            try (EmbeddedAeron aeron = EmbeddedAeron.launch(dir.resolve("aeron")))
            {
                final WorkerNode node = new WorkerNode(aeron.aeron(), options.worker,
                    ClusterChannels.feedSubscription(options.feedEndpoint, options.host),
                    ClusterChannels.results(options.adminEndpoint), builder -> configure(builder, options),
                    Duration.ofMillis(100));
                if (options.recorderEndpoint != null)
                {
                    node.catchUp(options.recorderEndpoint, options.host);
                }
                if (options.acks != null)
                {
                    node.acknowledgements(options.acks);
                }
                out.println("worker " + options.worker + " joining the feed at " + options.feedEndpoint);
                out.flush();
                final long notCarried = node.run(JOIN_TIMEOUT, Duration.ofSeconds(10));
                out.println("worker " + options.worker + " done" +
                    (notCarried > 0 ? "; " + notCarried + " custom results not carried (--indicators)" : "") +
                    (node.joinPosition() > 0 ? "; caught up from the feed's archive to position " + node.joinPosition() : "") +
                    (node.suppressed() > 0 ? "; " + node.suppressed() + " results already delivered not sent again" : ""));
                return 0;
            }
        }
        catch (final Exception ex)
        {
            err.println("ring-streamer: worker " + options.worker + ": " + ex);
            return 1;
        }
        finally
        {
            if (options.dir == null && dir != null)
            {
                deleteTree(dir);
            }
        }
    }

    /**
     * {@code --role feed}: streams the source to {@code --workers} workers; after its end, sends {@code CLOSE} and
     * stays up (with its archive, if any) until every worker has left.
     */
    static int feed(
        final DemoOptions options, final Streamer streamer, final List<String> symbols, final PrintStream err,
        final boolean handleCtrlC)
    {
        Path dir = null;
        try
        {
            dir = Files.createTempDirectory(runBase(), "ring-streamer-feed-");
            try (EmbeddedAeron aeron = EmbeddedAeron.launch(dir.resolve("aeron"));
                 FeedNode feed = new FeedNode(aeron.aeron(), ClusterChannels.feedPublication(options.feedEndpoint),
                     options.workers, streamer, OverflowPolicy.BLOCK))
            {
                if (options.recorderEndpoint != null)
                {
                    feed.archive(dir.resolve("archive"), options.recorderEndpoint);
                }
                final Thread ctrlC = new Thread(feed::close, "ring-streamer-ctrl-c");
                if (handleCtrlC)
                {
                    Runtime.getRuntime().addShutdownHook(ctrlC);
                }
                err.println("feed: waiting for " + options.workers + " workers at " + options.feedEndpoint);
                feed.start(symbols, Duration.ofMinutes(10));
                err.println("feed: streaming " + symbols.size() + " symbols");
                final boolean left = feed.closeWhenWorkersLeave(Duration.ofDays(365));
                err.println("feed: done, " + feed.published() + " messages" + (left ? "" : "; some workers had not left"));
                if (handleCtrlC)
                {
                    removeHook(ctrlC);
                }
                return 0;
            }
        }
        catch (final Exception ex)
        {
            err.println("ring-streamer: feed: " + ex);
            return 1;
        }
        finally
        {
            if (dir != null)
            {
                deleteTree(dir);
            }
        }
    }

    /** {@code --role admin}: prints every worker's results, as the single-process run does, until all have ended. */
    static int admin(final DemoOptions options, final PrintStream out, final PrintStream err, final boolean handleCtrlC)
    {
        Path dir = null;
        try
        {
            dir = Files.createTempDirectory(runBase(), "ring-streamer-admin-");
            try (EmbeddedAeron aeron = EmbeddedAeron.launch(dir.resolve("aeron"));
                 AdminNode admin = new AdminNode(aeron.aeron(), ClusterChannels.results(options.adminEndpoint),
                     options.workers, new ConsoleListener(out, options.quiet), HEARTBEAT_TIMEOUT, Duration.ofMinutes(10)))
            {
                final Thread ctrlC = new Thread(admin::close, "ring-streamer-ctrl-c");
                if (handleCtrlC)
                {
                    Runtime.getRuntime().addShutdownHook(ctrlC);
                }
                if (options.acks != null)
                {
                    admin.acknowledgeTo(options.acks); // for workers on this host, restarted with the same --acks
                }
                out.println("Running... Press Ctrl-C to stop.");
                out.flush();
                admin.start();
                if (!admin.awaitEnd(Duration.ofDays(365)))
                {
                    return 1;
                }
                out.flush();
                err.println("summary: results=" + admin.delivered() + " duplicates-dropped=" + admin.duplicates());
                if (handleCtrlC)
                {
                    removeHook(ctrlC);
                }
                return 0;
            }
        }
        catch (final Exception ex)
        {
            err.println("ring-streamer: admin: " + ex);
            return 1;
        }
        finally
        {
            if (dir != null)
            {
                deleteTree(dir);
            }
        }
    }

    /** The pipeline options a worker applies as the single-process run would. */
    private static void configure(final Pipeline.Builder builder, final DemoOptions options)
    {
        if (options.shards > 0)
        {
            builder.shards(options.shards);
        }
        if (options.ringSize > 0)
        {
            builder.ringSize(options.ringSize);
        }
        if (options.aggregateBars != null)
        {
            builder.aggregateBars(options.aggregateBars);
        }
        if (options.indicators)
        {
            builder.component(Service.CHART_EQUITY, EmaRsi::new);
        }
    }

    /** The worker role's options for a child of {@code --nodes}: the addresses and the single-process run's pipeline. */
    private static List<String> workerOptions(
        final DemoOptions options, final String feedControl, final String adminEndpoint, final String recorder)
    {
        final List<String> args = new ArrayList<>(List.of("--role", "worker", "--feed", feedControl, "--admin", adminEndpoint,
            "--host", "127.0.0.1", "--parent-pid", Long.toString(ProcessHandle.current().pid())));
        if (recorder != null)
        {
            args.addAll(List.of("--recorder", recorder));
        }
        if (options.shards > 0)
        {
            args.addAll(List.of("--shards", Integer.toString(options.shards)));
        }
        if (options.ringSize > 0)
        {
            args.addAll(List.of("--ring-size", Integer.toString(options.ringSize)));
        }
        if (options.synthetic != null)
        {
            final StringBuilder minutes = new StringBuilder();
            for (final int m : Demo.AGGREGATE_BAR_MINUTES)
            {
                minutes.append(minutes.length() == 0 ? "" : ",").append(m);
            }
            args.addAll(List.of("--aggregate-bars", minutes.toString()));
        }
        if (options.indicators)
        {
            args.add("--indicators");
        }
        return args;
    }

    /** A worker child halts when its parent has gone, whatever ended it (SIGKILL included). */
    private static void exitWithParent(final long pid)
    {
        final var parent = ProcessHandle.of(pid);
        if (parent.isEmpty())
        {
            Runtime.getRuntime().halt(3);
        }
        parent.get().onExit().thenRun(() -> Runtime.getRuntime().halt(3));
    }

    private static void removeHook(final Thread hook)
    {
        try
        {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        catch (final IllegalStateException alreadyShuttingDown)
        {
            // the hook is running
        }
    }

    /** {@code /dev/shm} when there is one (Aeron's files in memory), else the temporary directory. */
    static Path runBase()
    {
        final Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
    }

    static int freeUdpPort() throws IOException
    {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)))
        {
            return socket.getLocalPort();
        }
    }

    static void deleteTree(final Path dir)
    {
        try (Stream<Path> paths = Files.walk(dir))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (final IOException | RuntimeException ex)
        {
            // best effort: a temporary directory
        }
    }

    /**
     * The local cluster's parts, closed once, by the main thread or by the Ctrl-C hook, whichever comes first: the
     * feed (the streamer stops), the workers (SIGTERM, then SIGKILL after 5 s), the administrator, the media driver,
     * the run's directory.
     */
    private static final class LocalCluster implements AutoCloseable
    {
        private final Path dir;
        private final Process[] workers;
        private final EmbeddedAeron aeron;
        private final AtomicBoolean closed = new AtomicBoolean();
        private volatile FeedNode feed;
        private volatile AdminNode admin;

        LocalCluster(final int workers, final Path dir)
        {
            this.dir = dir;
            this.workers = new Process[workers];
            try
            {
                this.aeron = EmbeddedAeron.launch(dir.resolve("aeron-feed"));
            }
            catch (final RuntimeException ex)
            {
                deleteTree(dir); // the run directory, made for this cluster, goes with it
                throw ex;
            }
        }

        Path dir()
        {
            return dir;
        }

        EmbeddedAeron aeron()
        {
            return aeron;
        }

        FeedNode feed(final FeedNode node)
        {
            feed = node;
            return node;
        }

        AdminNode admin(final AdminNode node)
        {
            admin = node;
            return node;
        }

        boolean isClosed()
        {
            return closed.get();
        }

        synchronized void startWorker(final int worker, final List<String> options) throws IOException
        {
            if (closed.get())
            {
                return;
            }
            final List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(AERON_FLAGS);
            command.addAll(List.of("-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Demo.class.getName()));
            command.addAll(options);
            command.addAll(List.of("--worker", Integer.toString(worker), "--dir", dir.resolve("worker-" + worker).toString()));
            workers[worker] = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("worker-" + worker + ".log").toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        }

        /** SIGKILL, and waits for the process to be gone. */
        void kill(final int worker) throws InterruptedException
        {
            final Process process = workers[worker];
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }

        int[] awaitWorkers(final long seconds) throws InterruptedException
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            final int[] codes = new int[workers.length];
            for (int worker = 0; worker < workers.length; worker++)
            {
                final Process process = workers[worker];
                codes[worker] = process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS) ?
                    process.exitValue() : -1;
            }
            return codes;
        }

        String log(final int worker)
        {
            try
            {
                return Files.readString(dir.resolve("worker-" + worker + ".log"));
            }
            catch (final IOException ex)
            {
                return "(no log: " + ex + ")";
            }
        }

        @Override
        public void close()
        {
            if (!closed.compareAndSet(false, true))
            {
                return;
            }
            final FeedNode f = feed;
            if (f != null)
            {
                f.close();
            }
            synchronized (this)
            {
                for (final Process process : workers)
                {
                    if (process != null)
                    {
                        process.destroy();
                    }
                }
                for (final Process process : workers)
                {
                    if (process != null)
                    {
                        try
                        {
                            if (!process.waitFor(5, TimeUnit.SECONDS))
                            {
                                process.destroyForcibly();
                                process.waitFor(5, TimeUnit.SECONDS);
                            }
                        }
                        catch (final InterruptedException ex)
                        {
                            process.destroyForcibly();
                            Thread.currentThread().interrupt();
                        }
                    }
                }
            }
            final AdminNode a = admin;
            if (a != null)
            {
                a.close();
            }
            aeron.close();
            deleteTree(dir);
        }
    }
}
