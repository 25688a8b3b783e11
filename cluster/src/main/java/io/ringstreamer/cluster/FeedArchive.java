package io.ringstreamer.cluster;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.client.AeronArchive;
import io.aeron.archive.codecs.SourceLocation;
import io.aeron.archive.status.RecordingPos;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.status.CountersReader;

import java.nio.file.Path;

/**
 * The feed stream's durable journal: an Aeron Archive, run in the feed's process on the feed's media driver, records
 * the feed publication (a local recording, through a spy: it holds the publication back as a receiver does, so
 * every frame is on disk, data and control alike) into {@code directory}. A worker that joins the stream late (a
 * restart after {@code kill -9}) connects to the archive's control endpoint and replays the recording from its start
 * ({@link FeedSubscriptionStreamer}), then reads the live stream.
 *
 * <p>The recording is not bounded by memory (by the disk only) and stays on disk after the feed's process has gone;
 * the archive's catalog in {@code directory} lists it.
 *
 * <p>Threads: the archive runs one thread of its own (shared mode); {@link #awaitRecording} and {@link #close} from
 * the feed's thread that owns this.
 */
final class FeedArchive implements AutoCloseable
{
    private final Archive archive;
    private final AeronArchive client;
    private final Aeron aeron;
    private final Publication publication;
    private final long subscriptionId;
    private final long archiveId;

    /**
     * Launches the archive and starts recording {@code publication} (on {@code channel}).
     *
     * @param controlEndpoint {@code host:port} where workers reach the archive.
     */
    FeedArchive(
        final Aeron aeron, final Publication publication, final String channel, final Path directory,
        final String controlEndpoint)
    {
        this.aeron = aeron;
        this.publication = publication;
        this.archiveId = publication.sessionId() & 0xFFFF_FFFFL;
        final String host = controlEndpoint.substring(0, controlEndpoint.lastIndexOf(':'));
        final Archive.Context context = new Archive.Context()
            .aeronDirectoryName(aeron.context().aeronDirectoryName())
            .archiveDir(directory.toFile())
            .controlChannel("aeron:udp?endpoint=" + controlEndpoint)
            .replicationChannel("aeron:udp?endpoint=" + host + ":0")
            .localControlChannel("aeron:ipc")
            .recordingEventsEnabled(false)
            .threadingMode(ArchiveThreadingMode.SHARED)
            .idleStrategySupplier(() -> new BackoffIdleStrategy(10, 20, 1_000, 1_000_000))
            .archiveId(archiveId)
            .controlTermBufferSparse(true);
        this.archive = Archive.launch(context);
        AeronArchive connected = null;
        long id;
        try
        {
            connected = AeronArchive.connect(new AeronArchive.Context()
                .aeron(aeron)
                .controlRequestChannel("aeron:ipc")
                .controlRequestStreamId(context.localControlStreamId())
                .controlResponseChannel("aeron:ipc"));
            id = connected.startRecording(channel, ClusterChannels.FEED_STREAM_ID, SourceLocation.LOCAL);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(connected, archive);
            throw ex;
        }
        this.client = connected;
        this.subscriptionId = id;
    }

    /** Whether the archive records the publication now (its recording position counter exists); any thread. */
    boolean isRecording()
    {
        final CountersReader counters = aeron.countersReader();
        return RecordingPos.findCounterIdBySession(counters, publication.sessionId(), archiveId) != CountersReader.NULL_COUNTER_ID;
    }

    /** How far the recording has got (bytes of the feed stream on disk), or -1 before it has begun; any thread. */
    long recordedPosition()
    {
        final CountersReader counters = aeron.countersReader();
        final int counterId = RecordingPos.findCounterIdBySession(counters, publication.sessionId(), archiveId);
        return counterId == CountersReader.NULL_COUNTER_ID ? -1 : counters.getCounterValue(counterId);
    }

    /** Stops the recording and the archive; the recording stays on disk. */
    @Override
    public void close()
    {
        try
        {
            client.stopRecording(subscriptionId);
        }
        catch (final RuntimeException ex)
        {
            // The publication has closed first: the recording has stopped with it.
        }
        CloseHelper.quietCloseAll(client, archive);
    }
}
