package io.ringstreamer.cluster;

import io.aeron.Aeron;
import io.aeron.AeronCounters;
import io.aeron.driver.status.StreamCounter;
import org.agrona.concurrent.status.CountersReader;
import io.aeron.Publication;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.source.OverflowPolicy;
import io.ringstreamer.source.Streamer;
import org.agrona.CloseHelper;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The feed node: runs the user's {@link Streamer} on its own thread, publishing into the feed stream instead of a
 * ring ({@link FeedPublisher}), and puts the control messages in the same stream.
 *
 * <ul>
 *   <li>{@link #start}: waits until every worker has joined the stream, sends one {@code SUBSCRIBE} per initial
 *   symbol (its id, in subscription order, and its owner: worker {@code id % workers}, the shards' rule across
 *   processes), then {@code START}, then starts the streamer thread.</li>
 *   <li>{@link #subscribe} and {@link #unsubscribe} at run time: one frame per symbol, at a definite point of the
 *   stream (its Aeron position): every worker applies it after the data before it and before the data after it.</li>
 *   <li>When the streamer returns, {@code END}, carrying the error that ended the stream, if any (an
 *   {@link IOException} is a {@code ConnectionError}, anything else a {@code StreamerFailure}, as in core).</li>
 *   <li>{@link #close()}: stops the streamer if still running, then sends {@code CLOSE}, after which workers exit.</li>
 * </ul>
 *
 * <p>Threads: {@link #start} once, from one thread; {@link #subscribe}, {@link #unsubscribe}, {@link #awaitEnd} and
 * {@link #close} from any thread (control frames are serialised by a lock that the streamer thread never takes).
 */
public final class FeedNode implements AutoCloseable
{
    /** Under {@link OverflowPolicy#SPILL}, what the feed keeps in memory at most while the stream has no room. */
    public static final int SPILL_BUDGET = 256 << 20;

    private final Aeron aeron;
    private final String channel;
    private final Streamer streamer;
    private final int workers;
    private final Publication publication;
    private final FeedPublisher publisher;
    private final Thread thread;
    private final CountDownLatch ended = new CountDownLatch(1);
    private final ExpandableArrayBuffer control = new ExpandableArrayBuffer(256); // guarded by this
    private final IdleStrategy controlIdle = new BackoffIdleStrategy(10, 20, 1_000, 1_000_000); // guarded by this
    private final Map<String, Integer> ids = new HashMap<>(); // guarded by this
    private final Set<String> subscribed = new LinkedHashSet<>(); // guarded by this
    private boolean streamEnded; // guarded by this
    private boolean started; // guarded by this
    private boolean closed; // guarded by this
    private boolean closeSent; // guarded by this
    private FeedArchive archive; // guarded by this
    /** Set first by {@link #close()}: a control frame waiting for room (workers gone) gives up. */
    private volatile boolean closing;
    private volatile long closeDeadline = Long.MAX_VALUE;

    /**
     * @param aeron    a connected client; not closed by this node.
     * @param channel  the feed stream's channel ({@link ClusterChannels#feedPublication}).
     * @param workers  the number of worker nodes; symbols are assigned {@code id % workers}.
     * @param streamer the source, as for a {@code Pipeline}.
     * @param policy   what a publish does when the feed stream is back-pressured ({@link FeedPublisher}).
     */
    public FeedNode(
        final Aeron aeron, final String channel, final int workers, final Streamer streamer, final OverflowPolicy policy)
    {
        if (workers < 1)
        {
            throw new IllegalArgumentException("at least one worker: " + workers);
        }
        this.aeron = aeron;
        this.channel = channel;
        this.streamer = Objects.requireNonNull(streamer, "streamer");
        this.workers = workers;
        this.publication = aeron.addPublication(channel, ClusterChannels.FEED_STREAM_ID);
        this.publisher = new FeedPublisher(publication, policy, 16 * 1024 * 1024, SPILL_BUDGET);
        this.thread = new Thread(this::run, "ring-streamer-feed");
    }

    /**
     * Records the feed stream with Aeron Archive ({@link FeedArchive}) into {@code directory}, so that a worker
     * restarted after a crash catches up: it replays the recording from the archive's control endpoint
     * {@code controlEndpoint} ({@code host:port}) up to where it joined the live stream. Call before {@link #start}
     * (which waits until the recording has begun, so the recording holds the whole stream).
     */
    public synchronized FeedNode archive(final Path directory, final String controlEndpoint)
    {
        if (started || closed || archive != null)
        {
            throw new IllegalStateException("archive once, before start");
        }
        archive = new FeedArchive(aeron, publication, channel, directory, controlEndpoint);
        return this;
    }

    /** Bytes of the feed stream the archive has recorded, or -1 when none records it (yet); from any thread. */
    public long recordedPosition()
    {
        final FeedArchive store;
        synchronized (this)
        {
            store = archive;
        }
        return store == null ? -1 : store.recordedPosition();
    }

    /**
     * Waits until every worker has joined, announces {@code symbols} and their owners, and starts streaming.
     *
     * @throws IllegalStateException if the workers have not all joined within {@code joinTimeout}.
     */
    public FeedNode start(final List<String> symbols, final Duration joinTimeout) throws InterruptedException
    {
        final long deadline = System.nanoTime() + joinTimeout.toNanos();
        final IdleStrategy idle = new BackoffIdleStrategy(10, 20, 1_000, 1_000_000);
        final FeedArchive store;
        synchronized (this)
        {
            store = archive;
        }
        while (receivers() < workers || !publication.isConnected() || (store != null && !store.isRecording()))
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new IllegalStateException(workers + " workers did not all join the feed within " + joinTimeout);
            }
            if (Thread.interrupted())
            {
                throw new InterruptedException();
            }
            idle.idle();
        }
        synchronized (this)
        {
            if (started || closed)
            {
                throw new IllegalStateException("start once, before close");
            }
            started = true;
            announce(symbols, true);
            sendControl(ClusterWire.START, 0, 0, null);
        }
        streamer.subscribe(List.copyOf(symbols));
        thread.start();
        return this;
    }

    /** Adds symbols at run time: each goes to its owner at this point of the stream. Ignored once ended. */
    public void subscribe(final String... symbols)
    {
        final List<String> added;
        synchronized (this)
        {
            if (!started || streamEnded || closed)
            {
                return;
            }
            added = announce(List.of(symbols), true);
        }
        if (!added.isEmpty())
        {
            streamer.subscribe(added);
        }
    }

    /** Removes symbols at run time, at this point of the stream. Ignored once ended. */
    public void unsubscribe(final String... symbols)
    {
        final List<String> removed;
        synchronized (this)
        {
            if (!started || streamEnded || closed)
            {
                return;
            }
            removed = announce(List.of(symbols), false);
        }
        if (!removed.isEmpty())
        {
            streamer.unsubscribe(removed);
        }
    }

    /** Whether the streamer has returned and {@code END} is in the stream, within {@code timeout}. */
    public boolean awaitEnd(final Duration timeout) throws InterruptedException
    {
        return ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * How many receivers the feed stream's flow control counts now (the driver's {@code fc-receivers} counter of
     * this publication), or 0 before the driver has made it; from any thread.
     */
    public int receivers()
    {
        final CountersReader counters = aeron.countersReader();
        final int[] found = {0};
        counters.forEach((counterId, typeId, key, label) ->
        {
            if (typeId == AeronCounters.FLOW_CONTROL_RECEIVERS_COUNTER_TYPE_ID &&
                key.getLong(StreamCounter.REGISTRATION_ID_OFFSET) == publication.registrationId() &&
                key.getInt(StreamCounter.STREAM_ID_OFFSET) == publication.streamId())
            {
                found[0] = (int)counters.getCounterValue(counterId);
            }
        });
        return found[0];
    }

    /** Messages the streamer has published into the feed stream so far (not dropped); from any thread. */
    public long published()
    {
        return publisher.published();
    }

    /** Messages that waited in the spill under {@link OverflowPolicy#SPILL}; from any thread. */
    public long spilled()
    {
        return publisher.spilled();
    }

    /** Messages dropped under {@link OverflowPolicy#DROP_NEWEST}; from any thread. */
    public long dropped()
    {
        return publisher.dropped();
    }

    /**
     * For a feed that runs apart from the administrator (it cannot tell when the results are all in): after the
     * stream's end, sends {@code CLOSE} (in the stream, after everything else: each worker reads all of it first),
     * then waits until no worker is counted as a receiver any more (each has read {@code CLOSE} and gone, or died,
     * and Aeron's receiver timeout has passed) or {@code timeout}, keeping the stream and the archive up
     * meanwhile; then {@link #close()}. From any thread; returns whether every worker left within the timeout.
     */
    public boolean closeWhenWorkersLeave(final Duration timeout) throws InterruptedException
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        if (!ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS))
        {
            close();
            return false;
        }
        synchronized (this)
        {
            if (!closed && !closeSent)
            {
                closeDeadline = deadline;
                sendControl(ClusterWire.CLOSE, 0, 0, null);
                closeSent = true;
            }
        }
        final IdleStrategy idle = new BackoffIdleStrategy(10, 20, 1_000, 1_000_000);
        boolean left;
        while (!(left = receivers() == 0) && System.nanoTime() - deadline < 0)
        {
            idle.idle();
        }
        close();
        return left;
    }

    /**
     * Stops the streamer if it still runs (it returns, then {@code END} is sent), sends {@code CLOSE} so the
     * workers exit, and closes the publication. From any thread; idempotent.
     */
    @Override
    public void close()
    {
        final boolean wasStarted;
        synchronized (this)
        {
            if (closed)
            {
                return;
            }
            wasStarted = started;
            closed = true;
        }
        closing = true;
        if (wasStarted)
        {
            if (ended.getCount() > 0)
            {
                streamer.requestStop();
                publisher.close();
                thread.interrupt();
            }
            boolean interrupted = false;
            while (thread.isAlive())
            {
                try
                {
                    thread.join();
                }
                catch (final InterruptedException ex)
                {
                    interrupted = true;
                }
            }
            synchronized (this)
            {
                // The workers exit on it; one that has gone must not hold the close: wait a second at most.
                closeDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                if (!closeSent)
                {
                    sendControl(ClusterWire.CLOSE, 0, 0, null);
                }
            }
            if (interrupted)
            {
                Thread.currentThread().interrupt();
            }
        }
        final FeedArchive store;
        synchronized (this)
        {
            store = archive;
        }
        CloseHelper.quietClose(store); // stops the recording: what is recorded stays on disk
        CloseHelper.quietClose(publication);
    }

    private void run()
    {
        Throwable failure = null;
        try
        {
            streamer.stream(publisher);
        }
        catch (final Throwable ex)
        {
            failure = ex;
        }
        final boolean stopped = publisher.isClosed();
        Thread.interrupted();
        if (!stopped)
        {
            publisher.flush(); // SPILL: what is spilled, and control frames queued behind it, before END (close() stops it)
        }
        synchronized (this)
        {
            if (!stopped)
            {
                publisher.flush(); // a control frame queued after the flush above: no more can come now
            }
            publisher.close(); // from now on only control frames, under the lock
            streamEnded = true;
            if (failure != null && !stopped)
            {
                final ErrorKind kind = failure instanceof IOException ? ErrorKind.CONNECTION_ERROR : ErrorKind.STREAMER_FAILURE;
                sendControl(ClusterWire.END, kind.ordinal(), 0, describe(failure));
            }
            else
            {
                sendControl(ClusterWire.END, -1, 0, null);
            }
        }
        ended.countDown();
    }

    /** Under the lock: one SUBSCRIBE or UNSUBSCRIBE per symbol that changes; returns those symbols. */
    private List<String> announce(final List<String> symbols, final boolean add)
    {
        final List<String> changed = new ArrayList<>();
        for (final String symbol : symbols)
        {
            Objects.requireNonNull(symbol, "symbol");
            if (symbol.isEmpty() || symbol.length() > ClusterWire.MAX_SYMBOL_LENGTH)
            {
                throw new IllegalArgumentException("a symbol of 1 to " + ClusterWire.MAX_SYMBOL_LENGTH + " chars: " + symbol);
            }
            if (add ? !subscribed.add(symbol) : !subscribed.remove(symbol))
            {
                continue;
            }
            final int id = ids.computeIfAbsent(symbol, s -> ids.size()); // never reused: a symbol keeps its owner
            sendControl(add ? ClusterWire.SUBSCRIBE : ClusterWire.UNSUBSCRIBE, id, id % workers, symbol);
            changed.add(symbol);
        }
        return changed;
    }

    /** Under the lock: one control frame, waiting for room (never dropped); gives up only if the publication closed. */
    private void sendControl(final int type, final int a, final int b, final String text)
    {
        final int maxText = type == ClusterWire.SUBSCRIBE || type == ClusterWire.UNSUBSCRIBE ?
            text.length() : ClusterWire.maxTextLength(text);
        control.checkLimit(ClusterWire.FEED_HEADER_LENGTH + maxText);
        FeedPublisher.writeHeader(control, 0, type, a, b, -1, System.nanoTime());
        int length = ClusterWire.FEED_HEADER_LENGTH;
        if (type == ClusterWire.SUBSCRIBE || type == ClusterWire.UNSUBSCRIBE)
        {
            for (int i = 0; i < text.length(); i++)
            {
                control.putByte(length++, (byte)text.charAt(i));
            }
        }
        else
        {
            length += ClusterWire.putText(control, length, text);
        }
        if (publisher.isSpilling() && !streamEnded)
        {
            // SPILL: the messages accepted before this frame wait in the spill; it goes behind them.
            final byte[] frame = new byte[length];
            control.getBytes(0, frame);
            controlIdle.reset();
            while (!publisher.spillControl(frame) && !closing)
            {
                controlIdle.idle();
            }
            return;
        }
        FeedPublisher.offer(publication, control, length, controlIdle,
            () -> type == ClusterWire.CLOSE ? System.nanoTime() - closeDeadline > 0 : closing);
    }

    private static String describe(final Throwable failure)
    {
        try
        {
            final String message = failure.getMessage();
            return message != null ? message : failure.getClass().getName();
        }
        catch (final Throwable ex)
        {
            return failure.getClass().getName() + " (its getMessage threw " + ex.getClass().getName() + ")";
        }
    }
}
