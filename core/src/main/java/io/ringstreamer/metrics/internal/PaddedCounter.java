package io.ringstreamer.metrics.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Padding before {@link PaddedCounter}'s value: HotSpot lays a superclass's fields out before its
 * subclass's, so these 120 bytes keep any other object's hot field off the value's cache line (and off
 * the line the adjacent-line prefetcher pairs with it).
 */
@SuppressWarnings("unused")
abstract class PaddedCounterLeftPadding
{
    long p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
}

/** The value, between the two paddings. */
abstract class PaddedCounterValue extends PaddedCounterLeftPadding
{
    long value;
}

/** Padding after the value: 120 bytes, so nothing allocated after the counter shares its line. */
@SuppressWarnings("unused")
abstract class PaddedCounterRightPadding extends PaddedCounterValue
{
    long p16, p17, p18, p19, p20, p21, p22, p23, p24, p25, p26, p27, p28, p29, p30;
}

/**
 * A counter with one writer thread and any number of readers, padded against false sharing (counters
 * written by different threads sit side by side in memory; without padding, one thread's increments
 * would invalidate the line another thread is writing). The writer increments with a plain read and a
 * release write (no atomic read-modify-write, no lock); readers load with acquire semantics and see a
 * value at least as fresh as the writer's last release, with everything the writer did before it.
 *
 * <p>Internal: the pipeline's threads write these; applications read them through the read-only
 * {@link io.ringstreamer.metrics.PipelineMetrics}. Not exported by the module.
 */
public final class PaddedCounter extends PaddedCounterRightPadding
{
    private static final VarHandle VALUE;

    static
    {
        try
        {
            VALUE = MethodHandles.lookup().findVarHandle(PaddedCounterValue.class, "value", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    /** Adds one. Only the owning thread may call it. */
    public void increment()
    {
        VALUE.setRelease(this, value + 1); // the owner's own plain read of its own field is current
    }

    /** Adds {@code delta}. Only the owning thread may call it. */
    public void add(final long delta)
    {
        VALUE.setRelease(this, value + delta);
    }

    /** The current value; any thread. */
    public long get()
    {
        return (long)VALUE.getAcquire(this);
    }
}
