package io.ringstreamer.cluster;

import io.aeron.Aeron;
import io.aeron.AeronCounters;
import io.aeron.Image;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.ringstreamer.Pipeline;
import io.ringstreamer.source.OverflowPolicy;
import io.aeron.driver.status.StreamCounter;
import org.agrona.CloseHelper;
import org.agrona.concurrent.status.CountersReader;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A worker node: a {@link Pipeline} whose source is the feed stream ({@link FeedSubscriptionStreamer}) and whose
 * listener forwards every result to the administrator ({@link ResultForwarder}), plus a heartbeat on the result
 * stream so the administrator can tell a silent worker from a quiet one.
 *
 * <p>{@link #run} does it all on the calling thread, in order: joins the feed stream and the result stream,
 * reads the initial assignment, builds and starts the pipeline over the symbols this worker owns, waits for it to end, sends
 * {@code WORKER_END}, then waits for the feed's {@code CLOSE} (or {@code linger}) and closes everything.
 * Every thread it started has ended when it returns.
 *
 * <p>A slow worker: the pipeline's overflow policy is {@code SPILL} unless {@code configure} sets another, so a
 * worker whose processing falls behind goes on reading the feed stream at the stream's pace, keeping what its ring
 * has no room for in its spill store (in memory, {@code spillBudget}; the journal module's store on disk), and the
 * feed stream's flow control does not hold the other workers back. The administrator receives the worker's
 * {@code SPILLING} status when it starts to fall behind and {@code CAUGHT_UP} when it has caught up; {@link #lag()}
 * says by how many bytes. Only when the spill is full does the worker wait ({@code whenSpillFull}, {@code BLOCK}),
 * and then the stream's flow control holds the feed (whose own {@code SPILL} keeps its source going). With
 * {@code BLOCK} the feed stream is the buffer from the start.
 */
public final class WorkerNode
{
    private final Aeron aeron;
    private final int worker;
    private final String feedChannel;
    private final String resultChannel;
    private final Consumer<Pipeline.Builder> configure;
    private final Duration heartbeatInterval;
    private String archiveEndpoint;
    private Path acknowledgements;
    private volatile long suppressed;
    private volatile Lag lag;
    private String host;
    private volatile long joinPosition;

    /**
     * @param aeron             a connected client; not closed by this node.
     * @param worker            this worker's number, 0 to workers - 1, as the feed assigns symbols.
     * @param feedChannel       {@link ClusterChannels#feedSubscription}.
     * @param resultChannel     {@link ClusterChannels#results}.
     * @param configure         sets the pipeline's other options (shards, components, overflow policy: default
     *                          {@code SPILL}); not its symbols, streamer or listener.
     * @param heartbeatInterval how often the heartbeat goes out.
     */
    public WorkerNode(
        final Aeron aeron, final int worker, final String feedChannel, final String resultChannel,
        final Consumer<Pipeline.Builder> configure, final Duration heartbeatInterval)
    {
        if (worker < 0)
        {
            throw new IllegalArgumentException("worker " + worker);
        }
        this.aeron = Objects.requireNonNull(aeron, "aeron");
        this.worker = worker;
        this.feedChannel = Objects.requireNonNull(feedChannel, "feedChannel");
        this.resultChannel = Objects.requireNonNull(resultChannel, "resultChannel");
        this.configure = Objects.requireNonNull(configure, "configure");
        this.heartbeatInterval = Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
    }

    /**
     * Lets this worker catch up when it joins the feed stream after its start (a restart after a crash): it replays
     * the feed's recording from the archive ({@link FeedNode#archive}) at {@code archiveEndpoint}, from the start up
     * to its join point, on an ephemeral port of {@code host}, its own address. Call before {@link #run}.
     */
    public WorkerNode catchUp(final String archiveEndpoint, final String host)
    {
        this.archiveEndpoint = Objects.requireNonNull(archiveEndpoint, "archiveEndpoint");
        this.host = Objects.requireNonNull(host, "host");
        return this;
    }

    /**
     * A restarted worker reads what the administrator acknowledged as delivered from {@code file}
     * ({@link AdminNode#acknowledgeTo}, on the same host) and does not send those results again; its replay still
     * rebuilds its state from the stream's start. Without it (or before the file exists) the administrator drops the
     * repeated results. Call before {@link #run}.
     */
    public WorkerNode acknowledgements(final Path file)
    {
        this.acknowledgements = Objects.requireNonNull(file, "file");
        return this;
    }

    /** After {@link #run}: the results it did not send because the administrator had acknowledged them. */
    public long suppressed()
    {
        return suppressed;
    }

    /**
     * Runs the worker to the end of the feed's stream (see the class comment).
     *
     * @param joinTimeout how long to wait for the assignment.
     * @param linger      how long to wait for the feed's {@code CLOSE} after {@code WORKER_END}.
     * @return the number of results the worker could not carry (quotes, books, trades, headlines, custom).
     */
    public long run(final Duration joinTimeout, final Duration linger) throws Exception
    {
        final Subscription feed = aeron.addSubscription(feedChannel, ClusterChannels.FEED_STREAM_ID);
        final Publication results = aeron.addPublication(resultChannel, ClusterChannels.RESULT_STREAM_ID);
        final FeedSubscriptionStreamer source = new FeedSubscriptionStreamer(feed, worker, aeron, archiveEndpoint, host);
        final ResultForwarder forwarder = new ResultForwarder(results, worker, source.ids(), source);
        final Lag measured = new Lag(aeron.countersReader(), feed);
        lag = measured;
        final Heartbeat heartbeat = new Heartbeat(results, worker, heartbeatInterval, measured);
        final Thread heartbeatThread = new Thread(heartbeat, "ring-streamer-worker-" + worker + "-heartbeat");
        heartbeatThread.start();
        Pipeline pipeline = null;
        try
        {
            final List<String> symbols = source.awaitAssignment(joinTimeout);
            if (acknowledgements != null && source.joinPosition() > 0)
            {
                final Acknowledgements.Delivered delivered = Acknowledgements.read(acknowledgements);
                if (delivered != null)
                {
                    forwarder.suppress(delivered);
                }
            }
            final Pipeline.Builder builder = Pipeline.builder().name("ring-streamer-worker-" + worker)
                .overflowPolicy(OverflowPolicy.SPILL);
            configure.accept(builder);
            pipeline = builder
                .symbols(symbols)
                .streamer(source)
                .listener(forwarder)
                .build();
            source.pipeline(pipeline);
            measured.pipeline = pipeline;
            pipeline.start();
            pipeline.awaitTermination();
            source.awaitClose(linger);
            awaitSent(results, linger);
            joinPosition = source.joinPosition();
            suppressed = forwarder.suppressed();
            return forwarder.notCarried();
        }
        finally
        {
            forwarder.close();
            if (pipeline != null)
            {
                pipeline.close();
            }
            heartbeat.stop();
            heartbeatThread.interrupt();
            heartbeatThread.join();
            source.close();
            CloseHelper.closeAll(results, feed);
        }
    }

    /**
     * Waits until the driver has sent every result (its sender position for the result publication has reached the
     * publication's position), or the administrator has gone, or {@code timeout}: a worker that exits as soon as it
     * reads {@code CLOSE} would otherwise take the results its driver still holds with it (a feed run apart from the
     * administrator sends {@code CLOSE} right after the stream's end, before the administrator has them all).
     */
    private void awaitSent(final Publication results, final Duration timeout)
    {
        final CountersReader counters = aeron.countersReader();
        final int[] counter = {-1};
        counters.forEach((counterId, typeId, key, label) ->
        {
            if (typeId == AeronCounters.DRIVER_SENDER_POSITION_TYPE_ID &&
                key.getLong(StreamCounter.REGISTRATION_ID_OFFSET) == results.registrationId())
            {
                counter[0] = counterId;
            }
        });
        if (counter[0] < 0)
        {
            return; // no sender (never connected)
        }
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (results.isConnected() && counters.getCounterValue(counter[0]) < results.position() &&
            System.nanoTime() - deadline < 0)
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /**
     * How far behind the feed this worker's reading is now: bytes of the feed stream its media driver has received
     * that the worker has not read yet (the image's receiver high-water mark less its subscriber position), measured
     * with each heartbeat; 0 before {@link #run} has joined. Any thread. At most the receiver window (the feed
     * stream's min flow control): under {@code BLOCK} the rest of a slow worker's backlog waits at the feed (in its
     * spill, under the feed's SPILL); under {@code SPILL} the worker reads on and its backlog is in
     * {@link #spillBacklog()}.
     */
    public long lag()
    {
        final Lag measured = lag;
        return measured == null ? 0 : measured.current;
    }

    /**
     * Messages read from the feed stream that wait in this worker's spill store for its pipeline (its processing
     * backlog under {@code SPILL}); 0 before the pipeline is built. Any thread.
     */
    public long spillBacklog()
    {
        final Lag measured = lag;
        final Pipeline built = measured == null ? null : measured.pipeline;
        return built == null ? 0 : built.metrics().spillBacklog();
    }

    /** The largest {@link #lag()} measured so far; any thread. */
    public long maxLag()
    {
        final Lag measured = lag;
        return measured == null ? 0 : measured.max;
    }

    /** After {@link #run}: where this worker joined the live feed stream; above 0, it caught up to there first. */
    public long joinPosition()
    {
        return joinPosition;
    }

    /** Offers a HEARTBEAT every interval until stopped; a back-pressured one is skipped (any frame is a sign of life). */
    private static final class Heartbeat implements Runnable
    {
        private final Publication publication;
        private final UnsafeBuffer frame = new UnsafeBuffer(ByteBuffer.allocateDirect(ClusterWire.RESULT_HEADER_LENGTH));
        private final long intervalNanos;
        private final Lag lag;
        private volatile boolean running = true;

        Heartbeat(final Publication publication, final int worker, final Duration interval, final Lag lag)
        {
            this.publication = publication;
            this.lag = lag;
            this.intervalNanos = interval.toNanos();
            frame.setMemory(0, ClusterWire.RESULT_HEADER_LENGTH, (byte)0);
            frame.putInt(0, ClusterWire.R_HEARTBEAT);
            frame.putInt(ClusterWire.R_WORKER_OFFSET, worker);
            frame.putInt(ClusterWire.R_SYMBOL_ID_OFFSET, -1);
        }

        void stop()
        {
            running = false;
        }

        @Override
        public void run()
        {
            long next = System.nanoTime();
            while (running)
            {
                publication.offer(frame, 0, ClusterWire.RESULT_HEADER_LENGTH);
                lag.measure();
                next += intervalNanos;
                for (long wait = next - System.nanoTime(); wait > 0 && running; wait = next - System.nanoTime())
                {
                    LockSupport.parkNanos(this, Math.min(wait, TimeUnit.MILLISECONDS.toNanos(50)));
                }
            }
        }
    }

    /** The feed image's lag, from the driver's counters; measured by the heartbeat thread (its one writer). */
    private static final class Lag
    {
        private final CountersReader counters;
        private final Subscription feed;
        private int sessionId;
        private int hwmCounter = CountersReader.NULL_COUNTER_ID;
        private int positionCounter = CountersReader.NULL_COUNTER_ID;
        volatile long current;
        volatile long max;
        /** The worker's pipeline, once built (for its spill backlog). */
        volatile Pipeline pipeline;

        Lag(final CountersReader counters, final Subscription feed)
        {
            this.counters = counters;
            this.feed = feed;
        }

        void measure()
        {
            final Image image = feed.imageCount() > 0 ? feed.imageAtIndex(0) : null;
            if (image == null)
            {
                return;
            }
            if (hwmCounter == CountersReader.NULL_COUNTER_ID || positionCounter == CountersReader.NULL_COUNTER_ID ||
                sessionId != image.sessionId())
            {
                sessionId = image.sessionId();
                hwmCounter = find(AeronCounters.DRIVER_RECEIVER_HWM_TYPE_ID);
                positionCounter = find(AeronCounters.DRIVER_SUBSCRIBER_POSITION_TYPE_ID);
                if (hwmCounter == CountersReader.NULL_COUNTER_ID || positionCounter == CountersReader.NULL_COUNTER_ID)
                {
                    return;
                }
            }
            final long behind = Math.max(0, counters.getCounterValue(hwmCounter) - counters.getCounterValue(positionCounter));
            current = behind;
            if (behind > max)
            {
                max = behind;
            }
        }

        private int find(final int typeId)
        {
            final int[] found = {CountersReader.NULL_COUNTER_ID};
            counters.forEach((counterId, type, key, label) ->
            {
                if (type == typeId && key.getInt(StreamCounter.SESSION_ID_OFFSET) == sessionId &&
                    key.getInt(StreamCounter.STREAM_ID_OFFSET) == ClusterChannels.FEED_STREAM_ID &&
                    (typeId == AeronCounters.DRIVER_RECEIVER_HWM_TYPE_ID ||
                        key.getLong(StreamCounter.REGISTRATION_ID_OFFSET) == feed.registrationId()))
                {
                    found[0] = counterId;
                }
            });
            return found[0];
        }
    }
}
