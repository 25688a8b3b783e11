package io.ringstreamer;

import io.ringstreamer.inbound.MemorySpillStore;
import io.ringstreamer.metrics.MetricsSnapshot;
import io.ringstreamer.result.Bar;
import io.ringstreamer.result.BarView;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.ErrorView;
import io.ringstreamer.result.ResultListener;
import io.ringstreamer.result.Status;
import io.ringstreamer.result.StatusKind;
import io.ringstreamer.result.StatusView;
import io.ringstreamer.result.StreamError;
import io.ringstreamer.source.MessagePublisher;
import io.ringstreamer.source.OverflowPolicy;
import io.ringstreamer.testing.SyntheticBars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link OverflowPolicy#SPILL}: a reader whose pipeline is held still keeps reading, loses nothing and
 * keeps arrival order; a full store falls back as configured; subscription changes and statuses keep
 * their place; a bounded close reports what it left. Each test holds the listener until the streamer
 * has published everything, so a publish that waited for the ring would never return: under the old
 * blocking default every test here hangs (and fails by its timeout).
 */
@Timeout(120)
class SpillTest
{
    private static final List<String> SYMBOLS = SyntheticBars.symbols(6);
    private static final int MESSAGES = 3_000;
    private static final List<byte[]> FEED = SyntheticBars.messages(SYMBOLS, 1, MESSAGES, 7);
    private static final Pattern ABANDONED =
        Pattern.compile("abandoned (\\d+) spilled messages \\(received #(\\d+) to #(\\d+)\\) not processed");

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void shouldKeepReadingAndLoseNothingWhenTheRingIsFullUnderTheDefaultPolicy(final int shards) throws Exception
    {
        final Map<String, List<String>> reference = reference(FEED);
        for (int iteration = 0; iteration < 20; iteration++)
        {
            final GatedListener listener = new GatedListener();
            final Pipeline pipeline = Pipeline.builder().symbols(SYMBOLS).shards(shards).ringSize(16).resultRingSize(16)
                .streamer(publisher ->
                {
                    for (final byte[] message : FEED)
                    {
                        assertTrue(publisher.publish(message, 0, message.length) >= 0);
                    }
                    listener.gate.countDown(); // only now may the pipeline move: the reader never waited
                })
                .listener(listener).build().start();
            assertTrue(pipeline.awaitTermination(60, TimeUnit.SECONDS));

            final MetricsSnapshot m = pipeline.metrics().snapshot();
            assertEquals(MESSAGES, m.received());
            assertEquals(MESSAGES, m.processed(), m.toString());
            assertEquals(0, m.dropped() + m.abandoned() + m.inFlight(), m.toString());
            assertTrue(m.spilled() > MESSAGES / 2, "most of it spilled: " + m);
            assertTrue(m.spills() >= 1);
            assertTrue(m.largestSpillBytes() > 0);
            assertEquals(0, m.spillBacklog());
            assertEquals(0, m.spillBytes());
            assertEquals(reference, listener.bars, "per-symbol results exactly as with room for everything");
            // Before the listener holds everything up, shards may free slots and the store empty once more.
            final List<StatusKind> kinds = listener.statusKinds();
            assertEquals(2 * m.spills(), kinds.size(), kinds.toString());
            for (int i = 0; i < kinds.size(); i++)
            {
                assertEquals(i % 2 == 0 ? StatusKind.SPILLING : StatusKind.CAUGHT_UP, kinds.get(i), kinds.toString());
            }
            assertTrue(listener.statuses.get(0).sequence() >= 16, "the spill starts once the ring of 16 is full");
            assertEquals(MESSAGES, listener.statuses.get(kinds.size() - 1).sequence(), "the last drains at the end");
        }
    }

    @Test
    void shouldDropCountAndReportTheGapsWhenTheSpillBudgetIsExhaustedUnderDropNewest() throws Exception
    {
        for (int iteration = 0; iteration < 20; iteration++)
        {
            final GatedListener listener = new GatedListener();
            final List<byte[]> accepted = new ArrayList<>();
            final long[] dropped = new long[1];
            final Pipeline pipeline = Pipeline.builder().symbols(SYMBOLS).shards(1 + iteration % 2).ringSize(16)
                .resultRingSize(16).maxMessageBytes(1024).spillBudget(16 << 10).whenSpillFull(OverflowPolicy.DROP_NEWEST)
                .streamer(publisher ->
                {
                    for (final byte[] message : FEED)
                    {
                        final long result = publisher.publish(message, 0, message.length);
                        if (result == MessagePublisher.DROPPED)
                        {
                            dropped[0]++;
                        }
                        else
                        {
                            accepted.add(message);
                        }
                    }
                    listener.gate.countDown();
                })
                .listener(listener).build().start();
            assertTrue(pipeline.awaitTermination(60, TimeUnit.SECONDS));

            final MetricsSnapshot m = pipeline.metrics().snapshot();
            assertTrue(dropped[0] > 0, "a 16 KiB store overflows");
            assertEquals(dropped[0], m.dropped());
            assertEquals(MESSAGES, m.received());
            assertEquals(accepted.size(), m.processed());
            assertEquals(0, m.inFlight());
            assertEquals(reference(accepted), listener.bars, "exactly the accepted messages, in order");
            long reported = 0;
            for (final StreamError gap : listener.errors)
            {
                assertEquals(ErrorKind.MESSAGES_DROPPED, gap.kind(), gap.message());
                reported += Long.parseLong(gap.message().replaceAll("^dropped (\\d+) .*$", "$1"));
            }
            assertEquals(dropped[0], reported, "every drop in exactly one reported gap");
        }
    }

