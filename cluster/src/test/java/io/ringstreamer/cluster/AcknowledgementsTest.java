package io.ringstreamer.cluster;

import io.ringstreamer.testing.CollectingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The administrator's acknowledgements file, on a real file: what is written is read back whole, the last version
 * replaces the one before, a missing file means nothing acknowledged, and an administrator that is given a path
 * removes an earlier run's file first (its counts would make a restarted worker skip results never delivered).
 */
class AcknowledgementsTest
{
    @Test
    void shouldReadBackTheLastVersionWrittenWhenWrittenTwice(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("acks");
        assertNull(Acknowledgements.read(file), "nothing written: nothing acknowledged");
        final Acknowledgements acknowledgements = new Acknowledgements(file);
        acknowledgements.write(new long[] {3, 0, 7, 99}, 3, new long[] {1, 2});
        final long[] many = new long[1000]; // longer than the first buffer: it grows
        for (int i = 0; i < many.length; i++)
        {
            many[i] = i * 10L;
        }
        acknowledgements.write(many, many.length, new long[] {5, 6, 8});
        final Acknowledgements.Delivered delivered = Acknowledgements.read(file);
        assertEquals(0, delivered.symbol(0));
        assertEquals(9_990, delivered.symbol(999));
        assertEquals(0, delivered.symbol(1_000), "a symbol the file does not know: nothing acknowledged");
        assertEquals(8, delivered.worker(2));
        assertEquals(0, delivered.worker(3));
        assertFalse(Files.exists(dir.resolve("acks.next")), "written beside it, then moved over it");
    }

    @Test
    void shouldRemoveAnEarlierRunsFileWhenTheAdministratorIsGivenItsPath(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("acks");
        new Acknowledgements(file).write(new long[] {500}, 1, new long[] {0});
        try (EmbeddedAeron aeron = EmbeddedAeron.launch(dir.resolve("aeron"));
             AdminNode admin = new AdminNode(aeron.aeron(),
                 ClusterChannels.results(WorkerProcesses.HOST + ":" + WorkerProcesses.freeUdpPort()), 1,
                 new CollectingListener(), Duration.ofSeconds(1), Duration.ofSeconds(1)))
        {
            admin.acknowledgeTo(file);
            assertNull(Acknowledgements.read(file));
        }
    }
}
