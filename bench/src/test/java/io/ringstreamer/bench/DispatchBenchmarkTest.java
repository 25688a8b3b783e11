package io.ringstreamer.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dispatch benchmark's operation, run in-process twice so that it cannot rot. */
@Timeout(120)
class DispatchBenchmarkTest
{
    @Test
    void shouldDeliverTheSameResultsOfEveryServiceWhenEachInvocationRunsTheMarketThroughFreshWorkers()
    {
        final DispatchBenchmark benchmark = new DispatchBenchmark();
        benchmark.generate();
        final DispatchBenchmark.CpuTime cpu = new DispatchBenchmark.CpuTime();
        cpu.reset();

        benchmark.freshShard();
        final long first = benchmark.everyService(cpu); // throws if any result is an error
        final DispatchBenchmark.CountingListener kinds = benchmark.results();
        benchmark.freshShard();
        final long second = benchmark.everyService(cpu);

        assertEquals(first, second, "fresh workers see the market as new each time");
        assertTrue(kinds.quotes > 0 && kinds.trades > 0 && kinds.books > 0 && kinds.news > 0 && kinds.bars > 0,
            "every service reaches its component: " + kinds.quotes + " quotes, " + kinds.trades + " trades, " +
                kinds.books + " books, " + kinds.news + " headlines, " + kinds.bars + " bars");
        assertEquals(first, kinds.quotes + kinds.trades + kinds.books + kinds.news + kinds.bars + kinds.aggregateBars);
        assertTrue(cpu.cpuNanosPerMessage() > 0, "CPU time per message: " + cpu.cpuNanosPerMessage());
    }
}