    @Test
    void shouldWaitForRoomInTheStoreAndLoseNothingWhenTheSpillBudgetIsExhaustedUnderBlock() throws Exception
    {
        final Map<String, List<String>> reference = reference(FEED);
        for (int iteration = 0; iteration < 20; iteration++)
        {
            final GatedListener listener = new GatedListener();
            final Pipeline pipeline = Pipeline.builder().symbols(SYMBOLS).shards(1 + iteration % 2).ringSize(16)
                .resultRingSize(16).maxMessageBytes(1024).spillBudget(16 << 10)
                .streamer(publisher ->
                {
                    for (final byte[] message : FEED)
                    {
                        assertTrue(publisher.publish(message, 0, message.length) >= 0);
                    }
                })
                .listener(listener).build().start();
            // The store fills (less than one more record fits) while the listener is held: the reader waits.
            final long capacity = 16 << 10;
            while (pipeline.metrics().spillBytes() < capacity - 1024 - MemorySpillStore.HEADER_BYTES)
            {
                Thread.onSpinWait();
            }
            assertTrue(pipeline.metrics().received() < MESSAGES, "the reader is held back");
            listener.gate.countDown();
            assertTrue(pipeline.awaitTermination(60, TimeUnit.SECONDS));

            final MetricsSnapshot m = pipeline.metrics().snapshot();
            assertEquals(MESSAGES, m.processed());
            assertEquals(0, m.dropped() + m.inFlight());
            assertEquals(reference, listener.bars);
            final List<StatusKind> kinds = listener.statusKinds();
            final int full = kinds.indexOf(StatusKind.SPILL_FULL);
            assertTrue(full > kinds.indexOf(StatusKind.SPILLING) && full < kinds.lastIndexOf(StatusKind.CAUGHT_UP),
                "the full store is reported inside its spill: " + kinds);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void shouldKeepStatusesAndSubscriptionChangesInTheirPlaceWhenSpilling(final int shards) throws Exception
    {
        for (int iteration = 0; iteration < 20; iteration++)
        {
            final GatedListener listener = new GatedListener();
            final AtomicReference<Pipeline> self = new AtomicReference<>();
            final CountDownLatch built = new CountDownLatch(1);
            final int half = MESSAGES / 2;
            final Pipeline pipeline = Pipeline.builder().symbols(SYMBOLS.subList(0, 5)).shards(shards).ringSize(16)
                .resultRingSize(16)
                .streamer(publisher ->
                {
                    built.await();
                    for (int i = 0; i < MESSAGES; i++)
                    {
                        if (i == half)
                        {
                            publisher.publishStatus(StatusKind.SERVER_MESSAGE, i, "half way");
                            self.get().subscribe(SYMBOLS.get(5)); // from the reading thread, while spilling
                            self.get().unsubscribe(SYMBOLS.get(0));
                        }
                        final byte[] message = FEED.get(i);
                        assertTrue(publisher.publish(message, 0, message.length) >= 0);
                    }
                    listener.gate.countDown();
                })
                .listener(listener).build();
            self.set(pipeline);
            pipeline.start();
            built.countDown();
            assertTrue(pipeline.awaitTermination(60, TimeUnit.SECONDS));

            // S005 takes effect at the middle exactly: only its bars from messages after the call.
            final Map<String, List<String>> before = reference(FEED.subList(0, half));
            final Map<String, List<String>> after = reference(FEED.subList(half, MESSAGES));
            final Map<String, List<String>> expected = new TreeMap<>();
            for (final String symbol : SYMBOLS.subList(1, 5))
            {
                final List<String> bars = new ArrayList<>(before.getOrDefault(symbol, List.of()));
                bars.addAll(after.getOrDefault(symbol, List.of()));
                expected.put(symbol, bars);
            }
            expected.put(SYMBOLS.get(0), before.get(SYMBOLS.get(0)));
            expected.put(SYMBOLS.get(5), after.get(SYMBOLS.get(5)));
            assertEquals(expected, listener.bars, "changes take effect where they were made in the stream");

            final Status midway = listener.statuses.stream()
                .filter(s -> s.kind() == StatusKind.SERVER_MESSAGE).findFirst().orElseThrow();
            final Status subscribed = listener.statuses.stream()
                .filter(s -> s.kind() == StatusKind.SUBSCRIBED).findFirst().orElseThrow();
            final Status unsubscribed = listener.statuses.stream()
                .filter(s -> s.kind() == StatusKind.UNSUBSCRIBED).findFirst().orElseThrow();
            assertEquals(half, midway.code());
            assertEquals(half, midway.sequence(), "after the first half's messages");
            assertEquals(midway.sequence() + 1, subscribed.sequence(), "right after the status, in the stream");
            assertEquals(midway.sequence() + 2, unsubscribed.sequence());
            assertEquals(MESSAGES, pipeline.metrics().processed());
        }
    }

    @Test
    void shouldReturnAtItsDeadlineAndReportWhatWasLeftWhenTheListenerNeverReturns() throws Exception
    {
        for (int iteration = 0; iteration < 5; iteration++)
        {
            final GatedListener listener = new GatedListener();
            final CountDownLatch published = new CountDownLatch(1);
            final Pipeline pipeline = Pipeline.builder().symbols(SYMBOLS).shards(1 + iteration % 2).ringSize(16)
                .resultRingSize(16)
                .streamer(publisher ->
                {
                    for (final byte[] message : FEED)
                    {
                        publisher.publish(message, 0, message.length);
                    }
                    published.countDown();
                })
                .listener(listener).build().start();
            assertTrue(published.await(60, TimeUnit.SECONDS));

            final CloseReport report = pipeline.close(Duration.ofMillis(500)); // the listener is stuck
            assertFalse(report.terminated(), report.toString());
            assertFalse(report.runningThreads().isEmpty(), report.toString());
            assertTrue(report.inFlight() > 0, report.toString());

            listener.gate.countDown(); // the listener returns at last: what was not abandoned is delivered
            final CloseReport after = pipeline.awaitTermination(Duration.ofSeconds(60));
            assertTrue(after.terminated(), after.toString());
            assertEquals(List.of(), after.runningThreads());
            final MetricsSnapshot m = pipeline.metrics().snapshot();
            assertTrue(m.abandoned() > 0, "the spill was abandoned at the deadline: " + m);
            assertEquals(MESSAGES, m.processed() + m.abandoned(), m.toString());
            assertEquals(0, m.inFlight());
            assertEquals(1, listener.errors.size(), listener.errors.toString());
            final Matcher matcher = ABANDONED.matcher(listener.errors.get(0).message());
            assertTrue(matcher.lookingAt(), listener.errors.get(0).message());
            assertEquals(m.abandoned(), Long.parseLong(matcher.group(1)));
            assertEquals(MESSAGES - 1, Long.parseLong(matcher.group(3)), "the last received was abandoned");
            assertEquals(m.processed(), Long.parseLong(matcher.group(2)), "the first abandoned follows the last processed");
            final StreamError abandoned = listener.errors.get(0);
            assertEquals(m.abandoned(), abandoned.droppedCount(), "as fields too");
            assertEquals(m.processed(), abandoned.firstDropped());
            assertEquals(MESSAGES - 1, abandoned.lastDropped());
        }
    }

    /** Per symbol, its bars (without sequence) from a run with room for everything. */
    private static Map<String, List<String>> reference(final List<byte[]> messages) throws Exception
    {
        final GatedListener listener = new GatedListener();
        listener.gate.countDown();
        final Pipeline pipeline = Pipeline.builder().symbols(SYMBOLS).shards(1).ringSize(8192)
            .overflowPolicy(OverflowPolicy.BLOCK)
            .streamer(publisher ->
            {
                for (final byte[] message : messages)
                {
                    publisher.publish(message, 0, message.length);
                }
            })
            .listener(listener).build().start();
        assertTrue(pipeline.awaitTermination(60, TimeUnit.SECONDS));
        assertEquals(0, pipeline.metrics().spilled());
        return listener.bars;
    }

    /** Holds the listener on its first call until the gate opens; records bars per symbol, statuses, errors. */
    private static final class GatedListener implements ResultListener
    {
        final CountDownLatch gate = new CountDownLatch(1);
        final Map<String, List<String>> bars = new TreeMap<>();
        final List<Status> statuses = new ArrayList<>();
        final List<StreamError> errors = new ArrayList<>();

        @Override
        public void onBar(final BarView view)
        {
            awaitGate();
            final Bar bar = view.toBar();
            bars.computeIfAbsent(bar.symbol(), s -> new ArrayList<>())
                .add(bar.barStartMillis() + " " + bar.open() + " " + bar.high() + " " + bar.low() + " " + bar.close() +
                    " " + bar.volume());
        }

        @Override
        public void onStatus(final StatusView status)
        {
            awaitGate();
            statuses.add(status.toStatus());
        }

        @Override
        public void onError(final ErrorView error)
        {
            awaitGate();
            if (error.kind() != ErrorKind.CONNECTION_ERROR)
            {
                errors.add(error.toError());
            }
        }

        List<StatusKind> statusKinds()
        {
            return statuses.stream().map(Status::kind).toList();
        }

        private void awaitGate()
        {
            try
            {
                gate.await();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
    }
}
