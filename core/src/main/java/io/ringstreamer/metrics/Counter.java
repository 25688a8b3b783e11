package io.ringstreamer.metrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A counter with one writer thread and any number of readers: the writer increments with a plain read
 * and a release write (no atomic read-modify-write); readers see a value at least as fresh as the
 * writer's last release.
 */
public final class Counter
{
    private static final VarHandle VALUE;

    static
    {
        try
        {
            VALUE = MethodHandles.lookup().findVarHandle(Counter.class, "value", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    @SuppressWarnings("unused") // accessed through VALUE
    private long value;

    /** Adds one. Only the owning thread may call it. */
    public void increment()
    {
        VALUE.setRelease(this, (long)VALUE.get(this) + 1);
    }

    /** Adds {@code delta}. Only the owning thread may call it. */
    public void add(final long delta)
    {
        VALUE.setRelease(this, (long)VALUE.get(this) + delta);
    }

    /** The current value; any thread. */
    public long get()
    {
        return (long)VALUE.getAcquire(this);
    }
}
