package io.ringstreamer.demo.web;

import io.ringstreamer.metrics.MetricsSnapshot;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.StatusKind;

import java.util.List;
import java.util.Map;

/**
 * Builds the JSON of one Server-Sent Events frame for one page, from what changed on the
 * {@link LiveBoard} since that page's previous frame. Web thread only; allocates freely (the pipeline
 * never waits for it).
 */
final class FrameBuilder
{
    /** Closes in a row's sparkline. */
    static final int SPARK_POINTS = 40;

    private final LiveBoard board;
    private final StringBuilder json = new StringBuilder(1 << 16);

    FrameBuilder(final LiveBoard board)
    {
        this.board = board;
    }

    /** What one page has been sent so far. Web thread only. */
    static final class Seen
    {
        final int selected;
        final long[] rows;
        long bars = -1;
        long aggregateBars = -1;
        long indicators = -1;
        long book = -1;
        long feed;
        boolean initialised;

        Seen(final int symbols, final int selected)
        {
            this.selected = selected;
            this.rows = new long[symbols];
            java.util.Arrays.fill(rows, -1);
        }
    }

    /** The frame for a page that has seen {@code seen}, which it updates; {@code health} is shared JSON or null. */
    String frame(final Seen seen, final String health)
    {
        json.setLength(0);
        json.append("data: {\"time\":").append(System.currentTimeMillis());
        final List<String> symbols = board.symbols();
        if (!seen.initialised)
        {
            seen.initialised = true;
            json.append(",\"init\":{\"symbols\":[");
            for (int i = 0; i < symbols.size(); i++)
            {
                json.append(i > 0 ? "," : "");
                string(symbols.get(i));
            }
            json.append("],\"selected\":");
            string(seen.selected >= 0 ? symbols.get(seen.selected) : null);
            json.append(",\"aggregateMinutes\":").append(board.aggregateMinutes()).append('}');
        }
        rows(seen);
        if (seen.selected >= 0)
        {
            selected(seen);
        }
        feed(seen);
        if (health != null)
        {
            json.append(",\"health\":").append(health);
        }
        return json.append("}\n\n").toString();
    }

    private void rows(final Seen seen)
    {
        final List<String> symbols = board.symbols();
        boolean first = true;
        for (int i = 0; i < symbols.size(); i++)
        {
            final long version = board.rowVersion(i);
            if (version == seen.rows[i])
            {
                continue;
            }
            seen.rows[i] = version;
            json.append(first ? ",\"rows\":[" : ",");
            first = false;
            final SeriesRing.Rows bars = board.bars[i].read(0, SPARK_POINTS);
            final SeriesRing.Rows quote = board.quotes[i].read(0, 1);
            final int last = bars.size() - 1;
            json.append('[');
            string(symbols.get(i));
            json.append(',');
            number(last >= 0 ? bars.get(last, LiveBoard.CLOSE) : Double.NaN);
            json.append(',');
            number(board.firstOpen(i));
            json.append(',');
            number(last >= 0 ? bars.get(last, LiveBoard.TOTAL_VOLUME) : Double.NaN);
            json.append(',');
            number(quote.size() > 0 ? quote.get(0, LiveBoard.BID) : Double.NaN);
            json.append(',');
            number(quote.size() > 0 ? quote.get(0, LiveBoard.ASK) : Double.NaN);
            json.append(",[");
            for (int b = 0; b < bars.size(); b++)
            {
                json.append(b > 0 ? "," : "");
                number(bars.get(b, LiveBoard.CLOSE));
            }
            json.append("]]");
        }
        if (!first)
        {
            json.append(']');
        }
    }

    private void selected(final Seen seen)
    {
        final int i = seen.selected;
        final long bars = board.bars[i].count();
        final long aggregate = board.aggregateBars[i].count();
        final long indicators = board.indicators[i].count();
        if (bars != seen.bars || aggregate != seen.aggregateBars || indicators != seen.indicators)
        {
            seen.bars = bars;
            seen.aggregateBars = aggregate;
            seen.indicators = indicators;
            json.append(",\"chart\":{\"symbol\":");
            string(board.symbols().get(i));
            json.append(",\"bars\":");
            candles(board.bars[i].read(0, LiveBoard.BAR_HISTORY));
            json.append(",\"aggregateBars\":");
            candles(board.aggregateBars[i].read(0, LiveBoard.BAR_HISTORY));
            json.append(",\"indicators\":[");
            final SeriesRing.Rows rows = board.indicators[i].read(0, LiveBoard.BAR_HISTORY);
            for (int r = 0; r < rows.size(); r++)
            {
                json.append(r > 0 ? ",[" : "[");
                number(rows.get(r, LiveBoard.T));
                json.append(',');
                number(rows.get(r, LiveBoard.EMA));
                json.append(',');
                number(rows.get(r, LiveBoard.RSI));
                json.append(']');
            }
            json.append("]}");
        }
        final long book = board.books[i].count();
        if (book != seen.book)
        {
            seen.book = book;
            final SeriesRing.Rows rows = board.books[i].read(0, 1);
            json.append(",\"book\":{\"symbol\":");
            string(board.symbols().get(i));
            if (rows.size() > 0)
            {
                json.append(",\"time\":");
                number(rows.get(0, LiveBoard.BOOK_TIME));
                json.append(",\"bids\":");
                levels(rows, (int)rows.get(0, LiveBoard.BOOK_BIDS), LiveBoard.BOOK_LEVELS);
                json.append(",\"asks\":");
                levels(rows, (int)rows.get(0, LiveBoard.BOOK_ASKS), LiveBoard.BOOK_LEVELS + 2 * LiveBoard.BOOK_DEPTH);
            }
            json.append('}');
        }
    }

