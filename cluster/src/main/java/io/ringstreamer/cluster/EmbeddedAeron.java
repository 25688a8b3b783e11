package io.ringstreamer.cluster;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.aeron.AeronCounters;
import io.aeron.driver.ThreadingMode;
import io.aeron.driver.ext.DebugChannelEndpointConfiguration;
import io.aeron.driver.ext.DebugReceiveChannelEndpointSupplier;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.status.CountersReader;

import java.nio.file.Path;

/**
 * A media driver embedded in this process, with its own directory, and a client connected to it: what one
 * node of a one-host cluster (tests, the demo) runs. On a real host a standalone driver would run instead and
 * nodes would connect with {@link Aeron#connect(Aeron.Context)} alone.
 *
 * <p>The driver runs one shared thread that backs off to parking when idle (the machine this targets has two
 * cores), and deletes its directory when it closes. Closed by the thread that opened it.
 */
public final class EmbeddedAeron implements AutoCloseable
{
    private final MediaDriver driver;
    private final Aeron aeron;

    private EmbeddedAeron(final MediaDriver driver, final Aeron aeron)
    {
        this.driver = driver;
        this.aeron = aeron;
    }

    /** Launches a driver in {@code directory} (created, and deleted on close) and connects a client to it. */
    public static EmbeddedAeron launch(final Path directory)
    {
        final MediaDriver.Context context = new MediaDriver.Context()
            .aeronDirectoryName(directory.toAbsolutePath().toString())
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new BackoffIdleStrategy(10, 20, 1_000, 1_000_000))
            .publicationTermBufferLength(4 * 1024 * 1024)
            .ipcTermBufferLength(4 * 1024 * 1024)
            .termBufferSparseFile(true)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true);
        if (injectsReceiveLoss())
        {
            // Aeron's own debug endpoint drops received datagrams at the rate and seed of its properties.
            context.receiveChannelEndpointSupplier(new DebugReceiveChannelEndpointSupplier());
        }
        final MediaDriver driver = MediaDriver.launchEmbedded(context);
        try
        {
            final Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
            return new EmbeddedAeron(driver, aeron);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(driver);
            throw ex;
        }
    }

    /**
     * Whether this JVM asks for loss injection on receive, for tests: Aeron's
     * {@code aeron.debug.receive.data.loss.rate} (0 to 1; with {@code aeron.debug.receive.data.loss.seed}) is set
     * above 0. The driver then drops that fraction of the data datagrams it receives, and Aeron's NAKs and
     * retransmissions must make up for them.
     */
    public static boolean injectsReceiveLoss()
    {
        return Double.parseDouble(System.getProperty(DebugChannelEndpointConfiguration.RECEIVE_DATA_LOSS_RATE_PROP_NAME,
            "0")) > 0;
    }

    /**
     * The driver's count of a system counter, by its label (for example {@code "NAKs sent"}); -1 if there is no
     * such counter. Any thread.
     */
    public long systemCounter(final String label)
    {
        final CountersReader counters = aeron.countersReader();
        final long[] value = {-1};
        counters.forEach((counterId, typeId, keyBuffer, counterLabel) ->
        {
            if (typeId == AeronCounters.DRIVER_SYSTEM_COUNTER_TYPE_ID && counterLabel.startsWith(label))
            {
                value[0] = counters.getCounterValue(counterId);
            }
        });
        return value[0];
    }

    /** The client: thread-safe (Aeron's own rules). */
    public Aeron aeron()
    {
        return aeron;
    }

    /** Closes the client, then the driver. */
    @Override
    public void close()
    {
        CloseHelper.closeAll(aeron, driver);
    }
}
