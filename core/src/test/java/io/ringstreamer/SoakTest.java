package io.ringstreamer;

import io.ringstreamer.format.CanonicalDecoder;
import io.ringstreamer.format.EntryView;
import io.ringstreamer.format.Service;
import io.ringstreamer.metrics.MetricsSnapshot;
import io.ringstreamer.result.BarView;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.ErrorView;
import io.ringstreamer.result.ResultListener;
import io.ringstreamer.testing.CyclingStreamer;
import io.ringstreamer.testing.SyntheticBars;
import io.ringstreamer.worker.Component;
import io.ringstreamer.worker.ResultSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Soak: many messages over 500 symbols, 2% of them bad, 1% of entries with an invalid bar, and a
 * component that throws on one entry in a thousand. Samples throughput, heap after the last GC and
 * the counters every second; at the end every counter must be exactly what was sent.
 *
 * <p>CI runs {@value #DEFAULT_MESSAGES} messages; {@code mvn -B -ntp -pl core -Psoak test} runs
 * 10,000,000 ({@code -Dringstreamer.soak.messages=N}) and its table goes in docs/reliability.md.
 */
@Timeout(1800)
class SoakTest
{
    private static final int DEFAULT_MESSAGES = 300_000;
    private static final int SYMBOLS = 500;
    private static final int DISTINCT = 10_000;

    @Test
    void shouldKeepEveryCountExactAndTheHeapFlatWhenStreamingMessyDataForLong() throws Exception
    {
        final long total = Long.getLong("ringstreamer.soak.messages", DEFAULT_MESSAGES);
        final List<String> symbols = SyntheticBars.symbols(SYMBOLS);
        final List<byte[]> clean = SyntheticBars.messages(symbols, 4, DISTINCT, 99);
        final SplittableRandom random = new SplittableRandom(7);
        final List<byte[]> messages = new ArrayList<>(DISTINCT);
        int badMessages = 0;
        int badEntries = 0;
        for (final byte[] message : clean)
        {
            final int roll = random.nextInt(100);
            if (roll < 2)
            {
                messages.add(java.util.Arrays.copyOf(message, message.length / 2)); // truncated: rejected whole
                badMessages++;
            }
            else if (roll < 3)
            {
                final String text = new String(message, StandardCharsets.US_ASCII);
                messages.add(text.replaceFirst("\"volume\":\\d+", "\"volume\":-5").getBytes(StandardCharsets.US_ASCII));
                badEntries++;
            }
            else
            {
                messages.add(message);
            }
        }
        final long throwingPerCycle = countThrowing(messages);
        final long cycles = total / DISTINCT;
        assertEquals(0, total % DISTINCT, "a whole number of cycles keeps the expected counts exact");

        final CountingListener listener = new CountingListener();
        final CyclingStreamer streamer = new CyclingStreamer(messages, total);
        final List<String> samples = new ArrayList<>();
        final long start = System.nanoTime();
        try (Pipeline pipeline = Pipeline.builder().symbols(symbols).shards(2)
            .component(Service.CHART_EQUITY, ThrowsOneInAThousand::new)
            .streamer(streamer).listener(listener).build().start())
        {
            long lastReceived = 0;
            long lastNanos = start;
            while (!pipeline.awaitTermination(1, TimeUnit.SECONDS))
            {
                final long now = System.nanoTime();
                final MetricsSnapshot m = pipeline.metrics().snapshot();
                assertTrue(m.inFlight() >= 0 && m.received() == m.processed() + m.rejected() + m.dropped() + m.inFlight());
                samples.add(String.format(Locale.ROOT, "| %.0f | %,d | %,.0f | %,d | %.1f |", (now - start) / 1e9,
                    m.received(), (m.received() - lastReceived) / ((now - lastNanos) / 1e9), m.inboundBacklog(),
                    heapAfterLastGcMiB()));
                lastReceived = m.received();
                lastNanos = now;
            }
            final double seconds = (System.nanoTime() - start) / 1e9;
            final MetricsSnapshot m = pipeline.metrics().snapshot();
            System.out.printf(Locale.ROOT, "soak: %,d messages over %d symbols in %.1f s (%,.0f msg/s); %s%n",
                total, SYMBOLS, seconds, total / seconds, m);
            System.out.println("| second | received | msg/s | inbound backlog | heap after last GC (MiB) |");
            System.out.println("|---:|---:|---:|---:|---:|");
            samples.forEach(System.out::println);

            assertEquals(total, m.received());
            assertEquals(cycles * badMessages, m.rejected());
            assertEquals(total - cycles * badMessages, m.processed());
            assertEquals(0, m.inFlight());
            assertEquals(cycles * badMessages, pipeline.metrics().errors(ErrorKind.MALFORMED_MESSAGE));
            assertEquals(cycles * badEntries, pipeline.metrics().errors(ErrorKind.INVALID_ENTRY));
            final long entries = (total - cycles * badMessages) * 4;
            assertEquals(entries - cycles * badEntries, listener.bars, "every valid entry's bar");
            assertEquals(m.componentFailures(), pipeline.metrics().errors(ErrorKind.COMPONENT_FAILURE));
            assertEquals(cycles * throwingPerCycle, m.componentFailures(), "one entry in a thousand threw");
            assertEquals(m.errorsDelivered(), listener.errors, "every error delivered");
            assertTrue(throwingPerCycle > 0);
            for (final Thread thread : pipeline.threads())
            {
                assertFalse(thread.isAlive(), thread.getName());
            }
        }
    }

    private static long countThrowing(final List<byte[]> messages)
    {
        final CanonicalDecoder decoder = new CanonicalDecoder();
        final EntryView entry = new EntryView();
        long throwing = 0;
        for (final byte[] message : messages)
        {
            if (!decoder.wrap(message, 0, message.length))
            {
                continue;
            }
            for (int i = 0; i < decoder.entryCount(); i++)
            {
                decoder.entry(i, entry);
                while (entry.nextField())
                {
                    if (entry.nameEquals("volume".getBytes(StandardCharsets.US_ASCII)) && entry.isLong() &&
                        ThrowsOneInAThousand.throwsOn(entry.longValue()))
                    {
                        throwing++;
                    }
                }
            }
        }
        return throwing;
    }

    private static double heapAfterLastGcMiB()
    {
        long used = 0;
        for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
        {
            final MemoryUsage afterGc = pool.getCollectionUsage();
            if (pool.getType() == MemoryType.HEAP && afterGc != null)
            {
                used += afterGc.getUsed();
            }
        }
        return used / (1024.0 * 1024.0);
    }

    /** Throws on entries whose volume ends in 007 (about one in a thousand): deterministic per entry. */
    private static final class ThrowsOneInAThousand implements Component
    {
        private static final byte[] VOLUME = "volume".getBytes(StandardCharsets.US_ASCII);

        static boolean throwsOn(final long volume)
        {
            return volume % 1000 == 7;
        }

        @Override
        public void onEntry(final EntryView entry, final ResultSink out)
        {
            while (entry.nextField())
            {
                if (entry.nameEquals(VOLUME) && entry.isLong() && throwsOn(entry.longValue()))
                {
                    throw new IllegalStateException("one in a thousand");
                }
            }
        }
    }

    /** Counts on the administrator thread. */
    private static final class CountingListener implements ResultListener
    {
        volatile long bars;
        volatile long errors;

        @Override
        public void onBar(final BarView bar)
        {
            bars = bars + 1;
        }

        @Override
        public void onError(final ErrorView error)
        {
            errors = errors + 1;
        }
    }
}