    private void candles(final SeriesRing.Rows rows)
    {
        // ECharts' candlestick order: open, close, low, high
        json.append('[');
        for (int r = 0; r < rows.size(); r++)
        {
            json.append(r > 0 ? ",[" : "[");
            number(rows.get(r, LiveBoard.T));
            json.append(',');
            number(rows.get(r, LiveBoard.OPEN));
            json.append(',');
            number(rows.get(r, LiveBoard.CLOSE));
            json.append(',');
            number(rows.get(r, LiveBoard.LOW));
            json.append(',');
            number(rows.get(r, LiveBoard.HIGH));
            json.append(',');
            number(rows.get(r, LiveBoard.VOLUME));
            json.append(']');
        }
        json.append(']');
    }

    private void levels(final SeriesRing.Rows rows, final int count, final int column)
    {
        json.append('[');
        for (int level = 0; level < count; level++)
        {
            json.append(level > 0 ? ",[" : "[");
            number(rows.get(0, column + 2 * level));
            json.append(',');
            number(rows.get(0, column + 2 * level + 1));
            json.append(']');
        }
        json.append(']');
    }

    private void feed(final Seen seen)
    {
        final SeriesRing.Rows rows = board.feed.read(seen.feed, LiveBoard.FEED_HISTORY);
        if (rows.size() == 0)
        {
            return;
        }
        seen.feed = rows.end();
        json.append(",\"feed\":[");
        for (int r = 0; r < rows.size(); r++)
        {
            final boolean error = rows.get(r, LiveBoard.FEED_IS_ERROR) != 0;
            final int kind = (int)rows.get(r, LiveBoard.FEED_KIND);
            final int symbol = (int)rows.get(r, LiveBoard.FEED_SYMBOL);
            json.append(r > 0 ? ",[" : "[");
            number(rows.get(r, LiveBoard.FEED_TIME));
            json.append(error ? ",true," : ",false,");
            string(error ? ErrorKind.values()[kind].label() : StatusKind.values()[kind].label());
            json.append(',');
            number(rows.get(r, LiveBoard.FEED_CODE));
            json.append(',');
            string(symbol >= 0 ? board.symbols().get(symbol) : null);
            json.append(',');
            string(rows.texts()[r]);
            json.append(']');
        }
        json.append(']');
    }

    /** The pipeline's health as JSON: built once a tick, shared by every page's frame. */
    static String health(final MetricsSnapshot m, final double messagesPerSecond, final long skippedFrames)
    {
        final StringBuilder h = new StringBuilder(512);
        h.append("{\"received\":").append(m.received())
            .append(",\"processed\":").append(m.processed())
            .append(",\"rejected\":").append(m.rejected())
            .append(",\"entriesRejected\":").append(m.entriesRejected())
            .append(",\"dropped\":").append(m.dropped())
            .append(",\"inFlight\":").append(m.inFlight())
            .append(",\"spilled\":").append(m.spilled())
            .append(",\"abandoned\":").append(m.abandoned())
            .append(",\"inboundBacklog\":").append(m.inboundBacklog())
            .append(",\"resultsBacklog\":").append(m.resultsBacklog())
            .append(",\"spillBacklog\":").append(m.spillBacklog())
            .append(",\"spillBytes\":").append(m.spillBytes())
            .append(",\"resultsDelivered\":").append(m.resultsDelivered())
            .append(",\"listenerErrors\":").append(m.listenerErrors())
            .append(",\"reconnects\":").append(m.statusesByKind().getOrDefault(StatusKind.RECONNECTING, 0L))
            .append(",\"messagesPerSecond\":").append(Math.round(messagesPerSecond))
            .append(",\"skippedFrames\":").append(skippedFrames)
            .append(",\"errorsByKind\":{");
        boolean first = true;
        for (final Map.Entry<ErrorKind, Long> e : m.errorsByKind().entrySet())
        {
            h.append(first ? "\"" : ",\"").append(e.getKey().label()).append("\":").append(e.getValue());
            first = false;
        }
        h.append("},\"statusesByKind\":{");
        first = true;
        for (final Map.Entry<StatusKind, Long> e : m.statusesByKind().entrySet())
        {
            h.append(first ? "\"" : ",\"").append(e.getKey().label()).append("\":").append(e.getValue());
            first = false;
        }
        return h.append("}}").toString();
    }

    private void number(final double value)
    {
        if (Double.isNaN(value) || Double.isInfinite(value))
        {
            json.append("null");
        }
        else if (value == Math.rint(value) && Math.abs(value) < 1e15)
        {
            json.append((long)value);
        }
        else
        {
            json.append(value);
        }
    }

    private void string(final String value)
    {
        if (value == null)
        {
            json.append("null");
            return;
        }
        json.append('"');
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if (c == '"' || c == '\\')
            {
                json.append('\\').append(c);
            }
            else if (c < 0x20 || c == 0x2028 || c == 0x2029)
            {
                json.append(String.format("\\u%04x", (int)c));
            }
            else
            {
                json.append(c);
            }
        }
        json.append('"');
    }
}
