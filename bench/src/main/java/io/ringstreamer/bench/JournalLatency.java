package io.ringstreamer.bench;

import io.ringstreamer.JournalThread;
import io.ringstreamer.bench.contenders.RingStreamerContender;
import io.ringstreamer.bench.harness.Contender;
import io.ringstreamer.bench.harness.ScratchDirectories;
import io.ringstreamer.bench.harness.Workload;
import io.ringstreamer.journal.ChronicleJournal;

import java.util.List;
import java.util.Locale;

/**
 * The latency cost of journaling, and the reader's hand-off with a journal: the suite's latency run (light work,
 * 1 shard, intended send time to listener, no coordinated omission; the time the reader thread spends passing one
 * message on) for ring-streamer as shipped, ring-streamer recording every message into a {@link ChronicleJournal}
 * in a fresh temporary directory as {@code journal(journal)} does by default (on the first shard's thread),
 * ring-streamer through the administrator thread (the layout a journal on its own thread forces) and ring-streamer
 * with the journal on its own thread ({@code JournalThread.OWN}). Prints a Markdown table.
 *
 * <pre>
 * mvn -B -ntp -pl bench -am package -DskipTests
 * java --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-exports=java.base/sun.nio.ch=ALL-UNNAMED \
 *      --add-exports=java.base/jdk.internal.ref=ALL-UNNAMED -Dchronicle.analytics.disable=true \
 *      -Dchronicle.announcer.disable=true \
 *      -cp bench/target/benchmarks.jar io.ringstreamer.bench.JournalLatency CAPACITY [SECONDS]
 * </pre>
 *
 * {@code CAPACITY} is ring-streamer's light 1-shard throughput from the same machine's
 * {@code bench/run} (messages a second); the runs offer 10%, 50% and 90% of it.
 */
public final class JournalLatency
{
    private JournalLatency()
    {
    }

    /** ring-streamer without a journal, and with one on each thread, fresh directories from {@code directories}. */
    static List<Contender> contenders(final ScratchDirectories directories)
    {
        return List.of(
            new RingStreamerContender(),
            new RingStreamerContender(null, () -> new ChronicleJournal(directories.create())),
            RingStreamerContender.throughAdministrator(),
            new RingStreamerContender(null, () -> new ChronicleJournal(directories.create()), JournalThread.OWN));
    }

    public static void main(final String[] args) throws Exception
    {
        final double capacity = Double.parseDouble(args[0]);
        final double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 10;
        final Workload workload = new Workload(2);
        final ScratchDirectories directories = new ScratchDirectories("journal-latency");
        final List<Contender> contenders = contenders(directories);
        System.out.println("Latency in µs; hand-off (the reader's time to pass one message on) in ns.");
        System.out.println();
        System.out.println("| design | load | msg/s | p50 | p99 | p99.9 | max | hand-off p50 | p99 | p99.9 | max |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        try
        {
            for (final double load : new double[] {0.1, 0.5, 0.9})
            {
                for (final Contender contender : contenders)
                {
                    final LatencyRun run = LatencyRun.measure(contender, workload, 1, capacity * load, load, 2, seconds);
                    System.out.printf(Locale.ROOT, "| %s | %.0f%% | %,.0f | %.1f | %.1f | %.1f | %.1f | %d | %d | %d | %d |%n",
                        run.contender, load * 100, run.rate, run.latencyMicros(50), run.latencyMicros(99),
                        run.latencyMicros(99.9), run.latency.getMaxValue() / 1000.0, run.handoffNanos(50),
                        run.handoffNanos(99), run.handoffNanos(99.9), run.handoff.getMaxValue());
                    directories.deleteAll();
                }
            }
        }
        finally
        {
            directories.deleteAll();
        }
    }
}
