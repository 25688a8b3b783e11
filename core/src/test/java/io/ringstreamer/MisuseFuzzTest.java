package io.ringstreamer;

import io.ringstreamer.format.EntryView;
import io.ringstreamer.format.Service;
import io.ringstreamer.metrics.MetricsSnapshot;
import io.ringstreamer.result.BarView;
import io.ringstreamer.result.CustomView;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.ErrorView;
import io.ringstreamer.result.ResultListener;
import io.ringstreamer.result.StatusKind;
import io.ringstreamer.result.StatusView;
import io.ringstreamer.source.MessagePublisher;
import io.ringstreamer.source.OverflowPolicy;
import io.ringstreamer.testing.SyntheticBars;
import io.ringstreamer.worker.Component;
import io.ringstreamer.worker.ResultSink;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded fuzzing of misuse, with tiny rings under every delivery mode and overflow policy: bad publish
 * arguments (which must throw and claim nothing), components, listeners, error handlers and streamers
 * that throw ({@code RuntimeException}s, {@code Error}s that are not {@code VirtualMachineError}s,
 * exceptions whose {@code toString} and {@code getMessage} throw), subscription changes from the
 * listener, a component, the streamer thread and an outside thread, and {@code close(Duration)} with a
 * short deadline at a random point. In every run {@code close(Duration)} returns within its bound, the
 * pipeline then terminates with no thread left, and conservation holds.
 *
 * <p>CI runs {@value #DEFAULT_RUNS} runs from a fresh seed; {@code mvn -Pfuzz test} runs 1,000
 * ({@code -Dringstreamer.misuse.runs=N}). Each run's seed is its name; {@code -Dringstreamer.misuse.seed=S
 * -Dringstreamer.misuse.runs=1} runs that one again (thread timing aside).
 */
class MisuseFuzzTest
{
    static final int DEFAULT_RUNS = 40;
    private static final List<String> SYMBOLS = SyntheticBars.symbols(4);
    private static final List<String> OTHERS = List.of("X1", "X2", "X3");
    private static final List<byte[]> FEED = SyntheticBars.messages(SYMBOLS, 2, 400, 13);
    private static final OverflowPolicy[] POLICIES = OverflowPolicy.values();
    /** What close(Duration) may take beyond its deadline on a loaded machine: generous, still bounded. */
    private static final long CLOSE_MARGIN_MILLIS = 10_000;

