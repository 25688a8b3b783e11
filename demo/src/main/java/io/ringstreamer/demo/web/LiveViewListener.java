package io.ringstreamer.demo.web;

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

/**
 * The pipeline's listener with the live page on: writes each result into the {@link LiveBoard}
 * (a few stores, no lock, no allocation, no I/O), then hands it to the user's listener. Called on the
 * pipeline's one listener thread; the web thread reads the board on its own schedule, so a browser
 * never slows delivery.
 */
public final class LiveViewListener implements ResultListener
{
    private final LiveBoard board;
    private final ResultListener next;

    public LiveViewListener(final LiveBoard board, final ResultListener next)
    {
        this.board = board;
        this.next = next;
    }

    @Override
    public void onBar(final BarView bar)
    {
        board.bar(bar);
        next.onBar(bar);
    }

    @Override
    public void onAggregateBar(final AggregateBarView bar)
    {
        board.aggregateBar(bar);
        next.onAggregateBar(bar);
    }

    @Override
    public void onQuote(final QuoteView quote)
    {
        board.quote(quote);
        next.onQuote(quote);
    }

    @Override
    public void onBook(final BookView book)
    {
        board.book(book);
        next.onBook(book);
    }

    @Override
    public void onTrade(final TradeView trade)
    {
        next.onTrade(trade);
    }

    @Override
    public void onNews(final NewsView news)
    {
        next.onNews(news);
    }

    @Override
    public void onCustom(final CustomView result)
    {
        board.custom(result);
        next.onCustom(result);
    }

    @Override
    public void onError(final ErrorView error)
    {
        board.error(error);
        next.onError(error);
    }

    @Override
    public void onStatus(final StatusView status)
    {
        board.status(status);
        next.onStatus(status);
    }

    @Override
    public void onEndOfStream()
    {
        next.onEndOfStream();
    }
}
