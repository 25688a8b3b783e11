package io.ringstreamer;

import io.ringstreamer.format.Service;
import io.ringstreamer.result.BarView;
import io.ringstreamer.result.ErrorView;
import io.ringstreamer.result.ResultListener;
import io.ringstreamer.result.StatusView;
import io.ringstreamer.source.OverflowPolicy;
import io.ringstreamer.testing.SyntheticBars;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The flight-recorder events, read back from a real recording: a spill and its catching up, the reader
 * waiting for room, a dropped run, a quarantined component. Each scenario holds the listener until the
 * streamer has published everything, so the ring fills for certain.
 */
@Timeout(120)
class FlightEventsTest
{
    private static final List<String> SYMBOLS = SyntheticBars.symbols(4);
    private static final int MESSAGES = 500;
    private static final List<byte[]> FEED = SyntheticBars.messages(SYMBOLS, 1, MESSAGES, 11);

    @Test
    void shouldRecordASpillFromItsStartToItsCatchingUp(@TempDir final Path dir) throws Exception
    {
        final List<RecordedEvent> events = record(dir, "io.ringstreamer.Spill", () ->
            runGated(Pipeline.builder().ringSize(16), false));
        final List<RecordedEvent> caughtUp = record(dir, "io.ringstreamer.Spill", this::spillThenCatchUp);

        assertEquals(1, caughtUp.size(), caughtUp.toString());
        assertTrue(caughtUp.get(0).getBoolean("caughtUp"), caughtUp.toString());
        assertEquals(lastSpilled, caughtUp.get(0).getLong("messages"));

        assertFalse(events.isEmpty(), "a spill was recorded");
        final long spilledWhenEnded = events.stream().mapToLong(e -> e.getLong("messages")).sum();
        final RecordedEvent spill = events.get(0);
        assertTrue(spill.getLong("messages") > 0, spill.toString());
        assertTrue(spill.getLong("largestBytes") > 0, spill.toString());
        assertFalse(spill.getBoolean("caughtUp"), "the stream ended while spilling: " + spill);
        assertTrue(spill.getThread().getJavaName().endsWith("-streamer"), spill.getThread().getJavaName());
        assertTrue(spilledWhenEnded > 0);
    }

    @Test
    void shouldRecordTheReaderWaitingForRoomUnderBlock(@TempDir final Path dir) throws Exception
    {
        final List<RecordedEvent> events = record(dir, "io.ringstreamer.ReaderStall", () ->
            runGated(Pipeline.builder().ringSize(16).overflowPolicy(OverflowPolicy.BLOCK), true));

        assertFalse(events.isEmpty(), "the reader waited for the held pipeline");
        assertEquals("ring", events.get(0).getString("waitedFor"));
        assertTrue(events.get(0).getDuration().toNanos() > 0);
    }

    @Test
    void shouldRecordADroppedRunWithItsCountAndReceiveNumbers(@TempDir final Path dir) throws Exception
    {
        final List<RecordedEvent> events = record(dir, "io.ringstreamer.MessagesDropped", () ->
            runGated(Pipeline.builder().ringSize(16).overflowPolicy(OverflowPolicy.DROP_NEWEST), false));

        assertFalse(events.isEmpty());
        final long count = events.stream().mapToLong(e -> e.getLong("count")).sum();
        assertEquals(lastDropped, count, "every dropped message in a recorded run");
        final RecordedEvent first = events.get(0);
        assertEquals(first.getLong("count"), first.getLong("last") - first.getLong("first") + 1);
        assertEquals("ring full", first.getString("cause"));
    }

    @Test
    void shouldRecordAQuarantinedComponent(@TempDir final Path dir) throws Exception
    {
        final List<RecordedEvent> events = record(dir, "io.ringstreamer.Quarantine", () ->
        {
            final Pipeline pipeline = Pipeline.builder().symbols(SYMBOLS).quarantineAfter(2)
                .component(Service.CHART_EQUITY, () -> (entry, out) ->
                {
                    throw new IllegalStateException("always");
                })
                .streamer(publisher ->
                {
                    for (final byte[] message : FEED)
                    {
                        publisher.publish(message, 0, message.length);
                    }
                })
                .listener(new ResultListener()
                {
                    @Override
                    public void onBar(final BarView bar)
                    {
                    }

                    @Override
                    public void onError(final ErrorView error)
                    {
                    }
                }).build().start();
            assertTrue(pipeline.awaitTermination(60, TimeUnit.SECONDS));
        });

        assertEquals(SYMBOLS.size(), events.size(), "one quarantine per symbol");
        assertEquals(SYMBOLS.stream().sorted().collect(Collectors.toList()),
            events.stream().map(e -> e.getString("symbol")).sorted().collect(Collectors.toList()));
        assertEquals(2, events.get(0).getInt("failures"));
        assertEquals("CHART_EQUITY", events.get(0).getString("service"));
    }

