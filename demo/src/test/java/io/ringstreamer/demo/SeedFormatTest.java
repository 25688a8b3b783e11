package io.ringstreamer.demo;

import io.ringstreamer.demo.indicators.EmaRsi;
import io.ringstreamer.result.AggregateBarView;
import io.ringstreamer.result.BarView;
import io.ringstreamer.result.BookView;
import io.ringstreamer.result.CustomView;
import io.ringstreamer.result.NewsView;
import io.ringstreamer.result.QuoteView;
import io.ringstreamer.result.TradeView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every result kind's line, from fixed test doubles of the view interfaces. */
@Timeout(10)
class SeedFormatTest
{
    private record Quote(String symbol, double bid, double ask, double last, long bidSize, long askSize, long lastSize,
                         long totalVolume, long quoteTimeMillis, long tradeTimeMillis, long sequence,
                         long messageTimestamp, long receiveNanos) implements QuoteView
    {
        Quote(final double bid, final double ask, final double last, final long bidSize, final long askSize)
        {
            this("AAPL", bid, ask, last, bidSize, askSize, 100, 5_000, 0, 0, 0, 0, 0);
        }
    }

    private record Book(String symbol, long timeMillis, double[] bids, long[] bidSizes, double[] asks, long[] askSizes,
                        long sequence, long messageTimestamp, long receiveNanos) implements BookView
    {
        Book(final double[] bids, final long[] bidSizes, final double[] asks, final long[] askSizes)
        {
            this("AAPL", 1720522979950L, bids, bidSizes, asks, askSizes, 0, 0, 0);
        }

        @Override
        public int bidLevels()
        {
            return bids.length;
        }

        @Override
        public int askLevels()
        {
            return asks.length;
        }

        @Override
        public double bidPrice(final int level)
        {
            return bids[level];
        }

        @Override
        public long bidSize(final int level)
        {
            return bidSizes[level];
        }

        @Override
        public double askPrice(final int level)
        {
            return asks[level];
        }

        @Override
        public long askSize(final int level)
        {
            return askSizes[level];
        }
    }

    private record Trade(String symbol, long timeMillis, double price, long size, long tradeSequence,
                         long sessionVolume, double vwap, long tradeCount, long sequence, long messageTimestamp,
                         long receiveNanos) implements TradeView
    {
    }

    private record News(String symbol, long timeMillis, CharSequence id, CharSequence headline, CharSequence source,
                        long sequence, long messageTimestamp, long receiveNanos) implements NewsView
    {
    }

    private record Aggregate(String symbol, int minutes, double open, double high, double low, double close,
                             long volume, long windowStartMillis, int minuteCount, boolean partial, long sequence,
                             long messageTimestamp, long receiveNanos) implements AggregateBarView
    {
    }

    private record Custom(String symbol, int kind, double[] values, long sequence, long messageTimestamp,
                          long receiveNanos) implements CustomView
    {
        Custom(final int kind, final double... values)
        {
            this("AAPL", kind, values, 0, 0, 0);
        }

        @Override
        public int valueCount()
        {
            return values.length;
        }

        @Override
        public double value(final int index)
        {
            return values[index];
        }
    }

    private record Bar(String symbol, double open, double high, double low, double close, long volume,
                       long barStartMillis, long sequence, long messageTimestamp, long receiveNanos) implements BarView
    {
    }

    private static String line(final StringBuilder built)
    {
        return built.toString();
    }

    @Test
    void shouldPrintTheSeedsBarLineUnchangedWhenGivenABar()
    {
        assertEquals(DemoTest.SEED_LINES.get(0), line(SeedFormat.bar(
            new Bar("AMZN", 199.79, 199.84, 199.79, 199.84, 1521, 1720522800000L, 0, 0, 0), new StringBuilder())));
    }

    @Test
    void shouldPrintAQuoteWithMidAndSpreadWhenEveryFieldIsKnown()
    {
        assertEquals("QuoteInstance(symbol='AAPL', bid=227.79, ask=227.81, last=227.8, bid_size=300, ask_size=200, " +
                "mid=227.8, spread=0.02)",
            line(SeedFormat.quote(new Quote(227.79, 227.81, 227.8, 300, 200), new StringBuilder())));
    }

    @Test
    void shouldPrintNoneForFieldsNotReceivedWhenAQuoteIsIncomplete()
    {
        assertEquals("QuoteInstance(symbol='AAPL', bid=227.79, ask=None, last=None, bid_size=300, ask_size=None, " +
                "mid=None, spread=None)",
            line(SeedFormat.quote(new Quote(227.79, Double.NaN, Double.NaN, 300, -1), new StringBuilder())));
    }

    @Test
    void shouldPrintEveryLevelBestFirstWhenGivenABook()
    {
        final Book book = new Book(new double[] {227.79, 227.78}, new long[] {300, 500},
            new double[] {227.81}, new long[] {200});
        assertEquals("BookInstance(symbol='AAPL', time=1720522979950, bids=[(227.79, 300), (227.78, 500)], " +
                "asks=[(227.81, 200)], spread=0.02, imbalance=0.6)",
            line(SeedFormat.book(book, new StringBuilder())));
    }

