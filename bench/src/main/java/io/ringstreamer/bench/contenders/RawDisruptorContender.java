package io.ringstreamer.bench.contenders;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;
import io.ringstreamer.bench.harness.BarSink;
import io.ringstreamer.bench.harness.Contender;
import io.ringstreamer.bench.harness.Feed;
import io.ringstreamer.bench.harness.ResultCounter;
import io.ringstreamer.bench.harness.Work;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.worker.ResultSink;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * ring-streamer's two rings wired by hand with the Disruptor 4 API, without its pipeline package: what
 * an engineer who knows the Disruptor would write.
 *
 * <pre>
 * reader ──copy──▶ inbound ring ──▶ shard 0..K-1 ──▶ results ring ──▶ administrator
 * </pre>
 *
 * <p>Threads: {@code raw-disruptor-reader} waits for every handler to start, then copies each message
 * into the next preallocated slot of the inbound ring (single producer, 4096 slots of 2048 bytes; a
 * larger message grows its slot). Each {@code raw-disruptor-shard-N} runs a {@link BatchEventProcessor}
 * that decodes every message and runs the components of the symbols it owns (symbol {@code i} of the
 * subscription belongs to shard {@code i % K}), writing each bar into a preallocated slot of the
 * results ring (multi-producer, 4096 slots). {@code raw-disruptor-administrator} runs the results
 * ring's processor and delivers each result to the {@link ResultCounter}. Both rings block when idle
 * ({@link BlockingWaitStrategy}).
 *
 * <p>End of stream: the reader publishes a marker, each shard forwards one to the results ring, and
 * once the administrator has counted K the caller of {@link #run} halts the processors (nothing is left
 * to process: halting earlier would drop the backlog) and joins every thread.
 */
public final class RawDisruptorContender implements Contender
{
    private static final int RING_SIZE = 4096;
    private static final int SLOT_BYTES = 2048;

    @Override
    public String name()
    {
        return "raw-disruptor";
    }

    @Override
    public void run(final List<String> symbols, final int shards, final Work work, final Feed feed,
                    final ResultCounter results) throws Exception
    {
        final RunThreads threads = new RunThreads("raw-disruptor");
        final CountDownLatch started = new CountDownLatch(shards + 1);
        final CountDownLatch delivered = new CountDownLatch(1);
        final RingBuffer<InboundSlot> inbound =
            RingBuffer.createSingleProducer(InboundSlot::new, RING_SIZE, new BlockingWaitStrategy());
        final RingBuffer<ResultSlot> outbound =
            RingBuffer.createMultiProducer(ResultSlot::new, RING_SIZE, new BlockingWaitStrategy());
        final KeepFailure keepFailure = new KeepFailure(threads);
        final BatchEventProcessorBuilder builder = new BatchEventProcessorBuilder();

        final List<BatchEventProcessor<?>> processors = new ArrayList<>(shards + 1);
        for (int shard = 0; shard < shards; shard++)
        {
            final SymbolShard symbolShard = new SymbolShard(symbols, shard, shards, work);
            final ShardHandler handler = new ShardHandler(symbolShard, outbound, started);
            final BatchEventProcessor<InboundSlot> processor = builder.build(inbound, inbound.newBarrier(), handler);
            processor.setExceptionHandler(keepFailure);
            inbound.addGatingSequences(processor.getSequence());
            processors.add(processor);
            threads.start("shard-" + shard, processor::run);
        }
        final ResultHandler administrator = new ResultHandler(results, shards, started, delivered);
        final BatchEventProcessor<ResultSlot> consumer = builder.build(outbound, outbound.newBarrier(), administrator);
        consumer.setExceptionHandler(keepFailure);
        outbound.addGatingSequences(consumer.getSequence());
        processors.add(consumer);
        threads.start("administrator", consumer::run);

        threads.start("reader", () -> read(feed, inbound, started));
        delivered.await();
        processors.forEach(BatchEventProcessor::halt);
        threads.joinAll();
    }

