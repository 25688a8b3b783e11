package io.ringstreamer.delivery;

import io.ringstreamer.result.AggregateBarView;
import io.ringstreamer.result.BarView;
import io.ringstreamer.result.BookView;
import io.ringstreamer.result.CustomView;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.ErrorView;
import io.ringstreamer.result.NewsView;
import io.ringstreamer.result.QuoteView;
import io.ringstreamer.result.ResultView;
import io.ringstreamer.result.StatusKind;
import io.ringstreamer.result.StatusView;
import io.ringstreamer.result.TradeView;

/**
 * The administrator's flyweight views, one per kind of result, each pointed at the current slot of
 * the results ring before the listener is called. Owned by the administrator thread.
 */
final class ResultViews
{
    final BarSlot bar = new BarSlot();
    final AggregateBarSlot aggregateBar = new AggregateBarSlot();
    final QuoteSlot quote = new QuoteSlot();
    final BookSlot book = new BookSlot();
    final TradeSlot trade = new TradeSlot();
    final NewsSlot news = new NewsSlot();
    final CustomSlot custom = new CustomSlot();
    final ErrorSlot error = new ErrorSlot();
    final StatusSlot status = new StatusSlot();

    /** Makes every view throw until it is next wrapped: a view kept past its callback fails loudly. */
    void poison()
    {
        bar.event = null;
        aggregateBar.event = null;
        quote.event = null;
        book.event = null;
        trade.event = null;
        news.event = null;
        custom.event = null;
        error.event = null;
        status.event = null;
    }

    /** What every view reads from its slot. */
    abstract static class Slot implements ResultView
    {
        ResultEvent event;

        final Slot wrap(final ResultEvent event)
        {
            this.event = event;
            return this;
        }

        /** The result this view shows; a poisoned view throws ({@code Pipeline.Builder.poisonViewsAfterCallback}). */
        final ResultEvent e()
        {
            final ResultEvent e = event;
            if (e == null)
            {
                throw new IllegalStateException(getClass().getSimpleName().replace("Slot", "View") +
                    " used after its callback returned: views are reused for the next result; copy what you keep " +
                    "(toBar(), toQuote(), ... or the values) inside the callback");
            }
            return e;
        }

        @Override
        public final String symbol()
        {
            return e().symbol;
        }

        @Override
        public final long sequence()
        {
            return e().sequence;
        }

        @Override
        public final long messageTimestamp()
        {
            return e().messageTimestamp;
        }

        @Override
        public final long receiveNanos()
        {
            return e().receiveNanos;
        }
    }

    static final class BarSlot extends Slot implements BarView
    {
        @Override
        public double open()
        {
            return e().open;
        }

        @Override
        public double high()
        {
            return e().high;
        }

        @Override
        public double low()
        {
            return e().low;
        }

        @Override
        public double close()
        {
            return e().close;
        }

        @Override
        public long volume()
        {
            return e().volume;
        }

        @Override
        public long barStartMillis()
        {
            return e().startMillis;
        }

        @Override
        public String toString()
        {
            return toBar().toString();
        }
    }

    static final class AggregateBarSlot extends Slot implements AggregateBarView
    {
        @Override
        public int minutes()
        {
            return e().minutes;
        }

        @Override
        public double open()
        {
            return e().open;
        }

        @Override
        public double high()
        {
            return e().high;
        }

        @Override
        public double low()
        {
            return e().low;
        }

        @Override
        public double close()
        {
            return e().close;
        }

        @Override
        public long volume()
        {
            return e().volume;
        }

        @Override
        public long windowStartMillis()
        {
            return e().startMillis;
        }

        @Override
        public int minuteCount()
        {
            return e().minuteCount;
        }

        @Override
        public boolean partial()
        {
            return e().partial;
        }

        @Override
        public String toString()
        {
            return toAggregateBar().toString();
        }
    }

    static final class QuoteSlot extends Slot implements QuoteView
    {
        @Override
        public double bid()
        {
            return e().bid;
        }

        @Override
        public double ask()
        {
            return e().ask;
        }

        @Override
        public double last()
        {
            return e().close;
        }

        @Override
        public long bidSize()
        {
            return e().bidSize;
        }