    @Test
    void shouldPrintEmptySidesWhenTheBookIsEmpty()
    {
        final Book book = new Book(new double[0], new long[0], new double[0], new long[0]);
        assertEquals("BookInstance(symbol='AAPL', time=1720522979950, bids=[], asks=[], spread=None, imbalance=None)",
            line(SeedFormat.book(book, new StringBuilder())));
    }

    @Test
    void shouldPrintTheSessionStatisticsRoundedWhenGivenATrade()
    {
        final Trade trade = new Trade("AAPL", 1720522979990L, 227.8, 100, 88121, 5100, 227.81234567890, 37, 0, 0, 0);
        assertEquals("TradeInstance(symbol='AAPL', time=1720522979990, price=227.8, size=100, seq=88121, " +
                "session_volume=5100, vwap=227.812346, trades=37)",
            line(SeedFormat.trade(trade, new StringBuilder())));
    }

    @Test
    void shouldQuoteAndEscapeTheTextsWhenGivenAHeadline()
    {
        final News news = new News("AAPL", 1720522975000L, "n-1", "Apple's “big” day 🚀 \\o/", "Société Wire", 0, 0, 0);
        assertEquals("NewsInstance(symbol='AAPL', time=1720522975000, id='n-1', " +
                "headline='Apple\\'s “big” day 🚀 \\\\o/', source='Société Wire')",
            line(SeedFormat.news(news, new StringBuilder())));
    }

    @Test
    void shouldPrintTheWindowInNewYorkWhenGivenAnAggregateBar()
    {
        final Aggregate bar = new Aggregate("AAPL", 5, 227.99, 228.1, 227.8, 228.05, 12034, 1720522800000L, 5, false,
            0, 0, 0);
        assertEquals("AggregateBarInstance(symbol='AAPL', minutes=5, open=227.99, high=228.1, low=227.8, close=228.05, " +
                "volume=12034, bars=5, partial=False, unix_ts=1720522800000, new_york_datetime=2024-07-09 07:00:00-04:00)",
            line(SeedFormat.aggregateBar(bar, new StringBuilder())));
        final Aggregate partial = new Aggregate("AAPL", 15, 1, 1, 1, 1, 0, 1720522800000L, 3, true, 0, 0, 0);
        assertEquals("AggregateBarInstance(symbol='AAPL', minutes=15, open=1.0, high=1.0, low=1.0, close=1.0, " +
                "volume=0, bars=3, partial=True, unix_ts=1720522800000, new_york_datetime=2024-07-09 07:00:00-04:00)",
            line(SeedFormat.aggregateBar(partial, new StringBuilder())));
    }

    @Test
    void shouldPrintEveryValueWhenGivenACustomResult()
    {
        assertEquals("CustomInstance(symbol='AAPL', kind=7, values=[1.5, None, 0.333333])",
            line(SeedFormat.custom(new Custom(7, 1.5, Double.NaN, 1.0 / 3), new StringBuilder())));
        assertEquals("CustomInstance(symbol='AAPL', kind=8, values=[])",
            line(SeedFormat.custom(new Custom(8), new StringBuilder())));
    }

    @Test
    void shouldPrintTheIndicatorsByNameWhenGivenAnEmaRsiResult()
    {
        assertEquals("EmaRsiInstance(symbol='AAPL', ema=227.834521, rsi=None)",
            line(SeedFormat.emaRsi(new Custom(EmaRsi.KIND, 227.8345214, Double.NaN), new StringBuilder())));
    }

    @Test
    void shouldPrintEachKindOnOneLineWhenTheListenerIsNotQuiet()
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final ConsoleListener listener = new ConsoleListener(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        listener.onQuote(new Quote(1.0, 2.0, 1.5, 1, 2));
        listener.onCustom(new Custom(EmaRsi.KIND, 1.0, 2.0));
        listener.onCustom(new Custom(3, 1.0, 2.0));
        listener.onEndOfStream();
        assertEquals(String.join(System.lineSeparator(),
                "QuoteInstance(symbol='AAPL', bid=1.0, ask=2.0, last=1.5, bid_size=1, ask_size=2, mid=1.5, spread=1.0)",
                "EmaRsiInstance(symbol='AAPL', ema=1.0, rsi=2.0)",
                "CustomInstance(symbol='AAPL', kind=3, values=[1.0, 2.0])", ""),
            bytes.toString(StandardCharsets.UTF_8));

        final ByteArrayOutputStream quiet = new ByteArrayOutputStream();
        final ConsoleListener silent = new ConsoleListener(new PrintStream(quiet, true, StandardCharsets.UTF_8), true);
        silent.onQuote(new Quote(1.0, 2.0, 1.5, 1, 2));
        silent.onNews(new News("AAPL", 1, "n", "h", "s", 0, 0, 0));
        assertEquals(0, quiet.size());
    }
}
