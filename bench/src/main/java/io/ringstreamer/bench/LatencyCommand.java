package io.ringstreamer.bench;

import io.ringstreamer.bench.contenders.Contenders;
import io.ringstreamer.bench.harness.Workload;

import java.util.Locale;

/**
 * One design's latency at fixed offered rates, from the command line, for an A/B of one change outside the whole
 * suite: {@code java -cp bench/target/benchmarks.jar io.ringstreamer.bench.LatencyCommand <contender> <shards>
 * <rate,rate,...> [seconds] [warm-up seconds] [rounds]} (defaults 10, 5, 1). Light work, two symbols a message,
 * as the suite's latency runs; prints one line a rate and round: latency p50/p99/p99.9/max (µs) from intended send
 * time to the listener, and the cores the process kept busy.
 */
public final class LatencyCommand
{
    private LatencyCommand()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        if (args.length < 3)
        {
            System.err.println("usage: LatencyCommand <contender> <shards> <rate,rate,...> [seconds] [warm-up] [rounds]");
            System.exit(2);
        }
        final String contender = args[0];
        final int shards = Integer.parseInt(args[1]);
        final String[] rates = args[2].split(",");
        final double seconds = args.length > 3 ? Double.parseDouble(args[3]) : 10;
        final double warmUp = args.length > 4 ? Double.parseDouble(args[4]) : 5;
        final int rounds = args.length > 5 ? Integer.parseInt(args[5]) : 1;
        final Workload workload = new Workload(2);
        for (int round = 1; round <= rounds; round++)
        {
            for (final String text : rates)
            {
                final double rate = Double.parseDouble(text);
                final LatencyRun run =
                    LatencyRun.measure(Contenders.byName(contender), workload, shards, rate, 0, warmUp, seconds);
                System.out.printf(Locale.ROOT,
                    "round %d %s %d shard(s) at %,.0f msg/s: latency p50 %,.1f p99 %,.1f p99.9 %,.1f max %,.1f us;" +
                        " %.2f cores%n",
                    round, contender, shards, rate, run.latencyMicros(50), run.latencyMicros(99),
                    run.latencyMicros(99.9), run.latencyMicros(100), run.cpuCores());
            }
        }
    }
}
