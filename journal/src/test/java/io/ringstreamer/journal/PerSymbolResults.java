package io.ringstreamer.journal;

import io.ringstreamer.result.AggregateBarView;
import io.ringstreamer.result.BarView;
import io.ringstreamer.result.Book;
import io.ringstreamer.result.BookView;
import io.ringstreamer.result.ErrorView;
import io.ringstreamer.result.NewsView;
import io.ringstreamer.result.QuoteView;
import io.ringstreamer.result.ResultListener;
import io.ringstreamer.result.StreamError;
import io.ringstreamer.result.TradeView;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Every result as text, per symbol, in arrival order (errors without a symbol under ""). Administrator
 * thread; read after {@link #awaitEnd}. With {@code withSequence} false, inbound sequences are left
 * out, for comparing a replay that started part-way through.
 */
final class PerSymbolResults implements ResultListener
{
    final Map<String, List<String>> bySymbol = new TreeMap<>();
    final List<StreamError> errors = new ArrayList<>();
    private final boolean withSequence;
    private final CountDownLatch ended = new CountDownLatch(1);
    long results;

    PerSymbolResults(final boolean withSequence)
    {
        this.withSequence = withSequence;
    }

    @Override
    public void onBar(final BarView bar)
    {
        add(bar.symbol(), bar.sequence(), bar.toBar().toString());
    }

    @Override
    public void onAggregateBar(final AggregateBarView bar)
    {
        add(bar.symbol(), bar.sequence(), bar.toAggregateBar().toString());
    }

    @Override
    public void onQuote(final QuoteView quote)
    {
        add(quote.symbol(), quote.sequence(), quote.toQuote().toString());
    }

    @Override
    public void onBook(final BookView view)
    {
        final Book book = view.toBook();
        add(view.symbol(), view.sequence(), "Book " + book.timeMillis() + Arrays.toString(book.bidPrices()) +
            Arrays.toString(book.bidSizes()) + Arrays.toString(book.askPrices()) + Arrays.toString(book.askSizes()));
    }

    @Override
    public void onTrade(final TradeView trade)
    {
        add(trade.symbol(), trade.sequence(), trade.toTrade().toString());
    }

    @Override
    public void onNews(final NewsView news)
    {
        add(news.symbol(), news.sequence(), news.toNews().toString());
    }

    @Override
    public void onError(final ErrorView error)
    {
        final StreamError copy = error.toError();
        errors.add(copy);
        add(copy.symbol() == null ? "" : copy.symbol(), copy.sequence(), copy.kind() + " " + copy.message());
    }

    @Override
    public void onEndOfStream()
    {
        ended.countDown();
    }

    boolean awaitEnd(final long seconds) throws InterruptedException
    {
        return ended.await(seconds, TimeUnit.SECONDS);
    }

    private void add(final String symbol, final long sequence, final String text)
    {
        results++;
        // A record's text carries its sequence: strip it when sequences are not compared.
        bySymbol.computeIfAbsent(symbol, s -> new ArrayList<>())
            .add(withSequence ? sequence + " " + text : text.replaceAll("sequence=-?\\d+", ""));
    }
}
