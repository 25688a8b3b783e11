package io.ringstreamer.bench;

import io.ringstreamer.Pipeline;
import io.ringstreamer.bench.harness.Workload;
import io.ringstreamer.result.BarView;
import io.ringstreamer.result.ErrorView;
import io.ringstreamer.result.ResultListener;
import io.ringstreamer.source.MessagePublisher;
import io.ringstreamer.source.Streamer;
import io.ringstreamer.testing.CycledBarTimes;
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
import org.openjdk.jmh.annotations.TearDown;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One long-running ring-streamer pipeline fed in batches: throughput and, with {@code -prof gc},
 * bytes allocated per message across every thread in steady state (publish, decode, shard, result,
 * callback). Nothing is built or started inside the measurement, unlike {@link ThroughputBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class SteadyStateBenchmark
{
    static final int BATCH = 20_000;

    @Param({"1", "2"})
    public int shards;

    private Workload workload;
    private Pipeline pipeline;
    private BatchStreamer streamer;
    private CountingListener listener;

    @Setup(Level.Trial)
    public void start()
    {
        workload = new Workload(2);
        streamer = new BatchStreamer(workload.messages);
        listener = new CountingListener();
        pipeline = Pipeline.builder().symbols(workload.symbols).shards(shards)
            .streamer(streamer).listener(listener).build().start();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long batch()
    {
        final long target = listener.results + workload.expectedResults(BATCH);
        streamer.request(BATCH);
        while (listener.results < target)
        {
            LockSupport.parkNanos(10_000);
        }
        return listener.volume;
    }

    @TearDown(Level.Trial)
    public void stop()
    {
        pipeline.close();
    }

    /** Publishes messages as the benchmark thread requests them; allocation-free. */
    private static final class BatchStreamer implements Streamer
    {
        private final byte[][] messages;
        private final CycledBarTimes times;
        private volatile long requested;
        private long published;

        BatchStreamer(final List<byte[]> messages)
        {
            final List<byte[]> copies = CycledBarTimes.copies(messages); // advanced in place: the workload's stay as made
            this.messages = copies.toArray(new byte[0][]);
            this.times = new CycledBarTimes(copies);
        }

        void request(final long count)
        {
            requested = requested + count; // benchmark thread is the only writer
        }

        @Override
        public void stream(final MessagePublisher publisher)
        {
            while (!publisher.isClosed())
            {
                if (published == requested)
                {
                    LockSupport.parkNanos(10_000);
                    continue;
                }
                final int index = (int)(published % messages.length);
                publisher.publish(messages[index], 0, messages[index].length);
                times.advance(index); // the next cycle sends later bars, not duplicates (which are rejected)
                published++;
            }
        }
    }

    /** Counts results on the administrator thread. */
    private static final class CountingListener implements ResultListener
    {
        volatile long results;
        long volume;

        @Override
        public void onBar(final BarView bar)
        {
            volume += bar.volume();
            results = results + 1; // single writer
        }

        @Override
        public void onError(final ErrorView error)
        {
            throw new IllegalStateException(error.toError().toString());
        }
    }
}
