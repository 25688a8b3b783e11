package io.ringstreamer.testing;

import io.ringstreamer.result.Bar;
import io.ringstreamer.result.BarView;
import io.ringstreamer.result.ErrorView;
import io.ringstreamer.result.ResultListener;
import io.ringstreamer.result.StreamError;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Copies every result it is given, in arrival order, and records the thread that called it.
 * Read it only after {@link #awaitEnd} returned true (the latch publishes its fields).
 */
public final class CollectingListener implements ResultListener
{
    public final List<Object> all = new ArrayList<>();
    public final Map<String, List<Bar>> barsBySymbol = new LinkedHashMap<>();
    public final List<StreamError> errors = new ArrayList<>();
    public final List<io.ringstreamer.result.AggregateBar> aggregateBars = new ArrayList<>();
    public final java.util.Set<String> callingThreads = new java.util.HashSet<>();
    public int endCalls;
    private final CountDownLatch ended = new CountDownLatch(1);

    @Override
    public void onBar(final BarView view)
    {
        final Bar bar = view.toBar();
        all.add(bar);
        barsBySymbol.computeIfAbsent(bar.symbol(), s -> new ArrayList<>()).add(bar);
        callingThreads.add(Thread.currentThread().getName());
    }

    @Override
    public void onAggregateBar(final io.ringstreamer.result.AggregateBarView view)
    {
        aggregateBars.add(view.toAggregateBar()); // kept apart: 'all' holds bars and errors only
    }

    @Override
    public void onError(final ErrorView view)
    {
        final StreamError error = view.toError();
        all.add(error);
        errors.add(error);
        callingThreads.add(Thread.currentThread().getName());
    }

    @Override
    public void onEndOfStream()
    {
        endCalls++;
        callingThreads.add(Thread.currentThread().getName());
        ended.countDown();
    }

    public boolean awaitEnd(final long seconds) throws InterruptedException
    {
        return ended.await(seconds, TimeUnit.SECONDS);
    }

    public int barCount()
    {
        return barsBySymbol.values().stream().mapToInt(List::size).sum();
    }
}
