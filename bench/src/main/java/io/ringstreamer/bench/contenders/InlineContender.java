package io.ringstreamer.bench.contenders;

import io.ringstreamer.bench.harness.BarSink;
import io.ringstreamer.bench.harness.Contender;
import io.ringstreamer.bench.harness.Feed;
import io.ringstreamer.bench.harness.ResultCounter;
import io.ringstreamer.bench.harness.Work;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.worker.ResultSink;

import java.util.List;

/**
 * The problem ring-streamer solves: the reader thread does everything. One thread takes each message,
 * copies it, decodes it, runs every subscribed symbol's component and delivers each result itself;
 * it reads the next message only when all that is done.
 *
 * <p>Threads: one, {@code inline-reader}, started and joined by {@link #run} (not the caller's thread,
 * so that it is measured like the other designs); it owns the decoder, the components and the
 * {@link ResultCounter}. {@code shards} is ignored.
 */
public final class InlineContender implements Contender
{
    @Override
    public String name()
    {
        return "inline";
    }

    @Override
    public void run(final List<String> symbols, final int shards, final Work work, final Feed feed,
                    final ResultCounter results) throws Exception
    {
        final RunThreads threads = new RunThreads("inline");
        threads.start("reader", () -> read(new SymbolShard(symbols, 0, 1, work), feed, new DirectSink(results)));
        threads.joinAll();
    }

    private static void read(final SymbolShard shard, final Feed feed, final DirectSink sink)
    {
        // The contract's copy: one reused buffer is enough, as each message is done with before the next read.
        byte[] buffer = new byte[2048];
        for (long i; (i = feed.next()) >= 0; )
        {
            final byte[] message = feed.message(i);
            sink.receiveNanos = feed.intendedNanos(i);
            final long start = System.nanoTime();
            if (message.length > buffer.length)
            {
                buffer = new byte[message.length];
            }
            System.arraycopy(message, 0, buffer, 0, message.length);
            shard.onMessage(buffer, message.length, sink);
            feed.handedOff(start);
        }
    }

    /** Delivers each bar straight to the counter, on the reader thread; rejected entries are not results. */
    private static final class DirectSink extends BarSink
    {
        private final ResultCounter results;
        private long receiveNanos;

        private DirectSink(final ResultCounter results)
        {
            this.results = results;
        }

        @Override
        public void bar(final double open, final double high, final double low, final double close,
                        final long volume, final long barStartMillis)
        {
            results.onResult(receiveNanos, volume);
        }

        @Override
        public void reject(final ErrorKind kind, final String reason)
        {
            // not a result: the benchmark's messages hold no invalid entries
        }
    }
}
