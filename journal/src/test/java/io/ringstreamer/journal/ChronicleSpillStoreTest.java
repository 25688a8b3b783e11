package io.ringstreamer.journal;

import io.ringstreamer.Pipeline;
import io.ringstreamer.metrics.MetricsSnapshot;
import io.ringstreamer.result.Bar;
import io.ringstreamer.result.BarView;
import io.ringstreamer.result.ErrorView;
import io.ringstreamer.result.ResultListener;
import io.ringstreamer.source.SpillStore;
import io.ringstreamer.testing.SyntheticBars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The disk spill store: records back exactly and in order, within its budget, and through a pipeline. */
@Timeout(120)
class ChronicleSpillStoreTest
{
    private static final List<String> SYMBOLS = SyntheticBars.symbols(5);
    private static final List<byte[]> FEED = SyntheticBars.messages(SYMBOLS, 1, 5_000, 3);

    @Test
    void shouldReturnEveryRecordExactlyAndInOrderWhenWrittenAndReadOnTwoThreads(@TempDir final Path dir)
        throws Exception
    {
        try (ChronicleSpillStore store = new ChronicleSpillStore(dir.resolve("spill"), 1L << 30))
        {
            final int records = 100_000;
            final Thread writer = new Thread(() ->
            {
                for (int i = 0; i < records; i++)
                {
                    final byte[] message = FEED.get(i % FEED.size());
                    while (!store.append(i % 5, -i, i * 3L, i, -i * 7L, message, 0, message.length))
                    {
                        Thread.onSpinWait();
                    }
                }
            });
            writer.start();
            final AtomicLong next = new AtomicLong();
            final List<String> errors = new ArrayList<>();
            final SpillStore.RecordHandler check = (type, code, receiveNanos, first, second, payload, offset, length) ->
            {
                final int i = (int)next.getAndIncrement();
                final byte[] expected = FEED.get(i % FEED.size());
                final byte[] actual = java.util.Arrays.copyOfRange(payload, offset, offset + length);
                if (type != i % 5 || code != -i || receiveNanos != i * 3L || first != i || second != -i * 7L ||
                    !java.util.Arrays.equals(expected, actual))
                {
                    errors.add("record " + i);
                }
            };
            while (next.get() < records)
            {
                if (!store.read(check))
                {
                    Thread.onSpinWait();
                }
            }
            writer.join();
            assertEquals(List.of(), errors.subList(0, Math.min(5, errors.size())));
            assertFalse(store.read(check), "nothing more");
            assertEquals(0, store.bytesHeld());
        }
        assertArrayEquals(new String[0], dir.resolve("spill").toFile().list(), "its files are deleted on close");
    }

    @Test
    void shouldRefuseARecordThatWouldPassTheBudget(@TempDir final Path dir)
    {
        try (ChronicleSpillStore store = new ChronicleSpillStore(dir, 1_000))
        {
            final byte[] payload = new byte[400];
            assertTrue(store.append(0, 0, 0, 0, 0, payload, 0, 400));
            assertTrue(store.append(0, 0, 0, 0, 0, payload, 0, 400));
            assertFalse(store.append(0, 0, 0, 0, 0, payload, 0, 400), "872 + 436 > 1000");
            assertEquals(872, store.bytesHeld());
            assertTrue(store.read((type, code, receiveNanos, first, second, bytes, offset, length) -> { }));
            assertTrue(store.append(0, 0, 0, 0, 0, payload, 0, 400), "room again once one was read");
        }
    }

    @Test
    void shouldKeepReadingAndLoseNothingWhenAPipelineSpillsToDisk(@TempDir final Path dir) throws Exception
    {
        final Map<String, List<Long>> expected = new TreeMap<>();
        for (final byte[] message : FEED)
        {
            final String text = new String(message, java.nio.charset.StandardCharsets.US_ASCII);
            final String symbol = text.replaceAll("^.*\"symbols\":\\{\"([A-Z0-9]+)\".*$", "$1");
            final long start = Long.parseLong(text.replaceAll("^.*\"datetime\":(\\d+).*$", "$1"));
            expected.computeIfAbsent(symbol, s -> new ArrayList<>()).add(start);
        }
        for (int iteration = 0; iteration < 3; iteration++)
        {
            final Path spill = dir.resolve("spill-" + iteration);
            final CountDownLatch gate = new CountDownLatch(1);
            final Map<String, List<Long>> bars = new TreeMap<>();
            final ChronicleSpillStore store = new ChronicleSpillStore(spill, 64L << 20);
            final long[] heldOnDisk = new long[1];
            final Pipeline pipeline = Pipeline.builder().symbols(SYMBOLS).shards(1 + iteration % 2).ringSize(16)
                .resultRingSize(16).spillStore(store)
                .streamer(publisher ->
                {
                    for (final byte[] message : FEED)
                    {
                        assertTrue(publisher.publish(message, 0, message.length) >= 0);
                    }
                    heldOnDisk[0] = store.bytesHeld();
                    gate.countDown(); // everything is read before anything is delivered
                })
                .listener(new ResultListener()
                {
                    @Override
                    public void onBar(final BarView bar)
                    {
                        awaitUninterruptibly(gate);
                        final Bar copy = bar.toBar();
                        bars.computeIfAbsent(copy.symbol(), s -> new ArrayList<>()).add(copy.barStartMillis());
                    }

                    @Override
                    public void onError(final ErrorView error)
                    {
                    }
                })
                .build().start();
            assertTrue(pipeline.awaitTermination(60, TimeUnit.SECONDS));
            final MetricsSnapshot m = pipeline.metrics().snapshot();
            assertEquals(FEED.size(), m.processed());
            assertTrue(m.spilled() > FEED.size() / 2, m.toString());
            assertTrue(heldOnDisk[0] > 0, "spilled messages waited on disk");
            assertEquals(expected, bars, "every bar, in order per symbol");
            assertArrayEquals(new String[0], spill.toFile().list(), "the pipeline closed the store");
        }
    }

    private static void awaitUninterruptibly(final CountDownLatch latch)
    {
        try
        {
            latch.await();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
