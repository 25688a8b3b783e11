package io.ringstreamer.demo.web;

import io.ringstreamer.demo.ConsoleListener;
import io.ringstreamer.result.BarView;
import io.ringstreamer.result.BookView;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.ErrorView;
import io.ringstreamer.result.QuoteView;
import io.ringstreamer.result.StatusKind;
import io.ringstreamer.result.StatusView;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The listener's side of the live page: what it writes, and that it allocates nothing per result
 * (bytes the thread allocated, read around 200,000 results after a warm-up).
 */
class LiveBoardTest
{
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    @Test
    void shouldKeepTheNewestStateOfEachSymbol()
    {
        final LiveBoard board = new LiveBoard(List.of("AAPL", "MSFT"), 5);
        final LiveViewListener listener = new LiveViewListener(board, new ConsoleListener(nowhere(), true));
        final TestBar bar = new TestBar();
        bar.symbol = "MSFT";
        bar.set(100, 101, 99, 100.5, 10, 60_000);
        listener.onBar(bar);
        bar.set(100.5, 102, 100, 101.5, 20, 120_000);
        listener.onBar(bar);
        bar.symbol = "NOT-SHOWN";
        listener.onBar(bar);
        final TestQuote quote = new TestQuote();
        quote.bid = 101.4;
        quote.ask = 101.6;
        listener.onQuote(quote);

        final FrameBuilder.Seen seen = new FrameBuilder.Seen(2, 1);
        final String frame = new FrameBuilder(board).frame(seen, null);
        assertTrue(frame.contains("[\"MSFT\",101.5,100,30,101.4,101.6,[100.5,101.5]]"), frame);
        assertTrue(frame.contains("[\"AAPL\",null,null,null,null,null,[]]"), frame);
        assertTrue(frame.contains("\"chart\":{\"symbol\":\"MSFT\",\"bars\":[[60000,100,100.5,99,101,10],[120000,100.5,101.5,100,102,20]]"), frame);
        final String next = new FrameBuilder(board).frame(seen, null);
        assertEquals(-1, next.indexOf("\"rows\""), "nothing changed, no rows: " + next);
    }

    @Test
    void shouldAllocateNothingPerResultOnTheListenersThread()
    {
        final LiveBoard board = new LiveBoard(List.of("AAPL", "MSFT", "AMZN"), 5);
        final LiveViewListener listener = new LiveViewListener(board, new ConsoleListener(nowhere(), true));
        final TestBar bar = new TestBar();
        final TestQuote quote = new TestQuote();
        final TestBook book = new TestBook();
        final TestStatus status = new TestStatus();
        final TestError error = new TestError();
        final String[] symbols = {"AAPL", "MSFT", "AMZN"};
        feed(listener, bar, quote, book, status, error, symbols, 50_000); // warm-up: compiled, no first-use allocation
        final long thread = Thread.currentThread().getId();
        final long before = THREADS.getThreadAllocatedBytes(thread);
        feed(listener, bar, quote, book, status, error, symbols, 200_000);
        final long allocated = THREADS.getThreadAllocatedBytes(thread) - before;
        // One object per result would be at least 16 B x 600,000 results; a one-off of the JVM's on this thread
        // (a recompilation under load allocated 88 B once) is not per result.
        assertTrue(allocated < 1024, allocated + " bytes allocated by 200,000 rounds of results");
    }

    private static void feed(final LiveViewListener listener, final TestBar bar, final TestQuote quote, final TestBook book,
        final TestStatus status, final TestError error, final String[] symbols, final int rounds)
    {
        for (int i = 0; i < rounds; i++)
        {
            final String symbol = symbols[i % symbols.length];
            bar.symbol = symbol;
            bar.set(10 + i % 7, 11, 9, 10.5, i, i * 60_000L);
            listener.onBar(bar);
            quote.symbol = symbol;
            quote.bid = i;
            listener.onQuote(quote);
            book.symbol = symbol;
            listener.onBook(book);
            if (i % 100 == 0)
            {
                listener.onStatus(status);
                listener.onError(error);
            }
        }
    }

