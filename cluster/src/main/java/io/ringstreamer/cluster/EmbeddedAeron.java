package io.ringstreamer.cluster;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;

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
