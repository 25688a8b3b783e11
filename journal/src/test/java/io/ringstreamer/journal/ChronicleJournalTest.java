package io.ringstreamer.journal;

import io.ringstreamer.Pipeline;
import io.ringstreamer.source.MessagePublisher;
import io.ringstreamer.testing.CollectingListener;
import io.ringstreamer.testing.SyntheticBars;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pipeline with a {@link ChronicleJournal}: once it has terminated, every message it accepted is in
 * the journal, exactly, in order, with its inbound sequence and rising receive times.
 */
@Timeout(60)
class ChronicleJournalTest
{
    private static final List<String> SYMBOLS = SyntheticBars.symbols(16);

    @RepeatedTest(5)
    void shouldHoldEveryAcceptedMessageWhenThePipelineHasTerminated(@TempDir final Path dir) throws Exception
    {
        final List<byte[]> messages = new ArrayList<>(SyntheticBars.messages(SYMBOLS, 3, 5_000, 42));
        messages.add(17, "a message that does not parse, recorded all the same".getBytes(StandardCharsets.UTF_8));
        final CollectingListener listener = new CollectingListener();
        final long before = System.currentTimeMillis();
        try (ChronicleJournal journal = new ChronicleJournal(dir.resolve("journal")))
        {
            try (Pipeline pipeline = Pipeline.builder().symbols(SYMBOLS).shards(2).ringSize(256).journal(journal)
                .streamer((final MessagePublisher publisher) ->
                {
                    for (final byte[] message : messages)
                    {
                        publisher.publish(message, 0, message.length);
                    }
                })
                .listener(listener).build().start())
            {
                assertTrue(pipeline.awaitTermination(30, TimeUnit.SECONDS));
                assertEquals(messages.size(), pipeline.metrics().journaled());
            }
            assertEquals(messages.size(), journal.messages());
            assertFalse(journal.files().isEmpty());
            long payload = 0;
            for (final byte[] message : messages)
            {
                payload += message.length + JournalRecord.HEADER_BYTES + JournalRecord.CHECKSUM_BYTES;
            }
            assertEquals(payload, journal.bytesWritten());
        }
        final long after = System.currentTimeMillis();

        try (JournalReader reader = JournalReader.open(dir.resolve("journal")))
        {
            long lastNanos = Long.MIN_VALUE;
            for (int i = 0; i < messages.size(); i++)
            {
                assertTrue(reader.next(), "message " + i);
                final JournalRecord record = reader.record();
                assertEquals(i, record.sequence());
                assertArrayEquals(messages.get(i), Arrays.copyOf(record.bytes(), record.length()), "message " + i);
                assertTrue(record.receiveNanos() >= lastNanos);
                lastNanos = record.receiveNanos();
                final long epochMillis = record.receiveEpochNanos() / 1_000_000;
                assertTrue(epochMillis >= before - 5 && epochMillis <= after + 5, "wall clock " + epochMillis);
            }
            assertFalse(reader.next());
        }
    }

    @Test
    void shouldMakeABatchReadableWhenFlushedAndAskForAFlushWhenTheExcerptIsFull(@TempDir final Path dir)
        throws Exception
    {
        final byte[] message = new byte[1000];
        try (ChronicleJournal journal = new ChronicleJournal(dir))
        {
            journal.onStart();
            for (int i = 0; i < 3; i++)
            {
                message[0] = (byte)i;
                journal.append(message, 0, message.length, i, System.nanoTime());
            }
            assertEquals(0, readAll(dir).size(), "an excerpt is readable once complete: not before the flush");
            journal.flush();
            assertEquals(List.of(0L, 1L, 2L), readAll(dir));
            journal.flush(); // nothing appended since: no empty excerpt

            final int perExcerpt = ChronicleJournal.MAX_EXCERPT_BYTES /
                (message.length + JournalRecord.HEADER_BYTES + JournalRecord.CHECKSUM_BYTES) + 1;
            int full = -1;
            for (int i = 3; i < 3 + perExcerpt + 5; i++)
            {
                assertFalse(journal.wantsFlush());
                journal.append(message, 0, message.length, i, System.nanoTime());
                if (journal.wantsFlush())
                {
                    full = i;
                    journal.flush(); // as the pipeline does when the journal asks
                }
            }
            assertEquals(3 + perExcerpt - 1, full, "it asks to be flushed once the excerpt holds 64 KiB");
            assertEquals(3 + perExcerpt, readAll(dir).size());
            journal.onEndOfStream();
            assertEquals(3 + perExcerpt + 5, readAll(dir).size(), "the end flushes the rest");
        }
    }

    @Test
    void shouldStampTheWallClockOfEachMessageWhenTheClockMovesOnBetweenMessages(@TempDir final Path dir)
        throws Exception
    {
        final net.openhft.chronicle.core.time.SetTimeProvider clock =
            new net.openhft.chronicle.core.time.SetTimeProvider(1_800_000_000_000_000_000L);
        final byte[] message = new byte[10];
        try (ChronicleJournal journal = new ChronicleJournal(dir, net.openhft.chronicle.queue.RollCycles.FAST_DAILY, clock))
        {
            journal.onStart();
            final long first = System.nanoTime();
            journal.append(message, 0, message.length, 0, first);
            clock.advanceMillis(5_000); // the wall clock runs on 5 s while nanoTime moves a little
            final long second = first + 2_000_000; // 2 ms on: past the millisecond the offset is kept
            while (System.nanoTime() < second)
            {
                Thread.onSpinWait();
            }
            journal.append(message, 0, message.length, 1, second);
            journal.onEndOfStream();
        }
        try (JournalReader reader = JournalReader.open(dir))
        {
            assertTrue(reader.next());
            final long firstEpoch = reader.record().receiveEpochNanos();
            assertTrue(Math.abs(firstEpoch - 1_800_000_000_000_000_000L) < 1_000_000_000L, "near the clock: " + firstEpoch);
            assertTrue(reader.next());
            final long gap = reader.record().receiveEpochNanos() - firstEpoch;
            assertTrue(gap > 4_000_000_000L, "the clock's 5 s step shows in the next stamp: " + gap);
        }
    }

    private static List<Long> readAll(final Path dir) throws Exception
    {
        final List<Long> sequences = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(dir))
        {
            while (reader.next())
            {
                sequences.add(reader.record().sequence());
            }
        }
        return sequences;
    }
}
