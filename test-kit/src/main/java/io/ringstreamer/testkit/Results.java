package io.ringstreamer.testkit;

import io.ringstreamer.result.AggregateBar;
import io.ringstreamer.result.Bar;
import io.ringstreamer.result.Book;
import io.ringstreamer.result.CustomResult;
import io.ringstreamer.result.News;
import io.ringstreamer.result.Quote;
import io.ringstreamer.result.Status;
import io.ringstreamer.result.StreamError;
import io.ringstreamer.result.Trade;

import java.util.ArrayList;
import java.util.List;

/**
 * Copies of results in the order they came, each one of core's immutable records ({@link Bar}, {@link Quote},
 * {@link StreamError}, ...). Shared by {@link RecordingListener} and {@link RecordingResultSink}; every method is
 * synchronised, so one thread may record while another reads, and each read returns a snapshot.
 */
public abstract sealed class Results permits RecordingListener, RecordingResultSink
{
    private final List<Object> all = new ArrayList<>();

    Results()
    {
    }

    final synchronized void add(final Object result)
    {
        all.add(result);
    }

    /** Every result recorded, in order, of every kind. */
    public final synchronized List<Object> all()
    {
        return List.copyOf(all);
    }

    /** The results of one kind (say {@code Bar.class}), in order. */
    public final synchronized <T> List<T> ofType(final Class<T> type)
    {
        final List<T> matching = new ArrayList<>();
        for (final Object result : all)
        {
            if (type.isInstance(result))
            {
                matching.add(type.cast(result));
            }
        }
        return List.copyOf(matching);
    }

    /** The 1-minute bars, in order. */
    public final List<Bar> bars()
    {
        return ofType(Bar.class);
    }

    /** The N-minute bars, in order. */
    public final List<AggregateBar> aggregateBars()
    {
        return ofType(AggregateBar.class);
    }

    /** The Level 1 quotes, in order. */
    public final List<Quote> quotes()
    {
        return ofType(Quote.class);
    }

    /** The Level 2 books, in order. */
    public final List<Book> books()
    {
        return ofType(Book.class);
    }

    /** The trades, in order. */
    public final List<Trade> trades()
    {
        return ofType(Trade.class);
    }

    /** The headlines, in order. */
    public final List<News> news()
    {
        return ofType(News.class);
    }

    /** The custom results, in order. */
    public final List<CustomResult> customResults()
    {
        return ofType(CustomResult.class);
    }

    /** The errors (rejected and flagged entries among them), in order. */
    public final List<StreamError> errors()
    {
        return ofType(StreamError.class);
    }

    /** The statuses, in order. */
    public final List<Status> statuses()
    {
        return ofType(Status.class);
    }

    /** Forgets every result recorded so far. */
    public synchronized void clear()
    {
        all.clear();
    }
}
