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

    /** What every view reads from its slot. */
    abstract static class Slot implements ResultView
    {
        ResultEvent event;

        final Slot wrap(final ResultEvent event)
        {
            this.event = event;
            return this;
        }

        @Override
        public final String symbol()
        {
            return event.symbol;
        }

        @Override
        public final long sequence()
        {
            return event.sequence;
        }

        @Override
        public final long messageTimestamp()
        {
            return event.messageTimestamp;
        }

        @Override
        public final long receiveNanos()
        {
            return event.receiveNanos;
        }
    }

    static final class BarSlot extends Slot implements BarView
    {
        @Override
        public double open()
        {
            return event.open;
        }

        @Override
        public double high()
        {
            return event.high;
        }

        @Override
        public double low()
        {
            return event.low;
        }

        @Override
        public double close()
        {
            return event.close;
        }

        @Override
        public long volume()
        {
            return event.volume;
        }

        @Override
        public long barStartMillis()
        {
            return event.startMillis;
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
            return event.minutes;
        }

        @Override
        public double open()
        {
            return event.open;
        }

        @Override
        public double high()
        {
            return event.high;
        }

        @Override
        public double low()
        {
            return event.low;
        }

        @Override
        public double close()
        {
            return event.close;
        }

        @Override
        public long volume()
        {
            return event.volume;
        }

        @Override
        public long windowStartMillis()
        {
            return event.startMillis;
        }

        @Override
        public int minuteCount()
        {
            return event.minuteCount;
        }

        @Override
        public boolean partial()
        {
            return event.partial;
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
            return event.bid;
        }

        @Override
        public double ask()
        {
            return event.ask;
        }

        @Override
        public double last()
        {
            return event.close;
        }

        @Override
        public long bidSize()
        {
            return event.bidSize;
        }

        @Override
        public long askSize()
        {
            return event.askSize;
        }

        @Override
        public long lastSize()
        {
            return event.lastSize;
        }

        @Override
        public long totalVolume()
        {
            return event.totalVolume;
        }

        @Override
        public long quoteTimeMillis()
        {
            return event.quoteTimeMillis;
        }

        @Override
        public long tradeTimeMillis()
        {
            return event.tradeTimeMillis;
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
            return event.timeMillis;
        }

        @Override
        public int bidLevels()
        {
            return event.bidCount;
        }

        @Override
        public int askLevels()
        {
            return event.askCount;
        }

        @Override
        public double bidPrice(final int level)
        {
            return event.bidPrices[checkLevel(level, event.bidCount)];
        }

        @Override
        public long bidSize(final int level)
        {
            return event.bidSizes[checkLevel(level, event.bidCount)];
        }

        @Override
        public double askPrice(final int level)
        {
            return event.askPrices[checkLevel(level, event.askCount)];
        }

        @Override
        public long askSize(final int level)
        {
            return event.askSizes[checkLevel(level, event.askCount)];
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
            return event.timeMillis;
        }

        @Override
        public double price()
        {
            return event.price;
        }

        @Override
        public long size()
        {
            return event.size;
        }

        @Override
        public long tradeSequence()
        {
            return event.tradeSequence;
        }

        @Override
        public long sessionVolume()
        {
            return event.sessionVolume;
        }

        @Override
        public double vwap()
        {
            return event.vwap;
        }

        @Override
        public long tradeCount()
        {
            return event.tradeCount;
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
            return event.timeMillis;
        }

        @Override
        public CharSequence id()
        {
            return event.newsId;
        }

        @Override
        public CharSequence headline()
        {
            return event.headline;
        }

        @Override
        public CharSequence source()
        {
            return event.source;
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
            return event.customKind;
        }

        @Override
        public int valueCount()
        {
            return event.valueCount;
        }

        @Override
        public double value(final int index)
        {
            if (index < 0 || index >= event.valueCount)
            {
                throw new IndexOutOfBoundsException(index);
            }
            return event.values[index];
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
            return event.errorKind;
        }

        @Override
        public CharSequence message()
        {
            return event.message;
        }

        @Override
        public Throwable cause()
        {
            return event.cause;
        }

        @Override
        public int code()
        {
            return event.code;
        }

        @Override
        public long droppedCount()
        {
            return event.droppedCount;
        }

        @Override
        public long firstDropped()
        {
            return event.firstDropped;
        }

        @Override
        public long lastDropped()
        {
            return event.lastDropped;
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
            return event.statusKind;
        }

        @Override
        public int code()
        {
            return event.code;
        }

        @Override
        public CharSequence message()
        {
            return event.message;
        }

        @Override
        public String toString()
        {
            return toStatus().toString();
        }
    }
}
