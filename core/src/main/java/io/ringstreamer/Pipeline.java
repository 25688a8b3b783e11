package io.ringstreamer;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.PhasedBackoffWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import io.ringstreamer.format.Service;
import io.ringstreamer.inbound.InboundPublisher;
import io.ringstreamer.inbound.SpillDrainer;
import io.ringstreamer.metrics.PipelineMetrics;
import io.ringstreamer.metrics.internal.PipelineCounters;
import io.ringstreamer.result.ListenerErrorHandler;
import io.ringstreamer.result.ResultListener;
import io.ringstreamer.shard.SymbolTable;
import io.ringstreamer.shard.WorkerFactory;
import io.ringstreamer.source.InboundJournal;
import io.ringstreamer.source.OverflowPolicy;
import io.ringstreamer.source.SpillStore;
import io.ringstreamer.source.Streamer;
import io.ringstreamer.worker.Component;
import io.ringstreamer.worker.Headlines;
import io.ringstreamer.worker.LevelOneQuotes;
import io.ringstreamer.worker.LevelTwoBook;
import io.ringstreamer.worker.NMinuteBars;
import io.ringstreamer.worker.OneMinuteBars;
import io.ringstreamer.worker.TimeAndSales;
import io.ringstreamer.worker.Validation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A running ring-streamer: one streamer thread, K shard threads and one administrator thread joined
 * by two LMAX Disruptor rings, and a drainer thread that feeds the inbound ring from the spill store.
 *
 * <pre>
 * streamer ──raw bytes──▶ inbound ring ──▶ shard 0..K-1 ──▶ results ring ──▶ administrator ──▶ listener
 * </pre>
 *
 * <p>Every shard sees every message and processes only the symbols it owns (symbols are numbered in
 * subscription order, and symbol {@code i} belongs to shard {@code i % K}); one symbol's state is touched
 * by one thread only. One symbol's results reach the listener in the order its data arrived; across
 * symbols there is no order. Errors are results: they reach {@link ResultListener#onError}. With one
 * shard (and no journal on a thread of its own, {@link JournalThread#OWN}) the shard thread calls the listener
 * itself, with no results ring or
 * administrator thread in between ({@link Delivery}).
 *
 * <p>The reader never waits for processing (the default {@link OverflowPolicy#SPILL}): when the inbound
 * ring is full, what arrives goes to a bounded spill store and reaches the shards in arrival order as
 * room appears; the drainer thread (idle otherwise) does that moving, and puts subscription changes in
 * their place. Shards free each inbound slot as soon as they have processed its message.
 *
 * <p>Symbols can be added and removed while the pipeline runs ({@link #subscribe}, {@link #unsubscribe}):
 * each change travels through the inbound ring, so it takes effect at a definite point of the stream,
 * and the listener sees a {@code Subscribed} or {@code Unsubscribed} status there.
 *
 * <p>Lifecycle: {@link #start()} once; the pipeline then runs until the streamer returns or fails, or
 * until {@link #close()}. Either way everything accepted (into the ring or the spill store) is
 * processed and delivered, {@link ResultListener#onEndOfStream()} is called last, and every thread
 * ends; {@link #close(java.time.Duration)} bounds that wait, abandoning (counting and reporting) a spill
 * it cannot drain in time. {@link #close()} and {@link #awaitTermination} may be called from any
 * thread. Everything the pipeline's threads did happens-before {@link #awaitTermination} returns
 * {@code true} (or a {@link CloseReport} says {@code terminated}), and before {@link #close()} returns
 * on a thread that is not the pipeline's.
 *
 * <pre>{@code
 * try (Pipeline pipeline = Pipeline.builder()
 *         .symbols("AAPL", "AMZN")
 *         .streamer(new FileStreamer(path, FileStreamer.AtEnd.END))
 *         .listener(myListener)
 *         .build()
 *         .start()) {
 *     pipeline.awaitTermination();
 * }
 * }</pre>
 */
public final class Pipeline implements AutoCloseable
{
    private final String name;
    private final Streamer streamer;
    private final PipelineCounters metrics;
    private final InboundPublisher publisher;
    private final SpillDrainer drainer;
    private final SpillStore spillStore;
    private final Thread drainerThread;
    private final java.util.concurrent.ThreadFactory threadFactory;
    private final List<BatchEventProcessor<?>> processors;
    private final List<Thread> handlerThreads;
    private final Thread streamerThread;
    private final int shardCount;
    private final Delivery delivery;
    private final DecodeMode decodeMode;
    private final WorkerFactory workers;
    /** Each shard's table: filled here, changed by {@link #subscribe} before start, then owned by its shard. */
    private final SymbolTable[] tables;

    /**
     * The symbols and their numbers; its lock serialises subscription changes (they are off the hot path) and
     * orders them with the end marker: the streamer thread ends it after closing the publisher, so no change
     * follows the end marker in the ring. Its lock is taken before {@link #lifecycle}, never after.
     */
    private final SubscriptionRegistry subscriptions;

    private final CountDownLatch handlersStarted;
    private final CountDownLatch delivered = new CountDownLatch(1);
    private final CountDownLatch terminated = new CountDownLatch(1);

    private final Object lifecycle = new Object();
    private volatile boolean started;
    private boolean stopRequested;
    private boolean streaming;
    private volatile Throwable streamerFailure;

    private Pipeline(final Builder builder)
    {
        this.name = builder.name;
        this.threadFactory = builder.threadFactory;
        this.streamer = Objects.requireNonNull(builder.streamer, "streamer");
        final ResultListener listener = Objects.requireNonNull(builder.listener, "listener");
        this.shardCount = builder.shards;
        this.metrics = new PipelineCounters(shardCount);
        final Topology topology = new Topology(builder, listener, metrics, () -> streamerFailure, delivered, this::newThread);
        this.delivery = topology.delivery;
        this.decodeMode = topology.decodeMode;
        this.workers = topology.workers;
        this.tables = topology.tables;
        this.handlersStarted = topology.handlersStarted;
        this.processors = topology.processors;
        this.handlerThreads = topology.handlerThreads;
        this.spillStore = topology.spillStore;
        this.drainer = topology.drainer;
        this.drainerThread = topology.drainerThread;
        this.publisher = topology.publisher;
        this.streamerThread = newThread(this::runStreamer, name + "-streamer");
        // Fills the shards' tables before any of their threads starts.
        this.subscriptions = new SubscriptionRegistry(builder.symbols, tables, workers, streamer, drainer::enqueueControl,
            publisher::isClosed);
    }

    /** A thread from the builder's factory (its daemon flag, priority, affinity), named by its role. */
    private Thread newThread(final Runnable task, final String threadName)
    {
        final Thread thread = Objects.requireNonNull(threadFactory.newThread(task), "the ThreadFactory returned null");
        thread.setName(threadName);
        return thread;
    }

    /** A builder with defaults suited to this machine. */
    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * Tells the streamer the initial symbols ({@link Streamer#subscribe}, on this thread), then starts
     * every thread: handlers first, then the streamer, which begins reading only once every handler is
     * running. Call once.
     *
     * @return this pipeline.
     * @throws IllegalStateException if already started or closed.
     * @throws RuntimeException      what the streamer's {@code subscribe} threw; the pipeline is not started.
     */
    public Pipeline start()
    {
        subscriptions.start(
            () ->
            {
                synchronized (lifecycle)
                {
                    if (started || stopRequested)
                    {
                        throw new IllegalStateException("a pipeline starts once");
                    }
                }
            },
            () ->
            {
                synchronized (lifecycle)
                {
                    if (stopRequested)
                    {
                        throw new IllegalStateException("closed while starting");
                    }
                    started = true;
                    streaming = true;
                }
            });
        handlerThreads.forEach(Thread::start);
        drainerThread.start();
        streamerThread.start();
        return this;
    }

    private void runStreamer()
    {
        awaitUninterruptibly(handlersStarted);
        Throwable failure = null;
        if (!isStopRequested())
        {
            try
            {
                streamer.stream(publisher);
            }
            catch (final Throwable ex)
            {
                failure = ex;
            }
        }
        final boolean stopped;
        synchronized (lifecycle)
        {
            streaming = false;
            stopped = stopRequested;
            Thread.interrupted(); // a close() may have interrupted the streamer: clear it
        }
        // A failure caused by close() (an interrupted read, a closed socket) is not an error.
        streamerFailure = stopped ? null : failure;
        publisher.close();
        // A subscription change that saw the publisher open has been published by now; later ones
        // see it closed and do nothing. So the end marker is the last event of the inbound ring.
        subscriptions.end();
        // The drainer publishes the end marker after everything spilled or queued before it.
        publisher.finish();
        awaitUninterruptibly(delivered);
        processors.forEach(BatchEventProcessor::halt);
        joinUninterruptibly(drainerThread);
        for (final Thread thread : handlerThreads)
        {
            joinUninterruptibly(thread);
        }
        spillStore.close();
        terminated.countDown();
    }

    private boolean isStopRequested()
    {
        synchronized (lifecycle)
        {
            return stopRequested;
        }
    }

    /**
     * Stops the streamer, processes and delivers everything already accepted, and ends every thread.
     * Idempotent and safe from any thread. Called from a pipeline thread (a listener, say), it only
     * requests the stop and returns; otherwise it returns once the pipeline has terminated.
     */
    @Override
    public void close()
    {
        requestClose();
        if (!isPipelineThread(Thread.currentThread()))
        {
            awaitUninterruptibly(terminated);
            joinUninterruptibly(streamerThread);
        }
    }

    private void requestClose()
    {
        final boolean interruptStreamer;
        synchronized (lifecycle)
        {
            if (!started)
            {
                stopRequested = true;
                publisher.close();
                terminated.countDown();
                return;
            }
            interruptStreamer = !stopRequested && streaming;
            stopRequested = true;
            publisher.close();
            if (interruptStreamer)
            {
                streamerThread.interrupt();
            }
        }
        if (interruptStreamer)
        {
            try
            {
                streamer.requestStop();
            }
            catch (final RuntimeException ignored)
            {
                // the streamer is stopping either way: its publisher is closed and its thread interrupted
            }
        }
    }

    /**
     * Stops the streamer and gives the pipeline at most {@code timeout} to process what it has accepted
     * and end: spilled messages still waiting to enter the ring when 90% of the timeout has passed are
     * discarded, counted as {@code abandoned} and reported as one {@code MessagesDropped} error, so what
     * is in the ring can still be processed and delivered in the rest. Returns at the latest when the
     * timeout has passed (a listener that never returns cannot hold it), with what was left. Safe from
     * any thread; from a pipeline thread it only requests the stop (and the deadline) and returns.
     *
     * @return what was left: whether the pipeline terminated, messages in flight, threads still running.
     */
    public CloseReport close(final Duration timeout)
    {
        final long nanos = Math.max(0, timeout.toNanos());
        final long deadline = System.nanoTime() + nanos;
        drainer.abandonAt(deadline - nanos / 10);
        requestClose();
        if (isPipelineThread(Thread.currentThread()))
        {
            return report();
        }
        return awaitTermination(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }

    /**
     * Waits at most {@code timeout} for termination, uninterruptibly (an interrupt is kept for the caller).
     * Everything the pipeline's threads did (the listener's and the components' plain writes included) happens-before this returns with a report that says {@code terminated}.
     *
     * @return what is left: whether the pipeline terminated, messages in flight, threads still running.
     */
    public CloseReport awaitTermination(final Duration timeout)
    {
        final long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
        boolean interrupted = false;
        while (true)
        {
            try
            {
                final long left = deadline - System.nanoTime();
                if (terminated.await(Math.max(0, left), TimeUnit.NANOSECONDS) && started)
                {
                    TimeUnit.NANOSECONDS.timedJoin(streamerThread, Math.max(1, deadline - System.nanoTime()));
                }
                break;
            }
            catch (final InterruptedException ex)
            {
                interrupted = true;
            }
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
        return report();
    }

    private CloseReport report()
    {
        final List<String> running = new ArrayList<>();
        for (final Thread thread : threads())
        {
            if (thread.isAlive())
            {
                running.add(thread.getName());
            }
        }
        final var m = metrics.view().snapshot();
        return new CloseReport(isTerminated(), m.inFlight(), m.spillBacklog(), m.abandoned(), List.copyOf(running));
    }

    private boolean isPipelineThread(final Thread thread)
    {
        return thread == streamerThread || thread == drainerThread || handlerThreads.contains(thread);
    }

    /**
     * Waits until the stream has ended, everything has been delivered and every thread has ended.
     * Everything the pipeline's threads did (the listener's and the components' plain writes included) happens-before this returns.
     */
    public void awaitTermination() throws InterruptedException
    {
        terminated.await();
        if (Thread.currentThread() != streamerThread)
        {
            streamerThread.join();
        }
    }

    /**
     * Waits at most {@code timeout} for termination. Everything the pipeline's threads did (the listener's and the components' plain writes included) happens-before this returns {@code true}.
     *
     * @return whether the pipeline has terminated.
     */
    public boolean awaitTermination(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        final long deadline = System.nanoTime() + unit.toNanos(timeout);
        if (!terminated.await(timeout, unit))
        {
            return false;
        }
        if (Thread.currentThread() != streamerThread && started)
        {
            TimeUnit.NANOSECONDS.timedJoin(streamerThread, Math.max(1, deadline - System.nanoTime()));
        }
        return isTerminated();
    }

    /** Whether the stream has ended, everything has been delivered and every thread has ended. */
    public boolean isTerminated()
    {
        return terminated.getCount() == 0 && !streamerThread.isAlive();
    }

    /** The live counters and gauges, read-only; any thread, at any time. */
    public PipelineMetrics metrics()
    {
        return metrics.view();
    }

    /** Which thread calls the listener: {@link Delivery#SHARD_THREAD} or {@link Delivery#ADMINISTRATOR}. */
    public Delivery delivery()
    {
        return delivery;
    }

    /** Where messages are decoded: {@link DecodeMode#ONCE} or {@link DecodeMode#EACH_SHARD}, as built. */
    public DecodeMode decodeMode()
    {
        return decodeMode;
    }

    /** The number of shard handlers. */
    public int shardCount()
    {
        return shardCount;
    }

    /**
     * Adds symbols; safe from any thread. Symbols already subscribed are ignored (nothing happens for
     * them). Costs a lock and, while running, one inbound slot per added symbol: off the hot path.
     *
     * <ul>
     *   <li>While running, each added symbol takes effect at a definite point of the inbound stream:
     *   after every message published before this call (spilled ones included) and before every message
     *   published after it. A control event is queued for the pipeline's drainer thread, which puts it
     *   into the inbound ring in that place, so this call never waits for ring room (it is safe from the
     *   listener and from components), and the owning shard builds a fresh worker there (new components from the
     *   builder's suppliers, called on the shard's thread) and delivers a {@code Subscribed} status with
     *   the symbol and that sequence. Every entry for the symbol in a message after it is processed;
     *   none before it. Then the streamer is told, on this thread ({@link Streamer#subscribe} with the
     *   symbols actually added), so a network source asks its server for them.</li>
     *   <li>Before {@link #start()} it only changes the initial set: no status, and the streamer hears
     *   of the symbols with the others at start.</li>
     *   <li>After {@link #close()} or the end of the stream it does nothing.</li>
     * </ul>
     *
     * <p>A symbol keeps its number, hence its shard, across unsubscribing and subscribing again. Safe
     * from any thread, pipeline threads included: it takes a lock held only briefly and never waits for
     * ring room.
     *
     * @return whether any symbol was added (false: all were subscribed already, or the pipeline has ended).
     * @throws IllegalArgumentException if a symbol is null or not printable ASCII; nothing is changed.
     * @throws RuntimeException         what {@link Streamer#subscribe} threw; the pipeline's change stands.
     */
    public boolean subscribe(final String... symbols)
    {
        return subscriptions.subscribe(checkSymbols(symbols));
    }

    /**
     * Removes symbols; safe from any thread. Symbols not subscribed are ignored (nothing happens for
     * them). While running, each removal takes effect at a definite point of the inbound stream (a
     * control event, as for {@link #subscribe}): the owning shard drops the symbol's worker there without
     * flushing it (a partial bar is not published) and delivers an {@code Unsubscribed} status; no result
     * for the symbol follows it. Then the streamer is told ({@link Streamer#unsubscribe} with the symbols
     * actually removed). A later {@link #subscribe} starts the symbol with fresh state. Before
     * {@link #start()} it only changes the initial set; after {@link #close()} or the end of the stream
     * it does nothing.
     *
     * @return whether any symbol was removed (false: none was subscribed, or the pipeline has ended).
     * @throws IllegalArgumentException if a symbol is null or not printable ASCII; nothing is changed.
     * @throws RuntimeException         what {@link Streamer#unsubscribe} threw; the pipeline's change stands.
     */
    public boolean unsubscribe(final String... symbols)
    {
        return subscriptions.unsubscribe(checkSymbols(symbols));
    }

    private static List<String> checkSymbols(final String... symbols)
    {
        final List<String> list = java.util.Arrays.asList(Objects.requireNonNull(symbols, "symbols"));
        for (final String symbol : list)
        {
            Builder.checkSymbol(symbol);
        }
        return List.copyOf(list);
    }

    /**
     * The subscribed symbols now, in subscription order (a symbol subscribed again goes last): an
     * immutable snapshot, from any thread. While running it may be ahead of the stream: a change is
     * listed as soon as its control event is in the inbound ring.
     */
    public List<String> symbols()
    {
        return subscriptions.symbols();
    }

    /**
     * The pipeline's threads: the streamer, the drainer, then the shards, the journal if any, then the
     * administrator.
     */
    public List<Thread> threads()
    {
        final List<Thread> threads = new ArrayList<>(handlerThreads.size() + 2);
        threads.add(streamerThread);
        threads.add(drainerThread);
        threads.addAll(handlerThreads);
        return threads;
    }

    /** The name that prefixes every thread of this pipeline. */
    public String name()
    {
        return name;
    }

    private static void awaitUninterruptibly(final CountDownLatch latch)
    {
        boolean interrupted = false;
        while (true)
        {
            try
            {
                latch.await();
                break;
            }
            catch (final InterruptedException ex)
            {
                interrupted = true;
            }
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static void joinUninterruptibly(final Thread thread)
    {
        boolean interrupted = false;
        while (true)
        {
            try
            {
                thread.join();
                break;
            }
            catch (final InterruptedException ex)
            {
                interrupted = true;
            }
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Configures a {@link Pipeline}. Every setting has a default; only the streamer, the listener and
     * at least one symbol are required.
     */
    public static final class Builder
    {
        String name = "ring-streamer";
        final Set<String> symbols = new LinkedHashSet<>();
        Streamer streamer;
        ResultListener listener;
        int shards = defaultShards();
        int ringSize = 4096;
        int resultRingSize = 4096;
        int slotBytes = 2048;
        int maxMessageBytes = 1 << 20;
        OverflowPolicy overflowPolicy = OverflowPolicy.SPILL;
        long spillBudget = 256L << 20;
        OverflowPolicy whenSpillFull = OverflowPolicy.BLOCK;
        SpillStore spillStore;
        int quarantineAfter;
        Validation validation = Validation.REJECT;
        Supplier<WaitStrategy> inboundWaitStrategy = Builder::defaultWaitStrategy;
        Supplier<WaitStrategy> resultWaitStrategy = Builder::defaultWaitStrategy;
        boolean poisonViews;
        Delivery delivery = Delivery.AUTO;
        DecodeMode decode = DecodeMode.AUTO;
        int bookDepth = 10;
        InboundJournal journal;
        JournalThread journalThread = JournalThread.FIRST_SHARD;
        boolean built;
        ListenerErrorHandler listenerErrorHandler;
        java.util.concurrent.ThreadFactory threadFactory = Thread::new;
        final Map<Service, List<Function<String, ? extends Component>>> components = new EnumMap<>(Service.class);

        private Builder()
        {
            replaceComponents(Service.CHART_EQUITY, OneMinuteBars::new);
            replaceComponents(Service.LEVELONE_EQUITIES, LevelOneQuotes::new);
            replaceComponents(Service.BOOK, LevelTwoBook::new);
            replaceComponents(Service.TIMESALE_EQUITY, TimeAndSales::new);
            replaceComponents(Service.NEWS_HEADLINE, Headlines::new);
        }

        /**
         * One fewer shard than there are cores (the streamer and the administrator need room too),
         * at least one, at most four.
         */
        public static int defaultShards()
        {
            return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() - 1));
        }

        /** The symbols to process; entries for any other symbol are skipped. Duplicates are ignored. */
        public Builder symbols(final String... symbols)
        {
            return symbols(java.util.Arrays.asList(Objects.requireNonNull(symbols, "symbols")));
        }

        /** The symbols to process; entries for any other symbol are skipped. Duplicates are ignored. */
        public Builder symbols(final List<String> symbols)
        {
            Objects.requireNonNull(symbols, "symbols");
            for (final String symbol : symbols)
            {
                checkSymbol(symbol);
            }
            this.symbols.addAll(symbols);
            return this;
        }

        static void checkSymbol(final String symbol)
        {
            if (symbol == null)
            {
                throw new IllegalArgumentException("symbols must not be null");
            }
            if (symbol.isEmpty() || !symbol.chars().allMatch(c -> c > 0x20 && c < 0x7F))
            {
                throw new IllegalArgumentException("symbols are printable ASCII: '" + symbol + "'");
            }
        }

        /** Where raw messages come from. Required. */
        public Builder streamer(final Streamer streamer)
        {
            this.streamer = streamer;
            return this;
        }

        /**
         * Who receives results, on one thread: the administrator's, or the shard's own with one shard and
         * no journal on a thread of its own ({@link Delivery}). Required.
         */
        public Builder listener(final ResultListener listener)
        {
            this.listener = listener;
            return this;
        }

        /** How many shard handlers (threads). Default {@link #defaultShards()}. */
        public Builder shards(final int shards)
        {
            if (shards < 1 || shards > 64)
            {
                throw new IllegalArgumentException("shards must be 1 to 64: " + shards);
            }
            this.shards = shards;
            return this;
        }

        /** Slots in the inbound ring, a power of two. Default 4096. */
        public Builder ringSize(final int ringSize)
        {
            this.ringSize = powerOfTwo("ringSize", ringSize);
            return this;
        }

        /** Slots in the results ring, a power of two. Default 4096. */
        public Builder resultRingSize(final int resultRingSize)
        {
            this.resultRingSize = powerOfTwo("resultRingSize", resultRingSize);
            return this;
        }

        /**
         * Bytes preallocated in each inbound slot. A longer message grows its slot once (an allocation
         * on the streamer thread), up to {@link #maxMessageBytes}. Default 2048.
         */
        public Builder slotBytes(final int slotBytes)
        {
            if (slotBytes < 1)
            {
                throw new IllegalArgumentException("slotBytes must be positive: " + slotBytes);
            }
            this.slotBytes = slotBytes;
            return this;
        }

        /** Longest message accepted; a longer one is rejected with a MessageTooLarge error. Default 1 MiB. */
        public Builder maxMessageBytes(final int maxMessageBytes)
        {
            if (maxMessageBytes < 1)
            {
                throw new IllegalArgumentException("maxMessageBytes must be positive: " + maxMessageBytes);
            }
            this.maxMessageBytes = maxMessageBytes;
            return this;
        }

        /**
         * What the streamer's publish does when the inbound ring is full. Default
         * {@link OverflowPolicy#SPILL}: the reader never waits while the spill store has room. The results
         * ring always blocks: shards wait for the administrator, and nothing is lost after a message has
         * been accepted.
         */
        public Builder overflowPolicy(final OverflowPolicy overflowPolicy)
        {
            this.overflowPolicy = Objects.requireNonNull(overflowPolicy);
            return this;
        }

        /**
         * The most bytes the default in-memory spill store may hold (records plus 40 bytes each), under
         * {@link OverflowPolicy#SPILL}. Default 256 MiB. Memory is taken in 1 MiB chunks as a spill first
         * needs it and kept for the next spill; the budget is rounded down to whole chunks, and a chunk
         * holds at least one message of {@link #maxMessageBytes}.
         */
        public Builder spillBudget(final long bytes)
        {
            if (bytes < 1)
            {
                throw new IllegalArgumentException("spillBudget must be positive: " + bytes);
            }
            this.spillBudget = bytes;
            return this;
        }

        /**
         * What a publish does when the spill store is at its budget: {@link OverflowPolicy#BLOCK} (the
         * default: wait for room in the store) or {@link OverflowPolicy#DROP_NEWEST} (drop, count and
         * report the gap).
         */
        public Builder whenSpillFull(final OverflowPolicy policy)
        {
            if (Objects.requireNonNull(policy, "policy") == OverflowPolicy.SPILL)
            {
                throw new IllegalArgumentException("whenSpillFull is BLOCK or DROP_NEWEST");
            }
            this.whenSpillFull = policy;
            return this;
        }

        /**
         * A spill store to use instead of the in-memory one (for example the journal module's on disk);
         * the pipeline closes it when it terminates. Default: none, an in-memory store of
         * {@link #spillBudget} bytes.
         */
        public Builder spillStore(final SpillStore store)
        {
            this.spillStore = store;
            return this;
        }

        /**
         * How components treat an entry that can be read but fails a sanity check: reject it (the
         * default) or publish it and flag it with a {@code FlaggedEntry} error.
         */
        public Builder validation(final Validation validation)
        {
            this.validation = Objects.requireNonNull(validation);
            return this;
        }

        /**
         * Stops calling a symbol's component after it has thrown this many times (reported once as
         * {@code ComponentQuarantined}); other components and symbols are unaffected. Default 0: never.
         */
        public Builder quarantineAfter(final int failures)
        {
            if (failures < 0)
            {
                throw new IllegalArgumentException("quarantineAfter must not be negative: " + failures);
            }
            this.quarantineAfter = failures;
            return this;
        }

        /**
         * The default wait strategy: spin for at most 1 µs, then {@link Thread#yield()} for at most
         * 50 µs, then block on a lock that publishers signal only when someone is waiting. An idle
         * pipeline blocks (no core is burnt), and a busy one avoids a futex wake-up per message, which
         * on a 2-core machine cost a third of the throughput of plain blocking (bench
         * {@code WaitStrategyBenchmark}, {@code docs/performance.md}).
         */
        public static WaitStrategy defaultWaitStrategy()
        {
            return PhasedBackoffWaitStrategy.withLiteLock(1, 50, TimeUnit.MICROSECONDS);
        }

        /**
         * How idle handler threads wait on both rings, one instance per ring. Default
         * {@link #defaultWaitStrategy()}; {@link BlockingWaitStrategy} never spins; busy-spinning
         * strategies starve other threads on a small machine. {@link #inboundWaitStrategy} and
         * {@link #resultWaitStrategy} set one ring's.
         */
        public Builder waitStrategy(final Supplier<WaitStrategy> waitStrategy)
        {
            Objects.requireNonNull(waitStrategy);
            this.inboundWaitStrategy = waitStrategy;
            this.resultWaitStrategy = waitStrategy;
            return this;
        }

        /**
         * How the shard handlers (and the journal) wait for messages in the inbound ring; the streamer
         * signals it. For example a busy-spinning strategy here, for the shards' latency, on a machine
         * with a core to spare for each shard, while the administrator blocks.
         */
        public Builder inboundWaitStrategy(final Supplier<WaitStrategy> waitStrategy)
        {
            this.inboundWaitStrategy = Objects.requireNonNull(waitStrategy);
            return this;
        }

        /**
         * How the administrator waits for results in the results ring (unused when the shard thread
         * delivers, {@link Delivery#SHARD_THREAD}).
         */
        public Builder resultWaitStrategy(final Supplier<WaitStrategy> waitStrategy)
        {
            this.resultWaitStrategy = Objects.requireNonNull(waitStrategy);
            return this;
        }

        /**
         * A debugging aid for tests: after each listener callback returns, its view is poisoned, so
         * a view kept past its callback (views are reused flyweights; copy what you keep, for example
         * with {@code BarView.toBar()}) throws an {@link IllegalStateException} that says so, instead
         * of silently reading a later result. Off by default; costs a few field writes per result when on.
         */
        public Builder poisonViewsAfterCallback(final boolean poison)
        {
            this.poisonViews = poison;
            return this;
        }

        /**
         * Adds a component that every symbol runs for {@code service}, after the ones it already has;
         * the supplier is called once per symbol: at {@link #build()} for the initial symbols, and on the
         * owning shard's thread for a symbol subscribed while running (so it must be safe to call from
         * several threads). A supplier that throws then is reported as a {@code ComponentFailure} and
         * the symbol runs without that component.
         */
        public Builder component(final Service service, final Supplier<? extends Component> perSymbol)
        {
            Objects.requireNonNull(perSymbol, "perSymbol");
            return componentBySymbol(service, symbol -> perSymbol.get());
        }

        /**
         * Adds a component made for each symbol from its name, run for {@code service} after the ones the
         * symbol already has: {@code factory.apply(symbol)} is called once per symbol, when and where
         * {@link #component} calls its supplier (so it must be safe to call from several threads), and may
         * return {@code null} to give that symbol no component of this kind (for example a component for
         * some symbols only, or one configured per symbol). A factory that throws is reported as a
         * {@code ComponentFailure} and the symbol runs without that component. To replace a service's
         * defaults with per-symbol components, call {@code replaceComponents(service)} (none) first.
         */
        public Builder componentBySymbol(final Service service, final Function<String, ? extends Component> factory)
        {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(factory, "factory");
            components.computeIfAbsent(service, s -> new ArrayList<>()).add(factory);
            return this;
        }

        /**
         * Replaces every component for {@code service} (defaults included) with these, in order; with
         * none, the service is ignored.
         */
        @SafeVarargs
        public final Builder replaceComponents(final Service service, final Supplier<? extends Component>... perSymbol)
        {
            Objects.requireNonNull(service, "service");
            final List<Function<String, ? extends Component>> list = new ArrayList<>();
            for (final Supplier<? extends Component> supplier : perSymbol)
            {
                Objects.requireNonNull(supplier, "perSymbol");
                list.add(symbol -> supplier.get());
            }
            components.put(service, list);
            return this;
        }

        /**
         * Adds N-minute bars for every symbol: a {@link NMinuteBars} {@code CHART_EQUITY} component for
         * these window lengths (each a divisor of 60; none means 5), run after the components the
         * service already has, so the 1-minute bars component reports invalid bars once. Results reach
         * {@link ResultListener#onAggregateBar}. Not in the default set.
         *
         * @throws IllegalArgumentException now, not at {@link #build()}, if a length does not divide 60
         *                                  or is given twice.
         */
        public Builder aggregateBars(final int... minutes)
        {
            final int[] lengths = minutes.clone();
            new NMinuteBars(lengths); // validates the lengths here rather than once per symbol in build()
            return component(Service.CHART_EQUITY, () -> new NMinuteBars(lengths));
        }

        /**
         * Which thread calls the listener. Default {@link Delivery#AUTO}: the shard thread itself when
         * there is one shard and no journal on a thread of its own ({@link JournalThread#OWN}; one thread hop
         * fewer), otherwise an administrator thread. {@link Delivery#SHARD_THREAD} with several shards or such a
         * journal fails at {@link #build()}.
         */
        public Builder delivery(final Delivery delivery)
        {
            this.delivery = Objects.requireNonNull(delivery);
            return this;
        }

        /**
         * Where messages are validated and parsed with several shards: once by shard 0 for all of them, or
         * by each shard ({@link DecodeMode}). Default {@link DecodeMode#AUTO}.
         */
        public Builder decode(final DecodeMode decode)
        {
            this.decode = Objects.requireNonNull(decode, "decode");
            return this;
        }

        /** Levels per side a book result carries (the top of the book). Default 10. */
        public Builder bookDepth(final int bookDepth)
        {
            if (bookDepth < 1 || bookDepth > 1000)
            {
                throw new IllegalArgumentException("bookDepth must be 1 to 1000: " + bookDepth);
            }
            this.bookDepth = bookDepth;
            return this;
        }

        /**
         * Records every raw data message into {@code journal}, on the first shard's thread just before it
         * processes the message ({@link JournalThread#FIRST_SHARD}, the cheaper by measurement): no extra thread,
         * and with one shard the listener stays on the shard thread and a message is recorded before any of its
         * results is delivered; see {@link InboundJournal}. Its failures become {@code JournalFailure} errors. The
         * caller keeps the journal and closes it after the pipeline has terminated. Default: none ({@code null}).
         */
        public Builder journal(final InboundJournal journal)
        {
            return journal(journal, JournalThread.FIRST_SHARD);
        }

        /**
         * Records every raw data message into {@code journal} on the thread {@code thread} names
         * ({@link JournalThread#OWN}: a thread of its own, in parallel with the shards); otherwise as
         * {@link #journal(InboundJournal)}.
         */
        public Builder journal(final InboundJournal journal, final JournalThread thread)
        {
            this.journal = journal;
            this.journalThread = Objects.requireNonNull(thread, "thread");
            return this;
        }

        /**
         * Hears of every exception the listener throws (each is also counted in {@code listenerErrors},
         * and delivery goes on). Default: {@link ListenerErrorHandler#logging()}, a {@code WARNING}
         * through {@link System.Logger}, at most one a second.
         */
        public Builder listenerErrorHandler(final ListenerErrorHandler handler)
        {
            this.listenerErrorHandler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /**
         * The low-latency profile: every handler busy-spins on both rings ({@link BusySpinWaitStrategy}) and
         * every thread is made by {@code pinning}, which is expected to pin each thread to a core of its
         * own (ring-streamer ships no affinity library: the factory is yours, for example one that calls
         * your affinity library's "pin the current thread" at the start of the thread's {@code Runnable}).
         * Each shard (and the administrator, with several shards) then keeps a core busy while idle, so
         * use it on a machine with a core for each pipeline thread; on a small or shared machine the
         * spinning threads take CPU from the ones doing the work. Same as {@code waitStrategy(
         * BusySpinWaitStrategy::new).threadFactory(pinning)}; later calls to either override it.
         * {@code docs/performance.md} reports its latency and CPU cost beside the default's.
         */
        public Builder lowLatency(final java.util.concurrent.ThreadFactory pinning)
        {
            Objects.requireNonNull(pinning, "pinning");
            waitStrategy(BusySpinWaitStrategy::new);
            return threadFactory(pinning);
        }

        /**
         * Makes the pipeline's threads (streamer, drainer, shards, journal, administrator), for example to
         * make them daemons, set their priority or pin them to cores; the pipeline names each after its
         * role ({@link #name}) once made, and starts it in {@link Pipeline#start()}. Called on the thread
         * that calls {@link #build()}. Default {@code Thread::new}: threads that are not daemons, so a
         * JVM waits for a running pipeline to end (close it, or make daemons here).
         */
        public Builder threadFactory(final java.util.concurrent.ThreadFactory threadFactory)
        {
            this.threadFactory = Objects.requireNonNull(threadFactory, "threadFactory");
            return this;
        }

        /** Prefix of every thread name. Default {@code ring-streamer}. */
        public Builder name(final String name)
        {
            this.name = Objects.requireNonNull(name);
            return this;
        }

        /**
         * Builds a pipeline, ready to {@link Pipeline#start()}. Once: a second call fails, since a
         * streamer, a listener or a journal must not be shared by two pipelines.
         *
         * @throws IllegalStateException if already built, if no symbol is set, or if the LMAX Disruptor
         *                               on the class path is older than 4.0.
         */
        public Pipeline build()
        {
            if (built)
            {
                throw new IllegalStateException("a builder builds one pipeline: make another builder for another");
            }
            if (symbols.isEmpty())
            {
                throw new IllegalStateException("subscribe to at least one symbol");
            }
            DisruptorCheck.requireVersion4();
            built = true;
            return new Pipeline(this);
        }

        private static int powerOfTwo(final String what, final int value)
        {
            if (value < 2 || Integer.bitCount(value) != 1)
            {
                throw new IllegalArgumentException(what + " must be a power of two of at least 2: " + value);
            }
            return value;
        }
    }
}
