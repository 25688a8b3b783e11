package io.ringstreamer.testkit;

import io.ringstreamer.result.AggregateBarView;
import io.ringstreamer.result.BarView;
import io.ringstreamer.result.BookView;
import io.ringstreamer.result.CustomView;
import io.ringstreamer.result.ErrorView;
import io.ringstreamer.result.NewsView;
import io.ringstreamer.result.QuoteView;
import io.ringstreamer.result.ResultListener;
import io.ringstreamer.result.StatusView;
import io.ringstreamer.result.TradeView;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ResultListener} that keeps a copy of every result it is given, in delivery order. The views a pipeline
 * passes are flyweights, valid only during the call; this listener takes each one's immutable copy
 * ({@code toBar()}, {@code toError()}, ...) at once, so the results can be read after the run.
 *
 * <p>Threads: the pipeline's delivery thread records; any thread may read at any time (see {@link Results}).
 * {@link #awaitEnd} waits for {@link #onEndOfStream}; once it has returned {@code true}, every result delivered
 * before the end is visible to the caller.
 */
public final class RecordingListener extends Results implements ResultListener
{
    private final CountDownLatch ended = new CountDownLatch(1);
    private int endOfStreamCalls;

    /** A listener that has recorded nothing yet; give it to one pipeline. */
    public RecordingListener()
    {
    }

    @Override
    public void onBar(final BarView bar)
    {
        add(bar.toBar());
    }

    @Override
    public void onAggregateBar(final AggregateBarView bar)
    {
        add(bar.toAggregateBar());
    }

    @Override
    public void onQuote(final QuoteView quote)
    {
        add(quote.toQuote());
    }

    @Override
    public void onBook(final BookView book)
    {
        add(book.toBook());
    }

    @Override
    public void onTrade(final TradeView trade)
    {
        add(trade.toTrade());
    }

    @Override
    public void onNews(final NewsView news)
    {
        add(news.toNews());
    }

    @Override
    public void onCustom(final CustomView result)
    {
        add(result.toCustom());
    }

    @Override
    public void onError(final ErrorView error)
    {
        add(error.toError());
    }

    @Override
    public void onStatus(final StatusView status)
    {
        add(status.toStatus());
    }

    @Override
    public void onEndOfStream()
    {
        synchronized (this)
        {
            endOfStreamCalls++;
        }
        ended.countDown();
    }

    /**
     * Waits until the stream has ended.
     *
     * @return {@code true} once {@link #onEndOfStream} has been called, {@code false} if {@code timeout} passed first.
     */
    public boolean awaitEnd(final Duration timeout) throws InterruptedException
    {
        return ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** How many times {@link #onEndOfStream} was called: 1 after a pipeline's run, never more. */
    public synchronized int endOfStreamCalls()
    {
        return endOfStreamCalls;
    }
}
