package io.ringstreamer.bench;

import io.ringstreamer.JournalThread;
import io.ringstreamer.bench.contenders.RingStreamerContender;
import io.ringstreamer.bench.harness.Contender;
import io.ringstreamer.bench.harness.ScratchDirectories;
import io.ringstreamer.bench.harness.Work;
import io.ringstreamer.bench.harness.Workload;
import io.ringstreamer.journal.ChronicleJournal;
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

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * What journaling costs: ThroughputBenchmark's light workload through ring-streamer without and with a
 * {@link ChronicleJournal} (a fresh directory per invocation, deleted after it), recorded on a thread of its own
 * ({@code own}, {@link JournalThread#OWN}) or on the first shard's ({@code first-shard},
 * {@link JournalThread#FIRST_SHARD}, the pipeline's default: both named, so the table reads the same whatever the
 * default). One operation is one message; each invocation records {@value #MESSAGES}
 * messages of about 200 bytes.
 *
 * <pre>
 * mvn -B -ntp -pl bench -am package -DskipTests
 * java -jar bench/target/benchmarks.jar JournalCostBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED", "-Dchronicle.analytics.disable=true",
    "-Dchronicle.announcer.disable=true", "-Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider",
    "-Dslf4j.internal.verbosity=WARN"})
public class JournalCostBenchmark
{
    static final int MESSAGES = 500_000;

    @Param({"off", "own", "first-shard"})
    public String journal;

    @Param({"1", "2"})
    public int shards;

    private Workload workload;
    private Contender design;
    private final ScratchDirectories directories = new ScratchDirectories("journal-cost");

    @Setup(Level.Trial)
    public void setUp()
    {
        workload = new Workload(2);
        design = journal.equals("off") ? new RingStreamerContender() : new RingStreamerContender(null,
            () -> new ChronicleJournal(directories.create()),
            journal.equals("own") ? JournalThread.OWN : JournalThread.FIRST_SHARD);
    }

    /** The bar component as shipped, as ThroughputBenchmark.light. */
    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long light() throws Exception
    {
        return workload.run(design, shards, Work.LIGHT, MESSAGES);
    }

    @TearDown(Level.Invocation)
    public void deleteJournal() throws IOException
    {
        directories.deleteAll();
    }
}
