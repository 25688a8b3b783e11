package io.ringstreamer.bench;

import io.ringstreamer.Pipeline;
import io.ringstreamer.metrics.MetricsSnapshot;
import io.ringstreamer.result.BarView;
import io.ringstreamer.result.ErrorView;
import io.ringstreamer.result.ResultListener;
import io.ringstreamer.source.OverflowPolicy;
import io.ringstreamer.testing.CycledBarTimes;
import io.ringstreamer.testing.SyntheticBars;
import org.HdrHistogram.Histogram;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What the reader pays to hand a message over: the time of each {@code publish} call on the streamer
 * thread, as percentiles, in three situations of one pipeline at its default settings (1 shard,
 * ring of 4,096, {@code SPILL} with a 256 MiB in-memory store):
 * <ul>
 *   <li>{@code ring}: the ring has room (bursts of 2,048 into a ring of 4,096, each once the last has
 *   been delivered), the ordinary case;</li>
 *   <li>{@code spill, cold}: the listener is held, so all but the first 4,096 messages spill, and
 *   the store allocates its 1 MiB chunks as it first reaches them;</li>
 *   <li>{@code spill, warm}: the same again on the same pipeline after the store has drained, reusing
 *   its chunks (the steady state of a pipeline that has spilled before).</li>
 * </ul>
 * It also reports the largest spill against the budget. Each call is timed with {@code System.nanoTime()}
 * (about 20 ns of the figure is the clock itself).
 *
 * <pre>
 * mvn -B -ntp -pl bench -am package -DskipTests
 * java -cp bench/target/benchmarks.jar io.ringstreamer.bench.SpillHandoff [MESSAGES (200000)] [ROUNDS (3)]
 * </pre>
 */
public final class SpillHandoff
{
    private static final List<String> SYMBOLS = SyntheticBars.symbols(50);

    private SpillHandoff()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final int messages = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        final int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        final List<byte[]> original = SyntheticBars.messages(SYMBOLS, 1, messages, 42);
        System.out.printf(Locale.ROOT, "%d cores, Java %s, %d messages of about %d bytes a pass%n",
            Runtime.getRuntime().availableProcessors(), Runtime.version(), messages, original.get(0).length);
        System.out.println("| round | case | p50 ns | p99 ns | p99.9 ns | max ns | spilled (both passes) | largest spill |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (int round = 1; round <= rounds; round++)
        {
            // A fresh copy each round: a minute a message, three passes stay behind today's clock
            // (bars a day ahead of it are rejected) up to about 300,000 messages.
            run(round, CycledBarTimes.copies(original));
        }
    }

    private static void run(final int round, final List<byte[]> feed) throws Exception
    {
        final CycledBarTimes times = new CycledBarTimes(feed); // each pass a cycle later: every bar is new
        final HeldListener listener = new HeldListener();
        final Histogram[] histograms = {histogram(), histogram(), histogram()};
        final CountDownLatch[] phases = {new CountDownLatch(1), new CountDownLatch(1)};
        final Pipeline pipeline = Pipeline.builder().symbols(SYMBOLS).shards(1).overflowPolicy(OverflowPolicy.SPILL)
            .streamer(publisher ->
            {
                // ring: in bursts of half the ring, each once the pipeline has caught up, so there is room
                listener.release();
                for (int i = 0; i < feed.size(); i++)
                {
                    final byte[] message = feed.get(i);
                    final long start = System.nanoTime();
                    publisher.publish(message, 0, message.length);
                    histograms[0].recordValue(System.nanoTime() - start);
                    times.advance(i);
                    if (i % 2048 == 2047)
                    {
                        while (listener.bars <= i)
                        {
                            Thread.yield();
                        }
                    }
                }
                while (listener.bars < feed.size())
                {
                    Thread.yield();
                }
                for (int pass = 1; pass <= 2; pass++)
                {
                    listener.hold();
                    for (int i = 0; i < feed.size(); i++)
                    {
                        final byte[] message = feed.get(i);
                        final long start = System.nanoTime();
                        publisher.publish(message, 0, message.length);
                        histograms[pass].recordValue(System.nanoTime() - start);
                        times.advance(i);
                    }
                    phases[pass - 1].countDown();
                    listener.release();
                    while (listener.bars < (pass + 1L) * feed.size())
                    {
                        Thread.onSpinWait();
                    }
                }
            })
            .listener(listener).build().start();
        assertTrue(phases[1].await(10, TimeUnit.MINUTES));
        assertTrue(pipeline.awaitTermination(10, TimeUnit.MINUTES));
        final MetricsSnapshot m = pipeline.metrics().snapshot();
        if (listener.errors > 0)
        {
            System.out.printf(Locale.ROOT, "(round %d: %d of the messages were rejected rather than turned into bars; " +
                "the first: %s)%n", round, listener.errors, listener.firstError);
        }
        final String[] cases = {"ring", "spill, cold", "spill, warm"};
        for (int i = 0; i < cases.length; i++)
        {
            final Histogram h = histograms[i];
            System.out.printf(Locale.ROOT, "| %d | %s | %d | %d | %d | %d | %s | %s |%n", round, cases[i],
                h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue(),
                i == 0 ? "" : String.valueOf(m.spilled()), i == 0 ? "" :
                    String.format(Locale.ROOT, "%.1f MiB of 256", m.largestSpillBytes() / 1048576.0));
        }
    }

    private static Histogram histogram()
    {
        return new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
    }

    private static void assertTrue(final boolean condition)
    {
        if (!condition)
        {
            throw new IllegalStateException("the run did not finish in time");
        }
    }

    /** Counts results (one a message: its bar, or its rejection); while held, blocks on its first call until released (the pipeline backs up). */
    private static final class HeldListener implements ResultListener
    {
        volatile long bars;
        private volatile CountDownLatch gate = new CountDownLatch(0);

        void hold()
        {
            gate = new CountDownLatch(1);
        }

        void release()
        {
            gate.countDown();
        }

        @Override
        public void onBar(final BarView bar)
        {
            try
            {
                gate.await();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            bars = bars + 1;
        }

        @Override
        public void onError(final ErrorView error)
        {
            if (errors++ == 0)
            {
                firstError = error.toError().toString();
            }
            onBar(null); // a rejected bar is its message's one result too
        }

        volatile long errors;
        volatile String firstError;
    }
}
