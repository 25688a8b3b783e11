package io.ringstreamer.bench;

import io.ringstreamer.JournalThread;
import io.ringstreamer.Pipeline;
import io.ringstreamer.bench.harness.BarTally;
import io.ringstreamer.bench.harness.Feed;
import io.ringstreamer.bench.harness.OverflowPolicyProperty;
import io.ringstreamer.bench.harness.ScratchDirectories;
import io.ringstreamer.bench.harness.ThreadCpuTimes;
import io.ringstreamer.bench.harness.ThreadCpuTimes.CpuTime;
import io.ringstreamer.bench.harness.Work;
import io.ringstreamer.bench.harness.Workload;
import io.ringstreamer.format.Service;
import io.ringstreamer.journal.ChronicleJournal;
import net.openhft.chronicle.core.time.SystemTimeProvider;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a journal's cost goes, in CPU time per message rather than in a rate (which this shared 2-core machine
 * moves by tens of percent from run to run):
 * <ol>
 *   <li>the append alone, on one thread, into a fresh {@link ChronicleJournal}: one excerpt per message (a flush
 *       after each) against excerpts of 64 messages (a flush after each 64), each split into user and system
 *       time (the kernel's: page faults on the freshly mapped file); beside it a plain copy of the same bytes into
 *       a freshly mapped file (the floor any memory-mapped journal pays), and one read of Chronicle's wall clock;</li>
 *   <li>the suite's light work through a one-shard pipeline, without a journal and with the default one (on the
 *       first shard's thread): each pipeline thread's CPU time per message, user and system, and the whole
 *       machine's (from {@code /proc/stat}: the kernel's writeback threads count there, not in the process; so
 *       does anything else the machine runs meanwhile: run it on an idle machine).</li>
 * </ol>
 *
 * <pre>
 * mvn -B -ntp -pl bench -am package -DskipTests
 * java --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-exports=java.base/sun.nio.ch=ALL-UNNAMED \
 *      --add-exports=java.base/jdk.internal.ref=ALL-UNNAMED -Dchronicle.analytics.disable=true \
 *      -Dchronicle.announcer.disable=true \
 *      -cp bench/target/benchmarks.jar io.ringstreamer.bench.JournalCpuCost [MESSAGES] [ROUNDS]
 * </pre>
 */
public final class JournalCpuCost
{
    private static final int BATCH = 64;

