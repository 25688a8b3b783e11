package io.ringstreamer.bench;

import io.ringstreamer.DecodeMode;
import io.ringstreamer.Pipeline;
import io.ringstreamer.bench.harness.BarTally;
import io.ringstreamer.bench.harness.Feed;
import io.ringstreamer.bench.harness.OverflowPolicyProperty;
import io.ringstreamer.bench.harness.ThreadCpuTimes;
import io.ringstreamer.bench.harness.Work;
import io.ringstreamer.bench.harness.Workload;
import io.ringstreamer.format.Service;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What decoding once saves in CPU, which a throughput figure on a shared machine hides: the suite's
 * light (or heavy) work through a pipeline of 1 or more shards under each {@link DecodeMode}, and each
 * pipeline thread's CPU time ({@link ThreadCpuTimes}: its own reading as it ends), in nanoseconds per
 * message, by role.
 *
 * <pre>
 * mvn -B -ntp -pl bench -am package -DskipTests
 * java [-Dringstreamer.overflowPolicy=BLOCK] -cp bench/target/benchmarks.jar io.ringstreamer.bench.DecodeCpuCost \
 *      [MESSAGES] [ROUNDS] [SHARDS] [light|heavy]
 * </pre>
 */
public final class DecodeCpuCost
{
    private DecodeCpuCost()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final long messages = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        final int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        final int shards = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        final Work work = args.length > 3 ? Work.valueOf(args[3].toUpperCase(Locale.ROOT)) : Work.LIGHT;
        final Workload workload = new Workload(2);
        run(workload, shards, work, DecodeMode.EACH_SHARD, messages / 4); // warm up both paths
        run(workload, shards, work, DecodeMode.ONCE, messages / 4);
        for (int round = 1; round <= rounds; round++)
        {
            for (final DecodeMode mode : new DecodeMode[] {DecodeMode.EACH_SHARD, DecodeMode.ONCE})
            {
                final long start = System.nanoTime();
                final Map<String, Long> cpu = run(workload, shards, work, mode, messages);
                final double seconds = (System.nanoTime() - start) / 1e9;
                final StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                    "round %d %-10s %d shards %s: %,.0f msg/s wall; CPU ns/message:", round, mode, shards,
                    work.name().toLowerCase(Locale.ROOT), messages / seconds));
                long total = 0;
                for (final Map.Entry<String, Long> thread : cpu.entrySet())
                {
                    line.append(String.format(Locale.ROOT, " %s %.0f", thread.getKey(), (double)thread.getValue() / messages));
                    total += thread.getValue();
                }
                line.append(String.format(Locale.ROOT, "; all %.0f", (double)total / messages));
                System.out.println(line);
            }
        }
    }

    /** One pipeline over {@code count} messages: each of its threads' CPU nanoseconds, by role. */
    private static Map<String, Long> run(final Workload workload, final int shards, final Work work,
                                         final DecodeMode mode, final long count) throws Exception
    {
        final ThreadCpuTimes cpu = new ThreadCpuTimes("bench");
        final BarTally tally = new BarTally();
        final Feed feed = new Feed(workload.messages, count, 0);
        try (Pipeline pipeline = OverflowPolicyProperty.apply(Pipeline.builder())
            .name("bench")
            .symbols(workload.symbols)
            .shards(shards)
            .decode(mode)
            .threadFactory(cpu)
            .replaceComponents(Service.CHART_EQUITY, work::newComponent)
            .streamer(feed::publishAll)
            .listener(tally)
            .build()
            .start())
        {
            pipeline.awaitTermination();
        }
        tally.check(mode.toString(), workload.expectedResults(count));
        final Map<String, Long> total = new TreeMap<>();
        cpu.byRole().forEach((role, time) -> total.put(role, time.total()));
        return total;
    }
}
