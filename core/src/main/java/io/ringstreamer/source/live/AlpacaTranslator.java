package io.ringstreamer.source.live;

import io.ringstreamer.format.Service;
import io.ringstreamer.format.internal.Ascii;
import io.ringstreamer.format.internal.JsonScanner;

import java.nio.charset.StandardCharsets;

/**
 * Alpaca's data messages translated into canonical messages: bytes in, messages out, no session. One
 * message object of a server frame at a time ({@link #translate}): a bar {@code b}, quote {@code q},
 * trade {@code t} or news {@code n} becomes an entry of the matching {@link CanonicalWriter}; the
 * writers hold one canonical message per service until {@link #flush}. See {@link AlpacaProtocol} for
 * the field map. The object's fields stay indexed after the call, for the session's own types
 * ({@link #isString}, {@link #start}, {@link #end}).
 *
 * <p>Owned by the connection's reading thread; allocates nothing once the writers have grown.
 */
final class AlpacaTranslator
{
    /** What {@link #translate} found. */
    static final int TRANSLATED = 0;
    /** A type of the session's (or one the adapter ignores): not data, nothing published. */
    static final int NOT_DATA = 1;
    /** No string {@code T}: reported as untranslated. */
    static final int NO_TYPE = 2;

    // Input field names, and the slot each one's value position is kept in while an element is read.
    static final int T = 0;
    static final int S = 1;
    static final int O = 2;
    static final int H = 3;
    static final int L = 4;
    static final int C = 5;
    static final int V = 6;
    static final int TIME = 7;
    static final int BP = 8;
    static final int AP = 9;
    static final int BS = 10;
    static final int AS = 11;
    static final int P = 12;
    static final int SIZE = 13;
    static final int I = 14;
    static final int MSG = 15;
    static final int CODE = 16;
    static final int ID = 17;
    static final int HEADLINE = 18;
    static final int CREATED_AT = 19;
    static final int SYMBOLS = 20;
    static final int SOURCE = 21;
    static final byte[][] NAMES = ascii("T", "S", "o", "h", "l", "c", "v", "t", "bp", "ap", "bs", "as",
        "p", "s", "i", "msg", "code", "id", "headline", "created_at", "symbols", "source");

    // Message types.
    private static final byte[] BAR = ascii("b")[0];
    private static final byte[] QUOTE = ascii("q")[0];
    private static final byte[] TRADE = ascii("t")[0];
    private static final byte[] NEWS = ascii("n")[0];

    // Canonical field names.
    private static final byte[] OPEN = ascii("open")[0];
    private static final byte[] HIGH = ascii("high")[0];
    private static final byte[] LOW = ascii("low")[0];
    private static final byte[] CLOSE = ascii("close")[0];
    private static final byte[] VOLUME = ascii("volume")[0];
    private static final byte[] DATETIME = ascii("datetime")[0];
    private static final byte[] BID = ascii("bid")[0];
    private static final byte[] ASK = ascii("ask")[0];
    private static final byte[] BID_SIZE = ascii("bidSize")[0];
    private static final byte[] ASK_SIZE = ascii("askSize")[0];
    private static final byte[] QUOTE_TIME = ascii("quoteTime")[0];
    private static final byte[] TIME_NAME = ascii("time")[0];
    private static final byte[] PRICE = ascii("price")[0];
    private static final byte[] SIZE_NAME = ascii("size")[0];
    private static final byte[] SEQ = ascii("seq")[0];
    private static final byte[] ID_NAME = ascii("id")[0];
    private static final byte[] HEADLINE_NAME = ascii("headline")[0];
    private static final byte[] SOURCE_NAME = ascii("source")[0];

    private final JsonScanner scanner = new JsonScanner();
    private final int[] starts = new int[NAMES.length];
    private final int[] ends = new int[NAMES.length];
    private final CanonicalWriter bars = new CanonicalWriter(Service.CHART_EQUITY);
    private final CanonicalWriter quotes = new CanonicalWriter(Service.LEVELONE_EQUITIES);
    private final CanonicalWriter trades = new CanonicalWriter(Service.TIMESALE_EQUITY);
    private final CanonicalWriter news = new CanonicalWriter(Service.NEWS_HEADLINE);
    private final UntranslatedReport untranslated;
    /** Where the server message being read starts in its buffer: positions in reports count from it. */
    private int messageOffset;

