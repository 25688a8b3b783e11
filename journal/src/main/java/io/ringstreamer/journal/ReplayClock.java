package io.ringstreamer.journal;

import java.util.concurrent.locks.LockSupport;

/**
 * The time a paced replay keeps: {@link #SYSTEM} in use, a scripted one in tests, so pacing is
 * checked without waiting or measuring wall-clock speed. Called on the replaying streamer's thread.
 */
public interface ReplayClock
{
    /** {@link System#nanoTime()}; waits by parking, then yielding for the last 100 µs. */
    ReplayClock SYSTEM = new ReplayClock()
    {
        private static final long YIELD_NANOS = 100_000;

        @Override
        public long nanoTime()
        {
            return System.nanoTime();
        }

        @Override
        public void waitUntil(final long deadlineNanos) throws InterruptedException
        {
            for (long remaining = deadlineNanos - System.nanoTime(); remaining > 0;
                remaining = deadlineNanos - System.nanoTime())
            {
                if (Thread.interrupted())
                {
                    throw new InterruptedException("replay interrupted");
                }
                if (remaining > YIELD_NANOS)
                {
                    LockSupport.parkNanos(remaining - YIELD_NANOS);
                }
                else
                {
                    Thread.yield(); // a spin would starve the pipeline's threads on a small machine
                }
            }
        }
    };

    /** Now, in nanoseconds from an arbitrary origin. */
    long nanoTime();

    /** Returns once {@link #nanoTime()} has reached {@code deadlineNanos}. */
    void waitUntil(long deadlineNanos) throws InterruptedException;
}
