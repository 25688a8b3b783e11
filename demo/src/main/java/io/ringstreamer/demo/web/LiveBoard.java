package io.ringstreamer.demo.web;

import io.ringstreamer.demo.indicators.EmaRsiView;
import io.ringstreamer.result.AggregateBarView;
import io.ringstreamer.result.BarView;
import io.ringstreamer.result.BookView;
import io.ringstreamer.result.CustomView;
import io.ringstreamer.result.ErrorView;
import io.ringstreamer.result.QuoteView;
import io.ringstreamer.result.StatusView;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the live page shows, per symbol, newest first: preallocated {@link SeriesRing}s the listener's
 * thread writes (one writer, no locks, no allocation) and the web thread samples. The bars, N-minute
 * bars and EMA/RSI values keep a short history (the chart); the Level 1 quote and the Level 2 book keep
 * only their newest state (the newest wins); errors and statuses share one feed. A symbol outside the
 * first {@link #MAX_SYMBOLS} given, or subscribed later, is not shown.
 */
public final class LiveBoard
{
    /** Symbols shown at most (the memory is allocated up front). */
    public static final int MAX_SYMBOLS = 500;
    /** Bars kept per symbol for the chart. */
    static final int BAR_HISTORY = 120;
    /** Errors and statuses kept for the feed. */
    static final int FEED_HISTORY = 64;
    /** Characters kept of an error's or status's message. */
    static final int FEED_TEXT = 160;
    /** Levels kept per side of the book. */
    static final int BOOK_DEPTH = 10;

    // bar columns
    static final int T = 0;
    static final int OPEN = 1;
    static final int HIGH = 2;
    static final int LOW = 3;
    static final int CLOSE = 4;
    static final int VOLUME = 5;
    static final int TOTAL_VOLUME = 6;
    // indicator columns (T, then)
    static final int EMA = 1;
    static final int RSI = 2;
    // quote columns
    static final int BID = 0;
    static final int ASK = 1;
    static final int BID_SIZE = 2;
    static final int ASK_SIZE = 3;
    static final int LAST = 4;
    // book columns: time, bid levels, ask levels, then price and size of each level, bids then asks
    static final int BOOK_TIME = 0;
    static final int BOOK_BIDS = 1;
    static final int BOOK_ASKS = 2;
    static final int BOOK_LEVELS = 3;
    // feed columns
    static final int FEED_TIME = 0;
    static final int FEED_IS_ERROR = 1;
    static final int FEED_KIND = 2;
    static final int FEED_CODE = 3;
    static final int FEED_SYMBOL = 4;

    private final List<String> symbols;
    private final Map<String, Integer> index = new HashMap<>();
    private final int aggregateMinutes;
    final SeriesRing[] bars;
    final SeriesRing[] aggregateBars;
    final SeriesRing[] indicators;
    final SeriesRing[] quotes;
    final SeriesRing[] books;
    final SeriesRing feed = new SeriesRing(FEED_HISTORY, 5, FEED_TEXT);
    /** Writer only: each symbol's first bar's open, the base of its change. */
    private final double[] firstOpen;

    /**
     * @param symbols          the symbols to show (the first {@link #MAX_SYMBOLS}).
     * @param aggregateMinutes the N-minute bars to chart (the pipeline's smallest {@code aggregateBars}), or 0.
     */
    public LiveBoard(final List<String> symbols, final int aggregateMinutes)
    {
        this.symbols = List.copyOf(symbols.subList(0, Math.min(symbols.size(), MAX_SYMBOLS)));
        this.aggregateMinutes = aggregateMinutes;
        final int n = this.symbols.size();
        bars = new SeriesRing[n];
        aggregateBars = new SeriesRing[n];
        indicators = new SeriesRing[n];
        quotes = new SeriesRing[n];
        books = new SeriesRing[n];
        firstOpen = new double[n];
        for (int i = 0; i < n; i++)
        {
            index.put(this.symbols.get(i), i);
            bars[i] = new SeriesRing(BAR_HISTORY, 7, 0);
            aggregateBars[i] = new SeriesRing(aggregateMinutes > 0 ? BAR_HISTORY : 3, 6, 0);
            indicators[i] = new SeriesRing(BAR_HISTORY, 3, 0);
            quotes[i] = new SeriesRing(4, 5, 0);
            books[i] = new SeriesRing(4, BOOK_LEVELS + 4 * BOOK_DEPTH, 0);
            firstOpen[i] = Double.NaN;
        }
    }

    public List<String> symbols()
    {
        return symbols;
    }

    int aggregateMinutes()
    {
        return aggregateMinutes;
    }

    int indexOf(final String symbol)
    {
        final Integer i = symbol == null ? null : index.get(symbol);
        return i == null ? -1 : i;
    }

    /** Listener thread: a 1-minute bar. */
    void bar(final BarView bar)
    {
        final int i = indexOf(bar.symbol());
        if (i < 0)
        {
            return;
        }
        final SeriesRing ring = bars[i];
        final double total = ring.count() == 0 ? 0 : ring.lastWritten(TOTAL_VOLUME);
        if (Double.isNaN(firstOpen[i]))
        {
            firstOpen[i] = bar.open();
        }
        ring.put(T, bar.barStartMillis());
        ring.put(OPEN, bar.open());
        ring.put(HIGH, bar.high());
        ring.put(LOW, bar.low());
        ring.put(CLOSE, bar.close());
        ring.put(VOLUME, bar.volume());
        ring.put(TOTAL_VOLUME, total + bar.volume());
        ring.commit();
    }

    /** Web thread: symbol {@code i}'s first bar's open (written before that bar was committed). */
    double firstOpen(final int i)
    {
        return bars[i].count() == 0 ? Double.NaN : firstOpen[i];
    }

    /** Listener thread: an N-minute bar; only those of {@link #aggregateMinutes} are kept. */
    void aggregateBar(final AggregateBarView bar)
    {
        final int i = indexOf(bar.symbol());
        if (i < 0 || bar.minutes() != aggregateMinutes)
        {
            return;
        }
        final SeriesRing ring = aggregateBars[i];
        ring.put(T, bar.windowStartMillis());
        ring.put(OPEN, bar.open());
        ring.put(HIGH, bar.high());
        ring.put(LOW, bar.low());
        ring.put(CLOSE, bar.close());
        ring.put(VOLUME, bar.volume());
        ring.commit();
    }

    /** Listener thread: an EMA/RSI value, charted at the symbol's newest bar. */
    void custom(final CustomView result)
    {
        final int i = indexOf(result.symbol());
        if (i < 0 || !EmaRsiView.is(result) || bars[i].count() == 0)
        {
            return;
        }
        final SeriesRing ring = indicators[i];
        ring.put(T, bars[i].lastWritten(T));
        ring.put(EMA, EmaRsiView.ema(result));
        ring.put(RSI, EmaRsiView.rsi(result));
        ring.commit();
    }

    /** Listener thread: the Level 1 state. */
    void quote(final QuoteView quote)
    {
        final int i = indexOf(quote.symbol());
        if (i < 0)
        {
            return;
        }
        final SeriesRing ring = quotes[i];
        ring.put(BID, quote.bid());
        ring.put(ASK, quote.ask());
        ring.put(BID_SIZE, quote.bidSize());
        ring.put(ASK_SIZE, quote.askSize());
        ring.put(LAST, quote.last());
        ring.commit();
    }

    /** Listener thread: the Level 2 book. */
    void book(final BookView book)
    {
        final int i = indexOf(book.symbol());
        if (i < 0)
        {
            return;
        }
        final SeriesRing ring = books[i];
        final int bids = Math.min(book.bidLevels(), BOOK_DEPTH);
        final int asks = Math.min(book.askLevels(), BOOK_DEPTH);
        ring.put(BOOK_TIME, book.timeMillis());
        ring.put(BOOK_BIDS, bids);
        ring.put(BOOK_ASKS, asks);
        for (int level = 0; level < bids; level++)
        {
            ring.put(BOOK_LEVELS + 2 * level, book.bidPrice(level));
            ring.put(BOOK_LEVELS + 2 * level + 1, book.bidSize(level));
        }
        for (int level = 0; level < asks; level++)
        {
            ring.put(BOOK_LEVELS + 2 * (BOOK_DEPTH + level), book.askPrice(level));
            ring.put(BOOK_LEVELS + 2 * (BOOK_DEPTH + level) + 1, book.askSize(level));
        }
        ring.commit();
    }

    /** Listener thread: an error, into the feed. */
    void error(final ErrorView error)
    {
        feed.put(FEED_TIME, System.currentTimeMillis());
        feed.put(FEED_IS_ERROR, 1);
        feed.put(FEED_KIND, error.kind().ordinal());
        feed.put(FEED_CODE, error.code());
        feed.put(FEED_SYMBOL, indexOf(error.symbol()));
        feed.putText(error.message());
        feed.commit();
    }

    /** Listener thread: a status, into the feed. */
    void status(final StatusView status)
    {
        feed.put(FEED_TIME, System.currentTimeMillis());
        feed.put(FEED_IS_ERROR, 0);
        feed.put(FEED_KIND, status.kind().ordinal());
        feed.put(FEED_CODE, status.code());
        feed.put(FEED_SYMBOL, indexOf(status.symbol()));
        feed.putText(status.message());
        feed.commit();
    }

    /** A number that changes whenever symbol {@code i}'s row (bar or quote) does: any thread. */
    long rowVersion(final int i)
    {
        return bars[i].count() + quotes[i].count();
    }
}
