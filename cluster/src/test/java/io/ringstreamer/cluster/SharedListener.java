package io.ringstreamer.cluster;

import io.ringstreamer.result.BarView;
import io.ringstreamer.result.ErrorView;
import io.ringstreamer.result.ResultListener;
import io.ringstreamer.result.StatusView;
import io.ringstreamer.testing.CollectingListener;

import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A {@link CollectingListener} (read after its end) that also counts down a latch, safely from another thread,
 * once a bar of one of {@code watched} has been delivered, and collects statuses' text.
 */
final class SharedListener implements ResultListener
{
    final CollectingListener collected = new CollectingListener();
    final java.util.List<String> statuses = new java.util.ArrayList<>();
    private final Set<String> watched;
    private final CountDownLatch watchedBar = new CountDownLatch(1);

    SharedListener(final Set<String> watched)
    {
        this.watched = watched;
    }

    @Override
    public void onBar(final BarView bar)
    {
        collected.onBar(bar);
        if (watched.contains(bar.symbol()))
        {
            watchedBar.countDown();
        }
    }

    @Override
    public void onError(final ErrorView error)
    {
        collected.onError(error);
    }

    @Override
    public void onStatus(final StatusView status)
    {
        statuses.add(status.kind() + " " + status.symbol());
    }

    @Override
    public void onEndOfStream()
    {
        collected.onEndOfStream();
    }

    boolean awaitWatchedBar(final long seconds) throws InterruptedException
    {
        return watchedBar.await(seconds, TimeUnit.SECONDS);
    }
}
