package io.ringstreamer.bench.harness;

import io.ringstreamer.result.BarView;
import io.ringstreamer.result.ErrorView;
import io.ringstreamer.result.ResultListener;

/**
 * The CPU-cost programs' listener: counts the bars and keeps the first error (the pipeline catches what a
 * listener throws, so throwing would not stop the run), and {@link #check} fails a run that delivered either
 * an error or a number of bars other than the workload's. Called on the administrator's thread only.
 */
public final class BarTally implements ResultListener
{
    private volatile long bars;
    private volatile String firstError;

    @Override
    public void onBar(final BarView bar)
    {
        bars = bars + 1; // single writer: the administrator's thread
    }

    @Override
    public void onError(final ErrorView error)
    {
        if (firstError == null)
        {
            firstError = error.toError().toString();
        }
    }

    /** Throws unless the run delivered no error and exactly {@code expectedBars} bars; after the pipeline ended. */
    public void check(final String run, final long expectedBars)
    {
        if (firstError != null)
        {
            throw new IllegalStateException(run + " failed: " + firstError);
        }
        if (bars != expectedBars)
        {
            throw new IllegalStateException(run + " delivered " + bars + " bars of " + expectedBars);
        }
    }
}