    /**
     * Spills while the listener is held, lets it go, waits (on the metrics) until the store is empty and
     * the ring has room, then publishes once more: that message goes straight into the ring and ends the spill.
     */
    private void spillThenCatchUp() throws Exception
    {
        final CountDownLatch gate = new CountDownLatch(1);
        final Pipeline[] pipeline = new Pipeline[1];
        final CountDownLatch built = new CountDownLatch(1);
        final Pipeline started = Pipeline.builder().symbols(SYMBOLS).ringSize(16).resultRingSize(16)
            .streamer(publisher ->
            {
                built.await();
                for (final byte[] message : FEED)
                {
                    publisher.publish(message, 0, message.length);
                }
                gate.countDown();
                while (pipeline[0].metrics().snapshot().spillBacklog() > 0 ||
                    pipeline[0].metrics().snapshot().inboundBacklog() > 0)
                {
                    Thread.onSpinWait();
                }
                publisher.publish(FEED.get(0), 0, FEED.get(0).length); // a duplicate bar: rejected, but straight in
            })
            .listener(new ResultListener()
            {
                @Override
                public void onBar(final BarView bar)
                {
                    await(gate);
                }

                @Override
                public void onError(final ErrorView error)
                {
                }
            }).build().start();
        pipeline[0] = started;
        built.countDown();
        assertTrue(started.awaitTermination(60, TimeUnit.SECONDS));
        lastSpilled = started.metrics().snapshot().spilled();
    }

    private long lastSpilled;
    private long lastDropped;

    /**
     * Publishes the feed while the listener is held; the listener is let go once the streamer is done or,
     * with {@code releaseOnStall} (BLOCK), once the streamer thread is parked waiting for room.
     */
    private void runGated(final Pipeline.Builder builder, final boolean releaseOnStall) throws Exception
    {
        final CountDownLatch gate = new CountDownLatch(1);
        final Thread[] streamerThread = new Thread[1];
        final CountDownLatch streaming = new CountDownLatch(1);
        final Pipeline pipeline = builder.symbols(SYMBOLS).resultRingSize(16)
            .streamer(publisher ->
            {
                streamerThread[0] = Thread.currentThread();
                streaming.countDown();
                for (final byte[] message : FEED)
                {
                    publisher.publish(message, 0, message.length);
                }
                gate.countDown();
            })
            .listener(new ResultListener()
            {
                @Override
                public void onBar(final BarView bar)
                {
                    await(gate);
                }

                @Override
                public void onError(final ErrorView error)
                {
                    await(gate);
                }

                @Override
                public void onStatus(final StatusView status)
                {
                    await(gate);
                }
            }).build().start();
        if (releaseOnStall)
        {
            streaming.await();
            // The publish loop parks (TIMED_WAITING) only while it waits for room: the stall is under way.
            while (streamerThread[0].getState() != Thread.State.TIMED_WAITING)
            {
                Thread.onSpinWait();
            }
            gate.countDown();
        }
        assertTrue(pipeline.awaitTermination(60, TimeUnit.SECONDS));
        lastSpilled = pipeline.metrics().snapshot().spilled();
        lastDropped = pipeline.metrics().snapshot().dropped();
    }

    private static void await(final CountDownLatch gate)
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

    @FunctionalInterface
    private interface Scenario
    {
        void run() throws Exception;
    }

    private static List<RecordedEvent> record(final Path dir, final String name, final Scenario scenario) throws Exception
    {
        final Path file = dir.resolve("events.jfr");
        try (Recording recording = new Recording())
        {
            recording.enable(name).withThreshold(Duration.ZERO);
            recording.start();
            scenario.run();
            recording.stop();
            recording.dump(file);
        }
        return RecordingFile.readAllEvents(file).stream().filter(e -> e.getEventType().getName().equals(name))
            .collect(Collectors.toList());
    }
}
