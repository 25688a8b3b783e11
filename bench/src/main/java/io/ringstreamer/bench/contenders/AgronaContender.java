package io.ringstreamer.bench.contenders;

import io.ringstreamer.bench.harness.BarSink;
import io.ringstreamer.bench.harness.Contender;
import io.ringstreamer.bench.harness.Feed;
import io.ringstreamer.bench.harness.ResultCounter;
import io.ringstreamer.bench.harness.Work;
import io.ringstreamer.result.ErrorKind;
import org.agrona.BufferUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The same two hops built from Agrona's ring buffers, the queues Aeron is built on, wired the way an
 * Agrona user would: a one-to-one ring per shard (Agrona's rings are point to point, so the reader
 * writes each message into every shard's ring, as the Disruptor's shards all read one slot) and one
 * many-to-one ring of results.
 *
 * <pre>
 * reader ──copy──▶ one-to-one ring, shard 0..K-1 ──▶ shard 0..K-1 ──▶ many-to-one ring ──▶ administrator
 * </pre>
 *
 * <p>Threads: {@code agrona-reader} claims room in each shard's ring ({@code tryClaim}), writes the
 * receive stamp and the message's bytes in place and commits. Each {@code agrona-shard-N} reads its
 * ring, copies the message out into its own array (the decoder reads a {@code byte[]}) and runs the
 * components of the symbols it owns (symbol {@code i} belongs to shard {@code i % K}), claiming a
 * 16-byte record in the results ring for each bar. {@code agrona-administrator} reads the results ring
 * and delivers each result. Every thread idles with a {@link BackoffIdleStrategy} (spin, yield, then
 * park from 1 µs up to 1 ms), Agrona's nearest to a blocking wait: it has no wake-up signal, so a parked
 * consumer notices new work within its current park time.
 *
 * <p>End of stream: the reader writes an end record into every shard's ring, each shard forwards one
 * to the results ring, and the administrator returns once it has counted K. Agrona, like Aeron, needs
 * {@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED} on Java 17 and later (its {@code UnsafeApi}).
 */
public final class AgronaContender implements Contender
{
    private static final int INBOUND_BYTES = 8 << 20; // each shard's ring: as much as the Disruptor's 4096 × 2 KiB slots
    private static final int RESULT_BYTES = 1 << 20;
    private static final int MESSAGE = 1;
    private static final int END = 2;
    private static final int STAMP_BYTES = Long.BYTES;

    @Override
    public String name()
    {
        return "agrona";
    }

    @Override
    public void run(final List<String> symbols, final int shards, final Work work, final Feed feed,
                    final ResultCounter results) throws Exception
    {
        final RunThreads threads = new RunThreads("agrona");
        final CountDownLatch started = new CountDownLatch(shards + 1);
        final RingBuffer[] inbound = new RingBuffer[shards];
        final ManyToOneRingBuffer outbound = new ManyToOneRingBuffer(ring(RESULT_BYTES));
        for (int shard = 0; shard < shards; shard++)
        {
            inbound[shard] = new OneToOneRingBuffer(ring(INBOUND_BYTES));
            final Shard handler = new Shard(new SymbolShard(symbols, shard, shards, work), inbound[shard], outbound, threads);
            threads.start("shard-" + shard, () -> handler.run(started));
        }
        threads.start("administrator", () -> administrate(outbound, shards, results, started));
        threads.start("reader", () -> read(feed, inbound, started));
        threads.joinAll();
    }

    private static UnsafeBuffer ring(final int capacity)
    {
        return new UnsafeBuffer(BufferUtil.allocateDirectAligned(capacity + RingBufferDescriptor.TRAILER_LENGTH, 64));
    }

    private static IdleStrategy idle()
    {
        return new BackoffIdleStrategy(100, 10, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(1));
    }

