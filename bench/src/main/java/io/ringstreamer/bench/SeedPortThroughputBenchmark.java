package io.ringstreamer.bench;

import io.ringstreamer.bench.contenders.Contenders;
import io.ringstreamer.bench.harness.Contender;
import io.ringstreamer.bench.harness.Work;
import io.ringstreamer.bench.harness.Workload;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * {@link ThroughputBenchmark} for the seed port, which is slow enough (a task per symbol per message
 * and a barrier per message) to need far fewer messages per invocation. Same harness, same data.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class SeedPortThroughputBenchmark
{
    static final int LIGHT_MESSAGES = 5_000;
    static final int HEAVY_MESSAGES = 1_000;

    @Param({"1", "2", "4"})
    public int shards;

    @Param({"2"})
    public int symbolsPerMessage;

    private Workload workload;
    private Contender design;

    @Setup(Level.Trial)
    public void setUp()
    {
        workload = new Workload(symbolsPerMessage);
        design = Contenders.byName("seed-port");
    }

    @Benchmark
    @OperationsPerInvocation(LIGHT_MESSAGES)
    public long light() throws Exception
    {
        return run(Work.LIGHT, LIGHT_MESSAGES);
    }

    @Benchmark
    @OperationsPerInvocation(HEAVY_MESSAGES)
    public long heavy() throws Exception
    {
        return run(Work.HEAVY, HEAVY_MESSAGES);
    }

    private long run(final Work work, final long count) throws Exception
    {
        return workload.run(design, shards, work, count);
    }
}
