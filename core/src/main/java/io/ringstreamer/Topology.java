package io.ringstreamer;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import io.ringstreamer.delivery.Administrator;
import io.ringstreamer.delivery.ResultSlot;
import io.ringstreamer.delivery.ResultOutlet;
import io.ringstreamer.inbound.InboundEvent;
import io.ringstreamer.inbound.InboundPublisher;
import io.ringstreamer.inbound.JournalHandler;
import io.ringstreamer.inbound.MemorySpillStore;
import io.ringstreamer.inbound.SpillDrainer;
import io.ringstreamer.metrics.internal.PipelineCounters;
import io.ringstreamer.result.ListenerErrorHandler;
import io.ringstreamer.result.ResultListener;
import io.ringstreamer.shard.FollowerBarrier;
import io.ringstreamer.shard.ShardHandler;
import io.ringstreamer.shard.SymbolTable;
import io.ringstreamer.shard.WorkerFactory;
import io.ringstreamer.source.InboundJournal;
import io.ringstreamer.source.OverflowPolicy;
import io.ringstreamer.source.SpillStore;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * A pipeline's wiring, made once from its builder: the inbound ring with a {@link ShardHandler} per
 * shard (under {@link DecodeMode#ONCE}, shards 1 and up behind shard 0, which indexes each message for
 * them) and the journal's handler, the results ring with the {@link Administrator} (or, with
 * {@link Delivery#SHARD_THREAD}, the administrator called on the shard thread), the spill store with
 * its {@link SpillDrainer}, and the streamer's {@link InboundPublisher}; a thread for each handler and
 * for the drainer, made but not started. {@link Pipeline} owns the lifecycle: it starts, stops and
 * joins what this holds. Made on the thread that calls {@code build()}.
 */
final class Topology
{
    /** At most this many results of a shard wait for the end of its batch before the administrator can see them. */
    static final int MAX_HELD_RESULTS = 64;

    final Delivery delivery;
    final DecodeMode decodeMode;
    final WorkerFactory workers;
    /** Each shard's table: filled before start, then owned by its shard. */
    final SymbolTable[] tables;
    final CountDownLatch handlersStarted;
    final List<BatchEventProcessor<?>> processors = new ArrayList<>();
    final List<Thread> handlerThreads = new ArrayList<>();
    final SpillStore spillStore;
    final SpillDrainer drainer;
    final Thread drainerThread;
    final InboundPublisher publisher;
    private final BiFunction<Runnable, String, Thread> newThread;

    /**
     * @param streamerFailure what ended the streamer, read by the administrator at the end of the stream.
     * @param delivered       counted down by the administrator once the end of the stream is delivered.
     * @param newThread       makes a named thread from the builder's factory.
     */
    Topology(
        final Pipeline.Builder builder,
        final ResultListener listener,
        final PipelineCounters metrics,
        final Supplier<Throwable> streamerFailure,
        final CountDownLatch delivered,
        final BiFunction<Runnable, String, Thread> newThread)
    {
        this.newThread = newThread;
        final int shards = builder.shards;
        this.workers = new WorkerFactory(builder.components);
        final InboundJournal journal = builder.journal;
        // A journal of its own thread is one more consumer of the inbound ring and producer of results.
        final boolean journalThread = journal != null && builder.journalThread == JournalThread.OWN;
        final boolean direct = builder.delivery == Delivery.SHARD_THREAD ||
            builder.delivery == Delivery.AUTO && shards == 1 && !journalThread;
        if (direct && (shards > 1 || journalThread))
        {
            throw new IllegalStateException(
                "Delivery.SHARD_THREAD needs one shard and no journal on a thread of its own (JournalThread.OWN)");
        }
        this.delivery = direct ? Delivery.SHARD_THREAD : Delivery.ADMINISTRATOR;
        this.handlersStarted = new CountDownLatch(shards + (direct ? 0 : 1) + (journal != null ? 1 : 0));

        // Each shard, and a journal thread, produce results and end with one end marker each. One producer
        // (one shard, no journal thread) needs no compare-and-swap per result.
        final int resultProducers = shards + (journalThread ? 1 : 0);
        final RingBuffer<ResultSlot> results = direct ? null : resultProducers == 1 ?
            RingBuffer.createSingleProducer(() -> new ResultSlot(builder.bookDepth), builder.resultRingSize,
                builder.resultWaitStrategy.get()) :
            RingBuffer.createMultiProducer(() -> new ResultSlot(builder.bookDepth), builder.resultRingSize,
                builder.resultWaitStrategy.get());
        final Administrator administrator =
            new Administrator(listener,
                builder.listenerErrorHandler != null ? builder.listenerErrorHandler : ListenerErrorHandler.logging(),
                resultProducers, streamerFailure, metrics, handlersStarted, delivered, builder.poisonViews);
        final int slotBytes = builder.slotBytes;
        // Two producers: the streamer's publisher, and the drainer (spilled messages, subscription changes).
        // Decoding once: shard 0 indexes each message into its slot, the other shards run behind it.
        final boolean once = builder.decode == DecodeMode.ONCE; // AUTO: each shard, until ONCE measures faster
        this.decodeMode = once ? DecodeMode.ONCE : DecodeMode.EACH_SHARD;
        final int indexedEntries = once ? DecodeMode.MAX_INDEXED_ENTRIES : 0;
        final com.lmax.disruptor.WaitStrategy inboundWait = builder.inboundWaitStrategy.get();
        final RingBuffer<InboundEvent> inbound =
            RingBuffer.createMultiProducer(
                () -> new InboundEvent(slotBytes, indexedEntries, DecodeMode.MAX_INDEXED_FIELDS), builder.ringSize,
                inboundWait);

        this.tables = new SymbolTable[shards];
        for (int shard = 0; shard < shards; shard++)
        {
            tables[shard] = new SymbolTable(builder.symbols.size() / shards + 1);
        }

        final BatchEventProcessorBuilder processorBuilder = new BatchEventProcessorBuilder();
        final boolean busySpin = inboundWait instanceof com.lmax.disruptor.BusySpinWaitStrategy;
        final Sequence[] shardSequences = new Sequence[shards];
        // A shard running behind makes its results visible a batch at a time (the administrator wakes once a batch).
        final int maxHeld = Math.max(1, Math.min(MAX_HELD_RESULTS, builder.resultRingSize / (2 * resultProducers)));
        for (int shard = 0; shard < shards; shard++)
        {
            final boolean journals = journal != null && !journalThread && shard == 0;
            // Delivering on its own thread, a shard holds results only for its journal to complete a batch first.
            final ResultOutlet outlet = direct ?
                ResultOutlet.onShardThread(administrator, journals ? MAX_HELD_RESULTS : 1, builder.bookDepth) :
                ResultOutlet.throughRing(results, maxHeld, builder.bookDepth);
            final JournalHandler firstShardJournal = journals ?
                new JournalHandler(journal, outlet, false, metrics, handlersStarted) : null;
            if (firstShardJournal != null)
            {
                outlet.beforeDelivery(firstShardJournal::flush); // recorded before any result of it is delivered
            }
            final ShardHandler handler =
                new ShardHandler(shard, shards, tables[shard], workers, outlet, firstShardJournal, metrics,
                    builder.maxMessageBytes, builder.quarantineAfter, builder.validation, handlersStarted,
                    once && shard == 0 ? tables : null);
            final BatchEventProcessor<InboundEvent> processor = processorBuilder.build(inbound,
                once && shard > 0 ? new FollowerBarrier(inbound.newBarrier(), shardSequences[0], busySpin) :
                    inbound.newBarrier(), handler);
            processor.setExceptionHandler(new LastResortHandler<>());
            shardSequences[shard] = processor.getSequence();
            addHandler(processor, builder.name + "-shard-" + shard);
        }
        inbound.addGatingSequences(shardSequences);
        if (journalThread)
        {
            // In parallel with the shards, gating the ring like one; it answers the end marker like one too.
            final BatchEventProcessor<InboundEvent> processor = processorBuilder.build(inbound, inbound.newBarrier(),
                new JournalHandler(journal, ResultOutlet.throughRing(results, 1, builder.bookDepth), true, metrics,
                    handlersStarted));
            processor.setExceptionHandler(new LastResortHandler<>());
            inbound.addGatingSequences(processor.getSequence());
            addHandler(processor, builder.name + "-journal");
        }

        if (!direct)
        {
            final BatchEventProcessor<ResultSlot> adminProcessor =
                processorBuilder.build(results, results.newBarrier(), administrator);
            adminProcessor.setExceptionHandler(new LastResortHandler<>());
            results.addGatingSequences(adminProcessor.getSequence());
            addHandler(adminProcessor, builder.name + "-administrator");
        }

        this.spillStore = builder.spillStore != null ? builder.spillStore :
            new MemorySpillStore(builder.overflowPolicy == OverflowPolicy.SPILL ? builder.spillBudget : 0,
                builder.maxMessageBytes);
        this.drainer = new SpillDrainer(inbound, spillStore, metrics.abandoned());
        this.drainerThread = newThread.apply(drainer, builder.name + "-drainer");
        this.publisher = new InboundPublisher(inbound, drainer, spillStore, builder.maxMessageBytes,
            builder.overflowPolicy, builder.whenSpillFull,
            new InboundPublisher.SpillCounters(metrics.received(), metrics.dropped(), metrics.spilled(), metrics.spills(),
                metrics.largestSpillBytes()));
        // A producer waiting for room has already advanced the cursor: clamp to what a ring can hold.
        metrics.backlogs(
            () -> occupancy(inbound),
            () -> results == null ? 0 : occupancy(results));
        metrics.spillGauges(drainer::backlog, spillStore::bytesHeld);
    }

    private static long occupancy(final RingBuffer<?> ring)
    {
        return Math.max(0, Math.min(ring.getBufferSize(), ring.getBufferSize() - ring.remainingCapacity()));
    }

    private void addHandler(final BatchEventProcessor<?> processor, final String threadName)
    {
        processors.add(processor);
        handlerThreads.add(newThread.apply(processor, threadName));
    }

    /**
     * Handlers catch their own failures and turn them into error results; this only keeps a handler
     * thread alive (the Disruptor's default would end it) if something escapes regardless.
     */
    private static final class LastResortHandler<T> implements ExceptionHandler<T>
    {
        private static final System.Logger LOGGER = System.getLogger(Pipeline.class.getName());

        @Override
        public void handleEventException(final Throwable ex, final long sequence, final T event)
        {
            LOGGER.log(System.Logger.Level.ERROR, "handler failed at sequence " + sequence, ex);
        }

        @Override
        public void handleOnStartException(final Throwable ex)
        {
            LOGGER.log(System.Logger.Level.ERROR, "handler failed to start", ex);
        }

        @Override
        public void handleOnShutdownException(final Throwable ex)
        {
            LOGGER.log(System.Logger.Level.ERROR, "handler failed to shut down", ex);
        }
    }

}