    static LongStream seeds()
    {
        final long first = Long.getLong("ringstreamer.misuse.seed", System.nanoTime());
        final int runs = Integer.getInteger("ringstreamer.misuse.runs", DEFAULT_RUNS);
        System.out.printf("misuse fuzz: %d runs from seed %d%n", runs, first);
        return LongStream.range(0, runs).map(i -> first + i);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    @Timeout(90)
    void shouldCloseWithinItsBoundAndConserveEveryMessageWhateverTheUserCodeDoes(final long seed) throws Exception
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final int shards = 1 + random.nextInt(3);
        final Delivery delivery = shards == 1 ?
            new Delivery[]{Delivery.AUTO, Delivery.SHARD_THREAD, Delivery.ADMINISTRATOR}[random.nextInt(3)] :
            Delivery.ADMINISTRATOR;
        final OverflowPolicy policy = POLICIES[random.nextInt(POLICIES.length)];
        final int ringSize = 4 << random.nextInt(3);
        final int resultRingSize = 4 << random.nextInt(3);
        final String setting = "seed " + seed + ": " + shards + " shard(s), " + delivery + ", " + policy +
            ", rings " + ringSize + "/" + resultRingSize;

        final AtomicReference<Pipeline> pipelineRef = new AtomicReference<>();
        final AtomicReference<String> failure = new AtomicReference<>();
        final AtomicLong published = new AtomicLong();
        final int closeAfter = random.nextInt(300);
        final CountDownLatch closePoint = new CountDownLatch(1);
        final Misuse misuse = new Misuse(seed, pipelineRef);

        final Pipeline.Builder builder = Pipeline.builder().symbols(SYMBOLS).shards(shards).delivery(delivery)
            .ringSize(ringSize).resultRingSize(resultRingSize).overflowPolicy(policy)
            .component(Service.CHART_EQUITY, misuse::component)
            .listenerErrorHandler((kind, error) -> misuse.maybeThrow(seed ^ error.hashCode(), 4))
            .streamer(new MisusingStreamer(seed, pipelineRef, failure, published, closeAfter, closePoint))
            .listener(misuse.listener());
        if (policy == OverflowPolicy.SPILL)
        {
            builder.spillBudget(4096L << random.nextInt(5))
                .whenSpillFull(random.nextBoolean() ? OverflowPolicy.BLOCK : OverflowPolicy.DROP_NEWEST);
        }
        if (random.nextInt(3) == 0)
        {
            builder.quarantineAfter(1 + random.nextInt(20));
        }
        final Pipeline pipeline = builder.build();
        pipelineRef.set(pipeline);

        final AtomicBoolean outsideDone = new AtomicBoolean();
        final Thread outside = new Thread(() ->
        {
            final SplittableRandom own = new SplittableRandom(seed * 31);
            while (!outsideDone.get() && !pipeline.isTerminated())
            {
                Misuse.changeSubscription(pipeline, own);
                Thread.onSpinWait();
            }
        }, "misuse-outside");
        pipeline.start();
        outside.start();

        closePoint.await(10, TimeUnit.SECONDS); // the streamer's random point, its end, or now if it is stuck
        final Duration deadline = Duration.ofMillis(random.nextInt(200));
        final long start = System.nanoTime();
        final CloseReport report = pipeline.close(deadline);
        final long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(tookMillis <= deadline.toMillis() + CLOSE_MARGIN_MILLIS,
            () -> setting + ": close(" + deadline.toMillis() + " ms) took " + tookMillis + " ms: " + report);

        final CloseReport end = pipeline.awaitTermination(Duration.ofSeconds(30)); // nothing blocks: it ends
        outsideDone.set(true);
        outside.join();
        assertTrue(end.terminated(), () -> setting + ": " + end);
        for (final Thread thread : pipeline.threads())
        {
            assertFalse(thread.isAlive(), () -> setting + ": " + thread.getName() + " still running");
        }
        assertNull(failure.get(), () -> setting + ": " + failure.get());
        final MetricsSnapshot m = pipeline.metrics().snapshot();
        assertEquals(0, m.inFlight(), () -> setting + ": " + m);
        assertEquals(m.received(), m.processed() + m.rejected() + m.dropped() + m.abandoned(), () -> setting + ": " + m);
        assertEquals(published.get(), m.received(), () -> setting + ": every accepted or dropped message counted once");
        assertEquals(m.processed() + m.rejected() + m.abandoned(), m.accepted(), () -> setting + ": " + m);
    }

    /** User code that misbehaves at random: components, the listener and its error handler. */
    private static final class Misuse
    {
        private final long seed;
        private final AtomicReference<Pipeline> pipeline;
        private final AtomicLong components = new AtomicLong();

        Misuse(final long seed, final AtomicReference<Pipeline> pipeline)
        {
            this.seed = seed;
            this.pipeline = pipeline;
        }

        Component component()
        {
            final SplittableRandom random = new SplittableRandom(seed + 7919 * components.incrementAndGet());
            if (pipeline.get() != null && random.nextInt(50) == 0) // built: a run-time subscription
            {
                throw new IllegalStateException("a supplier that throws");
            }
            return new Component()
            {
                @Override
                public void onEntry(final EntryView entry, final ResultSink sink)
                {
                    switch (random.nextInt(12))
                    {
                        case 0 -> sink.custom(1, new double[]{1, 2, 3}, 3);
                        case 1 -> sink.custom(2, new double[4], random.nextInt(-1, 40)); // maybe too many
                        case 2 -> sink.news(1L, new byte[8], random.nextInt(-2, 10), random.nextInt(-2, 10), 0, 0, 0, 0);
                        case 3 -> sink.book(1L, new double[2], new long[2], random.nextInt(-1, 4), new double[2], new long[2], 1);
                        case 4 -> changeSubscription(pipeline.get(), random);
                        case 5 -> sink.reject(random.nextBoolean() ? null : ErrorKind.INVALID_ENTRY, "misuse");
                        default -> maybeThrow(random.nextLong(), 2);
                    }
                }

                @Override
                public void onEndOfStream(final ResultSink out)
                {
                    maybeThrow(random.nextLong(), 3);
                }
            };
        }

