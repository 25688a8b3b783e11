package io.ringstreamer.bench;

import io.ringstreamer.bench.contenders.Contenders;
import io.ringstreamer.bench.harness.Contender;
import io.ringstreamer.bench.harness.ScratchDirectories;
import io.ringstreamer.bench.harness.Workload;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The whole benchmark suite in one command ({@code bench/run [smoke|quick|full]}): decode, end-to-end
 * throughput, steady-state allocation (JMH, with the GC profiler), then latency and hand-off at fixed
 * offered rates (also with a journal, on each thread); writes {@code docs/performance.md} and its latency plot.
 *
 * <pre>java -jar bench/target/benchmarks.jar ... is JMH's own entry point; this is
 * java -cp bench/target/benchmarks.jar io.ringstreamer.bench.Suite quick [docs-dir]</pre>
 */
public final class Suite
{
    /** How long each part runs. */
    public enum Mode
    {
        /** A few seconds a benchmark, in-process: proves the suite runs (CI). */
        SMOKE(0, 0, 1, 100, new double[] {0.1, 0.5}, 0.0, 0.2),
        /** About ten minutes on two cores. */
        QUICK(1, 1, 5, 1000, new double[] {0.1, 0.5, 0.9}, 1.0, 3.0),
        /** Longer runs, tighter errors. */
        FULL(2, 2, 5, 2000, new double[] {0.1, 0.5, 0.9}, 2.0, 10.0);

        final int forks;
        final int warmupIterations;
        final int iterations;
        final int iterationMillis;
        final double[] loads;
        final double latencyWarmUpSeconds;
        final double latencySeconds;

        Mode(final int forks, final int warmupIterations, final int iterations, final int iterationMillis,
             final double[] loads, final double latencyWarmUpSeconds, final double latencySeconds)
        {
            this.forks = forks;
            this.warmupIterations = warmupIterations;
            this.iterations = iterations;
            this.iterationMillis = iterationMillis;
            this.loads = loads;
            this.latencyWarmUpSeconds = latencyWarmUpSeconds;
            this.latencySeconds = latencySeconds;
        }
    }

    /** The contenders measured for latency (the seed port cannot sustain these rates at all). */
    static final List<String> LATENCY_CONTENDERS =
        List.of("ring-streamer", "ring-streamer-via-administrator", "raw-disruptor", "agrona", "queues", "inline");
    static final List<String> SHARDED = List.of("ring-streamer", "raw-disruptor", "agrona", "queues");