    private static void read(final Feed feed, final RingBuffer<InboundSlot> ring, final CountDownLatch started)
        throws InterruptedException
    {
        try
        {
            started.await();
            for (long i; (i = feed.next()) >= 0; )
            {
                final long receiveNanos = feed.intendedNanos(i);
                final long start = System.nanoTime();
                final long sequence = ring.next();
                ring.get(sequence).message(feed.message(i), receiveNanos);
                ring.publish(sequence);
                feed.handedOff(start);
            }
        }
        finally
        {
            final long sequence = ring.next();
            ring.get(sequence).endOfStream();
            ring.publish(sequence);
        }
    }

    /** An inbound slot: a copy of one message, or the end marker. Written by the reader, read by every shard. */
    private static final class InboundSlot
    {
        private byte[] bytes = new byte[SLOT_BYTES];
        private int length;
        private long receiveNanos;
        private boolean end;

        private void message(final byte[] message, final long receiveNanos)
        {
            if (message.length > bytes.length)
            {
                bytes = new byte[message.length];
            }
            System.arraycopy(message, 0, bytes, 0, message.length);
            this.length = message.length;
            this.receiveNanos = receiveNanos;
            this.end = false;
        }

        private void endOfStream()
        {
            length = 0;
            end = true;
        }
    }

    /** A results slot: one bar's result, or a shard's end marker. Written by a shard, read by the administrator. */
    private static final class ResultSlot
    {
        private long receiveNanos;
        private long volume;
        private boolean end;
    }

    /** One shard, on its own thread: decodes every message and publishes its symbols' bars into the results ring. */
    private static final class ShardHandler extends BarSink implements EventHandler<InboundSlot>
    {
        private final SymbolShard shard;
        private final RingBuffer<ResultSlot> results;
        private final CountDownLatch started;
        private long receiveNanos;

        private ShardHandler(
            final SymbolShard shard, final RingBuffer<ResultSlot> results, final CountDownLatch started)
        {
            this.shard = shard;
            this.results = results;
            this.started = started;
        }

        @Override
        public void onStart()
        {
            started.countDown();
        }

        @Override
        public void onEvent(final InboundSlot slot, final long sequence, final boolean endOfBatch)
        {
            if (slot.end)
            {
                final long claimed = results.next();
                results.get(claimed).end = true;
                results.publish(claimed);
                return;
            }
            receiveNanos = slot.receiveNanos;
            shard.onMessage(slot.bytes, slot.length, this);
        }

        @Override
        public void bar(final double open, final double high, final double low, final double close,
                        final long volume, final long barStartMillis)
        {
            final long claimed = results.next();
            final ResultSlot result = results.get(claimed);
            result.receiveNanos = receiveNanos;
            result.volume = volume;
            result.end = false;
            results.publish(claimed);
        }

        @Override
        public void reject(final ErrorKind kind, final String reason)
        {
            // not a result: the benchmark's messages hold no invalid entries
        }
    }

    /** The results ring's one consumer, on its own thread: delivers each result and counts the shards' end markers. */
    private static final class ResultHandler implements EventHandler<ResultSlot>
    {
        private final ResultCounter results;
        private final int shards;
        private final CountDownLatch started;
        private final CountDownLatch delivered;
        private int ended;

        private ResultHandler(
            final ResultCounter results, final int shards, final CountDownLatch started, final CountDownLatch delivered)
        {
            this.results = results;
            this.shards = shards;
            this.started = started;
            this.delivered = delivered;
        }

        @Override
        public void onStart()
        {
            started.countDown();
        }

        @Override
        public void onEvent(final ResultSlot slot, final long sequence, final boolean endOfBatch)
        {
            if (!slot.end)
            {
                results.onResult(slot.receiveNanos, slot.volume);
            }
            else if (++ended == shards)
            {
                delivered.countDown();
            }
        }
    }

    /**
     * Keeps a processor's thread alive through a handler's failure (the Disruptor's default handler
     * would end it, and the end markers would never arrive) and keeps the failure for {@link #run} to throw.
     */
    private static final class KeepFailure implements ExceptionHandler<Object>
    {
        private final RunThreads threads;

        private KeepFailure(final RunThreads threads)
        {
            this.threads = threads;
        }

        @Override
        public void handleEventException(final Throwable ex, final long sequence, final Object event)
        {
            threads.fail(ex);
        }

        @Override
        public void handleOnStartException(final Throwable ex)
        {
            threads.fail(ex);
        }

        @Override
        public void handleOnShutdownException(final Throwable ex)
        {
            threads.fail(ex);
        }
    }
}