    AlpacaTranslator(final UntranslatedReport untranslated)
    {
        this.untranslated = untranslated;
    }

    /** Positions in reports count from {@code offset}, where the server message starts in its buffer. */
    void startMessage(final byte[] buffer, final int offset, final int length)
    {
        scanner.wrap(buffer, offset + length);
        messageOffset = offset;
    }

    /**
     * Indexes the message object at {@code start} (validated JSON, inside the buffer of the last
     * {@link #startMessage}) and translates it if it is data.
     *
     * @return {@link #TRANSLATED}, {@link #NOT_DATA} or {@link #NO_TYPE}.
     */
    int translate(final byte[] buffer, final int start, final FrameOutput out)
    {
        index(buffer, start);
        if (!isString(buffer, T))
        {
            return NO_TYPE;
        }
        final int typeStart = starts[T] + 1;
        final int typeLength = ends[T] - starts[T] - 2;
        if (Ascii.equals(BAR, buffer, typeStart, typeLength))
        {
            onBar(buffer, out);
        }
        else if (Ascii.equals(QUOTE, buffer, typeStart, typeLength))
        {
            onQuote(buffer, out);
        }
        else if (Ascii.equals(TRADE, buffer, typeStart, typeLength))
        {
            onTrade(buffer, out);
        }
        else if (Ascii.equals(NEWS, buffer, typeStart, typeLength))
        {
            onNews(buffer, out);
        }
        else
        {
            return NOT_DATA;
        }
        return TRANSLATED;
    }

    /** Publishes every canonical message held: the one written in place first. */
    void flush(final FrameOutput out)
    {
        out.commitHeld();
        bars.flush(out);
        quotes.flush(out);
        trades.flush(out);
        news.flush(out);
    }

    /** Forgets what the writers hold (a new connection). */
    void clear()
    {
        bars.clear();
        quotes.clear();
        trades.clear();
        news.clear();
    }

    /** Where the indexed object's field {@code slot} starts, or -1 if absent. */
    int start(final int slot)
    {
        return starts[slot];
    }

    /** Where the indexed object's field {@code slot} ends (when present). */
    int end(final int slot)
    {
        return ends[slot];
    }

    private void onBar(final byte[] buffer, final FrameOutput out)
    {
        final CanonicalWriter bars = this.bars;
        if (startEntry(bars, DATETIME, buffer, out))
        {
            scalar(bars, OPEN, buffer, O);
            scalar(bars, HIGH, buffer, H);
            scalar(bars, LOW, buffer, L);
            scalar(bars, CLOSE, buffer, C);
            scalar(bars, VOLUME, buffer, V);
            bars.endEntry();
        }
    }

    private void onQuote(final byte[] buffer, final FrameOutput out)
    {
        final CanonicalWriter quotes = this.quotes;
        if (startEntry(quotes, QUOTE_TIME, buffer, out))
        {
            scalar(quotes, BID, buffer, BP);
            scalar(quotes, ASK, buffer, AP);
            scalar(quotes, BID_SIZE, buffer, BS);
            scalar(quotes, ASK_SIZE, buffer, AS);
            quotes.endEntry();
        }
    }

    private void onTrade(final byte[] buffer, final FrameOutput out)
    {
        final CanonicalWriter trades = this.trades;
        if (startEntry(trades, TIME_NAME, buffer, out))
        {
            scalar(trades, PRICE, buffer, P);
            scalar(trades, SIZE_NAME, buffer, SIZE);
            scalar(trades, SEQ, buffer, I);
            trades.endEntry();
        }
    }

    /**
     * Starts {@code writer}'s entry for the event's symbol ({@code S}) at the event's time ({@code t}),
     * and writes that time as the field {@code timeName} when it can be read.
     *
     * @return {@code false}, the event counted as ignored, if it names no symbol.
     */
    private boolean startEntry(final CanonicalWriter writer, final byte[] timeName, final byte[] buffer,
                               final FrameOutput out)
    {
        if (!isString(buffer, S))
        {
            untranslated.report(out, "a data message without a symbol", starts[T] - messageOffset);
            return false;
        }
        final long time = time(buffer, TIME);
        writer.startEntry(buffer, starts[S] + 1, ends[S] - starts[S] - 2, time, out);
        if (time != Rfc3339.INVALID)
        {
            writer.longField(timeName, time);
        }
        return true;
    }

