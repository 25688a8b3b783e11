package io.ringstreamer;

import io.ringstreamer.format.EntryView;
import io.ringstreamer.format.Service;
import io.ringstreamer.inbound.Utf8Text;
import io.ringstreamer.metrics.MetricsSnapshot;
import io.ringstreamer.result.BarView;
import io.ringstreamer.result.ErrorView;
import io.ringstreamer.result.ResultListener;
import io.ringstreamer.source.OverflowPolicy;
import io.ringstreamer.testing.SyntheticBars;
import io.ringstreamer.worker.Component;
import io.ringstreamer.worker.ResultSink;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ways a pipeline used to hang: a reader waiting for a whole batch to be processed before it got any
 * room back, and subscription changes made from a pipeline thread while the rings were full.
 */
@Timeout(120)
class NoHangTest
{
    private static final List<String> SYMBOLS = SyntheticBars.symbols(4);
    private static final List<byte[]> FEED = SyntheticBars.messages(SYMBOLS, 2, 400, 11);

    /**
     * The listener, on message 1, waits until the reader has published message {@code ringSize}, which
     * needs message 0's slot. A shard that frees its slots only at the end of its batch (the
     * Disruptor's default) never frees it while message 1 is in the same batch: the reader waits for
     * the listener, which waits for the reader.
     */
    @ParameterizedTest
    @EnumSource(value = OverflowPolicy.class, names = {"BLOCK", "SPILL"})
    void shouldGiveTheReaderRoomAfterEachMessageWhenTheRingIsFull(final OverflowPolicy policy) throws Exception
    {
        final int ringSize = 4;
        for (int iteration = 0; iteration < 50; iteration++)
        {
            final AtomicInteger published = new AtomicInteger();
            final AtomicInteger bars = new AtomicInteger();
            final Pipeline pipeline = Pipeline.builder().symbols(SYMBOLS).shards(1).ringSize(ringSize)
                .overflowPolicy(policy)
                .streamer(publisher ->
                {
                    for (final byte[] message : FEED.subList(0, 20))
                    {
                        publisher.publish(message, 0, message.length);
                        published.incrementAndGet();
                    }
                })
                .listener(new ResultListener()
                {
                    @Override
                    public void onBar(final BarView bar)
                    {
                        if (bars.incrementAndGet() == 3) // message 1's first bar (two bars a message)
                        {
                            while (published.get() < ringSize + 1)
                            {
                                Thread.onSpinWait();
                            }
                        }
                    }

                    @Override
                    public void onError(final ErrorView error)
                    {
                    }
                })
                .build().start();
            assertTrue(pipeline.awaitTermination(60, TimeUnit.SECONDS));
            assertEquals(40, bars.get());
        }
    }

