package io.ringstreamer.journal;

import io.ringstreamer.JournalThread;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kill -9 guarantee: a child JVM ({@link JournalChild}) records as fast as it can; the test kills
 * it with SIGKILL ({@link Process#destroyForcibly()}) while it writes, then reads the journal. Every
 * message read is complete and exact, in sequence from 0 with none missing, and there are at least as
 * many as the child last reported as journaled. With the journal on the first shard's thread (the default), every
 * message whose results the child reported delivered is in the journal too: recorded before delivered.
 */
@Timeout(120)
class KillNineTest
{
    private static final long KILL_AFTER = 30_000;

    @ParameterizedTest
    @CsvSource({"OWN", "OWN", "FIRST_SHARD", "FIRST_SHARD", "DEFAULT", "DEFAULT"})
    void shouldReadEveryCompleteMessageUpToTheLastWhenTheWriterIsKilled(final String thread,
                                                                         @TempDir final Path dir) throws Exception
    {
        final Path journalDir = dir.resolve("journal");
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        final String flags = System.getProperty("ringstreamer.journal.jvmFlags");
        assertNotNull(flags, "surefire passes the journal's JVM flags");
        command.addAll(Arrays.asList(flags.trim().split("\\s+")));
        command.addAll(List.of("-Dchronicle.announcer.disable=true", "-Dchronicle.analytics.disable=true",
            "-Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider",
            "-cp", System.getProperty("java.class.path"), JournalChild.class.getName(), journalDir.toString(),
            thread));
        final Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long lastReported = -1;
        long lastDelivered = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)))
        {
            for (String line = out.readLine(); line != null; line = out.readLine())
            {
                if (line.startsWith("journaled "))
                {
                    final String[] words = line.split(" ");
                    lastReported = Long.parseLong(words[1]);
                    lastDelivered = Long.parseLong(words[3]);
                    if (lastReported >= KILL_AFTER)
                    {
                        child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no close
                        break;
                    }
                }
            }
        }
        finally
        {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertTrue(lastReported >= KILL_AFTER, "the child was killed while writing: reported " + lastReported);
        assertEquals(137, child.exitValue(), "killed by SIGKILL");

        long count = 0;
        try (JournalReader reader = JournalReader.open(journalDir))
        {
            while (reader.next())
            {
                final JournalRecord record = reader.record();
                assertEquals(count, record.sequence(), "in sequence, none missing");
                assertArrayEquals(JournalChild.message(count), Arrays.copyOf(record.bytes(), record.length()),
                    "message " + count);
                count++;
            }
        }
        assertTrue(count >= lastReported, count + " read, " + lastReported + " reported before the kill");
        if (!thread.equals(JournalThread.OWN.name())) // OWN records in parallel with the shard: no such order
        {
            assertTrue(lastDelivered > 0, "results were delivered before the kill");
            assertTrue(count >= lastDelivered,
                count + " read, but results of the first " + lastDelivered + " were delivered before the kill");
        }
        System.out.printf("kill -9 (%s): child reported %d journaled, %d delivered; %d complete messages read back%n",
            thread, lastReported, lastDelivered, count);
    }
}
