package io.ringstreamer.bench.contenders;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The threads one baseline run starts, whether directly or through an executor (as its
 * {@link ThreadFactory}): each is named, its failure is kept, and {@link #joinAll()} waits for every
 * one of them to end and then rethrows the first failure.
 *
 * <p>Created and joined by the thread that calls {@code Contender.run}; threads may be added from any
 * thread (an executor creates its workers on the thread that submits).
 */
final class RunThreads implements ThreadFactory
{
    /** A thread's body; whatever it throws is kept for {@link #joinAll()}. */
    @FunctionalInterface
    interface Body
    {
        void run() throws Exception;
    }

    private final String prefix;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private int workers;

    RunThreads(final String prefix)
    {
        this.prefix = prefix;
    }

    /** Starts a thread named {@code prefix-role} running {@code body}. */
    Thread start(final String role, final Body body)
    {
        final Thread thread = add(role, () ->
        {
            try
            {
                body.run();
            }
            catch (final Throwable ex)
            {
                fail(ex);
            }
        });
        thread.start();
        return thread;
    }

    /** For an executor: a worker thread, named {@code prefix-worker-N}, joined by {@link #joinAll()}. */
    @Override
    public synchronized Thread newThread(final Runnable task)
    {
        return add("worker-" + workers++, task);
    }

    /** Keeps {@code ex} if it is the first failure of the run. */
    void fail(final Throwable ex)
    {
        failure.compareAndSet(null, ex);
    }

    /**
     * Joins every thread started so far, and any started meanwhile by the threads being joined.
     *
     * @throws Exception the first failure of any thread, once all have ended.
     */
    void joinAll() throws Exception
    {
        for (int i = 0; i < size(); i++)
        {
            get(i).join();
        }
        final Throwable ex = failure.get();
        if (ex instanceof Exception)
        {
            throw (Exception)ex;
        }
        if (ex != null)
        {
            throw new IllegalStateException(prefix + " failed", ex);
        }
    }

    private synchronized Thread add(final String role, final Runnable runnable)
    {
        final Thread thread = new Thread(runnable, prefix + "-" + role);
        threads.add(thread);
        return thread;
    }

    private synchronized int size()
    {
        return threads.size();
    }

    private synchronized Thread get(final int index)
    {
        return threads.get(index);
    }
}