    /**
     * Subscribing and unsubscribing from the listener and from a component, with rings of two slots,
     * under every delivery mode: a change never waits for ring room on the caller's thread.
     */
    @ParameterizedTest
    @CsvSource({"1, SHARD_THREAD, BLOCK", "1, ADMINISTRATOR, BLOCK", "3, ADMINISTRATOR, BLOCK",
        "1, SHARD_THREAD, SPILL", "1, ADMINISTRATOR, SPILL", "3, ADMINISTRATOR, SPILL",
        "2, ADMINISTRATOR, DROP_NEWEST"})
    void shouldNeverDeadlockWhenPipelineThreadsChangeSubscriptions(
        final int shards, final Delivery delivery, final OverflowPolicy policy) throws Exception
    {
        for (int iteration = 0; iteration < 10; iteration++)
        {
            final AtomicReference<Pipeline> self = new AtomicReference<>();
            final AtomicInteger changes = new AtomicInteger();
            final Pipeline pipeline = Pipeline.builder().symbols(SYMBOLS).shards(shards).delivery(delivery)
                .ringSize(2).resultRingSize(2).overflowPolicy(policy)
                .component(Service.CHART_EQUITY, () -> new Component()
                {
                    @Override
                    public void onEntry(final EntryView entry, final ResultSink sink)
                    {
                        final int n = changes.incrementAndGet();
                        self.get().subscribe("C" + n % 7); // on a shard thread
                    }
                })
                .streamer(publisher ->
                {
                    for (final byte[] message : FEED.subList(0, 150))
                    {
                        publisher.publish(message, 0, message.length);
                    }
                })
                .listener(new ResultListener()
                {
                    @Override
                    public void onBar(final BarView bar)
                    {
                        final int n = changes.incrementAndGet();
                        self.get().unsubscribe("C" + n % 7); // on the listener's thread
                    }

                    @Override
                    public void onError(final ErrorView error)
                    {
                    }
                })
                .build();
            self.set(pipeline);
            pipeline.start();
            assertTrue(pipeline.awaitTermination(60, TimeUnit.SECONDS), "no deadlock");
            final MetricsSnapshot m = pipeline.metrics().snapshot();
            assertEquals(150, m.received());
            assertEquals(m.received(), m.processed() + m.dropped(), m.toString());
            assertEquals(0, m.inFlight());
        }
    }
    /**
     * A component whose exception's {@code toString} throws, one that hands the sink a book count past
     * its arrays, one that publishes more custom values than a result holds, one that hands it news text
     * past its buffer: each is a reported
     * {@code ComponentFailure}, and no result slot is left claimed but unpublished (which used to hang
     * every shard and {@code close()}).
     */
    @ParameterizedTest
    @CsvSource({"1, SHARD_THREAD", "1, ADMINISTRATOR", "2, ADMINISTRATOR"})
    void shouldReportAndGoOnWhenAComponentMisusesTheSinkOrThrowsAnUnprintableException(
        final int shards, final Delivery delivery) throws Exception
    {
        for (int iteration = 0; iteration < 10; iteration++)
        {
            final AtomicInteger calls = new AtomicInteger();
            final AtomicInteger halfFilled = new AtomicInteger();
            final List<io.ringstreamer.result.StreamError> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
            final Pipeline pipeline = Pipeline.builder().symbols(SYMBOLS).shards(shards).delivery(delivery)
                .resultRingSize(4)
                .component(Service.CHART_EQUITY, () -> new Component()
                {
                    @Override
                    public void onEntry(final EntryView entry, final ResultSink sink)
                    {
                        switch (calls.incrementAndGet() % 4)
                        {
                            case 3 -> sink.news(1L, new byte[4], 2, 8, 0, 0, 0, 0); // past the array
                            case 0 -> throw new IllegalStateException()
                            {
                                @Override
                                public String toString()
                                {
                                    throw new UnsupportedOperationException("unprintable");
                                }

                                @Override
                                public String getMessage()
                                {
                                    throw new UnsupportedOperationException("unprintable");
                                }
                            };
                            case 1 -> sink.book(1L, new double[1], new long[1], 5, new double[1], new long[1], 0);
                            default -> sink.custom(1, new double[20], 20);
                        }
                    }
                })
                .streamer(publisher ->
                {
                    for (final byte[] message : FEED.subList(0, 50))
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
                        errors.add(error.toError());
                    }

                    @Override
                    public void onNews(final io.ringstreamer.result.NewsView news)
                    {
                        halfFilled.incrementAndGet(); // a claimed slot published by the next one's publish
                    }
                })
                .build().start();
            assertTrue(pipeline.awaitTermination(60, TimeUnit.SECONDS), "no slot left unpublished");
            assertEquals(100, calls.get());
            assertEquals(0, halfFilled.get(), "no result whose component failed while filling it");
            final long failures = errors.stream()
                .filter(e -> e.kind() == io.ringstreamer.result.ErrorKind.COMPONENT_FAILURE).count();
            assertEquals(100, failures, () -> failures + " component failures of " + errors.size() + " errors");
            assertTrue(errors.stream().anyMatch(e -> e.message().contains("at most")), "the custom limit is named");
        }
    }

    /**
     * A status text whose {@code charAt} throws, or an error text whose length grows past the slot while
     * it is read: the first throws to the streamer without claiming a slot, the second is carried as long
     * as it was first read (both used to be encoded after the claim, and the claimed slot, never
     * published, hung every shard and {@code close()}); the stream goes on.
     */
    @ParameterizedTest
    @EnumSource(OverflowPolicy.class)
    void shouldThrowWithoutClaimingASlotWhenAStatusTextCannotBeRead(final OverflowPolicy policy) throws Exception
    {
        for (int iteration = 0; iteration < 10; iteration++)
        {
            final List<Throwable> thrown = new java.util.concurrent.CopyOnWriteArrayList<>();
            final List<io.ringstreamer.result.StatusView> statuses = new java.util.concurrent.CopyOnWriteArrayList<>();
            final AtomicInteger bars = new AtomicInteger();
            final List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
            final Pipeline pipeline = Pipeline.builder().symbols(SYMBOLS).shards(1).ringSize(4)
                .overflowPolicy(policy)
                .streamer(publisher ->
                {
                    for (int i = 0; i < 10; i++)
                    {
                        final byte[] message = FEED.get(i);
                        publisher.publish(message, 0, message.length);
                        try
                        {
                            if (i % 2 == 0)
                            {
                                publisher.publishStatus(io.ringstreamer.result.StatusKind.CONNECTED, 0, new UnreadableText());
                            }
                            else
                            {
                                publisher.publishError(io.ringstreamer.result.ErrorKind.PROTOCOL_ERROR, 0, new GrowingText());
                            }
                        }
                        catch (final RuntimeException ex)
                        {
                            thrown.add(ex);
                        }
                    }
                })
                .listener(new ResultListener()
                {
                    @Override
                    public void onBar(final BarView bar)
                    {
                        bars.incrementAndGet();
                    }

                    @Override
                    public void onError(final ErrorView error)
                    {
                        if (error.kind() == io.ringstreamer.result.ErrorKind.PROTOCOL_ERROR)
                        {
                            errors.add(error.message().toString());
                        }
                    }

                    @Override
                    public void onStatus(final io.ringstreamer.result.StatusView status)
                    {
                        statuses.add(status);
                    }
                })
                .build().start();
            assertTrue(pipeline.awaitTermination(60, TimeUnit.SECONDS), "no inbound slot left unpublished");
            assertEquals(5, thrown.size(), thrown.toString());
            final MetricsSnapshot m = pipeline.metrics().snapshot();
            assertEquals(10, m.received());
            assertEquals(2 * m.processed(), bars.get(), m.toString()); // DROP_NEWEST may drop some
            assertEquals(m.received(), m.processed() + m.dropped(), m.toString());
            assertEquals(List.of("\u20ac", "\u20ac", "\u20ac", "\u20ac", "\u20ac"), errors, "its length read once");
            assertEquals(0, statuses.stream().filter(s -> s.kind() == io.ringstreamer.result.StatusKind.CONNECTED).count());
        }
    }

    /** Text whose characters cannot be read. */
    private static final class UnreadableText implements CharSequence
    {
        @Override
        public int length()
        {
            return 8;
        }

        @Override
        public char charAt(final int index)
        {
            throw new IllegalStateException("unreadable");
        }

        @Override
        public CharSequence subSequence(final int start, final int end)
        {
            throw new IllegalStateException("unreadable");
        }
    }

    /** Text of one char the first time its length is asked, of 1024 three-byte chars after. */
    private static final class GrowingText implements CharSequence
    {
        private int asked;

        @Override
        public int length()
        {
            return asked++ == 0 ? 1 : Utf8Text.MAX_CHARS;
        }

        @Override
        public char charAt(final int index)
        {
            return '\u20ac';
        }

        @Override
        public CharSequence subSequence(final int start, final int end)
        {
            throw new UnsupportedOperationException();
        }
    }
}
