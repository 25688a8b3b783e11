package io.ringstreamer.demo;

import io.ringstreamer.demo.indicators.EmaRsiView;
import io.ringstreamer.result.AggregateBarView;
import io.ringstreamer.result.BarView;
import io.ringstreamer.result.BookView;
import io.ringstreamer.result.CustomView;
import io.ringstreamer.result.ErrorView;
import io.ringstreamer.result.NewsView;
import io.ringstreamer.result.QuoteView;
import io.ringstreamer.result.StatusView;
import io.ringstreamer.result.TradeView;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Formats results as the original ray-streamer printed them (a Python repr, one line each), and
 * every newer kind in the same style.
 *
 * <pre>
 * ResultInstance(symbol='AMZN', open=199.79, high=199.84, low=199.79, close=199.84, volume=1521, unix_ts=1720522800000, new_york_datetime=2024-07-09 07:00:00-04:00)
 * ErrorInstance(error=ConnectionError, message='No more data available from API.')
 * AggregateBarInstance(symbol='AAPL', minutes=5, open=227.99, high=228.1, low=227.8, close=228.05, volume=12034, bars=5, partial=False, unix_ts=1720522800000, new_york_datetime=2024-07-09 07:00:00-04:00)
 * QuoteInstance(symbol='AAPL', bid=227.79, ask=227.81, last=227.8, bid_size=300, ask_size=200, mid=227.8, spread=0.02)
 * BookInstance(symbol='AAPL', time=1720522979950, bids=[(227.79, 300), (227.78, 500)], asks=[(227.81, 200)], spread=0.02, imbalance=0.6)
 * TradeInstance(symbol='AAPL', time=1720522979990, price=227.8, size=100, seq=88121, session_volume=5100, vwap=227.812345, trades=37)
 * NewsInstance(symbol='AAPL', time=1720522975000, id='n-1', headline='Apple opens developer conference', source='Example Wire')
 * CustomInstance(symbol='AAPL', kind=7, values=[1.5, None])
 * EmaRsiInstance(symbol='AAPL', ema=227.834521, rsi=61.204877)
 * </pre>
 *
 * <p>Prices and sizes print as received; values computed from them (mid, spread, VWAP, imbalance,
 * custom values) are rounded to {@value #DECIMALS} decimals so that binary noise does not show. A
 * value not known yet ({@code NaN}, or a size of -1) prints as {@code None}; text is quoted with
 * {@code '} and {@code \} escaped.
 */
public final class SeedFormat
{
    /** The exchange's clock: bar times print in New York local time. */
    public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    /** Decimals a computed value is rounded to when printed. */
    public static final int DECIMALS = 6;
    private static final double SCALE = 1e6;
    private static final double LARGEST_ROUNDED = 1e9;
    private static final DateTimeFormatter NEW_YORK_TIME =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssxxx").withZone(NEW_YORK);

    private SeedFormat()
    {
    }

    /** {@code 1720522920000} → {@code 2024-07-09 07:02:00-04:00}. */
    public static String newYorkTime(final long epochMillis)
    {
        return NEW_YORK_TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    public static StringBuilder bar(final BarView bar, final StringBuilder out)
    {
        return out.append("ResultInstance(symbol='").append(bar.symbol())
            .append("', open=").append(bar.open())
            .append(", high=").append(bar.high())
            .append(", low=").append(bar.low())
            .append(", close=").append(bar.close())
            .append(", volume=").append(bar.volume())
            .append(", unix_ts=").append(bar.barStartMillis())
            .append(", new_york_datetime=").append(newYorkTime(bar.barStartMillis()))
            .append(')');
    }

    /** The seed's form; a symbol and a sequence are added when the error concerns one. */
    public static StringBuilder error(final ErrorView error, final StringBuilder out)
    {
        out.append("ErrorInstance(error=").append(error.kind().label())
            .append(", message='").append(error.message()).append('\'');
        if (error.symbol() != null)
        {
            out.append(", symbol='").append(error.symbol()).append('\'');
        }
        if (error.code() != 0)
        {
            out.append(", code=").append(error.code());
        }
        if (error.sequence() >= 0)
        {
            out.append(", sequence=").append(error.sequence());
        }
        return out.append(')');
    }

    /** A status in the same style: {@code StatusInstance(status=Reconnecting, code=1, message='in 480 ms')}. */
    public static StringBuilder status(final StatusView status, final StringBuilder out)
    {
        out.append("StatusInstance(status=").append(status.kind().label()).append(", code=").append(status.code())
            .append(", message=");
        quoted(status.message(), out);
        if (status.symbol() != null)
        {
            out.append(", symbol='").append(status.symbol()).append('\'');
        }
        return out.append(')');
    }

    public static StringBuilder aggregateBar(final AggregateBarView bar, final StringBuilder out)
    {
        return out.append("AggregateBarInstance(symbol='").append(bar.symbol())
            .append("', minutes=").append(bar.minutes())
            .append(", open=").append(bar.open())
            .append(", high=").append(bar.high())
            .append(", low=").append(bar.low())
            .append(", close=").append(bar.close())
            .append(", volume=").append(bar.volume())
            .append(", bars=").append(bar.minuteCount())
            .append(", partial=").append(bar.partial() ? "True" : "False")
            .append(", unix_ts=").append(bar.windowStartMillis())
            .append(", new_york_datetime=").append(newYorkTime(bar.windowStartMillis()))
            .append(')');
    }

    public static StringBuilder quote(final QuoteView quote, final StringBuilder out)
    {
        out.append("QuoteInstance(symbol='").append(quote.symbol()).append("', bid=");
        value(quote.bid(), out).append(", ask=");
        value(quote.ask(), out).append(", last=");
        value(quote.last(), out).append(", bid_size=");
        size(quote.bidSize(), out).append(", ask_size=");
        size(quote.askSize(), out).append(", mid=");
        rounded(quote.mid(), out).append(", spread=");
        return rounded(quote.spread(), out).append(')');
    }

    public static StringBuilder book(final BookView book, final StringBuilder out)
    {
        out.append("BookInstance(symbol='").append(book.symbol())
            .append("', time=").append(book.timeMillis())
            .append(", bids=[");
        for (int i = 0; i < book.bidLevels(); i++)
        {
            level(book.bidPrice(i), book.bidSize(i), i, out);
        }
        out.append("], asks=[");
        for (int i = 0; i < book.askLevels(); i++)
        {
            level(book.askPrice(i), book.askSize(i), i, out);
        }
        out.append("], spread=");
        rounded(book.spread(), out).append(", imbalance=");
        return rounded(book.imbalance(), out).append(')');
    }

    public static StringBuilder trade(final TradeView trade, final StringBuilder out)
    {
        out.append("TradeInstance(symbol='").append(trade.symbol())
            .append("', time=").append(trade.timeMillis())
            .append(", price=").append(trade.price())
            .append(", size=").append(trade.size())
            .append(", seq=").append(trade.tradeSequence())
            .append(", session_volume=").append(trade.sessionVolume())
            .append(", vwap=");
        return rounded(trade.vwap(), out).append(", trades=").append(trade.tradeCount()).append(')');
    }

    public static StringBuilder news(final NewsView news, final StringBuilder out)
    {
        out.append("NewsInstance(symbol='").append(news.symbol())
            .append("', time=").append(news.timeMillis())
            .append(", id=");
        quoted(news.id(), out).append(", headline=");
        quoted(news.headline(), out).append(", source=");
        return quoted(news.source(), out).append(')');
    }

    /** A custom result of any kind, its values rounded. */
    public static StringBuilder custom(final CustomView result, final StringBuilder out)
    {
        out.append("CustomInstance(symbol='").append(result.symbol())
            .append("', kind=").append(result.kind())
            .append(", values=[");
        for (int i = 0; i < result.valueCount(); i++)
        {
            if (i > 0)
            {
                out.append(", ");
            }
            rounded(result.value(i), out);
        }
        return out.append("])");
    }

    /** An {@link io.ringstreamer.demo.indicators.EmaRsi} result, read through its typed view. */
    public static StringBuilder emaRsi(final CustomView result, final StringBuilder out)
    {
        out.append("EmaRsiInstance(symbol='").append(result.symbol()).append("', ema=");
        rounded(EmaRsiView.ema(result), out).append(", rsi=");
        return rounded(EmaRsiView.rsi(result), out).append(')');
    }

    private static void level(final double price, final long size, final int index, final StringBuilder out)
    {
        if (index > 0)
        {
            out.append(", ");
        }
        out.append('(');
        value(price, out).append(", ");
        size(size, out).append(')');
    }

    /** A received value as it came, or {@code None} while unknown ({@code NaN}). */
    private static StringBuilder value(final double value, final StringBuilder out)
    {
        return Double.isNaN(value) ? out.append("None") : out.append(value);
    }

    /** A received size, or {@code None} while unknown (negative). */
    private static StringBuilder size(final long size, final StringBuilder out)
    {
        return size < 0 ? out.append("None") : out.append(size);
    }

    /** A computed value rounded to {@value #DECIMALS} decimals, or {@code None} if {@code NaN}. */
    static StringBuilder rounded(final double value, final StringBuilder out)
    {
        if (Double.isNaN(value))
        {
            return out.append("None");
        }
        if (Math.abs(value) >= LARGEST_ROUNDED || Double.isInfinite(value))
        {
            return out.append(value);
        }
        return out.append(Math.round(value * SCALE) / SCALE);
    }

    /** {@code text} in single quotes, with {@code '}, {@code \} and line breaks escaped. */
    static StringBuilder quoted(final CharSequence text, final StringBuilder out)
    {
        out.append('\'');
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            switch (c)
            {
                case '\'', '\\' -> out.append('\\').append(c);
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.append('\'');
    }
}
