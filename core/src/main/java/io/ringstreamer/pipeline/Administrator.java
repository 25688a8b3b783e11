package io.ringstreamer.pipeline;

import com.lmax.disruptor.EventHandler;
import io.ringstreamer.metrics.Counter;
import io.ringstreamer.metrics.PipelineMetrics;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.ResultListener;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * The results ring's one consumer: hands each result to the user's listener, on its own thread.
 * When every shard has reported the end of the stream it delivers the streamer's failure (if any),
 * then {@link ResultListener#onEndOfStream()}, and signals that everything has been delivered.
 */
final class Administrator implements EventHandler<ResultEvent>
{
    private final ResultListener listener;
    private final int shardCount;
    private final Supplier<Throwable> streamerFailure;
    private final CountDownLatch started;
    private final CountDownLatch delivered;
    private final Counter resultsDelivered;
    private final Counter errorsDelivered;
    private final Counter listenerErrors;
    private final ResultEvent finalError = new ResultEvent();
    private int shardsEnded;

    Administrator(
        final ResultListener listener,
        final int shardCount,
        final Supplier<Throwable> streamerFailure,
        final PipelineMetrics metrics,
        final CountDownLatch started,
        final CountDownLatch delivered)
    {
        this.listener = listener;
        this.shardCount = shardCount;
        this.streamerFailure = streamerFailure;
        this.started = started;
        this.delivered = delivered;
        this.resultsDelivered = metrics.resultsDelivered();
        this.errorsDelivered = metrics.errorsDelivered();
        this.listenerErrors = metrics.listenerErrors();
    }

    @Override
    public void onStart()
    {
        started.countDown();
    }

    @Override
    public void onEvent(final ResultEvent result, final long sequence, final boolean endOfBatch)
    {
        switch (result.type)
        {
            case ResultEvent.BAR:
                try
                {
                    listener.onBar(result);
                }
                catch (final Throwable ex)
                {
                    listenerErrors.increment();
                }
                resultsDelivered.increment();
                break;
            case ResultEvent.ERROR:
                deliverError(result);
                break;
            default:
                if (++shardsEnded == shardCount)
                {
                    endOfStream();
                }
                break;
        }
    }

    private void deliverError(final ResultEvent error)
    {
        try
        {
            listener.onError(error);
        }
        catch (final Throwable ex)
        {
            listenerErrors.increment();
        }
        errorsDelivered.increment();
    }

    private void endOfStream()
    {
        final Throwable failure = streamerFailure.get();
        if (failure != null)
        {
            finalError.stamp(ResultEvent.ERROR, null, -1, System.nanoTime(), 0);
            final ErrorKind kind = failure instanceof IOException ? ErrorKind.CONNECTION_ERROR : ErrorKind.STREAMER_FAILURE;
            final String message = failure.getMessage();
            finalError.error(kind, message != null ? message : failure.getClass().getName(), failure);
            deliverError(finalError);
        }
        try
        {
            listener.onEndOfStream();
        }
        catch (final Throwable ex)
        {
            listenerErrors.increment();
        }
        delivered.countDown();
    }
}
