package io.ringstreamer.bench.contenders;

import io.ringstreamer.DecodeMode;
import io.ringstreamer.Delivery;
import io.ringstreamer.JournalThread;
import io.ringstreamer.Pipeline;
import io.ringstreamer.bench.harness.OverflowPolicyProperty;
import io.ringstreamer.bench.harness.Contender;
import io.ringstreamer.bench.harness.Feed;
import io.ringstreamer.bench.harness.ResultCounter;
import io.ringstreamer.bench.harness.Work;
import io.ringstreamer.format.Service;
import io.ringstreamer.result.BarView;
import io.ringstreamer.result.ErrorView;
import io.ringstreamer.result.ResultListener;
import io.ringstreamer.source.InboundJournal;
import io.ringstreamer.source.MessagePublisher;

import com.lmax.disruptor.WaitStrategy;

import java.util.List;
import java.util.function.Supplier;

/**
 * ring-streamer itself, with its defaults (or another wait strategy, for the wait-strategy benchmark; or a
 * decode mode forced, to compare decoding once for all shards with decoding in each; or a journal, on the
 * pipeline's default thread or a named one).
 */
public final class RingStreamerContender implements Contender
{
    private final Supplier<WaitStrategy> waitStrategy;
    private final Supplier<? extends InboundJournal> journal;
    /** Which thread records the journal, or {@code null} for the pipeline's default ({@code journal(journal)}). */
    private final JournalThread journalThread;
    private final Delivery delivery;
    private final DecodeMode decode;
    private final boolean lowLatency;

    /** With the pipeline's default wait strategy. */
    public RingStreamerContender()
    {
        this(null);
    }

    /** @param waitStrategy the wait strategy for both rings, or {@code null} for the default. */
    public RingStreamerContender(final Supplier<WaitStrategy> waitStrategy)
    {
        this(waitStrategy, null);
    }

    /**
     * Named {@code ring-streamer+journal} with a journal: recorded where {@code Pipeline.Builder.journal(journal)}
     * records it by default.
     *
     * @param waitStrategy the wait strategy for both rings, or {@code null} for the default.
     * @param journal      a fresh journal for each run (closed after it), or {@code null} for none.
     */
    public RingStreamerContender(final Supplier<WaitStrategy> waitStrategy, final Supplier<? extends InboundJournal> journal)
    {
        this(waitStrategy, journal, null);
    }

    /**
     * Named {@code ring-streamer+journal-own} or {@code ring-streamer+journal-first-shard} with a journal and a
     * thread named, {@code ring-streamer+journal} with the default.
     *
     * @param waitStrategy  the wait strategy for both rings, or {@code null} for the default.
     * @param journal       a fresh journal for each run (closed after it), or {@code null} for none.
     * @param journalThread which thread records it, or {@code null} for the pipeline's default.
     */
    public RingStreamerContender(final Supplier<WaitStrategy> waitStrategy, final Supplier<? extends InboundJournal> journal,
                                 final JournalThread journalThread)
    {
        this(waitStrategy, journal, journalThread, Delivery.AUTO, DecodeMode.AUTO, false);
    }

    /**
     * ring-streamer forced to deliver results through the results ring and an administrator thread, as
     * it does with several shards: with one shard, the cost of that hop against the default.
     */
    public static RingStreamerContender throughAdministrator()
    {
        return new RingStreamerContender(null, null, null, Delivery.ADMINISTRATOR, DecodeMode.AUTO, false);
    }

    /**
     * ring-streamer with messages decoded as {@code decode} says whatever the shard count: named
     * {@code ring-streamer-decode-once} or {@code ring-streamer-decode-each-shard}.
     */
    public static RingStreamerContender decoding(final DecodeMode decode)
    {
        return new RingStreamerContender(null, null, null, Delivery.AUTO, decode, false);
    }

    private RingStreamerContender(
        final Supplier<WaitStrategy> waitStrategy, final Supplier<? extends InboundJournal> journal,
        final JournalThread journalThread, final Delivery delivery, final DecodeMode decode, final boolean lowLatency)
    {
        this.waitStrategy = waitStrategy;
        this.journal = journal;
        this.journalThread = journalThread;
        this.delivery = delivery;
        this.decode = decode;
        this.lowLatency = lowLatency;
    }

    /**
     * This contender under the pipeline's low-latency profile ({@code Pipeline.Builder.lowLatency}: busy-spin
     * waits on both rings), named with {@code -low-latency}. Its thread factory makes plain threads: pinning
     * needs an affinity library and a core per thread, which the benchmark machine does not have.
     */
    public RingStreamerContender lowLatency()
    {
        return new RingStreamerContender(null, journal, journalThread, delivery, decode, true);
    }

    @Override
    public String name()
    {
        return lowLatency ? baseName() + "-low-latency" : baseName();
    }

    private String baseName()
    {
        return journal != null ? "ring-streamer+journal" + (journalThread == null ? "" :
                journalThread == JournalThread.OWN ? "-own" : "-first-shard") :
            delivery == Delivery.ADMINISTRATOR ? "ring-streamer-via-administrator" :
            decode == DecodeMode.ONCE ? "ring-streamer-decode-once" :
            decode == DecodeMode.EACH_SHARD ? "ring-streamer-decode-each-shard" : "ring-streamer";
    }

    @Override
    public void run(final List<String> symbols, final int shards, final Work work, final Feed feed,
                    final ResultCounter results) throws Exception
    {
        final ResultListener listener = new ResultListener()
        {
            @Override
            public void onBar(final BarView bar)
            {
                results.onResult(bar.receiveNanos(), bar.volume());
            }

            @Override
            public void onError(final ErrorView error)
            {
                throw new IllegalStateException(error.toError().toString());
            }
        };
        final Pipeline.Builder builder = OverflowPolicyProperty.apply(Pipeline.builder());
        if (waitStrategy != null)
        {
            builder.waitStrategy(waitStrategy);
        }
        final InboundJournal runJournal = journal != null ? journal.get() : null;
        if (runJournal != null && journalThread == null)
        {
            builder.journal(runJournal);
        }
        else if (runJournal != null)
        {
            builder.journal(runJournal, journalThread);
        }
        builder.delivery(delivery);
        builder.decode(decode);
        if (lowLatency)
        {
            builder.lowLatency(Thread::new);
        }
        try (Pipeline pipeline = builder
            .symbols(symbols)
            .shards(shards)
            .replaceComponents(Service.CHART_EQUITY, work::newComponent)
            .streamer(publisher ->
            {
                for (long i; (i = feed.next()) >= 0; )
                {
                    final byte[] message = feed.message(i);
                    final long start = System.nanoTime();
                    if (publisher.publish(message, 0, message.length, feed.intendedNanos(i)) == MessagePublisher.CLOSED)
                    {
                        return;
                    }
                    feed.handedOff(start);
                }
            })
            .listener(listener)
            .build()
            .start())
        {
            pipeline.awaitTermination();
            // A journal that failed (to start, or to append) only reports errors, which the listener cannot
            // throw out of the pipeline: check it recorded everything, or its figures measure no journal.
            if (runJournal != null && pipeline.metrics().journaled() != pipeline.metrics().received())
            {
                throw new IllegalStateException("the journal recorded " + pipeline.metrics().journaled() + " of " +
                    pipeline.metrics().received() + " messages");
            }
        }
        finally
        {
            if (runJournal != null)
            {
                runJournal.close();
            }
        }
    }
}