    private void onNews(final byte[] buffer, final FrameOutput out)
    {
        if (starts[SYMBOLS] < 0 || buffer[starts[SYMBOLS]] != '[')
        {
            untranslated.report(out, "a news message without symbols", starts[T] - messageOffset);
            return;
        }
        final long time = time(buffer, CREATED_AT);
        final JsonScanner scanner = this.scanner;
        int i = scanner.skipWhitespace(starts[SYMBOLS] + 1);
        boolean any = false;
        while (buffer[i] != ']')
        {
            final int symbolEnd = scanner.skipValue(i);
            if (buffer[i] == '"')
            {
                any = true;
                writeHeadline(buffer, i + 1, symbolEnd - i - 2, time, out);
            }
            i = scanner.skipWhitespace(symbolEnd);
            if (buffer[i] == ',')
            {
                i = scanner.skipWhitespace(i + 1);
            }
        }
        if (!any)
        {
            untranslated.report(out, "a news message without symbols", starts[T] - messageOffset);
        }
    }

    private void writeHeadline(final byte[] buffer, final int symbolOffset, final int symbolLength, final long time,
                               final FrameOutput out)
    {
        final CanonicalWriter news = this.news;
        news.startEntry(buffer, symbolOffset, symbolLength, time, out);
        if (time != Rfc3339.INVALID)
        {
            news.longField(TIME_NAME, time);
        }
        final int idStart = starts[ID];
        if (idStart >= 0 && (buffer[idStart] == '-' || (buffer[idStart] >= '0' && buffer[idStart] <= '9')))
        {
            news.stringField(ID_NAME, buffer, idStart, ends[ID]); // a number's digits, as a string
        }
        else
        {
            scalar(news, ID_NAME, buffer, ID);
        }
        scalar(news, HEADLINE_NAME, buffer, HEADLINE);
        scalar(news, SOURCE_NAME, buffer, SOURCE);
        news.endEntry();
    }

    /** Records where each known field's value lies in the object at {@code start}; the last of a repeated field wins. */
    private void index(final byte[] buffer, final int start)
    {
        final int[] starts = this.starts;
        java.util.Arrays.fill(starts, -1);
        final JsonScanner scanner = this.scanner;
        int i = scanner.skipWhitespace(start + 1);
        while (buffer[i] == '"')
        {
            final int keyEnd = scanner.skipString(i);
            final int valueStart = scanner.skipWhitespace(scanner.skipWhitespace(keyEnd) + 1);
            final int valueEnd = scanner.skipValue(valueStart);
            final int slot = slot(buffer, i + 1, keyEnd - i - 2);
            if (slot >= 0)
            {
                starts[slot] = valueStart;
                ends[slot] = valueEnd;
            }
            i = scanner.skipWhitespace(valueEnd);
            if (buffer[i] == ',')
            {
                i = scanner.skipWhitespace(i + 1);
            }
        }
    }

    private static int slot(final byte[] buffer, final int offset, final int length)
    {
        for (int slot = 0; slot < NAMES.length; slot++)
        {
            if (Ascii.equals(NAMES[slot], buffer, offset, length))
            {
                return slot;
            }
        }
        return -1;
    }

    boolean isString(final byte[] buffer, final int slot)
    {
        return starts[slot] >= 0 && buffer[starts[slot]] == '"';
    }

    /** The epoch milliseconds of the RFC 3339 string in {@code slot}, or {@link Rfc3339#INVALID}. */
    private long time(final byte[] buffer, final int slot)
    {
        return isString(buffer, slot) ?
            Rfc3339.parseMillis(buffer, starts[slot] + 1, ends[slot] - starts[slot] - 2) : Rfc3339.INVALID;
    }

    /** Copies the scalar in {@code slot} as field {@code name}; leaves out a missing field or a container. */
    private void scalar(final CanonicalWriter writer, final byte[] name, final byte[] buffer, final int slot)
    {
        final int start = starts[slot];
        if (start >= 0 && buffer[start] != '{' && buffer[start] != '[')
        {
            writer.rawField(name, buffer, start, ends[slot]);
        }
    }

    private static byte[][] ascii(final String... names)
    {
        final byte[][] bytes = new byte[names.length][];
        for (int i = 0; i < names.length; i++)
        {
            bytes[i] = names[i].getBytes(StandardCharsets.US_ASCII);
        }
        return bytes;
    }
}
