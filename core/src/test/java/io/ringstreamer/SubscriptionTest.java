package io.ringstreamer;

import io.ringstreamer.delivery.Administrator;
import io.ringstreamer.format.EntryView;
import io.ringstreamer.format.Service;
import io.ringstreamer.metrics.MetricsSnapshot;
import io.ringstreamer.result.BarView;
import io.ringstreamer.result.CustomView;
import io.ringstreamer.result.ErrorView;
import io.ringstreamer.result.QuoteView;
import io.ringstreamer.result.ResultListener;
import io.ringstreamer.result.StatusKind;
import io.ringstreamer.result.StatusView;
import io.ringstreamer.source.MessagePublisher;
import io.ringstreamer.source.Streamer;
import io.ringstreamer.testing.CyclingStreamer;
import io.ringstreamer.worker.Component;
import io.ringstreamer.worker.LevelOneQuotes;
import io.ringstreamer.worker.ResultSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Subscriptions while the pipeline runs: each change takes effect at its inbound sequence, a status
 * marks it, every entry of a subscribed symbol after it produces a result and none after an
 * unsubscription; a symbol subscribed again starts fresh; the streamer hears exactly what changed;
 * concurrent changes racing a close never hang and keep every count.
 */
@Timeout(120)
class SubscriptionTest
{
    private static final List<String> UNIVERSE = List.of("A", "B", "C", "D", "E", "F");
    /** Every message carries an entry for every symbol of the universe, so each gap in results shows. */
    private static final byte[] EVERY_SYMBOL = everySymbol();
    private static final long WAIT_SECONDS = 30;

