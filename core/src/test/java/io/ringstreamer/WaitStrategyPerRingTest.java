package io.ringstreamer;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.WaitStrategy;
import io.ringstreamer.source.FakeApiStreamer;
import io.ringstreamer.testing.CollectingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each ring waits with its own strategy: the shards on the inbound one, the administrator on the results one. */
@Timeout(120)
class WaitStrategyPerRingTest
{
    /** A blocking strategy that notes which threads waited with it. */
    private static final class NamingWaitStrategy implements WaitStrategy
    {
        private final BlockingWaitStrategy blocking = new BlockingWaitStrategy();
        final Set<String> waiters = ConcurrentHashMap.newKeySet();

        @Override
        public long waitFor(final long sequence, final Sequence cursor, final Sequence dependentSequence,
            final SequenceBarrier barrier) throws AlertException, InterruptedException, TimeoutException
        {
            waiters.add(Thread.currentThread().getName());
            return blocking.waitFor(sequence, cursor, dependentSequence, barrier);
        }

        @Override
        public void signalAllWhenBlocking()
        {
            blocking.signalAllWhenBlocking();
        }
    }

    @Test
    void shouldWaitOnEachRingWithItsOwnStrategyWhenBothAreSet() throws Exception
    {
        for (int iteration = 0; iteration < 20; iteration++)
        {
            final NamingWaitStrategy inbound = new NamingWaitStrategy();
            final NamingWaitStrategy results = new NamingWaitStrategy();
            final CollectingListener listener = new CollectingListener();
            try (Pipeline pipeline = Pipeline.builder()
                .name("rings")
                .symbols("AAPL", "DUD", "AMZN")
                .shards(2)
                .streamer(new FakeApiStreamer(SeedPipelineTest.seedMessages()))
                .listener(listener)
                .waitStrategy(BlockingWaitStrategy::new)
                .inboundWaitStrategy(() -> inbound)
                .resultWaitStrategy(() -> results)
                .build()
                .start())
            {
                assertTrue(pipeline.awaitTermination(60, TimeUnit.SECONDS));
            }
            assertEquals(5, listener.barsBySymbol.values().stream().mapToInt(java.util.List::size).sum());
            assertEquals(Set.of("rings-shard-0", "rings-shard-1"), inbound.waiters);
            assertEquals(Set.of("rings-administrator"), results.waiters);
        }
    }
}
