package io.ringstreamer.bench;

import io.ringstreamer.bench.contenders.RingStreamerContender;
import io.ringstreamer.bench.harness.Feed;
import io.ringstreamer.bench.harness.OverflowPolicyProperty;
import io.ringstreamer.bench.harness.ResultCounter;
import io.ringstreamer.bench.harness.Work;
import io.ringstreamer.bench.harness.Workload;
import io.ringstreamer.result.BarView;
import io.ringstreamer.result.ErrorView;
import io.ringstreamer.result.ResultListener;
import io.ringstreamer.result.StatusView;
import io.ringstreamer.source.MessagePublisher;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scale-out measured: 1 feed + {@value #WORKERS} worker JVMs + administrator on this machine
 * ({@link LocalCluster}, Aeron UDP on 127.0.0.1), against the single-process pipeline, in one run, with the same
 * workload (the harness's cycled synthetic bars, {@link Work#LIGHT}: the 1-minute bar component the workers run):
 *
 * <ul>
 *   <li>throughput: messages per second, unpaced, from the first measured message to its last result at the
 *   listener (the pipeline: the whole run, build and teardown included);</li>
 *   <li>latency from each message's intended send time to the listener (HdrHistogram, so a stall shows as latency
 *   rather than slowing the sender), at fractions of the cluster's measured throughput, the same rates for
 *   both;</li>
 *   <li>a worker's catch-up: the feed pauses after N messages, once all their results are in worker 1 is killed
 *   ({@code SIGKILL}) and started again; how long from its start until the administrator has dropped every result
 *   it had already delivered (the restarted worker's replay of the stream, reprocessed, sent again), and how many
 *   bytes of stream it caught up (its join position).</li>
 * </ul>
 *
 * <p>The single-process pipeline uses {@code BLOCK}, as the cluster's feed does. Run with {@code bench/run cluster}
 * or {@code java --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED -cp bench/target/benchmarks.jar
 * io.ringstreamer.bench.ClusterRun} (options: {@link Settings#parse}); prints Markdown tables.
 */
public final class ClusterRun
{
    public static final int WORKERS = 2;
    private static final long HIGHEST_NANOS = 60_000_000_000L;
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final Pattern CAUGHT_UP = Pattern.compile("caught up from the feed's archive to position ([0-9]+)");

    /** What one run measures; the defaults are the documented run's. */
    public static final class Settings
    {
        public int symbolsPerMessage = 2;
        public long throughputMessages = 2_000_000;
        public long throughputWarmUpMessages = 1_000_000;
        public double[] loads = {0.1, 0.25, 0.5};
        public double latencySeconds = 10;
        public double latencyWarmUpSeconds = 5;
        public long catchUpMessages = 1_000_000;
        public List<String> workerJvmOptions = List.of();

        /**
         * {@code --throughput-messages N --throughput-warm-up N --loads 0.25,0.5 --latency-seconds S
         * --latency-warm-up S --catch-up-messages N --symbols-per-message K --worker-jvm "-Xmx1g ..."}.
         */
        public static Settings parse(final String[] args)
        {
            final Settings settings = new Settings();
            for (int i = 0; i + 1 < args.length; i += 2)
            {
                final String value = args[i + 1];
                switch (args[i])
                {
                    case "--throughput-messages" -> settings.throughputMessages = Long.parseLong(value);
                    case "--throughput-warm-up" -> settings.throughputWarmUpMessages = Long.parseLong(value);
                    case "--loads" -> settings.loads = java.util.Arrays.stream(value.split(","))
                        .mapToDouble(Double::parseDouble).toArray();
                    case "--latency-seconds" -> settings.latencySeconds = Double.parseDouble(value);
                    case "--latency-warm-up" -> settings.latencyWarmUpSeconds = Double.parseDouble(value);
                    case "--catch-up-messages" -> settings.catchUpMessages = Long.parseLong(value);
                    case "--symbols-per-message" -> settings.symbolsPerMessage = Integer.parseInt(value);
                    case "--worker-jvm" -> settings.workerJvmOptions = List.of(value.trim().split("\\s+"));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (args.length % 2 != 0)
            {
                throw new IllegalArgumentException("expected --option value pairs");
            }
            return settings;
        }
    }

    /** Messages through a setup, unpaced, and how long they took. */
    public record Throughput(String setup, long messages, double seconds)
    {
        public double perSecond()
        {
            return messages / seconds;
        }
    }

    /** Latency from intended send time to the listener, ns, at an offered rate. */
    public record Latency(String setup, double rate, double load, Histogram histogram)
    {
        public double micros(final double percentile)
        {
            return histogram.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    /**
     * A restart after {@code messages}: {@code streamBytes} of the feed stream before the worker's join point, all
     * replayed to it; {@code resultsReplayed} of its results were produced again and dropped by the administrator;
     * {@code seconds} from its JVM's start until the last of those reached the administrator;
     * {@code freshStartSeconds} for comparison: from starting the workers' JVMs to every one having joined.
     */
    public record CatchUp(long messages, long streamBytes, long resultsReplayed, double seconds, double freshStartSeconds)
    {
    }

    /** Everything one run measured. */
    public static final class Result
    {
        public final List<Throughput> throughput = new ArrayList<>();
        public final List<Latency> latency = new ArrayList<>();
        public CatchUp catchUp;

        /** The results as Markdown tables. */
        public String table()
        {
            final StringBuilder out = new StringBuilder();
            out.append("| setup | messages | seconds | msg/s |\n|---|---:|---:|---:|\n");
            for (final Throughput row : throughput)
            {
                out.append(String.format(Locale.ROOT, "| %s | %,d | %.2f | %,.0f |%n", row.setup(), row.messages(),
                    row.seconds(), row.perSecond()));
            }
            out.append("\n| setup | offered msg/s | results | p50 µs | p99 µs | p99.9 µs | max µs |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|\n");
            for (final Latency row : latency)
            {
                out.append(String.format(Locale.ROOT, "| %s | %,.0f (%.0f%%) | %,d | %,.0f | %,.0f | %,.0f | %,.0f |%n",
                    row.setup(), row.rate(), row.load() * 100, row.histogram().getTotalCount(), row.micros(50),
                    row.micros(99), row.micros(99.9), row.histogram().getMaxValue() / 1000.0));
            }
            if (catchUp != null)
            {
                out.append("\n| restart after | stream bytes caught up | results replayed and dropped | worker start to " +
                    "caught up, s | fresh workers' start to joined, s |\n|---:|---:|---:|---:|---:|\n");
                out.append(String.format(Locale.ROOT, "| %,d messages | %,d | %,d | %.2f | %.2f |%n", catchUp.messages(),
                    catchUp.streamBytes(), catchUp.resultsReplayed(), catchUp.seconds(), catchUp.freshStartSeconds()));
            }
            return out.toString();
        }
    }

    private ClusterRun()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final Settings settings = Settings.parse(args);
        final Result result = run(settings, System.err);
        System.out.println("ClusterRun " + String.join(" ", args) + " at " + Instant.now() + ", " +
            Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version") + "\n");
        System.out.println(result.table());
    }

    /** Runs every measurement of {@code settings}; progress goes to {@code log}. */
    public static Result run(final Settings settings, final PrintStream log) throws Exception
    {
        final Workload workload = new Workload(settings.symbolsPerMessage);
        final Result result = new Result();
        final String before = System.getProperty(OverflowPolicyProperty.NAME);
        System.setProperty(OverflowPolicyProperty.NAME, "BLOCK");
        try
        {
            for (final int shards : new int[] {1, WORKERS})
            {
                log.println("== throughput: pipeline, " + shards + " shard(s)");
                result.throughput.add(pipelineThroughput(workload, shards, settings));
            }
            log.println("== throughput: cluster");
            final Throughput cluster = clusterThroughput(workload, settings);
            result.throughput.add(cluster);
            for (final double load : settings.loads)
            {
                final double rate = cluster.perSecond() * load;
                log.printf(Locale.ROOT, "== latency at %.0f msg/s (%.0f%% of the cluster's throughput)%n", rate, load * 100);
                final LatencyRun single = LatencyRun.measure(new RingStreamerContender(), workload, WORKERS, rate, load,
                    settings.latencyWarmUpSeconds, settings.latencySeconds);
                result.latency.add(new Latency("pipeline, " + WORKERS + " shards (one JVM)", rate, load, single.latency));
                result.latency.add(clusterLatency(workload, rate, load, settings));
            }
            if (settings.catchUpMessages > 0)
            {
                log.println("== catch-up after " + settings.catchUpMessages + " messages");
                result.catchUp = catchUp(workload, settings);
            }
        }
        finally
        {
            if (before == null)
            {
                System.clearProperty(OverflowPolicyProperty.NAME);
            }
            else
            {
                System.setProperty(OverflowPolicyProperty.NAME, before);
            }
        }
        return result;
    }

    private static Throughput pipelineThroughput(final Workload workload, final int shards, final Settings settings)
        throws Exception
    {
        final RingStreamerContender pipeline = new RingStreamerContender();
        workload.run(pipeline, shards, Work.LIGHT, settings.throughputWarmUpMessages);
        final long start = System.nanoTime();
        workload.run(pipeline, shards, Work.LIGHT, settings.throughputMessages);
        return new Throughput("pipeline, " + shards + (shards == 1 ? " shard" : " shards") + " (one JVM)",
            settings.throughputMessages, (System.nanoTime() - start) / 1e9);
    }

    private static Throughput clusterThroughput(final Workload workload, final Settings settings) throws Exception
    {
        final long warm = settings.throughputWarmUpMessages;
        final long measured = settings.throughputMessages;
        final Feed feed = new Feed(workload.messages, warm + measured, 0);
        final CountingListener listener = new CountingListener(workload.expectedResults(warm), null, null);
        final long[] measuredStart = new long[1];
        try (LocalCluster cluster = new LocalCluster(WORKERS, settings.workerJvmOptions, false))
        {
            cluster.start(workload.symbols, publisher -> publishAll(feed, publisher, warm, measuredStart, -1, null, null),
                listener);
            cluster.finish(TIMEOUT);
        }
        listener.check(workload.expectedResults(warm + measured));
        return new Throughput("cluster: feed + " + WORKERS + " worker JVMs + administrator (Aeron UDP, 127.0.0.1)",
            measured, (listener.lastResultNanos - measuredStart[0]) / 1e9);
    }

    private static Latency clusterLatency(final Workload workload, final double rate, final double load,
                                          final Settings settings) throws Exception
    {
        final long warm = (long)(rate * settings.latencyWarmUpSeconds);
        final long measured = (long)(rate * settings.latencySeconds);
        final Histogram histogram = new Histogram(HIGHEST_NANOS, 3);
        final Feed feed = new Feed(workload.messages, warm + measured, rate);
        final CountingListener listener = new CountingListener(workload.expectedResults(warm), histogram, null);
        try (LocalCluster cluster = new LocalCluster(WORKERS, settings.workerJvmOptions, false))
        {
            cluster.start(workload.symbols, publisher -> publishAll(feed, publisher, warm, new long[1], -1, null, null),
                listener);
            cluster.finish(TIMEOUT);
        }
        listener.check(workload.expectedResults(warm + measured));
        return new Latency("cluster: feed + " + WORKERS + " worker JVMs + administrator", rate, load, histogram);
    }

    private static CatchUp catchUp(final Workload workload, final Settings settings) throws Exception
    {
        final long before = settings.catchUpMessages;
        final long after = Math.max(1, before / 100);
        final Feed feed = new Feed(workload.messages, before + after, 0);
        final Map<String, Integer> owners = new HashMap<>();
        for (int id = 0; id < workload.symbols.size(); id++)
        {
            owners.put(workload.symbols.get(id), id % WORKERS); // the feed's rule: owner = subscription order % workers
        }
        final CountingListener listener = new CountingListener(0, null, owners);
        final CountDownLatch paused = new CountDownLatch(1);
        final CountDownLatch resume = new CountDownLatch(1);
        final int restarted = 1;
        try (LocalCluster cluster = new LocalCluster(WORKERS, settings.workerJvmOptions, true))
        {
            final long launched = System.nanoTime();
            cluster.start(workload.symbols, publisher -> publishAll(feed, publisher, 0, new long[1], before, paused, resume),
                listener);
            final double freshStart = (System.nanoTime() - launched) / 1e9;
            final long deadline = System.nanoTime() + TIMEOUT.toNanos();
            if (!paused.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
            {
                throw new IllegalStateException("the feed did not reach message " + before);
            }
            awaitTrue(() -> listener.results() == workload.expectedResults(before), deadline, "every result before the kill");
            final long owned = listener.ownedBy(restarted);
            cluster.kill(restarted);
            final long start = System.nanoTime();
            cluster.startWorker(restarted);
            awaitTrue(() -> cluster.admin().duplicates() >= owned, deadline, "the restarted worker's replay");
            final double seconds = (System.nanoTime() - start) / 1e9;
            resume.countDown();
            cluster.finish(TIMEOUT);
            listener.check(workload.expectedResults(before + after));
            final Matcher matcher = CAUGHT_UP.matcher(cluster.output(restarted));
            if (!matcher.find())
            {
                throw new IllegalStateException("the restarted worker did not catch up: " + cluster.output(restarted));
            }
            return new CatchUp(before, Long.parseLong(matcher.group(1)), cluster.admin().duplicates(), seconds, freshStart);
        }
    }

    /**
     * The feed's streamer: every message of {@code feed}, each stamped with its intended send time; notes in
     * {@code measuredStart} when message {@code measuredFrom} goes out; with {@code paused}, stops before message
     * {@code pauseAt} and counts {@code paused} down, going on once {@code resume} is.
     */
    private static void publishAll(final Feed feed, final MessagePublisher publisher, final long measuredFrom,
                                   final long[] measuredStart, final long pauseAt, final CountDownLatch paused,
                                   final CountDownLatch resume) throws InterruptedException
    {
        for (long i; (i = feed.next()) >= 0; )
        {
            if (i == measuredFrom)
            {
                measuredStart[0] = System.nanoTime();
            }
            if (i == pauseAt)
            {
                paused.countDown();
                resume.await();
            }
            final byte[] message = feed.message(i);
            if (publisher.publish(message, 0, message.length, feed.intendedNanos(i)) == MessagePublisher.CLOSED)
            {
                return;
            }
        }
    }

    private static void awaitTrue(final java.util.function.BooleanSupplier condition, final long deadline,
                                  final String what)
    {
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
        }
    }

    /**
     * The administrator's listener: counts bars, records latency (after the warm-up's results) into a histogram,
     * and, for the catch-up, counts each worker's results by the owner of their symbol. Any error fails the run.
     */
    private static final class CountingListener implements ResultListener
    {
        private final long warmUpResults;
        private final ResultCounter warm = new ResultCounter(null);
        private final ResultCounter measured;
        private final Map<String, Integer> owners;
        private final long[] owned = new long[WORKERS];
        private volatile String error;
        private volatile long lastResultNanos;
        private volatile long count;

        CountingListener(final long warmUpResults, final Histogram histogram, final Map<String, Integer> owners)
        {
            this.warmUpResults = warmUpResults;
            this.measured = new ResultCounter(histogram);
            this.owners = owners;
        }

        @Override
        public void onBar(final BarView bar)
        {
            if (count < warmUpResults)
            {
                warm.onResult(bar.receiveNanos(), bar.volume());
            }
            else
            {
                measured.onResult(bar.receiveNanos(), bar.volume());
            }
            if (owners != null)
            {
                owned[owners.get(bar.symbol())]++;
            }
            lastResultNanos = System.nanoTime();
            count = count + 1; // single writer, the administrator's thread; written last, so owned[] is seen with it
        }

        @Override
        public void onStatus(final StatusView status)
        {
            // Subscribed statuses, one per symbol at the start: neither counted nor timed.
        }

        @Override
        public void onError(final ErrorView error)
        {
            this.error = error.toError().toString();
        }

        /** Bars delivered so far. */
        long results()
        {
            return count;
        }

        /**
         * Bars of worker {@code worker}'s symbols: read after {@link #results()} has shown every bar, with the
         * listener quiet.
         */
        long ownedBy(final int worker)
        {
            return owned[worker];
        }

        void check(final long expected)
        {
            if (error != null)
            {
                throw new IllegalStateException("an error reached the listener: " + error);
            }
            if (count != expected)
            {
                throw new IllegalStateException("the listener got " + count + " bars, expected " + expected);
            }
        }
    }
}
