package io.ringstreamer.worker;

import io.ringstreamer.Pipeline;
import io.ringstreamer.metrics.MetricsSnapshot;
import io.ringstreamer.result.BarView;
import io.ringstreamer.result.Book;
import io.ringstreamer.result.BookView;
import io.ringstreamer.result.CustomResult;
import io.ringstreamer.result.CustomView;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.ErrorView;
import io.ringstreamer.result.News;
import io.ringstreamer.result.NewsView;
import io.ringstreamer.result.ResultListener;
import io.ringstreamer.result.StreamError;
import io.ringstreamer.source.FakeApiStreamer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Copies every book, headline, custom result and error it is given, in arrival order, with the spread and imbalance
 * the book view computed in place. Administrator thread; read it once the pipeline has terminated.
 */
final class BookNewsListener implements ResultListener
{
    final List<Book> books = new ArrayList<>();
    final List<Double> viewSpreads = new ArrayList<>();
    final List<Double> viewImbalances = new ArrayList<>();
    final List<News> news = new ArrayList<>();
    final List<CustomResult> customs = new ArrayList<>();
    final List<StreamError> errors = new ArrayList<>();
    final List<Object> all = new ArrayList<>();

    /**
     * Runs {@code builder} (symbols, shards and components already set) over {@code messages} with a
     * {@link FakeApiStreamer} until it terminates; checks that every message was processed.
     */
    static BookNewsListener run(final Pipeline.Builder builder, final List<byte[]> messages) throws Exception
    {
        final BookNewsListener listener = new BookNewsListener();
        try (Pipeline pipeline = builder.streamer(new FakeApiStreamer(messages)).listener(listener).build().start())
        {
            assertTrue(pipeline.awaitTermination(30, TimeUnit.SECONDS));
            final MetricsSnapshot metrics = pipeline.metrics().snapshot();
            assertEquals(messages.size(), metrics.processed(), metrics.toString());
        }
        final StreamError last = listener.errors.get(listener.errors.size() - 1);
        assertEquals(ErrorKind.CONNECTION_ERROR, last.kind(), "the fake API's end comes last");
        listener.errors.remove(listener.errors.size() - 1);
        listener.all.remove(listener.all.size() - 1);
        return listener;
    }

    static byte[] bytes(final String json)
    {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void onBar(final BarView bar)
    {
        all.add(bar.toBar());
    }

    @Override
    public void onBook(final BookView view)
    {
        final Book book = view.toBook();
        books.add(book);
        viewSpreads.add(view.spread());
        viewImbalances.add(view.imbalance());
        all.add(book);
    }

    @Override
    public void onNews(final NewsView view)
    {
        final News copy = view.toNews();
        news.add(copy);
        all.add(copy);
    }

    @Override
    public void onCustom(final CustomView view)
    {
        final CustomResult custom = view.toCustom();
        customs.add(custom);
        all.add(custom);
    }

    @Override
    public void onError(final ErrorView view)
    {
        final StreamError error = view.toError();
        errors.add(error);
        all.add(error);
    }
}