    private static PrintStream nowhere()
    {
        return new PrintStream(OutputStream.nullOutputStream());
    }

    private static final class TestBar implements BarView
    {
        String symbol = "AAPL";
        double open;
        double high;
        double low;
        double close;
        long volume;
        long start;

        void set(final double open, final double high, final double low, final double close, final long volume,
            final long start)
        {
            this.open = open;
            this.high = high;
            this.low = low;
            this.close = close;
            this.volume = volume;
            this.start = start;
        }

        @Override
        public double open()
        {
            return open;
        }

        @Override
        public double high()
        {
            return high;
        }

        @Override
        public double low()
        {
            return low;
        }

        @Override
        public double close()
        {
            return close;
        }

        @Override
        public long volume()
        {
            return volume;
        }

        @Override
        public long barStartMillis()
        {
            return start;
        }

        @Override
        public String symbol()
        {
            return symbol;
        }

        @Override
        public long sequence()
        {
            return 0;
        }

        @Override
        public long messageTimestamp()
        {
            return 0;
        }

        @Override
        public long receiveNanos()
        {
            return 0;
        }
    }

    private static final class TestQuote implements QuoteView
    {
        String symbol = "MSFT";
        double bid;
        double ask = Double.NaN;

        @Override
        public double bid()
        {
            return bid;
        }

        @Override
        public double ask()
        {
            return ask;
        }

        @Override
        public double last()
        {
            return Double.NaN;
        }

        @Override
        public long bidSize()
        {
            return 1;
        }

        @Override
        public long askSize()
        {
            return 2;
        }

        @Override
        public long lastSize()
        {
            return -1;
        }

        @Override
        public long totalVolume()
        {
            return -1;
        }

        @Override
        public long quoteTimeMillis()
        {
            return -1;
        }

        @Override
        public long tradeTimeMillis()
        {
            return -1;
        }

        @Override
        public String symbol()
        {
            return symbol;
        }

        @Override
        public long sequence()
        {
            return 0;
        }

        @Override
        public long messageTimestamp()
        {
            return 0;
        }

        @Override
        public long receiveNanos()
        {
            return 0;
        }
    }

    private static final class TestBook implements BookView
    {
        String symbol = "AAPL";

        @Override
        public long timeMillis()
        {
            return 1;
        }

        @Override
        public int bidLevels()
        {
            return 3;
        }

        @Override
        public int askLevels()
        {
            return 2;
        }

        @Override
        public double bidPrice(final int level)
        {
            return 100 - level;
        }

        @Override
        public long bidSize(final int level)
        {
            return 10 + level;
        }

        @Override
        public double askPrice(final int level)
        {
            return 101 + level;
        }

        @Override
        public long askSize(final int level)
        {
            return 20 + level;
        }

        @Override
        public String symbol()
        {
            return symbol;
        }

        @Override
        public long sequence()
        {
            return 0;
        }

        @Override
        public long messageTimestamp()
        {
            return 0;
        }

        @Override
        public long receiveNanos()
        {
            return 0;
        }
    }

    private static final class TestStatus implements StatusView
    {
        @Override
        public StatusKind kind()
        {
            return StatusKind.RECONNECTING;
        }

        @Override
        public int code()
        {
            return 2;
        }

        @Override
        public CharSequence message()
        {
            return "reconnecting, attempt 2";
        }

        @Override
        public String symbol()
        {
            return null;
        }

        @Override
        public long sequence()
        {
            return 0;
        }
    }

    private static final class TestError implements ErrorView
    {
        @Override
        public ErrorKind kind()
        {
            return ErrorKind.INVALID_ENTRY;
        }

        @Override
        public CharSequence message()
        {
            return "high below low";
        }

        @Override
        public String symbol()
        {
            return "AMZN";
        }

        @Override
        public long sequence()
        {
            return 0;
        }

        @Override
        public long messageTimestamp()
        {
            return 0;
        }

        @Override
        public Throwable cause()
        {
            return null;
        }
    }
}
