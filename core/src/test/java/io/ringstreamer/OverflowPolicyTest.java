package io.ringstreamer;

import io.ringstreamer.metrics.MetricsSnapshot;
import io.ringstreamer.result.BarView;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.ErrorView;
import io.ringstreamer.result.ResultListener;
import io.ringstreamer.result.StreamError;
import io.ringstreamer.source.MessagePublisher;
import io.ringstreamer.source.OverflowPolicy;
import io.ringstreamer.testing.CycledBarTimes;
import io.ringstreamer.testing.SyntheticBars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A slow consumer of our own: a full inbound ring under each overflow policy. */
@Timeout(120)
class OverflowPolicyTest
{
    private static final List<String> SYMBOLS = SyntheticBars.symbols(8);
    private static final List<byte[]> MESSAGES = SyntheticBars.messages(SYMBOLS, 1, 256, 3);
    private static final Pattern GAP = Pattern.compile("dropped (\\d+) messages \\(received #(\\d+) to #(\\d+)\\)");

    @Test
    void shouldDropCountAndReportEveryGapWhenTheRingIsFullUnderDropNewest() throws Exception
    {
        for (int iteration = 0; iteration < 20; iteration++)
        {
            final GatedListener listener = new GatedListener();
            final long[] outcomes = new long[2]; // accepted, dropped
            final int total = 2_000;
            final Pipeline pipeline = Pipeline.builder().symbols(SYMBOLS).shards(2).ringSize(16).resultRingSize(16)
                .overflowPolicy(OverflowPolicy.DROP_NEWEST)
                .streamer(publisher ->
                {
                    final List<byte[]> messages = CycledBarTimes.copies(MESSAGES);
                    final CycledBarTimes times = new CycledBarTimes(messages);
                    for (int i = 0; i < total; i++)
                    {
                        final byte[] message = messages.get(i % messages.size());
                        final long result = publisher.publish(message, 0, message.length);
                        times.advance(i % messages.size());
                        outcomes[result == MessagePublisher.DROPPED ? 1 : 0]++;
                        if (i == total / 2)
                        {
                            listener.gate.countDown(); // let the consumer go halfway: gaps then recover
                        }
                    }
                })
                .listener(listener).build().start();
            assertTrue(pipeline.awaitTermination(60, TimeUnit.SECONDS));

            final MetricsSnapshot m = pipeline.metrics().snapshot();
            assertEquals(total, m.received());
            assertTrue(outcomes[1] > 0, "the ring of 16 must overflow while the listener is held");
            assertEquals(outcomes[1], m.dropped());
            assertEquals(outcomes[0], m.processed());
            assertEquals(m.received(), m.processed() + m.rejected() + m.dropped() + m.inFlight());
            assertEquals(0, m.inFlight());
            assertEquals(outcomes[0], listener.bars.get(), "every accepted message's bar was delivered");

            long reported = 0;
            long expectedFirst = -1;
            for (final StreamError gap : listener.errors)
            {
                assertEquals(ErrorKind.MESSAGES_DROPPED, gap.kind());
                final Matcher matcher = GAP.matcher(gap.message());
                assertTrue(matcher.lookingAt(), gap.message());
                final long count = Long.parseLong(matcher.group(1));
                final long first = Long.parseLong(matcher.group(2));
                assertEquals(first + count - 1, Long.parseLong(matcher.group(3)));
                assertEquals(count, gap.droppedCount(), "the count as a field");
                assertEquals(first, gap.firstDropped());
                assertEquals(first + count - 1, gap.lastDropped());
                assertTrue(first > expectedFirst, "gaps in order, not overlapping");
                expectedFirst = first + count - 1;
                reported += count;
            }
            assertEquals(m.dropped(), reported, "every dropped message is in exactly one reported gap");
            assertTrue(listener.errors.size() < m.dropped() || m.dropped() == 1, "one error per gap, not per message");
            assertEquals(listener.errors.size(), pipeline.metrics().errors(ErrorKind.MESSAGES_DROPPED));
        }
    }

    @ParameterizedTest
    @EnumSource(OverflowPolicy.class)
    void shouldCloseWithinBoundedTimeWhenTheRingIsFullAndTheListenerIsSlow(final OverflowPolicy policy) throws Exception
    {
        for (int iteration = 0; iteration < 20; iteration++)
        {
            final GatedListener listener = new GatedListener();
            final CountDownLatch full = new CountDownLatch(1);
            final Pipeline pipeline = Pipeline.builder().symbols(SYMBOLS).shards(1 + iteration % 2).ringSize(16)
                .resultRingSize(16).overflowPolicy(policy).maxMessageBytes(4096).spillBudget(64 << 10)
                .streamer(publisher ->
                {
                    final List<byte[]> messages = CycledBarTimes.copies(MESSAGES);
                    final CycledBarTimes times = new CycledBarTimes(messages);
                    long dropped = 0;
                    for (int i = 0; !publisher.isClosed(); i++)
                    {
                        final byte[] message = messages.get(i % messages.size());
                        if (publisher.publish(message, 0, message.length) == MessagePublisher.DROPPED)
                        {
                            dropped++;
                        }
                        times.advance(i % messages.size());
                        if (i == 12 || dropped == 1)
                        {
                            full.countDown(); // nearly full (a shard frees its batch of slots only when done), or dropping
                        }
                    }
                })
                .listener(listener).build().start();
            assertTrue(full.await(30, TimeUnit.SECONDS));

            final Thread closer = new Thread(pipeline::close, "closer");
            closer.start();
            listener.gate.countDown(); // the slow listener gets going while close waits
            closer.join(TimeUnit.SECONDS.toMillis(30));
            assertFalse(closer.isAlive(), "close returned");
            assertTrue(pipeline.isTerminated());
            for (final Thread thread : pipeline.threads())
            {
                assertFalse(thread.isAlive(), thread.getName());
            }
            final MetricsSnapshot m = pipeline.metrics().snapshot();
            assertEquals(0, m.inFlight(), m.toString());
            assertEquals(m.received(), m.processed() + m.dropped(), m.toString());
            assertEquals(m.processed(), listener.bars.get());
            if (policy == OverflowPolicy.BLOCK)
            {
                assertEquals(0, m.dropped());
            }
        }
    }

    /** Holds the administrator on its first result until the gate opens; records errors. */
    private static final class GatedListener implements ResultListener
    {
        final CountDownLatch gate = new CountDownLatch(1);
        final AtomicLong bars = new AtomicLong();
        final List<StreamError> errors = new ArrayList<>();

        @Override
        public void onBar(final BarView bar)
        {
            awaitGate();
            bars.incrementAndGet();
        }

        @Override
        public void onError(final ErrorView error)
        {
            awaitGate();
            errors.add(error.toError());
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