        @Override
        public long askSize()
        {
            return e().askSize;
        }

        @Override
        public long lastSize()
        {
            return e().lastSize;
        }

        @Override
        public long totalVolume()
        {
            return e().totalVolume;
        }

        @Override
        public long quoteTimeMillis()
        {
            return e().quoteTimeMillis;
        }

        @Override
        public long tradeTimeMillis()
        {
            return e().tradeTimeMillis;
        }

        @Override
        public String toString()
        {
            return toQuote().toString();
        }
    }

    static final class BookSlot extends Slot implements BookView
    {
        @Override
        public long timeMillis()
        {
            return e().timeMillis;
        }

        @Override
        public int bidLevels()
        {
            return e().bidCount;
        }

        @Override
        public int askLevels()
        {
            return e().askCount;
        }

        @Override
        public double bidPrice(final int level)
        {
            return e().bidPrices[checkLevel(level, e().bidCount)];
        }

        @Override
        public long bidSize(final int level)
        {
            return e().bidSizes[checkLevel(level, e().bidCount)];
        }

        @Override
        public double askPrice(final int level)
        {
            return e().askPrices[checkLevel(level, e().askCount)];
        }

        @Override
        public long askSize(final int level)
        {
            return e().askSizes[checkLevel(level, e().askCount)];
        }

        private static int checkLevel(final int level, final int count)
        {
            if (level < 0 || level >= count)
            {
                throw new IndexOutOfBoundsException(level);
            }
            return level;
        }

        @Override
        public String toString()
        {
            return toBook().toString();
        }
    }

    static final class TradeSlot extends Slot implements TradeView
    {
        @Override
        public long timeMillis()
        {
            return e().timeMillis;
        }

        @Override
        public double price()
        {
            return e().price;
        }

        @Override
        public long size()
        {
            return e().size;
        }

        @Override
        public long tradeSequence()
        {
            return e().tradeSequence;
        }

        @Override
        public long sessionVolume()
        {
            return e().sessionVolume;
        }

        @Override
        public double vwap()
        {
            return e().vwap;
        }

        @Override
        public long tradeCount()
        {
            return e().tradeCount;
        }

        @Override
        public String toString()
        {
            return toTrade().toString();
        }
    }

    static final class NewsSlot extends Slot implements NewsView
    {
        @Override
        public long timeMillis()
        {
            return e().timeMillis;
        }

        @Override
        public CharSequence id()
        {
            return e().newsId;
        }

        @Override
        public CharSequence headline()
        {
            return e().headline;
        }

        @Override
        public CharSequence source()
        {
            return e().source;
        }

        @Override
        public String toString()
        {
            return toNews().toString();
        }
    }

    static final class CustomSlot extends Slot implements CustomView
    {
        @Override
        public int kind()
        {
            return e().customKind;
        }

        @Override
        public int valueCount()
        {
            return e().valueCount;
        }

        @Override
        public double value(final int index)
        {
            if (index < 0 || index >= e().valueCount)
            {
                throw new IndexOutOfBoundsException(index);
            }
            return e().values[index];
        }

        @Override
        public String toString()
        {
            return toCustom().toString();
        }
    }

    static final class ErrorSlot extends Slot implements ErrorView
    {
        @Override
        public ErrorKind kind()
        {
            return e().errorKind;
        }

        @Override
        public CharSequence message()
        {
            return e().message;
        }

        @Override
        public Throwable cause()
        {
            return e().cause;
        }

        @Override
        public int code()
        {
            return e().code;
        }

        @Override
        public long droppedCount()
        {
            return e().droppedCount;
        }

        @Override
        public long firstDropped()
        {
            return e().firstDropped;
        }

        @Override
        public long lastDropped()
        {
            return e().lastDropped;
        }

        @Override
        public String toString()
        {
            return toError().toString();
        }
    }

    static final class StatusSlot extends Slot implements StatusView
    {
        @Override
        public StatusKind kind()
        {
            return e().statusKind;
        }

        @Override
        public int code()
        {
            return e().code;
        }

        @Override
        public CharSequence message()
        {
            return e().message;
        }

        @Override
        public String toString()
        {
            return toStatus().toString();
        }
    }
}
