package io.ringstreamer.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ClusterRun} with tiny counts, so that it cannot rot: real worker JVMs over Aeron UDP on 127.0.0.1, every
 * measurement made and checked (every result delivered, no error, the restarted worker caught up). Asserts on what
 * it produced, never on speed.
 */
@Timeout(180)
class ClusterRunSmokeTest
{
    @Test
    void shouldMeasureEveryRowWhenRunWithTinyCounts() throws Exception
    {
        final ClusterRun.Settings settings = new ClusterRun.Settings();
        settings.throughputMessages = 10_000;
        settings.throughputWarmUpMessages = 1_000;
        settings.loads = new double[] {0.5};
        settings.latencySeconds = 0.3;
        settings.latencyWarmUpSeconds = 0.1;
        settings.catchUpMessages = 5_000;
        settings.workerJvmOptions = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
        final ByteArrayOutputStream log = new ByteArrayOutputStream();

        final ClusterRun.Result result = ClusterRun.run(settings, new PrintStream(log, true, StandardCharsets.UTF_8));

        assertEquals(3, result.throughput.size(), "pipeline with 1 and 2 shards, and the cluster");
        for (final ClusterRun.Throughput row : result.throughput)
        {
            assertEquals(settings.throughputMessages, row.messages(), row.setup());
            assertTrue(row.seconds() > 0, row.setup());
        }
        assertEquals(2, result.latency.size(), "the pipeline and the cluster at one rate");
        assertEquals(result.latency.get(0).rate(), result.latency.get(1).rate(), "the same offered rate");
        for (final ClusterRun.Latency row : result.latency)
        {
            assertEquals((long)(row.rate() * settings.latencySeconds) * 2, row.histogram().getTotalCount(),
                row.setup() + ": every measured result timed (2 symbols a message)");
        }
        final ClusterRun.CatchUp catchUp = result.catchUp;
        assertEquals(settings.catchUpMessages, catchUp.messages());
        assertTrue(catchUp.streamBytes() > settings.catchUpMessages * 100, "the stream up to the kill: " + catchUp);
        assertTrue(catchUp.resultsReplayed() >= settings.catchUpMessages / 2, "worker 1's bars, replayed: " + catchUp);
        final String table = result.table();
        assertTrue(table.contains("| cluster: feed + 2 worker JVMs + administrator (Aeron UDP, 127.0.0.1) | 10,000 |"), table);
        assertTrue(table.contains("| 5,000 messages |"), table);
    }
}