    private JournalCpuCost()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final int messages = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        final int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        final Workload workload = new Workload(2);
        final byte[][] payloads = workload.messages.toArray(new byte[0][]);
        final ScratchDirectories directories = new ScratchDirectories("journal-cpu");
        try
        {
            appendAlone(directories, payloads, messages / 4, 1); // warm up
            appendAlone(directories, payloads, messages / 4, BATCH);
            mappedCopy(directories, payloads, messages / 4);
            wallClock(messages / 4);
            pipeline(directories, workload, messages / 4, false);
            pipeline(directories, workload, messages / 4, true);
            for (int round = 1; round <= rounds; round++)
            {
                System.out.println(line(appendAlone(directories, payloads, messages, 1), round,
                    "append, an excerpt each", messages));
                System.out.println(line(appendAlone(directories, payloads, messages, BATCH), round,
                    "append, 64 an excerpt", messages));
                System.out.println(line(mappedCopy(directories, payloads, messages), round,
                    "copy into a mapped file", messages));
                System.out.println(line(wallClock(messages), round,
                    "read the wall clock", messages));
                for (final boolean journal : new boolean[] {false, true})
                {
                    System.out.println(pipeline(directories, workload, messages, journal).describe(round, journal, messages));
                }
            }
        }
        finally
        {
            directories.deleteAll();
        }
    }

    private static String line(final CpuTime cpu, final int round, final String what, final long count)
    {
        return String.format(Locale.ROOT, "round %d %-25s CPU ns/message %6.1f (user %6.1f, system %6.1f)", round,
            what, (double)cpu.total() / count, (double)cpu.user() / count, (double)cpu.system() / count);
    }

    private static CpuTime appendAlone(final ScratchDirectories directories, final byte[][] payloads, final int count,
        final int batch) throws IOException
    {
        final CpuTime cpu;
        try (ChronicleJournal journal = new ChronicleJournal(directories.create()))
        {
            journal.onStart();
            final CpuTime before = CpuTime.ofCurrentThread();
            for (int i = 0; i < count; i++)
            {
                final byte[] message = payloads[i % payloads.length];
                journal.append(message, 0, message.length, i, System.nanoTime());
                if (i % batch == batch - 1)
                {
                    journal.flush();
                }
            }
            journal.onEndOfStream();
            cpu = CpuTime.ofCurrentThread().since(before);
        }
        directories.deleteAll();
        return cpu;
    }

    /** The same bytes (with a 32-byte header's worth of room) copied into a freshly mapped, sparse file. */
    private static CpuTime mappedCopy(final ScratchDirectories directories, final byte[][] payloads, final int count)
        throws IOException
    {
        long size = 0;
        for (int i = 0; i < count; i++)
        {
            size += payloads[i % payloads.length].length + 32;
        }
        if (size > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException("at most 2 GiB in one mapping: fewer messages than " + count);
        }
        final Path file = directories.create().resolve("mapped");
        final CpuTime cpu;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
            StandardOpenOption.WRITE))
        {
            final MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
            final CpuTime before = CpuTime.ofCurrentThread();
            int at = 0;
            for (int i = 0; i < count; i++)
            {
                final byte[] message = payloads[i % payloads.length];
                mapped.putLong(at, i);
                mapped.put(at + 32, message, 0, message.length);
                at += message.length + 32;
            }
            cpu = CpuTime.ofCurrentThread().since(before);
        }
        directories.deleteAll();
        return cpu;
    }

    private static CpuTime wallClock(final int count)
    {
        final CpuTime before = CpuTime.ofCurrentThread();
        long sum = 0;
        for (int i = 0; i < count; i++)
        {
            sum += SystemTimeProvider.INSTANCE.currentTimeNanos();
        }
        final CpuTime cpu = CpuTime.ofCurrentThread().since(before);
        if (sum == 42)
        {
            System.out.println(); // keeps the loop
        }
        return cpu;
    }

    /** Per-thread CPU of one pipeline run, and the machine's user and system time over it. */
    private record PipelineCpu(Map<String, CpuTime> threads, long machineUser, long machineSystem, double seconds)
    {
        String describe(final int round, final boolean journal, final long count)
        {
            final StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "round %d pipeline, 1 shard, %-10s %,.0f msg/s wall; CPU ns/message (user/system):", round,
                journal ? "journal" : "no journal", count / seconds));
            for (final Map.Entry<String, CpuTime> thread : threads.entrySet())
            {
                final CpuTime cpu = thread.getValue();
                line.append(String.format(Locale.ROOT, " %s %.0f/%.0f", thread.getKey(), (double)cpu.user() / count,
                    (double)cpu.system() / count));
            }
            if (machineUser >= 0)
            {
                line.append(String.format(Locale.ROOT, "; machine %.0f/%.0f", (double)machineUser / count,
                    (double)machineSystem / count));
            }
            return line.toString();
        }
    }

    private static PipelineCpu pipeline(final ScratchDirectories directories, final Workload workload,
        final long count, final boolean journal) throws Exception
    {
        final ThreadCpuTimes cpu = new ThreadCpuTimes("bench");
        final BarTally tally = new BarTally();
        final Feed feed = new Feed(workload.messages, count, 0);
        final ChronicleJournal chronicle = journal ? new ChronicleJournal(directories.create()) : null;
        final long[] before = machine();
        final long start = System.nanoTime();
        try (Pipeline pipeline = configure(OverflowPolicyProperty.apply(Pipeline.builder()), chronicle)
            .name("bench")
            .symbols(workload.symbols)
            .shards(1)
            .threadFactory(cpu)
            .replaceComponents(Service.CHART_EQUITY, Work.LIGHT::newComponent)
            .streamer(feed::publishAll)
            .listener(tally)
            .build()
            .start())
        {
            pipeline.awaitTermination();
        }
        final double seconds = (System.nanoTime() - start) / 1e9;
        final long[] after = machine();
        tally.check(journal ? "the journaled run" : "the run", workload.expectedResults(count));
        if (chronicle != null)
        {
            final long journaled = chronicle.messages();
            chronicle.close();
            if (journaled != count)
            {
                throw new IllegalStateException("journaled " + journaled + " of " + count);
            }
        }
        directories.deleteAll();
        return new PipelineCpu(cpu.byRole(), before[0] < 0 ? -1 : after[0] - before[0], after[1] - before[1],
            seconds);
    }

    private static Pipeline.Builder configure(final Pipeline.Builder builder, final ChronicleJournal journal)
    {
        return journal == null ? builder : builder.journal(journal, JournalThread.FIRST_SHARD);
    }

    /** The machine's user and system CPU nanoseconds so far ({@code /proc/stat}); -1 where there is none. */
    private static long[] machine()
    {
        try
        {
            final List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
            final String[] cpu = lines.get(0).trim().split("\\s+"); // cpu user nice system idle iowait irq softirq
            final long tick = 10_000_000L; // USER_HZ 100: a tick is 10 ms
            final long user = (Long.parseLong(cpu[1]) + Long.parseLong(cpu[2])) * tick;
            final long system = (Long.parseLong(cpu[3]) + Long.parseLong(cpu[6]) + Long.parseLong(cpu[7])) * tick;
            return new long[] {user, system};
        }
        catch (final IOException | RuntimeException unavailable)
        {
            return new long[] {-1, -1};
        }
    }
}