    @ParameterizedTest(name = "{0} shards, decode {1}")
    @CsvSource({"1, AUTO", "2, AUTO", "3, AUTO", "2, ONCE"})
    void shouldDeliverResultsOnlyBetweenSubscribedAndUnsubscribedWhenChangedWhileStreaming(final int shards,
                                                                                      final DecodeMode decode)
        throws Exception
    {
        for (int iteration = 0; iteration < 100; iteration++)
        {
            final IntervalListener listener = new IntervalListener(List.of("A", "B"));
            final HookStreamer streamer = new HookStreamer(new CyclingStreamer(List.of(EVERY_SYMBOL), -1));
            // An endless feed outruns the shards: a small spill store keeps changes queued behind spilled
            // messages (what this tests too) without a long drain at close.
            final Pipeline pipeline = Pipeline.builder().symbols("A", "B").shards(shards).decode(decode).ringSize(256)
                .maxMessageBytes(4096).spillBudget(256 << 10)
                .replaceComponents(Service.CHART_EQUITY, EntryCounter::new)
                .streamer(streamer).listener(listener).build();
            pipeline.start();

            awaitResults(listener, "B", 10);
            pipeline.subscribe("B", "C");                 // B is already subscribed: only C changes
            awaitResults(listener, "C", 10);
            pipeline.unsubscribe("C", "D");               // D is not subscribed: only C changes
            pipeline.unsubscribe("D");                    // nothing at all
            awaitResults(listener, "B", listener.results("B") + 10);
            pipeline.subscribe("C");
            awaitResults(listener, "C", listener.results("C") + 5);
            pipeline.unsubscribe("A");
            awaitResults(listener, "B", listener.results("B") + 10);
            pipeline.close();
            assertTrue(pipeline.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS));

            assertEquals(List.of("+[A, B]", "+[C]", "-[C]", "+[C]", "-[A]"), streamer.calls());
            assertEquals(List.of("B", "C"), pipeline.symbols());
            listener.assertConsistent(pipeline.metrics().snapshot(), Set.of("B", "C"));
            assertEquals(2, pipeline.metrics().statuses(StatusKind.SUBSCRIBED), "C twice");
            assertEquals(2, pipeline.metrics().statuses(StatusKind.UNSUBSCRIBED), "C, then A");
            assertEquals(2, listener.intervalsStartedBy("C"), "C subscribed twice while running");
        }
    }

    @ParameterizedTest(name = "{0} shards, decode {1}")
    @CsvSource({"1, AUTO", "2, AUTO", "3, AUTO", "2, ONCE", "3, ONCE", "1, ONCE"})
    void shouldStartAQuoteMergeFromEmptyWhenASymbolIsSubscribedAgain(final int shards, final DecodeMode decode)
        throws Exception
    {
        final StepStreamer streamer = new StepStreamer();
        final QuoteListener listener = new QuoteListener();
        try (Pipeline pipeline = Pipeline.builder().symbols("A", "B").shards(shards).decode(decode)
            .replaceComponents(Service.LEVELONE_EQUITIES, LevelOneQuotes::new)
            .streamer(streamer).listener(listener).build().start())
        {
            streamer.step(quote("X", "\"bid\":1.0,\"ask\":2.0"));    // X is not subscribed: nothing
            pipeline.subscribe("X");
            streamer.step(quote("X", "\"bid\":1.5"));                // fresh: no ask yet
            streamer.step(quote("X", "\"ask\":2.5"));                // merged with the bid
            pipeline.unsubscribe("X");
            streamer.step(quote("X", "\"bid\":3.0,\"ask\":4.0"));    // dropped: nothing
            pipeline.subscribe("X");
            streamer.step(quote("X", "\"bid\":5.0"));                // fresh again: the old ask is gone
            streamer.finish();
            assertTrue(pipeline.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS));
        }
        assertEquals(List.of(
            "Subscribed X @1",
            "X @2 bid=1.5 ask=NaN",
            "X @3 bid=1.5 ask=2.5",
            "Unsubscribed X @4",
            "Subscribed X @6",
            "X @7 bid=5.0 ask=NaN"), listener.events);
    }

    @ParameterizedTest(name = "{0} shards, decode {1}")
    @CsvSource({"1, AUTO", "2, AUTO", "3, AUTO", "3, ONCE"})
    void shouldNeverHangAndKeepEveryCountWhenThreadsChangeSubscriptionsWhileCloseRaces(final int shards,
                                                                                   final DecodeMode decode)
        throws Exception
    {
        for (int iteration = 0; iteration < 100; iteration++)
        {
            final SplittableRandom random = new SplittableRandom(iteration * 31L + shards);
            final List<String> initial = List.of("A", "B", "C");
            final IntervalListener listener = new IntervalListener(initial);
            final HookStreamer streamer = new HookStreamer(new CyclingStreamer(List.of(EVERY_SYMBOL), -1));
            final Pipeline pipeline = Pipeline.builder().symbols(initial).shards(shards).decode(decode).ringSize(64)
                .maxMessageBytes(4096).spillBudget(256 << 10) // an endless feed: a small spill
                .resultRingSize(64).replaceComponents(Service.CHART_EQUITY, EntryCounter::new)
                .streamer(streamer).listener(listener).build().start();

            final int threads = 3;
            final AtomicLong operations = new AtomicLong();
            final CountDownLatch done = new CountDownLatch(threads);
            final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
            for (int t = 0; t < threads; t++)
            {
                final long seed = random.nextLong();
                final Thread changer = new Thread(() ->
                {
                    try
                    {
                        final SplittableRandom mine = new SplittableRandom(seed);
                        for (int op = 0; op < 40; op++)
                        {
                            final String one = UNIVERSE.get(mine.nextInt(UNIVERSE.size()));
                            final String two = UNIVERSE.get(mine.nextInt(UNIVERSE.size()));
                            if (mine.nextBoolean())
                            {
                                pipeline.subscribe(one, two);
                            }
                            else
                            {
                                pipeline.unsubscribe(one, two);
                            }
                            operations.incrementAndGet();
                        }
                    }
                    catch (final Throwable ex)
                    {
                        failures.add(ex);
                    }
                    finally
                    {
                        done.countDown();
                    }
                }, "changer-" + t);
                changer.start();
            }
            final long closeAfter = random.nextInt(threads * 40);
            awaitCondition(() -> operations.get() >= closeAfter, "operations before the close");
            pipeline.close();
            assertTrue(pipeline.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS), "terminated");
            assertTrue(done.await(WAIT_SECONDS, TimeUnit.SECONDS), "every changer returned");
            assertEquals(List.of(), failures);

            final Set<String> finalSet = new LinkedHashSet<>(pipeline.symbols());
            listener.assertConsistent(pipeline.metrics().snapshot(), finalSet);
            assertEquals(finalSet, streamer.replay(initial), "the streamer heard exactly the changes");
            assertEquals(streamer.changeCount(), pipeline.metrics().statuses(StatusKind.SUBSCRIBED) +
                pipeline.metrics().statuses(StatusKind.UNSUBSCRIBED), "one status per change: " + streamer.calls());
        }
    }

    @Test
    void shouldChangeTheInitialSetWithoutStatusesBeforeStartAndNothingAfterTheEnd() throws Exception
    {
        final StepStreamer steps = new StepStreamer();
        final HookStreamer streamer = new HookStreamer(steps);
        final IntervalListener listener = new IntervalListener(List.of("B", "C"));
        final Pipeline pipeline = Pipeline.builder().symbols("A", "B").shards(2)
            .replaceComponents(Service.CHART_EQUITY, EntryCounter::new)
            .streamer(streamer).listener(listener).build();
        pipeline.subscribe("C");
        pipeline.unsubscribe("A");
        pipeline.subscribe("A");
        pipeline.unsubscribe("A");
        assertEquals(List.of("B", "C"), pipeline.symbols());
        assertThrows(IllegalArgumentException.class, () -> pipeline.subscribe("D", "E F"));
        assertEquals(List.of("B", "C"), pipeline.symbols(), "nothing changed by a refused call");
        pipeline.start();
        steps.step(EVERY_SYMBOL);
        steps.finish();
        assertTrue(pipeline.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS));

        pipeline.subscribe("D");
        pipeline.unsubscribe("B");
        assertEquals(List.of("B", "C"), pipeline.symbols(), "no change after the end");
        assertEquals(List.of("+[B, C]"), streamer.calls(), "told once, at start, of the initial set");
        listener.assertConsistent(pipeline.metrics().snapshot(), Set.of("B", "C"));
        assertEquals(1, listener.results("B"));
        assertEquals(1, listener.results("C"));
        assertEquals(0, pipeline.metrics().snapshot().statusesDelivered());

        final Pipeline closed = Pipeline.builder().symbols("A").streamer(streamer).listener(listener).build();
        closed.close();
        closed.subscribe("B");
        assertEquals(List.of("A"), closed.symbols(), "no change after close");
    }

    private static byte[] everySymbol()
    {
        final StringBuilder json = new StringBuilder("{\"timestamp\":1,\"service\":\"CHART_EQUITY\",\"symbols\":{");
        for (int i = 0; i < UNIVERSE.size(); i++)
        {
            json.append(i == 0 ? "" : ",").append('"').append(UNIVERSE.get(i)).append("\":{\"open\":1}");
        }
        return json.append("}}").toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] quote(final String symbol, final String fields)
    {
        return ("{\"timestamp\":1,\"service\":\"LEVELONE_EQUITIES\",\"symbols\":{\"" + symbol + "\":{" + fields + "}}}")
            .getBytes(StandardCharsets.US_ASCII);
    }

    private static void awaitResults(final IntervalListener listener, final String symbol, final long atLeast)
    {
        awaitCondition(() -> listener.results(symbol) >= atLeast, symbol + " reaching " + atLeast + " results");
    }

    /** Polls an observable condition until a deadline. */
    static void awaitCondition(final BooleanSupplier condition, final String what)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.yield();
        }
    }

    /** One custom result per entry: how many entries this instance (this subscription) has seen. */
    static final class EntryCounter implements Component
    {
        private final double[] values = new double[1];
        private long count;

        @Override
        public void onEntry(final EntryView entry, final ResultSink out)
        {
            values[0] = ++count;
            out.custom(7, values, 1);
        }
    }

    /**
     * Checks online, on the administrator thread, that each symbol's results fall only inside its
     * subscribed intervals, count up from 1 in each (fresh state) and rise in sequence; records each
     * interval's bounds and results, and every change's sequence, for the checks after the end.
     */
    static final class IntervalListener implements ResultListener
    {
        private final Map<String, AtomicLong> results = new ConcurrentHashMap<>();
        // Administrator thread; read after termination.
        private final Map<String, long[]> open = new HashMap<>(); // symbol -> {from, results, last sequence}
        private final List<Object[]> intervals = new ArrayList<>(); // {symbol, from, to (-1: open at the end), results}
        private final Set<Long> changes = new TreeSet<>();
        private boolean spilling;
        private long spillStatuses;
        private final List<String> violations = new ArrayList<>();
        private long violationCount;
        private int ends;

        IntervalListener(final List<String> initial)
        {
            for (final String symbol : initial)
            {
                open.put(symbol, new long[] {-1, 0, -1});
            }
        }

        private void violation(final String what)
        {
            if (violationCount++ < 20) // the first few tell the story
            {
                violations.add(what);
            }
        }

        long results(final String symbol)
        {
            final AtomicLong count = results.get(symbol);
            return count == null ? 0 : count.get();
        }

        @Override
        public void onCustom(final CustomView result)
        {
            final long[] interval = open.get(result.symbol());
            if (interval == null)
            {
                violation(result.symbol() + " result @" + result.sequence() + " while unsubscribed");
                return;
            }
            if ((long)result.value(0) != interval[1] + 1 || result.sequence() <= interval[2])
            {
                violation(result.symbol() + " result " + result.value(0) + " @" + result.sequence() +
                    " after " + interval[1] + " results, last @" + interval[2]);
            }
            interval[1]++;
            interval[2] = result.sequence();
            results.computeIfAbsent(result.symbol(), s -> new AtomicLong()).incrementAndGet();
        }

        @Override
        public void onStatus(final StatusView status)
        {
            if (status.kind() == StatusKind.SPILL_FULL)
            {
                spillStatuses++; // the small store filled: the reader waited
                return;
            }
            if (status.kind() == StatusKind.SPILLING || status.kind() == StatusKind.CAUGHT_UP)
            {
                // the small ring overflows: a spill opens and closes, alternately, riding on other events
                if ((status.kind() == StatusKind.SPILLING) == spilling)
                {
                    violation("spill statuses out of turn: " + status);
                }
                spilling = !spilling;
                spillStatuses++;
                return;
            }
            final String symbol = status.symbol();
            if (!changes.add(status.sequence()))
            {
                violation("two changes @" + status.sequence());
            }
            if (status.kind() == StatusKind.SUBSCRIBED)
            {
                if (open.putIfAbsent(symbol, new long[] {status.sequence(), 0, status.sequence()}) != null)
                {
                    violation(symbol + " subscribed twice @" + status.sequence());
                }
            }
            else if (status.kind() == StatusKind.UNSUBSCRIBED)
            {
                final long[] interval = open.remove(symbol);
                if (interval == null)
                {
                    violation(symbol + " unsubscribed while not subscribed @" + status.sequence());
                    return;
                }
                intervals.add(new Object[] {symbol, interval[0], status.sequence(), interval[1]});
            }
            else
            {
                violation("unexpected status " + status);
            }
        }

        @Override
        public void onBar(final BarView bar)
        {
            violation("bar " + bar);
        }

        @Override
        public void onError(final ErrorView error)
        {
            violation("error " + error);
        }

        @Override
        public void onEndOfStream()
        {
            ends++;
            open.forEach((symbol, interval) -> intervals.add(new Object[] {symbol, interval[0], -1L, interval[1]}));
        }

        /** How many of {@code symbol}'s intervals began with a {@code Subscribed} status. After the end. */
        long intervalsStartedBy(final String symbol)
        {
            return intervals.stream().filter(i -> i[0].equals(symbol) && (long)i[1] >= 0).count();
        }

        /**
         * After termination: no violation; conservation; every data message inside a subscribed interval
         * produced a result for the symbol (every message carries every symbol, so an interval
         * {@code (from, to)} holds {@code to - from - 1} sequences less the changes among them); the
         * symbols subscribed at the end are {@code finalSet}.
         */
        void assertConsistent(final MetricsSnapshot metrics, final Set<String> finalSet)
        {
            assertEquals(List.of(), violations, violationCount + " violations");
            assertEquals(1, ends);
            assertEquals(metrics.received(), metrics.processed() + metrics.rejected() + metrics.dropped(), metrics.toString());
            assertEquals(0, metrics.inFlight());
            assertEquals(changes.size() + spillStatuses, metrics.statusesDelivered());
            assertEquals(false, spilling, "every spill closed by CaughtUp");
            final long end = metrics.received() + changes.size(); // the end marker's sequence
            final Set<String> openAtEnd = new TreeSet<>();
            for (final Object[] interval : intervals)
            {
                final long from = (long)interval[1];
                final long to = (long)interval[2] < 0 ? end : (long)interval[2];
                if ((long)interval[2] < 0)
                {
                    openAtEnd.add((String)interval[0]);
                }
                final long changesInside = changes.stream().filter(s -> s > from && s < to).count();
                assertEquals(to - from - 1 - changesInside, (long)interval[3],
                    "results of " + interval[0] + " in (" + from + ", " + to + ")");
            }
            assertEquals(new TreeSet<>(finalSet), openAtEnd);
        }
    }

    /** Records the subscription hooks' calls ("+[A, B]", "-[C]"), then streams with its delegate. */
    static final class HookStreamer implements Streamer
    {
        private final Streamer delegate;
        private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        private final List<List<String>> changes = Collections.synchronizedList(new ArrayList<>());
        private final List<Boolean> added = Collections.synchronizedList(new ArrayList<>());

        HookStreamer(final Streamer delegate)
        {
            this.delegate = delegate;
        }

        @Override
        public void stream(final MessagePublisher publisher) throws Exception
        {
            delegate.stream(publisher);
        }

        @Override
        public void subscribe(final List<String> symbols)
        {
            record(symbols, true);
        }

        @Override
        public void unsubscribe(final List<String> symbols)
        {
            record(symbols, false);
        }

        private synchronized void record(final List<String> symbols, final boolean add)
        {
            calls.add((add ? "+" : "-") + symbols);
            changes.add(symbols);
            added.add(add);
        }

        /** How many symbols changed after the initial call. */
        synchronized long changeCount()
        {
            return changes.stream().skip(1).mapToLong(List::size).sum();
        }

        List<String> calls()
        {
            return List.copyOf(calls);
        }

        /** Applies every call after the first to {@code initial}, checking that each one changes what it names. */
        synchronized Set<String> replay(final List<String> initial)
        {
            assertEquals("+" + initial, calls.get(0));
            final Set<String> set = new LinkedHashSet<>(initial);
            for (int i = 1; i < changes.size(); i++)
            {
                assertFalse(changes.get(i).isEmpty());
                for (final String symbol : changes.get(i))
                {
                    assertTrue(added.get(i) ? set.add(symbol) : set.remove(symbol), calls.get(i));
                }
            }
            return set;
        }
    }

    /** Publishes one message per {@link #step}, returning once it is in the ring. */
    static final class StepStreamer implements Streamer
    {
        private static final byte[] END = new byte[0];
        private final BlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
        private final Semaphore published = new Semaphore(0);

        @Override
        public void stream(final MessagePublisher publisher) throws InterruptedException
        {
            byte[] message;
            while ((message = queue.take()) != END)
            {
                publisher.publish(message, 0, message.length);
                published.release();
            }
        }

        void step(final byte[] message) throws InterruptedException
        {
            queue.add(message);
            assertTrue(published.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS));
        }

        void finish()
        {
            queue.add(END);
        }
    }

    /** Records quotes and statuses as lines, in delivery order. */
    static final class QuoteListener implements ResultListener
    {
        final List<String> events = new ArrayList<>();

        @Override
        public void onQuote(final QuoteView quote)
        {
            events.add(quote.symbol() + " @" + quote.sequence() + " bid=" + quote.bid() + " ask=" + quote.ask());
        }

        @Override
        public void onStatus(final StatusView status)
        {
            events.add(status.kind().label() + " " + status.symbol() + " @" + status.sequence());
        }

        @Override
        public void onBar(final BarView bar)
        {
            events.add("bar " + bar);
        }

        @Override
        public void onError(final ErrorView error)
        {
            events.add("error " + error.toError());
        }
    }
}
