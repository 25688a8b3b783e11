package io.ringstreamer.delivery;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.Sequence;
import io.ringstreamer.metrics.internal.PaddedCounter;
import io.ringstreamer.metrics.internal.PipelineCounters;
import io.ringstreamer.result.AggregateBarView;
import io.ringstreamer.result.BarView;
import io.ringstreamer.result.BookView;
import io.ringstreamer.result.CustomView;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.ErrorView;
import io.ringstreamer.result.ListenerErrorHandler;
import io.ringstreamer.result.NewsView;
import io.ringstreamer.result.QuoteView;
import io.ringstreamer.result.ResultKind;
import io.ringstreamer.result.ResultListener;
import io.ringstreamer.result.StatusView;
import io.ringstreamer.result.TradeView;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * The results ring's one consumer: hands each result to the user's listener, on its own thread.
 * When every shard has reported the end of the stream it delivers the streamer's failure (if any),
 * then {@link ResultListener#onEndOfStream()}, and signals that everything has been delivered.
 */
public final class Administrator implements EventHandler<ResultSlot>
{
    /** The listener callback of each {@link ResultEvent} type, by its number. */
    private static final ResultKind[] KINDS = {ResultKind.BAR, ResultKind.AGGREGATE_BAR, ResultKind.QUOTE,
        ResultKind.BOOK, ResultKind.TRADE, ResultKind.NEWS, ResultKind.CUSTOM, ResultKind.ERROR,
        ResultKind.END_OF_STREAM, ResultKind.STATUS};

    private final ResultListener listener;
    private final ListenerErrorHandler errorHandler;
    private final int shardCount;
    private final Supplier<Throwable> streamerFailure;
    private final CountDownLatch started;
    private final CountDownLatch delivered;
    private final PaddedCounter resultsDelivered;
    private final PaddedCounter errorsDelivered;
    private final PaddedCounter statusesDelivered;
    private final PaddedCounter listenerErrors;
    private final ResultEvent finalError = new ResultEvent(0);
    private final ResultViews views = new ResultViews();
    private final boolean poisonViews;
    private int shardsEnded;
    /** Progress in the results ring, released after each result so waiting shards get room at once. */
    private Sequence released = new Sequence();

    public Administrator(
        final ResultListener listener,
        final ListenerErrorHandler errorHandler,
        final int shardCount,
        final Supplier<Throwable> streamerFailure,
        final PipelineCounters metrics,
        final CountDownLatch started,
        final CountDownLatch delivered,
        final boolean poisonViews)
    {
        this.poisonViews = poisonViews;
        this.listener = listener;
        this.errorHandler = errorHandler;
        this.shardCount = shardCount;
        this.streamerFailure = streamerFailure;
        this.started = started;
        this.delivered = delivered;
        this.resultsDelivered = metrics.resultsDelivered();
        this.errorsDelivered = metrics.errorsDelivered();
        this.statusesDelivered = metrics.statusesDelivered();
        this.listenerErrors = metrics.listenerErrors();
    }

    @Override
    public void setSequenceCallback(final Sequence sequenceCallback)
    {
        this.released = sequenceCallback;
    }

    @Override
    public void onStart()
    {
        started.countDown();
    }

    @Override
    public void onEvent(final ResultSlot slot, final long sequence, final boolean endOfBatch)
    {
        onEvent(slot.event(), sequence, endOfBatch);
    }

    /** Delivers {@code result}, on the administrator's thread (or, with one shard delivering itself, the shard's). */
    public void onEvent(final ResultEvent result, final long sequence, final boolean endOfBatch)
    {
        deliver(result);
        released.set(sequence);
    }

    private void deliver(final ResultEvent result)
    {
        if (result.type == ResultEvent.SHARD_END)
        {
            if (++shardsEnded == shardCount)
            {
                endOfStream();
            }
            return;
        }
        if (result.type == ResultEvent.ERROR)
        {
            deliverError(result);
            return;
        }
        if (result.type == ResultEvent.STATUS)
        {
            deliverStatus(result);
            return;
        }
        try
        {
            final ResultViews views = this.views;
            switch (result.type)
            {
                case ResultEvent.BAR -> listener.onBar((BarView)views.bar.wrap(result));
                case ResultEvent.AGGREGATE_BAR -> listener.onAggregateBar((AggregateBarView)views.aggregateBar.wrap(result));
                case ResultEvent.QUOTE -> listener.onQuote((QuoteView)views.quote.wrap(result));
                case ResultEvent.BOOK -> listener.onBook((BookView)views.book.wrap(result));
                case ResultEvent.TRADE -> listener.onTrade((TradeView)views.trade.wrap(result));
                case ResultEvent.NEWS -> listener.onNews((NewsView)views.news.wrap(result));
                default -> listener.onCustom((CustomView)views.custom.wrap(result));
            }
        }
        catch (final Throwable ex)
        {
            listenerFailed(KINDS[result.type], ex);
        }
        if (poisonViews)
        {
            views.poison();
        }
        resultsDelivered.increment();
    }

    private void deliverError(final ResultEvent error)
    {
        try
        {
            listener.onError((ErrorView)views.error.wrap(error));
        }
        catch (final Throwable ex)
        {
            listenerFailed(ResultKind.ERROR, ex);
        }
        if (poisonViews)
        {
            views.poison();
        }
        errorsDelivered.increment();
    }

    private void deliverStatus(final ResultEvent status)
    {
        try
        {
            listener.onStatus((StatusView)views.status.wrap(status));
        }
        catch (final Throwable ex)
        {
            listenerFailed(ResultKind.STATUS, ex);
        }
        if (poisonViews)
        {
            views.poison();
        }
        statusesDelivered.increment();
    }

    private void endOfStream()
    {
        final Throwable failure = streamerFailure.get();
        if (failure != null)
        {
            finalError.stamp(ResultEvent.ERROR, null, -1, System.nanoTime(), 0);
            final ErrorKind kind = failure instanceof IOException ? ErrorKind.CONNECTION_ERROR : ErrorKind.STREAMER_FAILURE;
            finalError.error(kind, describe(failure), failure);
            deliverError(finalError);
        }
        try
        {
            listener.onEndOfStream();
        }
        catch (final Throwable ex)
        {
            listenerFailed(ResultKind.END_OF_STREAM, ex);
        }
        delivered.countDown();
    }

    /** Counts a listener's exception and hands it to the error handler, whose own failure is only counted. */
    private void listenerFailed(final ResultKind kind, final Throwable ex)
    {
        listenerErrors.increment();
        try
        {
            errorHandler.onListenerError(kind, ex);
        }
        catch (final Throwable handlerFailure)
        {
            listenerErrors.increment();
        }
    }

    /** The failure's message, or its class name; never throws (a user's exception may, in getMessage). */
    private static String describe(final Throwable failure)
    {
        try
        {
            final String message = failure.getMessage();
            return message != null ? message : failure.getClass().getName();
        }
        catch (final Throwable ex)
        {
            return failure.getClass().getName() + " (its getMessage threw " + ex.getClass().getName() + ")";
        }
    }
}