        ResultListener listener()
        {
            final SplittableRandom random = new SplittableRandom(seed * 17);
            return new ResultListener()
            {
                @Override
                public void onBar(final BarView bar)
                {
                    String.valueOf(bar.toBar());
                    act();
                }

                @Override
                public void onCustom(final CustomView result)
                {
                    String.valueOf(result.toCustom());
                    act();
                }

                @Override
                public void onError(final ErrorView error)
                {
                    String.valueOf(error.toError());
                    act();
                }

                @Override
                public void onStatus(final StatusView status)
                {
                    String.valueOf(status.toStatus());
                    act();
                }

                @Override
                public void onEndOfStream()
                {
                    act();
                }

                private void act()
                {
                    switch (random.nextInt(40))
                    {
                        case 0, 1, 2 -> changeSubscription(pipeline.get(), random);
                        case 3 -> pipeline.get().close(Duration.ofMillis(random.nextInt(50))); // from a pipeline thread: returns
                        default -> maybeThrow(random.nextLong(), 3);
                    }
                }
            };
        }

        /** Throws, one time in {@code oneIn}, something a user's code might. */
        void maybeThrow(final long draw, final int oneIn)
        {
            final SplittableRandom random = new SplittableRandom(draw);
            if (random.nextInt(oneIn) != 0)
            {
                return;
            }
            throw throwable(random);
        }

        static RuntimeException throwable(final SplittableRandom random)
        {
            final Throwable thrown = switch (random.nextInt(5))
            {
                case 0 -> new IllegalStateException("misuse");
                case 1 -> new AssertionError("misuse");
                case 2 -> new LinkageError("misuse");
                case 3 -> new UnprintableError();
                default -> new UnprintableException();
            };
            return Misuse.<RuntimeException>sneaky(thrown);
        }

        @SuppressWarnings("unchecked")
        static <T extends Throwable> T sneaky(final Throwable thrown) throws T
        {
            throw (T)thrown;
        }

        static void changeSubscription(final Pipeline pipeline, final SplittableRandom random)
        {
            if (pipeline == null)
            {
                return;
            }
            final String symbol = random.nextBoolean() ? OTHERS.get(random.nextInt(OTHERS.size())) :
                SYMBOLS.get(random.nextInt(SYMBOLS.size()));
            if (random.nextBoolean())
            {
                pipeline.subscribe(symbol);
            }
            else
            {
                pipeline.unsubscribe(symbol);
            }
        }
    }

    /**
     * Publishes the feed with bad calls in between (each must throw and claim nothing), changes
     * subscriptions from its own thread, and ends in one of several ways, some of them throwing.
     */
    private static final class MisusingStreamer implements io.ringstreamer.source.Streamer
    {
        private final SplittableRandom random;
        private final AtomicReference<Pipeline> pipeline;
        private final AtomicReference<String> failure;
        private final AtomicLong published;
        private final int closeAfter;
        private final CountDownLatch closePoint;
        private long nextAccepted;

        MisusingStreamer(final long seed, final AtomicReference<Pipeline> pipeline, final AtomicReference<String> failure,
            final AtomicLong published, final int closeAfter, final CountDownLatch closePoint)
        {
            this.random = new SplittableRandom(seed * 101);
            this.pipeline = pipeline;
            this.failure = failure;
            this.published = published;
            this.closeAfter = closeAfter;
            this.closePoint = closePoint;
        }

