package io.ringstreamer.bench.contenders;

import io.ringstreamer.bench.harness.BarSink;
import io.ringstreamer.bench.harness.Contender;
import io.ringstreamer.bench.harness.Feed;
import io.ringstreamer.bench.harness.ResultCounter;
import io.ringstreamer.bench.harness.Work;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.worker.ResultSink;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The original Python/Ray architecture, ported faithfully to the plain JDK: a supervisor fans every
 * message out to one task per symbol and waits for all of them before the next message.
 *
 * <pre>
 * reader ──byte[] copy──▶ unbounded queue ──▶ supervisor ──a task per symbol, then waits──▶ K pool threads
 * K pool threads ──result objects──▶ unbounded results queue ──▶ administrator
 * </pre>
 *
 * <p>Threads: {@code seed-port-reader} copies each message into a new {@code byte[]} and puts it on an
 * unbounded {@link LinkedBlockingQueue} (as Ray's {@code Queue} was). {@code seed-port-supervisor}
 * takes each message, submits one task per subscribed symbol to a fixed pool of K threads
 * ({@code seed-port-worker-N}) and waits for every task's future before taking the next message (the
 * original's {@code ray.get} barrier). Each task decodes the whole message with its symbol's own
 * decoder and processes only its symbol's entry, as the original workers did; the barrier guarantees
 * that one thread at a time touches a symbol's decoder and component. Each bar goes as a result object
 * on an unbounded queue to {@code seed-port-administrator}, which delivers it to the
 * {@link ResultCounter}. End of stream: a poison pill through both queues.
 */
public final class SeedPortContender implements Contender
{
    private static final Message END = new Message(new byte[0], 0);
    private static final Result END_RESULT = new Result(0, 0);

    @Override
    public String name()
    {
        return "seed-port";
    }

    @Override
    public void run(final List<String> symbols, final int shards, final Work work, final Feed feed,
                    final ResultCounter results) throws Exception
    {
        final RunThreads threads = new RunThreads("seed-port");
        final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
        final BlockingQueue<Result> resultQueue = new LinkedBlockingQueue<>();
        final List<SymbolTask> tasks = new ArrayList<>();
        for (final String symbol : new LinkedHashSet<>(symbols))
        {
            tasks.add(new SymbolTask(new SymbolShard(List.of(symbol), 0, 1, work), resultQueue));
        }
        final ExecutorService pool = Executors.newFixedThreadPool(shards, threads);
        threads.start("administrator", () -> administer(resultQueue, results));
        threads.start("supervisor", () -> supervise(messages, tasks, pool, resultQueue));
        threads.start("reader", () -> read(feed, messages));
        threads.joinAll();
    }

    private static void read(final Feed feed, final BlockingQueue<Message> messages) throws InterruptedException
    {
        try
        {
            for (long i; (i = feed.next()) >= 0; )
            {
                final long receiveNanos = feed.intendedNanos(i);
                final long start = System.nanoTime();
                messages.put(new Message(feed.message(i).clone(), receiveNanos));
                feed.handedOff(start);
            }
        }
        finally
        {
            messages.put(END);
        }
    }

    private static void supervise(
        final BlockingQueue<Message> messages,
        final List<SymbolTask> tasks,
        final ExecutorService pool,
        final BlockingQueue<Result> resultQueue) throws Exception
    {
        final List<Future<?>> pending = new ArrayList<>(tasks.size());
        try
        {
            for (Message message; (message = messages.take()) != END; )
            {
                final Message current = message;
                for (final SymbolTask task : tasks)
                {
                    pending.add(pool.submit(() -> task.onMessage(current)));
                }
                for (final Future<?> future : pending)
                {
                    future.get();
                }
                pending.clear();
            }
        }
        finally
        {
            pool.shutdown();
            resultQueue.put(END_RESULT);
        }
    }

    private static void administer(final BlockingQueue<Result> resultQueue, final ResultCounter results)
        throws InterruptedException
    {
        for (Result result; (result = resultQueue.take()) != END_RESULT; )
        {
            results.onResult(result.receiveNanos(), result.volume());
        }
    }

    /** A copied message, read by every symbol's task. */
    private record Message(byte[] bytes, long receiveNanos)
    {
    }

    /** One bar's result, made by a worker and read by the administrator. */
    private record Result(long receiveNanos, long volume)
    {
    }

    /**
     * One symbol's worker: its own decoder and component, run on whichever pool thread takes its task;
     * a result object per bar onto the results queue; rejected entries are not results.
     */
    private static final class SymbolTask extends BarSink
    {
        private final SymbolShard symbol;
        private final BlockingQueue<Result> resultQueue;
        private long receiveNanos;

        private SymbolTask(final SymbolShard symbol, final BlockingQueue<Result> resultQueue)
        {
            this.symbol = symbol;
            this.resultQueue = resultQueue;
        }

        private void onMessage(final Message message)
        {
            receiveNanos = message.receiveNanos();
            symbol.onMessage(message.bytes(), message.bytes().length, this);
        }

        @Override
        public void bar(final double open, final double high, final double low, final double close,
                        final long volume, final long barStartMillis)
        {
            resultQueue.add(new Result(receiveNanos, volume));
        }

        @Override
        public void reject(final ErrorKind kind, final String reason)
        {
            // not a result: the benchmark's messages hold no invalid entries
        }
    }
}
