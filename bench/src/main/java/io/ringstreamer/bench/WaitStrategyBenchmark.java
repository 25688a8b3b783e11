package io.ringstreamer.bench;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.LiteBlockingWaitStrategy;
import com.lmax.disruptor.PhasedBackoffWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import io.ringstreamer.bench.contenders.RingStreamerContender;
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
import java.util.function.Supplier;

/**
 * ring-streamer's light-work throughput under each Disruptor wait strategy: the record behind the
 * default. Spinning strategies (yielding) are here to show what they buy, not as candidates: on a
 * 2-core machine a spinning thread per stage starves the others when idle.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class WaitStrategyBenchmark
{
    static final int MESSAGES = 500_000;
    static final int HEAVY_MESSAGES = 50_000;

    @Param({"blocking", "lite-blocking", "phased-lite", "sleeping", "yielding"})
    public String waitStrategy;

    @Param({"1", "2"})
    public int shards;

    private Workload workload;
    private RingStreamerContender design;

    @Setup(Level.Trial)
    public void setUp()
    {
        workload = new Workload(2);
        design = new RingStreamerContender(strategy(waitStrategy));
    }

    static Supplier<WaitStrategy> strategy(final String name)
    {
        switch (name)
        {
            case "blocking":
                return BlockingWaitStrategy::new;
            case "lite-blocking":
                return LiteBlockingWaitStrategy::new;
            case "phased-lite":
                return () -> PhasedBackoffWaitStrategy.withLiteLock(1, 50, TimeUnit.MICROSECONDS);
            case "sleeping":
                return SleepingWaitStrategy::new;
            case "yielding":
                return YieldingWaitStrategy::new;
            default:
                throw new IllegalArgumentException(name);
        }
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long light() throws Exception
    {
        return workload.run(design, shards, Work.LIGHT, MESSAGES);
    }

    /** ThroughputBenchmark's heavy work: where several busy shards compete with the waiting threads for the cores. */
    @Benchmark
    @OperationsPerInvocation(HEAVY_MESSAGES)
    public long heavy() throws Exception
    {
        return workload.run(design, shards, Work.HEAVY, HEAVY_MESSAGES);
    }
}
