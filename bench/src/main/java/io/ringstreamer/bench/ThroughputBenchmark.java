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
 * End-to-end throughput: messages per second from the reader taking each message to the consumer
 * receiving its last result, for each design, shard count and amount of work. One operation is one
 * message; each invocation runs {@value #LIGHT_MESSAGES} (light) or {@value #HEAVY_MESSAGES} (heavy) messages through a fresh instance of the design
 * (threads started and joined inside the measurement, the same for every design).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED"}) // the agrona contender
public class ThroughputBenchmark
{
    static final int LIGHT_MESSAGES = 500_000;
    static final int HEAVY_MESSAGES = 50_000;

    @Param({"ring-streamer"})
    public String contender;

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
        design = Contenders.byName(contender);
    }

    /** The bar component as shipped: decoding and plumbing dominate. */
    @Benchmark
    @OperationsPerInvocation(LIGHT_MESSAGES)
    public long light() throws Exception
    {
        return run(Work.LIGHT, LIGHT_MESSAGES);
    }

    /** A few microseconds of arithmetic per entry: the work dominates, shards pay off. */
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