        @Override
        public void stream(final MessagePublisher publisher) throws Exception
        {
            try
            {
                final int messages = random.nextInt(20, FEED.size());
                final boolean untilClosed = random.nextInt(4) == 0;
                for (int i = 0; untilClosed || i < messages; i++)
                {
                    if (i == closeAfter)
                    {
                        closePoint.countDown();
                    }
                    if (random.nextInt(8) == 0)
                    {
                        misuse(publisher);
                    }
                    if (random.nextInt(30) == 0)
                    {
                        Misuse.changeSubscription(pipeline.get(), random);
                    }
                    final byte[] message = FEED.get(i % FEED.size());
                    final long result = publisher.publish(message, 0, message.length);
                    if (result == MessagePublisher.CLOSED)
                    {
                        return;
                    }
                    published.incrementAndGet();
                    accepted(result);
                }
            }
            finally
            {
                closePoint.countDown();
            }
            switch (random.nextInt(5))
            {
                case 0 -> throw new IOException("the feed went away");
                case 1 -> throw new UnprintableException();
                case 2 -> throw new UnprintableError();
                default ->
                {
                }
            }
        }

        /** A non-negative result is the next number: a bad call before it claimed nothing. */
        private void accepted(final long result)
        {
            if (result >= 0)
            {
                if (result != nextAccepted)
                {
                    failure.compareAndSet(null, "accepted #" + result + ", expected #" + nextAccepted);
                }
                nextAccepted = result + 1;
            }
        }

        private void misuse(final MessagePublisher publisher)
        {
            final long received = pipeline.get().metrics().received(); // this thread is its writer
            final byte[] message = FEED.get(random.nextInt(FEED.size()));
            final int kind = random.nextInt(9);
            try
            {
                final long result = switch (kind)
                {
                    case 0 -> publisher.publish(null, 0, 1);
                    case 1 -> publisher.publish(message, -1 - random.nextInt(5), 4);
                    case 2 -> publisher.publish(message, 0, message.length + 1 + random.nextInt(5));
                    case 3 -> publisher.publish(message, random.nextInt(message.length), -1 - random.nextInt(5));
                    case 4 -> publisher.publish(message, message.length, 1, System.nanoTime());
                    case 5 -> publisher.publish((ByteBuffer)null);
                    case 6 -> publisher.publishStatus(null, 0, "no kind");
                    case 7 -> publisher.publishError(ErrorKind.CONNECTION_ERROR, 0, "ends the stream");
                    default -> publisher.publishStatus(StatusKind.CONNECTED, 0, new UnreadableText());
                };
                if (kind != 8 || result != MessagePublisher.CLOSED) // a closed publisher reads no text
                {
                    failure.compareAndSet(null, "bad call " + kind + " did not throw: " + result);
                }
            }
            catch (final IndexOutOfBoundsException | NullPointerException | IllegalArgumentException expected)
            {
                // as documented
            }
            catch (final RuntimeException ex)
            {
                if (kind != 8)
                {
                    failure.compareAndSet(null, "bad call " + kind + " threw " + ex);
                }
            }
            if (pipeline.get().metrics().received() != received)
            {
                failure.compareAndSet(null, "bad call " + kind + " counted a message");
            }
        }
    }

    private static final class UnreadableText implements CharSequence
    {
        @Override
        public int length()
        {
            return 3;
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

    /** An exception that cannot be printed: its toString and getMessage throw. */
    private static final class UnprintableException extends RuntimeException
    {
        @Override
        public String getMessage()
        {
            throw new UnsupportedOperationException("unprintable");
        }

        @Override
        public String toString()
        {
            throw new UnsupportedOperationException("unprintable");
        }
    }

    /** An Error, not a VirtualMachineError, that cannot be printed either. */
    private static final class UnprintableError extends Error
    {
        @Override
        public String getMessage()
        {
            throw new UnsupportedOperationException("unprintable");
        }

        @Override
        public String toString()
        {
            throw new UnsupportedOperationException("unprintable");
        }
    }
}