    private static void read(final Feed feed, final RingBuffer[] rings, final CountDownLatch started)
        throws InterruptedException
    {
        final IdleStrategy idle = idle();
        try
        {
            started.await();
            for (long i; (i = feed.next()) >= 0; )
            {
                final byte[] message = feed.message(i);
                final long receiveNanos = feed.intendedNanos(i);
                final long start = System.nanoTime();
                for (final RingBuffer ring : rings)
                {
                    final int index = claim(ring, MESSAGE, STAMP_BYTES + message.length, idle);
                    final MutableDirectBuffer buffer = ring.buffer();
                    buffer.putLong(index, receiveNanos);
                    buffer.putBytes(index + STAMP_BYTES, message);
                    ring.commit(index);
                }
                feed.handedOff(start);
            }
        }
        finally
        {
            for (final RingBuffer ring : rings)
            {
                ring.commit(claim(ring, END, STAMP_BYTES, idle));
            }
        }
    }

    /** Claims room for a record, idling while the ring is full: the reader waits, like BLOCK. */
    private static int claim(final RingBuffer ring, final int type, final int length, final IdleStrategy idle)
    {
        idle.reset();
        int index;
        while ((index = ring.tryClaim(type, length)) < 0)
        {
            idle.idle();
        }
        return index;
    }

    private static void administrate(final ManyToOneRingBuffer ring, final int shards, final ResultCounter results,
                                     final CountDownLatch started)
    {
        started.countDown();
        final IdleStrategy idle = idle();
        final int[] ended = new int[1];
        final MessageHandler deliver = (type, buffer, index, length) ->
        {
            if (type == MESSAGE)
            {
                results.onResult(buffer.getLong(index), buffer.getLong(index + Long.BYTES));
            }
            else
            {
                ended[0]++;
            }
        };
        while (ended[0] < shards)
        {
            idle.idle(ring.read(deliver));
        }
    }

    /** One shard, on its own thread: reads its ring and publishes its symbols' bars into the results ring. */
    private static final class Shard extends BarSink
    {
        private final SymbolShard shard;
        private final RingBuffer ring;
        private final ManyToOneRingBuffer results;
        private final RunThreads threads;
        private final IdleStrategy idle = idle();
        private final IdleStrategy resultsIdle = idle();
        private final MessageHandler onRecord = this::onRecord;
        private byte[] bytes = new byte[2048];
        private long receiveNanos;
        private boolean ended;

        private Shard(final SymbolShard shard, final RingBuffer ring, final ManyToOneRingBuffer results,
                      final RunThreads threads)
        {
            this.shard = shard;
            this.ring = ring;
            this.results = results;
            this.threads = threads;
        }

        private void run(final CountDownLatch started)
        {
            started.countDown();
            while (!ended)
            {
                idle.idle(ring.read(onRecord));
            }
            results.commit(claim(results, END, Long.BYTES, resultsIdle));
        }

        private void onRecord(final int type, final MutableDirectBuffer buffer, final int index, final int length)
        {
            if (type == END)
            {
                ended = true;
                return;
            }
            try
            {
                final int messageLength = length - STAMP_BYTES;
                if (messageLength > bytes.length)
                {
                    bytes = new byte[messageLength];
                }
                receiveNanos = buffer.getLong(index);
                buffer.getBytes(index + STAMP_BYTES, bytes, 0, messageLength);
                shard.onMessage(bytes, messageLength, this);
            }
            catch (final RuntimeException | Error ex)
            {
                threads.fail(ex); // kept for run() to throw; the shard goes on, so the end record still arrives
            }
        }

        @Override
        public void bar(final double open, final double high, final double low, final double close,
                        final long volume, final long barStartMillis)
        {
            final int index = claim(results, MESSAGE, 2 * Long.BYTES, resultsIdle);
            final MutableDirectBuffer buffer = results.buffer();
            buffer.putLong(index, receiveNanos);
            buffer.putLong(index + Long.BYTES, volume);
            results.commit(index);
        }

        @Override
        public void reject(final ErrorKind kind, final String reason)
        {
            // not a result: the benchmark's messages hold no invalid entries
        }
    }
}
