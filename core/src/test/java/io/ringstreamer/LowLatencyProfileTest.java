package io.ringstreamer;

import com.lmax.disruptor.BusySpinWaitStrategy;
import io.ringstreamer.source.FakeApiStreamer;
import io.ringstreamer.testing.CollectingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The low-latency profile wires busy-spinning waits on both rings and makes every pipeline thread
 * with the user's factory, which runs its own code on each thread first (where an affinity library
 * would pin it).
 */
@Timeout(120)
class LowLatencyProfileTest
{
    @Test
    void shouldBusySpinOnBothRingsAndMakeEveryThreadWithTheGivenFactoryWhenTheProfileIsChosen() throws Exception
    {
        final Set<String> pinned = ConcurrentHashMap.newKeySet();
        final AtomicInteger made = new AtomicInteger();
        final ThreadFactory pinning = task ->
        {
            made.incrementAndGet();
            return new Thread(() ->
            {
                pinned.add(Thread.currentThread().getName()); // where a real factory pins the thread to a core
                task.run();
            });
        };
        final Pipeline.Builder builder = Pipeline.builder().lowLatency(pinning);
        assertInstanceOf(BusySpinWaitStrategy.class, builder.inboundWaitStrategy.get());
        assertInstanceOf(BusySpinWaitStrategy.class, builder.resultWaitStrategy.get());
        assertNotSame(builder.inboundWaitStrategy.get(), builder.inboundWaitStrategy.get(), "one per ring");
        assertSame(pinning, builder.threadFactory);

        for (int iteration = 0; iteration < 10; iteration++)
        {
            pinned.clear();
            made.set(0);
            final CollectingListener listener = new CollectingListener();
            try (Pipeline pipeline = Pipeline.builder().lowLatency(pinning)
                .name("fast")
                .symbols("AAPL", "DUD", "AMZN")
                .shards(2)
                .decode(iteration % 2 == 0 ? DecodeMode.EACH_SHARD : DecodeMode.ONCE) // ONCE: shard 1 spins on shard 0
                .streamer(new FakeApiStreamer(SeedPipelineTest.seedMessages()))
                .listener(listener)
                .build()
                .start())
            {
                assertTrue(pipeline.awaitTermination(60, TimeUnit.SECONDS));
            }
            assertEquals(5, listener.barsBySymbol.values().stream().mapToInt(List::size).sum());
            assertEquals(Set.of("fast-shard-0", "fast-shard-1", "fast-administrator", "fast-drainer", "fast-streamer"),
                pinned);
            assertEquals(5, made.get());
        }
    }
}
