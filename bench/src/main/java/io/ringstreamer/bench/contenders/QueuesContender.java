package io.ringstreamer.bench.contenders;

import io.ringstreamer.bench.harness.BarSink;
import io.ringstreamer.bench.harness.Contender;
import io.ringstreamer.bench.harness.Feed;
import io.ringstreamer.bench.harness.ResultCounter;
import io.ringstreamer.bench.harness.Work;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.worker.ResultSink;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The best plain-JDK design: ring-streamer's shape built from bounded {@link ArrayBlockingQueue}s.
 *
 * <pre>
 * reader ──byte[] copy──▶ one queue per shard ──▶ shard 0..K-1 ──▶ results queue ──▶ administrator
 * </pre>
 *
 * <p>Threads: {@code queues-reader} copies each message into a new {@code byte[]} and puts the same
 * immutable message on every shard's queue (blocking while one is full). Each {@code queues-shard-N}
 * decodes every message and runs the components of the symbols it owns (symbol {@code i} of the
 * subscription belongs to shard {@code i % K}, as in ring-streamer), putting a small result object on
 * the shared results queue for each bar. {@code queues-administrator} takes the results and delivers
 * them to the {@link ResultCounter}. End of stream: a poison pill on every shard's queue, which each
 * shard passes on; the administrator stops after K. Every queue holds 4096.
 */
public final class QueuesContender implements Contender
{
    private static final int CAPACITY = 4096;
    private static final Message END = new Message(new byte[0], 0);
    private static final Result SHARD_END = new Result(0, 0);

    @Override
    public String name()
    {
        return "queues";
    }

    @Override
    public void run(final List<String> symbols, final int shards, final Work work, final Feed feed,
                    final ResultCounter results) throws Exception
    {
        final RunThreads threads = new RunThreads("queues");
        final BlockingQueue<Result> resultQueue = new ArrayBlockingQueue<>(CAPACITY);
        final List<BlockingQueue<Message>> shardQueues = new ArrayList<>(shards);
        for (int shard = 0; shard < shards; shard++)
        {
            final BlockingQueue<Message> queue = new ArrayBlockingQueue<>(CAPACITY);
            final SymbolShard symbolShard = new SymbolShard(symbols, shard, shards, work);
            shardQueues.add(queue);
            threads.start("shard-" + shard, () -> process(symbolShard, queue, resultQueue));
        }
        threads.start("administrator", () -> administer(resultQueue, shards, results));
        threads.start("reader", () -> read(feed, shardQueues));
        threads.joinAll();
    }

    private static void read(final Feed feed, final List<BlockingQueue<Message>> shardQueues)
        throws InterruptedException
    {
        try
        {
            for (long i; (i = feed.next()) >= 0; )
            {
                final long receiveNanos = feed.intendedNanos(i);
                final long start = System.nanoTime();
                final Message message = new Message(feed.message(i).clone(), receiveNanos);
                for (final BlockingQueue<Message> queue : shardQueues)
                {
                    queue.put(message);
                }
                feed.handedOff(start);
            }
        }
        finally
        {
            for (final BlockingQueue<Message> queue : shardQueues)
            {
                queue.put(END);
            }
        }
    }

    private static void process(
        final SymbolShard shard, final BlockingQueue<Message> in, final BlockingQueue<Result> out)
        throws InterruptedException
    {
        final QueueSink sink = new QueueSink(out);
        try
        {
            for (Message message; (message = in.take()) != END; )
            {
                sink.receiveNanos = message.receiveNanos();
                shard.onMessage(message.bytes(), message.bytes().length, sink);
            }
        }
        finally
        {
            out.put(SHARD_END);
        }
    }

    private static void administer(final BlockingQueue<Result> in, final int shards, final ResultCounter results)
        throws InterruptedException
    {
        int ended = 0;
        while (ended < shards)
        {
            final Result result = in.take();
            if (result == SHARD_END)
            {
                ended++;
            }
            else
            {
                results.onResult(result.receiveNanos(), result.volume());
            }
        }
    }

    /** A copied message, shared read-only by every shard. */
    private record Message(byte[] bytes, long receiveNanos)
    {
    }

    /** One bar's result, made by a shard and read by the administrator. */
    private record Result(long receiveNanos, long volume)
    {
    }

    /** A shard's sink: a result object per bar onto the results queue; rejected entries are not results. */
    private static final class QueueSink extends BarSink
    {
        private final BlockingQueue<Result> out;
        private long receiveNanos;

        private QueueSink(final BlockingQueue<Result> out)
        {
            this.out = out;
        }

        @Override
        public void bar(final double open, final double high, final double low, final double close,
                        final long volume, final long barStartMillis)
        {
            try
            {
                out.put(new Result(receiveNanos, volume));
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing a result", ex);
            }
        }

        @Override
        public void reject(final ErrorKind kind, final String reason)
        {
            // not a result: the benchmark's messages hold no invalid entries
        }
    }
}
