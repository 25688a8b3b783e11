package io.ringstreamer.bench;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.dsl.ProducerType;
import io.ringstreamer.bench.harness.Workload;
import io.ringstreamer.inbound.InboundEvent;
import io.ringstreamer.inbound.InboundPublisher;
import io.ringstreamer.inbound.MemorySpillStore;
import io.ringstreamer.inbound.SpillDrainer;
import io.ringstreamer.metrics.internal.PaddedCounter;
import io.ringstreamer.source.OverflowPolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the reader's {@code publish} call costs on its own, on one thread, with no consumer thread to
 * share the cores with: the pipeline's own publisher ({@code InboundPublisher}, as the pipeline builds
 * it: a ring of 4,096 slots, {@code SPILL} over a 256 MiB memory store) publishes a
 * batch of {@value #BATCH} synthetic bar messages into a ring that has room, then the benchmark marks
 * them consumed. One operation is one message. This is the path the flight-recorder hooks must not
 * touch; the whole-pipeline figure, with its threads' noise, is {@link ThroughputBenchmark}.
 *
 * <pre>
 * mvn -B -ntp -pl bench -am package -DskipTests
 * java -jar bench/target/benchmarks.jar PublishCostBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class PublishCostBenchmark
{
    static final int BATCH = 1_024;
    private static final int RING_SIZE = 4_096;

    /**
     * {@code MULTI}: the ring as the pipeline builds it (two producers: the streamer and the drainer);
     * {@code SINGLE}: what a single-producer ring would save on the claim (the pipeline cannot use one
     * while the drainer also publishes: docs/performance.md).
     */
    @Param({"MULTI", "SINGLE"})
    public ProducerType producers;

    private RingBuffer<InboundEvent> ring;
    private Sequence consumed;
    private InboundPublisher publisher;
    private byte[][] messages;

    @Setup(Level.Trial)
    public void setUp()
    {
        final List<byte[]> synthetic = new Workload(2).messages;
        messages = new byte[BATCH][];
        for (int i = 0; i < BATCH; i++)
        {
            messages[i] = synthetic.get(i % synthetic.size());
        }
        ring = RingBuffer.create(producers, () -> new InboundEvent(512), RING_SIZE, new BlockingWaitStrategy());
        consumed = new Sequence(-1);
        ring.addGatingSequences(consumed);
        final int maxMessageBytes = 1 << 20;
        final MemorySpillStore store = new MemorySpillStore(256L << 20, maxMessageBytes);
        final SpillDrainer drainer = new SpillDrainer(ring, store, new PaddedCounter());
        publisher = new InboundPublisher(ring, drainer, store, maxMessageBytes, OverflowPolicy.SPILL,
            OverflowPolicy.BLOCK, new InboundPublisher.SpillCounters(
                new PaddedCounter(), new PaddedCounter(), new PaddedCounter(), new PaddedCounter(), new PaddedCounter()));
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        publisher.close();
    }

    /** {@value #BATCH} publishes into a ring with room, then the batch is released as a consumer would. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long publish()
    {
        long last = 0;
        final byte[][] messages = this.messages;
        for (int i = 0; i < BATCH; i++)
        {
            final byte[] message = messages[i];
            last = publisher.publish(message, 0, message.length, i);
        }
        if (last < 0)
        {
            throw new IllegalStateException("publish returned " + last + ": the ring had no room");
        }
        consumed.set(ring.getCursor());
        return last;
    }
}
