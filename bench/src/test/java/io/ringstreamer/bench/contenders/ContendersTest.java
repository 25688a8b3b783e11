package io.ringstreamer.bench.contenders;

import io.ringstreamer.JournalThread;
import io.ringstreamer.bench.harness.Contender;
import io.ringstreamer.bench.harness.Feed;
import io.ringstreamer.bench.harness.ResultCounter;
import io.ringstreamer.bench.harness.Work;
import io.ringstreamer.journal.ChronicleJournal;
import io.ringstreamer.journal.JournalReader;
import io.ringstreamer.testing.SyntheticBars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(60)
class ContendersTest
{
    private static final List<String> ALL_SYMBOLS = SyntheticBars.symbols(16);
    private static final List<String> SUBSCRIBED = List.copyOf(ALL_SYMBOLS.subList(0, 12));
    private static final List<byte[]> MESSAGES = SyntheticBars.messages(ALL_SYMBOLS, 2, 512, 42);
    private static final Pattern ENTRY = Pattern.compile("\"(\\w+)\":\\{[^{}]*\"volume\":(\\d+)");

    private static final List<Contender> BASELINES_AND_RING_STREAMER = List.of(
        new SeedPortContender(), new QueuesContender(), new RawDisruptorContender(), new AgronaContender(),
        new RingStreamerContender());

    @ParameterizedTest(name = "{0} shard(s)")
    @ValueSource(ints = {1, 2})
    void shouldDeliverTheSameResultsAsInlineWhenLightWork(final int shards) throws Exception
    {
        assertSameResultsAsInline(Work.LIGHT, shards, 20_000);
    }

    @Test
    void shouldDeliverTheSameResultsAsInlineWhenHeavyWork() throws Exception
    {
        assertSameResultsAsInline(Work.HEAVY, 2, 2_000);
    }

    @ParameterizedTest(name = "journal on {0}")
    @ValueSource(strings = {"the default thread", "OWN", "FIRST_SHARD"})
    void shouldRecordEveryMessageAndDeliverTheSameResultsWhenJournaling(final String thread,
                                                                       @TempDir final Path dir) throws Exception
    {
        // The contender fails the run unless the journal recorded every message it received: a journal
        // Chronicle opens read-only (as it did in this JVM without the journal's flags) records nothing.
        final int count = 5_000;
        final ResultCounter inline = run(new InlineContender(), Work.LIGHT, 1, count);
        final java.util.function.Supplier<ChronicleJournal> journal = () -> new ChronicleJournal(dir.resolve("j"));
        final RingStreamerContender contender = thread.equals("OWN") || thread.equals("FIRST_SHARD") ?
            new RingStreamerContender(null, journal, JournalThread.valueOf(thread)) :
            new RingStreamerContender(null, journal);
        assertEquals(thread.equals("OWN") ? "ring-streamer+journal-own" : thread.equals("FIRST_SHARD") ?
            "ring-streamer+journal-first-shard" : "ring-streamer+journal", contender.name());
        final ResultCounter results = run(contender, Work.LIGHT, 1, count);
        assertEquals(inline.results(), results.results(), contender.name() + " results");
        assertEquals(inline.checksum(), results.checksum(), contender.name() + " checksum");
        try (JournalReader reader = JournalReader.open(dir.resolve("j")))
        {
            long read = 0;
            while (reader.next())
            {
                read++;
            }
            assertEquals(count, read, "every message in the journal");
        }
    }

    private static void assertSameResultsAsInline(final Work work, final int shards, final int count) throws Exception
    {
        final Expected expected = expected(count);
        assertEquals(count * 2L * 12 / 16, expected.entries(), "the 16 symbols take turns, and 12 are subscribed");

        final ResultCounter inline = run(new InlineContender(), work, shards, count);
        assertEquals(expected.entries(), inline.results(), "inline results");
        assertEquals(expected.volume(), inline.checksum(), "inline checksum");
        for (final Contender contender : BASELINES_AND_RING_STREAMER)
        {
            final ResultCounter results = run(contender, work, shards, count);
            assertEquals(inline.results(), results.results(), contender.name() + " results");
            assertEquals(inline.checksum(), results.checksum(), contender.name() + " checksum");
        }
    }

    /** Runs one contender, unpaced, and checks that every thread it started has ended when it returns. */
    private static ResultCounter run(final Contender contender, final Work work, final int shards, final int count)
        throws Exception
    {
        final Set<Thread> before = liveThreads();
        final ResultCounter results = new ResultCounter(null);
        contender.run(SUBSCRIBED, shards, work, new Feed(MESSAGES, count, 0), results);
        final Set<Thread> leftRunning = liveThreads();
        leftRunning.removeAll(before);
        assertEquals(Set.of(), leftRunning, contender.name() + " left threads running");
        return results;
    }

    /**
     * Live threads, except the JVM's own (group "system"), which may start one at any time, and Chronicle's
     * daemons started once per JVM by the first journal (named with a '~': "disk~space~checker", ...).
     */
    private static Set<Thread> liveThreads()
    {
        final Set<Thread> threads = new HashSet<>();
        for (final Thread thread : Thread.getAllStackTraces().keySet())
        {
            final ThreadGroup group = thread.getThreadGroup();
            if (thread.isAlive() && group != null && !"system".equals(group.getName()) &&
                !(thread.isDaemon() && thread.getName().contains("~")))
            {
                threads.add(thread);
            }
        }
        return threads;
    }

    /**
     * How many subscribed entries the first {@code count} messages hold, and the sum of their volumes,
     * read from the JSON text with a regular expression rather than the decoder under test.
     */
    private static Expected expected(final int count)
    {
        final long[] entries = new long[MESSAGES.size()];
        final long[] volumes = new long[MESSAGES.size()];
        for (int m = 0; m < MESSAGES.size(); m++)
        {
            final Matcher matcher = ENTRY.matcher(new String(MESSAGES.get(m), StandardCharsets.US_ASCII));
            while (matcher.find())
            {
                if (SUBSCRIBED.contains(matcher.group(1)))
                {
                    entries[m]++;
                    volumes[m] += Long.parseLong(matcher.group(2));
                }
            }
        }
        long totalEntries = 0;
        long totalVolume = 0;
        for (int i = 0; i < count; i++)
        {
            totalEntries += entries[i % MESSAGES.size()];
            totalVolume += volumes[i % MESSAGES.size()];
        }
        return new Expected(totalEntries, totalVolume);
    }

    /** What every contender must deliver: one result per subscribed entry, and the sum of their volumes. */
    private record Expected(long entries, long volume)
    {
    }
}
