package io.ringstreamer.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The publish-cost benchmark's operation, run in-process a few times so that it cannot rot. */
@Timeout(60)
class PublishCostBenchmarkTest
{
    @Test
    void shouldPublishEveryBatchIntoTheRingWhenTheBatchIsReleasedEachTime()
    {
        for (final com.lmax.disruptor.dsl.ProducerType producers : com.lmax.disruptor.dsl.ProducerType.values())
        {
            run(producers);
        }
    }

    private static void run(final com.lmax.disruptor.dsl.ProducerType producers)
    {
        final PublishCostBenchmark benchmark = new PublishCostBenchmark();
        benchmark.producers = producers;
        benchmark.setUp();
        try
        {
            for (int round = 0; round < 10; round++) // 10,240 messages through a ring of 4,096: released each batch
            {
                assertEquals((round + 1L) * PublishCostBenchmark.BATCH - 1, benchmark.publish());
            }
        }
        finally
        {
            benchmark.tearDown();
        }
    }
}
