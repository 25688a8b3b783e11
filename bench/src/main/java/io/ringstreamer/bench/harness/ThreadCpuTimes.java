package io.ringstreamer.bench.harness;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;

/**
 * A pipeline's thread factory for the CPU-cost programs ({@code DecodeCpuCost}, {@code JournalCpuCost}): each
 * thread it makes reads its own CPU time, all and user, as it ends, and records it under its role (its name
 * after the pipeline's name). CPU time counts only what a thread ran, not the time it waited for a core, so
 * other processes on the machine move it far less than they move a rate; a wait strategy's spinning and
 * yielding still count.
 */
public final class ThreadCpuTimes implements ThreadFactory
{
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    /** CPU nanoseconds of one thread (or one stretch of it): all, and the part spent in user mode. */
    public record CpuTime(long total, long user)
    {
        public long system()
        {
            return total - user;
        }

        /** The calling thread's CPU time so far. */
        public static CpuTime ofCurrentThread()
        {
            return new CpuTime(THREADS.getCurrentThreadCpuTime(), THREADS.getCurrentThreadUserTime());
        }

        /** This reading less an earlier one of the same thread. */
        public CpuTime since(final CpuTime earlier)
        {
            return new CpuTime(total - earlier.total, user - earlier.user);
        }
    }

    private final String prefix;
    private final Map<String, CpuTime> byRole = new ConcurrentHashMap<>();

    /** @param pipelineName the name given to {@code Pipeline.builder().name(...)}, which starts each thread's name. */
    public ThreadCpuTimes(final String pipelineName)
    {
        this.prefix = pipelineName + "-";
    }

    @Override
    public Thread newThread(final Runnable task)
    {
        return new Thread(() ->
        {
            try
            {
                task.run();
            }
            finally
            {
                final String name = Thread.currentThread().getName();
                final int at = name.lastIndexOf(prefix);
                byRole.put(at < 0 ? name : name.substring(at + prefix.length()), CpuTime.ofCurrentThread());
            }
        });
    }

    /** Each ended thread's CPU time by role, in the roles' order: read it once the pipeline has terminated. */
    public Map<String, CpuTime> byRole()
    {
        return new TreeMap<>(byRole);
    }
}
