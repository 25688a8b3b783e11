package io.ringstreamer;

import io.ringstreamer.delivery.Administrator;
import io.ringstreamer.result.BarView;
import io.ringstreamer.result.BookView;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.ErrorView;
import io.ringstreamer.result.NewsView;
import io.ringstreamer.result.QuoteView;
import io.ringstreamer.result.ResultListener;
import io.ringstreamer.result.StatusKind;
import io.ringstreamer.result.StatusView;
import io.ringstreamer.result.TradeView;
import io.ringstreamer.source.MessagePublisher;
import io.ringstreamer.source.Streamer;
import io.ringstreamer.testing.CycledBarTimes;
import io.ringstreamer.testing.SyntheticBars;
import io.ringstreamer.testing.SyntheticServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Steady state allocates nothing from publish to listener callback: each pipeline thread's allocated
 * bytes are read (com.sun.management.ThreadMXBean) around 200,000 messages after a warm-up of
 * 200,000, and must stay under a small bound per message: for bars over 1 to 4 shards (each shard
 * decoding every message, or shard 0 decoding once for all), for a
 * stream of every service (bars, quotes, books, trades, UTF-8 headlines, and rejected prints), and for
 * bars interleaved with the streamer's statuses and errors.
 */
@Timeout(120)
class ZeroAllocationTest
{
    private static final int WARM_UP = 200_000;
    private static final int MEASURED = 200_000;
    private static final int SYMBOLS_PER_MESSAGE = 2;
    /**
     * Bytes per message allowed across all pipeline threads. An allocation per message costs at least
     * 16 bytes (the smallest object), so even one in 64 messages shows; a one-off (a deoptimisation
     * materialising scalar-replaced objects under load, seen once at 15 KB) does not fail the test.
     */
    private static final double BOUND_BYTES_PER_MESSAGE = 0.25;
    /** {@code statusEvery} for a streamer that writes each message into a claim instead of publishing it. */
    private static final int CLAIM = -1;
    /** What the streamer says with each status and error, when it publishes them. */
    private static final String STATUS_TEXT = "slow client: reconnecting";

    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    @ParameterizedTest(name = "{0} shards, decode {1}")
    @CsvSource({"1, AUTO", "2, AUTO", "4, AUTO", "1, ONCE", "2, ONCE", "4, ONCE"})
    void shouldAllocateNothingPerMessageInSteadyStateWhenSharded(final int shards, final DecodeMode decode)
        throws Exception
    {
        final List<String> symbols = SyntheticBars.symbols(64);
        final SummingListener listener = measure(shards, SyntheticBars.messages(symbols, SYMBOLS_PER_MESSAGE, 4096, 11),
            symbols, Pipeline.builder().decode(decode), 0);
        assertEquals((long)(WARM_UP + MEASURED) * SYMBOLS_PER_MESSAGE, listener.bars);
        assertEquals(0, listener.errors);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldAllocateNothingPerMessageInSteadyStateWhenTheStreamerPublishesStatusesAndErrors(final int shards)
        throws Exception
    {
        final List<String> symbols = SyntheticBars.symbols(64);
        final int every = 8;
        final SummingListener listener = measure(shards, SyntheticBars.messages(symbols, SYMBOLS_PER_MESSAGE, 4096, 17),
            symbols, Pipeline.builder(), every);
        assertEquals((long)(WARM_UP + MEASURED) * SYMBOLS_PER_MESSAGE, listener.bars);
        assertEquals((WARM_UP + MEASURED) / every, listener.statuses);
        assertEquals((WARM_UP + MEASURED) / every, listener.errors);
        assertEquals((long)(WARM_UP + MEASURED) / every * (407 + STATUS_TEXT.length()), listener.codesAndLengths);
    }

    @ParameterizedTest(name = "{0} shards, decode {1}")
    @CsvSource({"1, AUTO", "2, EACH_SHARD", "2, ONCE"})
    void shouldAllocateNothingPerMessageInSteadyStateWhenEveryServiceStreams(final int shards, final DecodeMode decode)
        throws Exception
    {
        final List<String> symbols = SyntheticBars.symbols(64);
        // 200,000 distinct messages: trade sequence numbers keep rising through warm-up and measurement.
        final SummingListener listener = measure(shards, SyntheticServices.messages(symbols, WARM_UP, 13), symbols,
            Pipeline.builder().bookDepth(5).decode(decode), 0);
        final long perKind = (long)(WARM_UP + MEASURED) / 5 * SYMBOLS_PER_MESSAGE;
        assertEquals(perKind, listener.bars);
        assertEquals(perKind, listener.quotes);
        assertEquals(perKind, listener.books);
        assertEquals(perKind, listener.news);
        assertTrue(listener.trades > 0, "trades (the second pass replays sequence numbers: rejected, also measured)");
        assertEquals(perKind * 5, listener.bars + listener.quotes + listener.books + listener.news + listener.trades +
            listener.errors);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldAllocateNothingPerMessageInSteadyStateWhenComponentsReadTheirContextAndTheSymbolsState(final int shards)
        throws Exception
    {
        final List<String> symbols = SyntheticBars.symbols(64);
        final Pipeline.Builder builder = Pipeline.builder().bookDepth(5);
        for (final io.ringstreamer.format.Service service : io.ringstreamer.format.Service.values())
        {
            builder.componentBySymbol(service, symbol -> new ContextReader());
        }
        final SummingListener listener = measure(shards, SyntheticServices.messages(symbols, WARM_UP, 13), symbols,
            builder, 0);
        final long perKind = (long)(WARM_UP + MEASURED) / 5 * SYMBOLS_PER_MESSAGE;
        assertEquals(perKind, listener.quotes);
        assertEquals(perKind, listener.books);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldAllocateNothingPerMessageInSteadyStateWhenTheStreamerClaimsAndCommits(final int shards) throws Exception
    {
        final List<String> symbols = SyntheticBars.symbols(64);
        final SummingListener listener = measure(shards, SyntheticBars.messages(symbols, SYMBOLS_PER_MESSAGE, 4096, 19),
            symbols, Pipeline.builder(), CLAIM);
        assertEquals((long)(WARM_UP + MEASURED) * SYMBOLS_PER_MESSAGE, listener.bars);
        assertEquals(0, listener.errors);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldAllocateNothingPerMessageInSteadyStateWhenALiveAdapterWritesInPlace(final int shards) throws Exception
    {
        // Alpaca frames of two quotes each, translated by the adapter into the inbound ring's claimed slots.
        final List<String> symbols = SyntheticBars.symbols(64);
        final List<byte[]> frames = new java.util.ArrayList<>();
        for (int i = 0; i < symbols.size(); i += SYMBOLS_PER_MESSAGE)
        {
            final StringBuilder frame = new StringBuilder("[");
            for (int s = i; s < i + SYMBOLS_PER_MESSAGE; s++)
            {
                frame.append(s > i ? "," : "").append("{\"T\":\"q\",\"S\":\"").append(symbols.get(s))
                    .append("\",\"bx\":\"U\",\"bp\":87.").append(10 + s).append(",\"bs\":1,\"ax\":\"Q\",\"ap\":88.")
                    .append(10 + s).append(",\"as\":4,\"t\":\"2021-02-22T15:51:45.335689322Z\",\"c\":[\"R\"],\"z\":\"C\"}");
            }
            frames.add(frame.append(']').toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        // BLOCK: the adapter is slower than the shards, so whether it spills, and reaches a spill chunk first in
        // the measured part, would be a matter of timing; the spill path is measured by the tests above.
        final SummingListener listener = measure(shards, frames, symbols,
            Pipeline.builder().overflowPolicy(io.ringstreamer.source.OverflowPolicy.BLOCK), 0,
            new io.ringstreamer.source.live.AlpacaProtocol("key", "secret"));
        assertEquals((long)(WARM_UP + MEASURED) * SYMBOLS_PER_MESSAGE, listener.quotes);
        assertEquals(0, listener.errors);
    }

    /** Reads every field of the entry's context and the symbol's state; publishes nothing. Shard thread. */
    private static final class ContextReader implements io.ringstreamer.worker.Component
    {
        double sum;

        @Override
        public void onEntry(final io.ringstreamer.format.EntryView entry, final io.ringstreamer.worker.ResultSink out)
        {
            final io.ringstreamer.worker.EntryContext context = out.context();
            sum += context.symbol().length() + context.service().ordinal() + context.messageTimestamp() +
                context.sequence() + context.receiveNanos() + (context.rejectedEarlier() ? 1 : 0) +
                context.levelOne().mid() + context.levelOne().totalVolume() + context.book().bestBid() +
                context.book().bidLevels();
        }
    }

    /**
     * @param statusEvery also publish a status and an error after every {@code statusEvery}-th message (0: never;
     *                    {@link #CLAIM}: never, and claim and commit each message instead of publishing it).
     */
    private static SummingListener measure(
        final int shards, final List<byte[]> messages, final List<String> symbols, final Pipeline.Builder builder,
        final int statusEvery)
        throws Exception
    {
        return measure(shards, messages, symbols, builder, statusEvery, null);
    }

    /** @param adapter if not null, {@code messages} are its server messages, each handed to it to translate and publish. */
    private static SummingListener measure(
        final int shards, final List<byte[]> messages, final List<String> symbols, final Pipeline.Builder builder,
        final int statusEvery, final io.ringstreamer.source.live.FeedProtocol adapter)
        throws Exception
    {
        assertTrue(THREADS.isThreadAllocatedMemorySupported());
        final SummingListener listener = new SummingListener();
        final MeasuredStreamer streamer = new MeasuredStreamer(messages, listener, statusEvery, adapter);

        // A small spill budget: the warm-up fills it (its chunks are allocated once), so the measured part
        // also spills and falls back to waiting, as a streamer that outruns its shards does for ever.
        try (Pipeline pipeline = builder.symbols(symbols).shards(shards).spillBudget(4L << 20)
            .streamer(streamer).listener(listener).build().start())
        {
            assertTrue(streamer.warmedUp.await(60, TimeUnit.SECONDS));
            final List<Thread> handlers = pipeline.threads().subList(1, pipeline.threads().size());
            final long[] before = allocated(handlers);
            streamer.go.countDown();
            assertTrue(streamer.measured.await(60, TimeUnit.SECONDS));
            final long[] after = allocated(handlers);

            final StringBuilder report = new StringBuilder();
            long total = streamer.allocatedWhileMeasured;
            report.append("streamer=").append(streamer.allocatedWhileMeasured).append("B");
            for (int i = 0; i < handlers.size(); i++)
            {
                final long bytes = after[i] - before[i];
                total += Math.max(0, bytes); // the counter can step back a few bytes; never let that hide an allocation
                report.append(' ').append(handlers.get(i).getName()).append('=').append(bytes).append('B');
            }
            final double perMessage = (double)total / MEASURED;
            System.out.printf("zero-allocation, %d shard(s): %.4f B/message over %d messages (%s)%n",
                shards, perMessage, MEASURED, report);
            assertTrue(perMessage <= BOUND_BYTES_PER_MESSAGE, perMessage + " B/message: " + report);
            assertTrue(pipeline.awaitTermination(60, TimeUnit.SECONDS));
        }
        return listener;
    }

    @ParameterizedTest
    @CsvSource({"1,OWN", "2,OWN", "1,FIRST_SHARD", "2,FIRST_SHARD", "1,"}) // "1,": the default journal(journal)
    void shouldAllocateNothingPerMessageInSteadyStateWhenJournaling(final int shards, final JournalThread thread)
        throws Exception
    {
        // The journal's thread is measured with the others; the journal itself only sums the bytes.
        final List<String> symbols = SyntheticBars.symbols(64);
        final ChecksumJournal journal = new ChecksumJournal();
        final SummingListener listener = measure(shards, SyntheticBars.messages(symbols, SYMBOLS_PER_MESSAGE, 4096, 17),
            symbols, thread == null ? Pipeline.builder().journal(journal) : Pipeline.builder().journal(journal, thread), 0);
        assertEquals((long)(WARM_UP + MEASURED) * SYMBOLS_PER_MESSAGE, listener.bars);
        assertEquals(WARM_UP + MEASURED, journal.messages);
    }

    @Test
    void shouldCountEveryThreadsAllocationWhenSomethingDoesAllocate()
    {
        // The instrument itself: a thread that allocates must show it, or the test above proves nothing.
        final long before = THREADS.getCurrentThreadAllocatedBytes();
        final Object[] garbage = new Object[MEASURED];
        for (int i = 0; i < garbage.length; i++)
        {
            garbage[i] = new long[2];
        }
        assertTrue(THREADS.getCurrentThreadAllocatedBytes() - before > MEASURED * 16L, "garbage of " + garbage.length);
    }

    private static long[] allocated(final List<Thread> threads)
    {
        final long[] bytes = new long[threads.size()];
        for (int i = 0; i < bytes.length; i++)
        {
            bytes[i] = THREADS.getThreadAllocatedBytes(threads.get(i).getId());
        }
        return bytes;
    }

    /** A journal that reads every byte and keeps nothing. Journal thread. */
    private static final class ChecksumJournal implements io.ringstreamer.source.InboundJournal
    {
        long messages;
        long sum;

        @Override
        public void onStart()
        {
        }

        @Override
        public void append(final byte[] buffer, final int offset, final int length, final long sequence,
            final long receiveNanos)
        {
            for (int i = offset; i < offset + length; i++)
            {
                sum += buffer[i];
            }
            sum += sequence + receiveNanos;
            messages++;
        }

        @Override
        public void onEndOfStream()
        {
        }

        @Override
        public void close()
        {
        }
    }

    /** Light work that allocates nothing: counts every kind and reads a value of each. Administrator thread. */
    private static final class SummingListener implements ResultListener
    {
        volatile long results; // single writer
        long bars;
        long quotes;
        long books;
        long trades;
        long news;
        long errors;
        long statuses;
        long codesAndLengths;
        double sum;

        @Override
        public void onBar(final BarView bar)
        {
            sum += bar.volume();
            bars++;
            results = results + 1;
        }

        @Override
        public void onQuote(final QuoteView quote)
        {
            sum += quote.mid();
            quotes++;
            results = results + 1;
        }

        @Override
        public void onBook(final BookView book)
        {
            sum += book.imbalance() + book.bidPrice(0);
            books++;
            results = results + 1;
        }

        @Override
        public void onTrade(final TradeView trade)
        {
            sum += trade.vwap();
            trades++;
            results = results + 1;
        }

        @Override
        public void onNews(final NewsView headline)
        {
            sum += headline.headline().charAt(0) + headline.headline().length();
            news++;
            results = results + 1;
        }

        @Override
        public void onError(final ErrorView error)
        {
            sum += error.message().length();
            codesAndLengths += error.code();
            errors++;
            results = results + 1;
        }

        @Override
        public void onStatus(final StatusView status)
        {
            if (status.kind() == StatusKind.SPILLING || status.kind() == StatusKind.CAUGHT_UP ||
                status.kind() == StatusKind.SPILL_FULL)
            {
                spillStatuses++; // the pipeline's own, when the streamer outruns the shards
                return;
            }
            codesAndLengths += status.message().length() + status.kind().ordinal() - StatusKind.RECONNECTING.ordinal();
            statuses++;
            results = results + 1;
        }

        long spillStatuses;
    }

    /**
     * Warms up, waits until the warm-up's results are delivered, lets the test read the handlers'
     * counters, then publishes the measured messages and reads its own counter around them.
     */
    private static final class MeasuredStreamer implements Streamer
    {
        final CountDownLatch warmedUp = new CountDownLatch(1);
        final CountDownLatch go = new CountDownLatch(1);
        final CountDownLatch measured = new CountDownLatch(1);
        volatile long allocatedWhileMeasured;
        private final byte[][] messages;
        private final CycledBarTimes times;
        private final SummingListener listener;
        private final int statusEvery;
        private final StringBuilder text = new StringBuilder(STATUS_TEXT); // reused, as a client library would
        private final io.ringstreamer.source.live.FeedProtocol adapter;
        private final List<String> replies = new java.util.ArrayList<>();

        MeasuredStreamer(final List<byte[]> messages, final SummingListener listener, final int statusEvery,
                         final io.ringstreamer.source.live.FeedProtocol adapter)
        {
            this.adapter = adapter;
            final List<byte[]> copies = CycledBarTimes.copies(messages);
            this.messages = copies.toArray(new byte[0][]);
            this.times = new CycledBarTimes(copies);
            this.listener = listener;
            this.statusEvery = statusEvery;
        }

        @Override
        public void stream(final MessagePublisher publisher) throws InterruptedException
        {
            if (adapter != null)
            {
                adapter.reset();
            }
            publishAndDrain(publisher, 0, WARM_UP);
            warmedUp.countDown();
            go.await();
            final long before = THREADS.getCurrentThreadAllocatedBytes();
            publishAndDrain(publisher, WARM_UP, WARM_UP + MEASURED);
            allocatedWhileMeasured = THREADS.getCurrentThreadAllocatedBytes() - before;
            measured.countDown();
        }

        private void publishAndDrain(final MessagePublisher publisher, final int from, final int to)
        {
            for (int i = from; i < to; i++)
            {
                final byte[] message = messages[i % messages.length];
                if (adapter != null) // a live adapter's server message, as WebSocketStreamer hands it over
                {
                    adapter.onMessage(message, 0, message.length, publisher, replies);
                }
                else if (statusEvery == CLAIM) // written in place, as a streamer that builds its messages would
                {
                    final io.ringstreamer.source.MessageClaim claim = publisher.claim(message.length);
                    System.arraycopy(message, 0, claim.buffer(), claim.offset(), message.length);
                    claim.commit(message.length);
                }
                else
                {
                    publisher.publish(message, 0, message.length);
                }
                times.advance(i % messages.length); // the next pass sends later bars, not duplicates
                if (statusEvery > 0 && (i + 1) % statusEvery == 0)
                {
                    publisher.publishStatus(StatusKind.RECONNECTING, i, text);
                    publisher.publishError(ErrorKind.PROTOCOL_ERROR, 407, text);
                }
            }
            final long expected = (long)to * SYMBOLS_PER_MESSAGE + (statusEvery > 0 ? 2L * (to / statusEvery) : 0);
            while (listener.results < expected)
            {
                Thread.onSpinWait();
            }
        }
    }
}
