package io.ringstreamer.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --nodes} whose media driver cannot start says so, exits 1, and leaves no run directory behind. */
@Timeout(60)
class NodesStartFailureTest
{
    @Test
    void shouldRemoveItsRunDirectoryWhenTheMediaDriverCannotStart() throws Exception
    {
        final Set<Path> before = runDirectories();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final String old = System.getProperty("aeron.mtu.length");
        System.setProperty("aeron.mtu.length", "7"); // not a multiple of 32: the driver refuses to start
        final int status;
        try
        {
            status = new Demo(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(new String[] {"--nodes", "1"}, false);
        }
        finally
        {
            if (old == null)
            {
                System.clearProperty("aeron.mtu.length");
            }
            else
            {
                System.setProperty("aeron.mtu.length", old);
            }
        }
        assertEquals(1, status, err.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("ring-streamer: cannot start the cluster: "),
            err.toString(StandardCharsets.UTF_8));
        final Set<Path> left = runDirectories();
        left.removeAll(before);
        assertEquals(Set.of(), left, "no run directory left behind");
    }

    private static Set<Path> runDirectories() throws IOException
    {
        try (Stream<Path> all = Files.list(ClusterDemo.runBase()))
        {
            return all.filter(path -> path.getFileName().toString().startsWith("ring-streamer-nodes-"))
                .collect(Collectors.toCollection(HashSet::new));
        }
    }
}
