package io.ringstreamer.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Linux network namespaces that a test creates and removes itself, one per worker, each joined to this JVM's
 * namespace by its own veth pair on a private /24 ({@code 10.201.S.0/24}: this side {@code .1}, the namespace's
 * side {@code .2}, its default route via {@code .1}, so a worker reaches every address of this side). Made with
 * {@code ip}; needs root (CAP_NET_ADMIN and CAP_SYS_ADMIN).
 *
 * <p>Removed whatever happens: by {@link #close()}, by a shutdown hook if the JVM exits first, and, for a JVM that
 * was killed outright, by the next run, which removes the namespaces of processes that no longer exist. Removing a
 * namespace removes its end of the veth pair, which removes the other end.
 *
 * <p>Names carry this process's id ({@code rs<pid>n<i>}, veths {@code rs<pid>h<i>} here and {@code rs<pid>p<i>}
 * there): concurrent runs do not meet. Used by one test thread.
 */
final class NetworkNamespaces implements AutoCloseable
{
    private static final Pattern OURS = Pattern.compile("^rs([0-9]+)n[0-9]+");

    private final List<String> namespaces = new ArrayList<>();
    private final List<String> hostVeths = new ArrayList<>();
    private final List<String> hostAddresses = new ArrayList<>();
    private final List<String> namespaceAddresses = new ArrayList<>();
    private final Thread cleanUp = new Thread(this::remove, "ring-streamer-netns-cleanup");

    private NetworkNamespaces()
    {
    }

