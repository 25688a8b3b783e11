package io.ringstreamer.demo;

import io.ringstreamer.demo.indicators.EmaRsiView;
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

import java.io.PrintStream;

/**
 * Prints every result on one line in the seed's style (see {@link SeedFormat}); with {@code quiet},
 * prints nothing. Runs on the one thread that calls the listener (the administrator, or with one shard
 * and no journal the shard thread). Results may sit in the output's buffer (the demo's is 64 KiB, for
 * speed); a status or an error is flushed as soon as it is printed, with every line before it, so the
 * console shows a connection's state when it changes, in order. Flushes when the stream ends.
 */
public final class ConsoleListener implements ResultListener
{
    private final PrintStream out;
    private final boolean quiet;
    private final StringBuilder line = new StringBuilder(256);

    public ConsoleListener(final PrintStream out, final boolean quiet)
    {
        this.out = out;
        this.quiet = quiet;
    }

    @Override
    public void onBar(final BarView bar)
    {
        if (!quiet)
        {
            out.println(SeedFormat.bar(bar, clear()));
        }
    }

    @Override
    public void onAggregateBar(final AggregateBarView bar)
    {
        if (!quiet)
        {
            out.println(SeedFormat.aggregateBar(bar, clear()));
        }
    }

    @Override
    public void onQuote(final QuoteView quote)
    {
        if (!quiet)
        {
            out.println(SeedFormat.quote(quote, clear()));
        }
    }

    @Override
    public void onBook(final BookView book)
    {
        if (!quiet)
        {
            out.println(SeedFormat.book(book, clear()));
        }
    }

    @Override
    public void onTrade(final TradeView trade)
    {
        if (!quiet)
        {
            out.println(SeedFormat.trade(trade, clear()));
        }
    }

    @Override
    public void onNews(final NewsView news)
    {
        if (!quiet)
        {
            out.println(SeedFormat.news(news, clear()));
        }
    }

    @Override
    public void onCustom(final CustomView result)
    {
        if (!quiet)
        {
            out.println(EmaRsiView.is(result) ? SeedFormat.emaRsi(result, clear()) : SeedFormat.custom(result, clear()));
        }
    }

    @Override
    public void onError(final ErrorView error)
    {
        if (!quiet)
        {
            out.println(SeedFormat.error(error, clear()));
            out.flush();
        }
    }

    @Override
    public void onStatus(final StatusView status)
    {
        if (!quiet)
        {
            out.println(SeedFormat.status(status, clear()));
            out.flush();
        }
    }

    @Override
    public void onEndOfStream()
    {
        out.flush();
    }

    private StringBuilder clear()
    {
        line.setLength(0);
        return line;
    }
}