    private Suite()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final Mode mode = Mode.valueOf((args.length > 0 ? args[0] : "quick").toUpperCase(Locale.ROOT));
        final Path docs = Path.of(args.length > 1 ? args[1] : "docs");
        final String command = args.length > 2 ? args[2] : "bench/run " + mode.name().toLowerCase(Locale.ROOT);
        run(mode, docs, command, System.out);
    }

    /** Runs every part and writes the report into {@code docs}. */
    public static Report run(final Mode mode, final Path docs, final String command, final PrintStream log)
        throws Exception
    {
        final Report report = new Report(mode, command);
        final long start = System.nanoTime();

        log.println("== decode");
        report.decode = jmh(mode, options(mode).include("io.ringstreamer.bench.DecodeBenchmark"));

        log.println("== throughput");
        report.throughput = new ArrayList<>();
        report.throughput.addAll(jmh(mode, options(mode).include(ThroughputBenchmark.class.getName())
            .param("contender", SHARDED.toArray(new String[0])).param("shards", "1", "2", "4")));
        report.throughput.addAll(jmh(mode, options(mode).include(ThroughputBenchmark.class.getName())
            .param("contender", "ring-streamer-via-administrator", "inline").param("shards", "1")));
        // ring-streamer decodes in each shard (DecodeMode.AUTO, as measured): the same with shard 0 decoding once.
        report.throughput.addAll(jmh(mode, options(mode).include(ThroughputBenchmark.class.getName())
            .param("contender", "ring-streamer-decode-once").param("shards", "2", "4")));
        report.throughput.addAll(jmh(mode, options(mode).include(SeedPortThroughputBenchmark.class.getName())
            .param("shards", "1", "2", "4")));

        log.println("== journal cost");
        report.journalCost = jmh(mode, options(mode).include(JournalCostBenchmark.class.getName()));

        log.println("== every service");
        report.multiService = jmh(mode, options(mode).include(MultiServiceBenchmark.class.getName()));

        log.println("== wait strategies");
        report.waitStrategies = jmh(mode, options(mode).include(WaitStrategyBenchmark.class.getName()));

        log.println("== steady state");
        report.steadyState = jmh(mode, options(mode).include(SteadyStateBenchmark.class.getName()));

        log.println("== latency");
        final double capacity = report.capacity();
        final Workload workload = new Workload(2);
        for (final String name : LATENCY_CONTENDERS)
        {
            for (final double load : mode.loads)
            {
                final double rate = mode == Mode.SMOKE ? 20_000 * load : capacity * load;
                log.printf(Locale.ROOT, "%s at %.0f msg/s (%.0f%% of capacity)%n", name, rate, load * 100);
                report.latency.add(LatencyRun.measure(Contenders.byName(name), workload, 1, rate, load,
                    mode.latencyWarmUpSeconds, mode.latencySeconds));
            }
        }
        // With a journal (fresh Chronicle Queue directories, deleted after each run): on the default thread (the
        // first shard's) and on its own, for the reader's hand-off and the latency beside ring-streamer's without.
        final ScratchDirectories journals = new ScratchDirectories("suite-journal");
        try
        {
            for (final Contender journaling : JournalLatency.contenders(journals))
            {
                if (!journaling.name().startsWith("ring-streamer+journal"))
                {
                    continue; // measured above
                }
                for (final double load : mode.loads)
                {
                    final double rate = mode == Mode.SMOKE ? 20_000 * load : capacity * load;
                    log.printf(Locale.ROOT, "%s at %.0f msg/s (%.0f%% of capacity)%n", journaling.name(), rate, load * 100);
                    report.latency.add(LatencyRun.measure(journaling, workload, 1, rate, load,
                        mode.latencyWarmUpSeconds, mode.latencySeconds));
                    journals.deleteAll();
                }
            }
        }
        finally
        {
            journals.deleteAll();
        }
        for (final double load : mode.loads) // the low-latency profile: busy-spin waits, at what CPU
        {
            final double rate = mode == Mode.SMOKE ? 20_000 * load : capacity * load;
            log.printf(Locale.ROOT, "ring-streamer, low-latency profile, at %.0f msg/s%n", rate);
            report.latency.add(LatencyRun.measure(Contenders.byName("ring-streamer"), workload, 1, rate, load,
                mode.latencyWarmUpSeconds, mode.latencySeconds, LatencyRun.Profile.LOW_LATENCY));
        }
        report.elapsedSeconds = (System.nanoTime() - start) / 1e9;
        report.write(docs);
        log.println("wrote " + docs.resolve("performance.md"));
        return report;
    }

    private static ChainedOptionsBuilder options(final Mode mode)
    {
        final ChainedOptionsBuilder options = new OptionsBuilder()
            .forks(mode.forks)
            .warmupIterations(mode.warmupIterations)
            .warmupTime(TimeValue.milliseconds(mode.iterationMillis))
            .measurementIterations(mode.iterations)
            .measurementTime(TimeValue.milliseconds(mode.iterationMillis))
            .shouldDoGC(true)
            .addProfiler(GCProfiler.class);
        return options;
    }

    private static Collection<RunResult> jmh(final Mode mode, final ChainedOptionsBuilder options) throws Exception
    {
        if (mode == Mode.SMOKE)
        {
            System.setProperty("jmh.ignoreLock", "true"); // in-process, beside other test JVMs
        }
        return new Runner(options.build()).run();
    }

    /** JMH's secondary result for normalised allocation, whatever its prefix in this JMH version. */
    static double bytesPerOp(final RunResult result)
    {
        for (final Map.Entry<String, Result> entry : result.getSecondaryResults().entrySet())
        {
            if (entry.getKey().endsWith("gc.alloc.rate.norm"))
            {
                return entry.getValue().getScore();
            }
        }
        return Double.NaN;
    }

    static String method(final RunResult result)
    {
        final String benchmark = result.getParams().getBenchmark();
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    static String param(final RunResult result, final String name)
    {
        final String value = result.getParams().getParam(name);
        return value == null ? "" : value;
    }

    static void writeText(final Path file, final String text) throws IOException
    {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (PrintStream out = new PrintStream(new FileOutputStream(file.toFile()), true, "UTF-8"))
        {
            out.print(text);
        }
    }
}