    /**
     * Why namespaces cannot be made here, or {@code null} if they can: not Linux, no {@code ip}, not root, or a
     * probe namespace cannot be added (a container without the capabilities).
     */
    static String unavailableReason()
    {
        if (!System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux"))
        {
            return "network namespaces are Linux only: " + System.getProperty("os.name");
        }
        try
        {
            final Result id = run(List.of("id", "-u"));
            if (id.code != 0 || !id.output.trim().equals("0"))
            {
                return "not root (id -u: " + id.output.trim() + "): ip netns needs it";
            }
            final String probe = "rs" + ProcessHandle.current().pid() + "n99";
            final Result add = run(List.of("ip", "netns", "add", probe));
            if (add.code != 0)
            {
                return "ip netns add failed: " + add.output.trim();
            }
            run(List.of("ip", "netns", "del", probe));
            return null;
        }
        catch (final IOException ex)
        {
            return "cannot run id or ip: " + ex.getMessage();
        }
    }

    /** Creates {@code count} namespaces, each with its veth pair, after removing those left by dead test runs. */
    static NetworkNamespaces create(final int count) throws IOException
    {
        removeOrphans();
        final NetworkNamespaces created = new NetworkNamespaces();
        Runtime.getRuntime().addShutdownHook(created.cleanUp);
        try
        {
            final long pid = ProcessHandle.current().pid();
            final int base = freeSubnets(count, (int)(pid % 100) * 2);
            for (int i = 0; i < count; i++)
            {
                final String ns = "rs" + pid + "n" + i;
                final String here = "rs" + pid + "h" + i;
                final String there = "rs" + pid + "p" + i;
                final String subnet = "10.201." + (base + i) + ".";
                created.namespaces.add(ns);
                created.hostVeths.add(here);
                created.hostAddresses.add(subnet + "1");
                created.namespaceAddresses.add(subnet + "2");
                check(List.of("ip", "netns", "add", ns));
                check(List.of("ip", "link", "add", here, "type", "veth", "peer", "name", there));
                check(List.of("ip", "link", "set", there, "netns", ns));
                check(List.of("ip", "addr", "add", subnet + "1/24", "dev", here));
                check(List.of("ip", "link", "set", here, "up"));
                check(List.of("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up"));
                check(List.of("ip", "netns", "exec", ns, "ip", "addr", "add", subnet + "2/24", "dev", there));
                check(List.of("ip", "netns", "exec", ns, "ip", "link", "set", there, "up"));
                check(List.of("ip", "netns", "exec", ns, "ip", "route", "add", "default", "via", subnet + "1"));
            }
            return created;
        }
        catch (final IOException | RuntimeException ex)
        {
            created.close();
            throw ex;
        }
    }

    /** Namespace {@code i}'s name, for {@code ip netns exec}. */
    String namespace(final int i)
    {
        return namespaces.get(i);
    }

    /** This side's address on namespace {@code i}'s veth pair. */
    String hostAddress(final int i)
    {
        return hostAddresses.get(i);
    }

    /** Namespace {@code i}'s own address. */
    String namespaceAddress(final int i)
    {
        return namespaceAddresses.get(i);
    }

    /** Bytes this side's end of namespace {@code i}'s veth pair has sent ({@code tx}) or received ({@code rx}). */
    long hostVethBytes(final int i, final String direction) throws IOException
    {
        return Long.parseLong(Files.readString(
            Path.of("/sys/class/net", hostVeths.get(i), "statistics", direction + "_bytes")).trim());
    }

    /** Whether namespace {@code i} is still listed by {@code ip netns list}. */
    static boolean exists(final String namespace) throws IOException
    {
        return run(List.of("ip", "netns", "list")).output.lines()
            .anyMatch(line -> line.split("\\s+")[0].equals(namespace));
    }

    /** Removes every namespace (and with it every veth pair) this made; idempotent. */
    @Override
    public void close()
    {
        remove();
        try
        {
            Runtime.getRuntime().removeShutdownHook(cleanUp);
        }
        catch (final IllegalStateException ex)
        {
            // the JVM is shutting down: the hook runs remove() again, which finds nothing left
        }
    }

    private synchronized void remove()
    {
        for (int i = 0; i < namespaces.size(); i++)
        {
            try
            {
                run(List.of("ip", "netns", "del", namespaces.get(i)));
                if (Files.exists(Path.of("/sys/class/net", hostVeths.get(i))))
                {
                    run(List.of("ip", "link", "del", hostVeths.get(i)));
                }
            }
            catch (final IOException ex)
            {
                System.err.println("could not remove " + namespaces.get(i) + ": " + ex);
            }
        }
    }

    /** Removes the namespaces of earlier runs whose process is gone (killed before its hook could run). */
    private static void removeOrphans() throws IOException
    {
        for (final String line : run(List.of("ip", "netns", "list")).output.lines().toList())
        {
            final Matcher matcher = OURS.matcher(line);
            if (matcher.find() && ProcessHandle.of(Long.parseLong(matcher.group(1))).isEmpty())
            {
                run(List.of("ip", "netns", "del", line.split("\\s+")[0]));
            }
        }
    }

    /** The first of {@code count} consecutive third octets, from {@code start}, that no interface here uses. */
    private static int freeSubnets(final int count, final int start) throws IOException
    {
        final String used = run(List.of("ip", "-4", "-o", "addr", "show")).output;
        final int bases = 251 - count;
        for (int k = 0; k < bases; k++)
        {
            final int base = (start + k) % bases;
            boolean free = true;
            for (int i = 0; i < count && free; i++)
            {
                free = !used.contains(" 10.201." + (base + i) + ".");
            }
            if (free)
            {
                return base;
            }
        }
        throw new IOException("no free 10.201.x.0/24 subnets here");
    }

    private static void check(final List<String> command) throws IOException
    {
        final Result result = run(command);
        if (result.code != 0)
        {
            throw new IOException(String.join(" ", command) + " failed (" + result.code + "): " + result.output);
        }
    }

    private static Result run(final List<String> command) throws IOException
    {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try
        {
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in 30 s");
            }
            return new Result(process.exitValue(), output);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted: " + String.join(" ", command), ex);
        }
    }

    private record Result(int code, String output)
    {
    }
}
