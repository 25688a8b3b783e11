package io.ringstreamer.bench;

import io.ringstreamer.bench.harness.Work;

import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * How much a second core gives on this machine, with nothing of ring-streamer in the way: the heavy
 * work's arithmetic ({@link Work#HEAVY_ITERATIONS} dependent multiply-adds, as in {@code HeavyBars})
 * run by one thread, then by two threads at once, each doing the same number of entries. The ratio
 * is the ceiling for any design's heavy-work scaling from one shard to two; a VM whose two vCPUs share
 * a physical core shows about 1×, two real cores about 2×.
 *
 * <pre>
 * mvn -B -ntp -q -pl bench -am package -DskipTests
 * java -cp bench/target/benchmarks.jar io.ringstreamer.bench.CoreScaling [ENTRIES] [ROUNDS]
 * </pre>
 */
public final class CoreScaling
{
    private static volatile double sink;

    private CoreScaling()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final int entries = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        final int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        System.out.printf(Locale.ROOT, "%d cores, %d entries a thread%n", Runtime.getRuntime().availableProcessors(), entries);
        work(entries / 10); // warm up: compile the loop before timing it
        for (int round = 1; round <= rounds; round++)
        {
            final long one = timeThreads(1, entries);
            final long two = timeThreads(2, entries);
            System.out.printf(Locale.ROOT, "round %d: 1 thread %.0f entries/s, 2 threads %.0f entries/s: %.2fx%n",
                round, entries * 1e9 / one, 2 * entries * 1e9 / two, 2.0 * one / two);
        }
    }

    private static long timeThreads(final int threads, final int entries) throws InterruptedException
    {
        final CountDownLatch start = new CountDownLatch(1);
        final Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++)
        {
            workers[t] = new Thread(() ->
            {
                try
                {
                    start.await();
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                    return;
                }
                sink = work(entries);
            }, "core-scaling-" + t);
            workers[t].start();
        }
        final long begin = System.nanoTime();
        start.countDown();
        for (final Thread worker : workers)
        {
            worker.join();
        }
        return System.nanoTime() - begin;
    }

    /** {@code entries} times the heavy work's loop, on a close that moves, as {@code HeavyBars.bar} runs it. */
    private static double work(final int entries)
    {
        double ema = 100.0;
        for (int entry = 0; entry < entries; entry++)
        {
            final double close = 100.0 + (entry & 63) * 0.01;
            double value = ema;
            for (int i = 0; i < Work.HEAVY_ITERATIONS; i++)
            {
                value = value * 0.999 + close * 0.001 + (i & 1) * 1e-9;
            }
            ema = value;
        }
        return ema;
    }
}
