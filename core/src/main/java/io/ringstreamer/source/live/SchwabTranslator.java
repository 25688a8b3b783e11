package io.ringstreamer.source.live;

import io.ringstreamer.format.Service;
import io.ringstreamer.format.internal.Ascii;
import io.ringstreamer.format.internal.JsonScanner;

import java.nio.charset.StandardCharsets;

/**
 * Schwab's data items translated into canonical messages: bytes in, messages out, no session. Each
 * item of a server message's {@code data} array ({@link #translate}) becomes entries of the matching
 * {@link CanonicalWriter} ({@code CHART_EQUITY}, {@code LEVELONE_EQUITIES}, {@code BOOK}); the writers
 * hold one canonical message per service until {@link #flush}. See {@link SchwabProtocol} for the field
 * map.
 *
 * <p>Owned by the connection's reading thread; allocates nothing once the writers have grown.
 */
final class SchwabTranslator
{
    private static final int MAX_FIELD = SchwabProtocol.MAX_FIELD;
    private static final byte[] SERVICE = ascii("service");
    private static final byte[] TIMESTAMP = ascii("timestamp");
    private static final byte[] CONTENT = ascii("content");
    private static final byte[] KEY = ascii("key");
    private static final byte[] CHART_EQUITY = ascii("CHART_EQUITY");
    private static final byte[] LEVELONE_EQUITIES = ascii("LEVELONE_EQUITIES");
    private static final byte[] NASDAQ_BOOK = ascii("NASDAQ_BOOK");
    private static final byte[] NYSE_BOOK = ascii("NYSE_BOOK");

    private static final byte[] OPEN = ascii("open");
    private static final byte[] HIGH = ascii("high");
    private static final byte[] LOW = ascii("low");
    private static final byte[] CLOSE = ascii("close");
    private static final byte[] VOLUME = ascii("volume");
    private static final byte[] DATETIME = ascii("datetime");
    private static final byte[] TIME = ascii("time");
    private static final byte[] BIDS = ascii("bids");
    private static final byte[] ASKS = ascii("asks");
    private static final byte[] NULL = ascii("null");

    /** Canonical LEVELONE_EQUITIES name of each Schwab field number, or null if it is not read. */
    private static final byte[][] LEVEL_ONE_NAMES = new byte[MAX_FIELD + 1][];

    static
    {
        LEVEL_ONE_NAMES[1] = ascii("bid");
        LEVEL_ONE_NAMES[2] = ascii("ask");
        LEVEL_ONE_NAMES[3] = ascii("last");
        LEVEL_ONE_NAMES[4] = ascii("bidSize");
        LEVEL_ONE_NAMES[5] = ascii("askSize");
        LEVEL_ONE_NAMES[8] = ascii("totalVolume");
        LEVEL_ONE_NAMES[9] = ascii("lastSize");
        LEVEL_ONE_NAMES[34] = ascii("quoteTime");
        LEVEL_ONE_NAMES[35] = ascii("tradeTime");
    }

    private final SchwabProtocol.ChartFields chart;
    private final UntranslatedReport untranslated;
    private final JsonScanner scanner = new JsonScanner();
    private final CanonicalWriter bars = new CanonicalWriter(Service.CHART_EQUITY);
    private final CanonicalWriter quotes = new CanonicalWriter(Service.LEVELONE_EQUITIES);
    private final CanonicalWriter books = new CanonicalWriter(Service.BOOK);

    // The content item being read: value positions of its numbered fields (-1: absent) and of its key.
    private final int[] fieldStarts = new int[MAX_FIELD + 1];
    private final int[] fieldEnds = new int[MAX_FIELD + 1];
    private int keyStart;
    private int keyEnd;

    // The data item being read: value positions of its members (-1: absent).
    private int serviceStart;
    private int serviceEnd;
    private int timestampStart;
    private int contentStart;
    private int contentEnd;

    private long ignoredEvents;
    /** Where the server message being read starts in its buffer: positions in reports count from it. */
    private int messageOffset;

    SchwabTranslator(final SchwabProtocol.ChartFields chart, final UntranslatedReport untranslated)
    {
        this.chart = chart;
        this.untranslated = untranslated;
    }

    /** Level 1 changes that carry none of the fields read, ignored so far. Reading thread. */
    long ignoredEvents()
    {
        return ignoredEvents;
    }

    /** Positions in reports count from {@code offset}, where the server message starts in its buffer. */
    void startMessage(final byte[] buffer, final int offset, final int length)
    {
        scanner.wrap(buffer, offset + length);
        messageOffset = offset;
    }

    /** Publishes every canonical message held: the one written in place first. */
    void flush(final FrameOutput out)
    {
        out.commitHeld();
        bars.flush(out);
        quotes.flush(out);
        books.flush(out);
    }

    /** Forgets what the writers hold (a new connection). */
    void clear()
    {
        bars.clear();
        quotes.clear();
        books.clear();
    }

    /**
     * Translates the data item at {@code item} ({@code {"service":..,"timestamp":..,"content":[..]}},
     * validated JSON inside the buffer of the last {@link #startMessage}) into entries of the service's
     * writer; what it cannot translate is counted and reported.
     */
    void translate(final byte[] buffer, final int item, final FrameOutput out)
    {
        indexItem(buffer, item);
        if (serviceStart < 0 || buffer[serviceStart] != '"' || contentStart < 0 || buffer[contentStart] != '[')
        {
            untranslated.report(out, "a data item without a service or a content array", item - messageOffset);
            return;
        }
        final int service;
        final int nameStart = serviceStart + 1;
        final int nameLength = serviceEnd - serviceStart - 2;
        if (Ascii.equals(CHART_EQUITY, buffer, nameStart, nameLength))
        {
            service = 0;
        }
        else if (Ascii.equals(LEVELONE_EQUITIES, buffer, nameStart, nameLength))
        {
            service = 1;
        }
        else if (Ascii.equals(NASDAQ_BOOK, buffer, nameStart, nameLength) ||
            Ascii.equals(NYSE_BOOK, buffer, nameStart, nameLength))
        {
            service = 2;
        }
        else
        {
            final StringBuilder report = untranslated.record();
            if (report != null)
            {
                UntranslatedReport.quote(report.append("unknown service "), buffer, nameStart, nameStart + nameLength)
                    .append(" at byte ").append(item - messageOffset);
                untranslated.publish(out);
            }
            return;
        }
        long timestamp = Rfc3339.INVALID;
        if (timestampStart >= 0 && buffer[timestampStart] != '"' &&
            scanner.parseNumber(timestampStart) != JsonScanner.INVALID && scanner.isLongExact())
        {
            timestamp = scanner.longValue();
        }
        final JsonScanner scanner = this.scanner;
        int i = scanner.skipWhitespace(contentStart + 1);
        final int contentEnd = this.contentEnd;
        while (i < contentEnd && buffer[i] != ']')
        {
            final int elementEnd = scanner.skipValue(i);
            if (buffer[i] == '{' && indexFields(buffer, i))
            {
                if (service == 0)
                {
                    writeBar(buffer, timestamp, out);
                }
                else if (service == 1)
                {
                    writeLevelOne(buffer, timestamp, out);
                }
                else
                {
                    writeBook(buffer, timestamp, out);
                }
            }
            else
            {
                untranslated.report(out, "a data entry that is not an object with a symbol", i - messageOffset);
            }
            i = scanner.skipWhitespace(elementEnd);
            if (buffer[i] == ',')
            {
                i = scanner.skipWhitespace(i + 1);
            }
        }
    }

    private void writeBar(final byte[] buffer, final long timestamp, final FrameOutput out)
    {
        final CanonicalWriter bars = this.bars;
        final SchwabProtocol.ChartFields chart = this.chart;
        bars.startEntry(buffer, keyStart + 1, keyEnd - keyStart - 2, timestamp, out);
        field(bars, OPEN, buffer, chart.open());
        field(bars, HIGH, buffer, chart.high());
        field(bars, LOW, buffer, chart.low());
        field(bars, CLOSE, buffer, chart.close());
        field(bars, VOLUME, buffer, chart.volume());
        field(bars, DATETIME, buffer, chart.barStart());
        bars.endEntry();
    }

    private void writeLevelOne(final byte[] buffer, final long timestamp, final FrameOutput out)
    {
        boolean any = false;
        for (int field = 1; field <= MAX_FIELD && !any; field++)
        {
            any = LEVEL_ONE_NAMES[field] != null && isScalar(buffer, field);
        }
        if (!any)
        {
            ignoredEvents++;
            return;
        }
        final CanonicalWriter quotes = this.quotes;
        quotes.startEntry(buffer, keyStart + 1, keyEnd - keyStart - 2, timestamp, out);
        for (int field = 1; field <= MAX_FIELD; field++)
        {
            if (LEVEL_ONE_NAMES[field] != null)
            {
                field(quotes, LEVEL_ONE_NAMES[field], buffer, field);
            }
        }
        quotes.endEntry();
    }

    private void writeBook(final byte[] buffer, final long timestamp, final FrameOutput out)
    {
        final CanonicalWriter books = this.books;
        books.startEntry(buffer, keyStart + 1, keyEnd - keyStart - 2, timestamp, out);
        field(books, TIME, buffer, 1);
        side(books, BIDS, buffer, 2);
        side(books, ASKS, buffer, 3);
        books.endEntry();
    }

    /** Writes field {@code field}'s array of level objects as {@code [[price, size], ...]}; leaves out a non-array. */
    private void side(final CanonicalWriter books, final byte[] name, final byte[] buffer, final int field)
    {
        final int start = fieldStarts[field];
        if (start < 0 || buffer[start] != '[')
        {
            return;
        }
        final JsonScanner scanner = this.scanner;
        books.fieldName(name);
        books.valueByte('[');
        int i = scanner.skipWhitespace(start + 1);
        boolean first = true;
        while (buffer[i] != ']')
        {
            final int levelEnd = scanner.skipValue(i);
            if (!first)
            {
                books.valueByte(',');
            }
            first = false;
            level(books, buffer, i);
            i = scanner.skipWhitespace(levelEnd);
            if (buffer[i] == ',')
            {
                i = scanner.skipWhitespace(i + 1);
            }
        }
        books.valueByte(']');
    }

    /** Writes the level at {@code start}, {@code {"0": price, "1": size, ...}}, as {@code [price,size]}. */
    private void level(final CanonicalWriter books, final byte[] buffer, final int start)
    {
        int priceStart = -1;
        int priceEnd = -1;
        int sizeStart = -1;
        int sizeEnd = -1;
        if (buffer[start] == '{')
        {
            final JsonScanner scanner = this.scanner;
            int i = scanner.skipWhitespace(start + 1);
            while (buffer[i] == '"')
            {
                final int nameEnd = scanner.skipString(i);
                final int valueStart = scanner.skipWhitespace(scanner.skipWhitespace(nameEnd) + 1);
                final int valueEnd = scanner.skipValue(valueStart);
                if (nameEnd - i == 3 && buffer[valueStart] != '{' && buffer[valueStart] != '[')
                {
                    if (buffer[i + 1] == '0')
                    {
                        priceStart = valueStart;
                        priceEnd = valueEnd;
                    }
                    else if (buffer[i + 1] == '1')
                    {
                        sizeStart = valueStart;
                        sizeEnd = valueEnd;
                    }
                }
                i = scanner.skipWhitespace(valueEnd);
                if (buffer[i] == ',')
                {
                    i = scanner.skipWhitespace(i + 1);
                }
            }
        }
        books.valueByte('[');
        scalarOrNull(books, buffer, priceStart, priceEnd);
        books.valueByte(',');
        scalarOrNull(books, buffer, sizeStart, sizeEnd);
        books.valueByte(']');
    }

    private static void scalarOrNull(final CanonicalWriter writer, final byte[] buffer, final int start, final int end)
    {
        if (start >= 0)
        {
            writer.valueBytes(buffer, start, end);
        }
        else
        {
            writer.valueBytes(NULL, 0, NULL.length);
        }
    }

    /** Copies numbered field {@code field} as {@code name} if the item has it as a scalar. */
    private void field(final CanonicalWriter writer, final byte[] name, final byte[] buffer, final int field)
    {
        if (isScalar(buffer, field))
        {
            writer.rawField(name, buffer, fieldStarts[field], fieldEnds[field]);
        }
    }

    private boolean isScalar(final byte[] buffer, final int field)
    {
        final int start = fieldStarts[field];
        return start >= 0 && buffer[start] != '{' && buffer[start] != '[';
    }

    /**
     * Records where the content item at {@code start} holds its key and numbered fields.
     *
     * @return whether it has a symbol: a string {@code key}, or else a string field {@code 0}.
     */
    private boolean indexFields(final byte[] buffer, final int start)
    {
        java.util.Arrays.fill(fieldStarts, -1);
        keyStart = -1;
        final JsonScanner scanner = this.scanner;
        int i = scanner.skipWhitespace(start + 1);
        while (buffer[i] == '"')
        {
            final int nameEnd = scanner.skipString(i);
            final int valueStart = scanner.skipWhitespace(scanner.skipWhitespace(nameEnd) + 1);
            final int valueEnd = scanner.skipValue(valueStart);
            final int field = fieldNumber(buffer, i + 1, nameEnd - i - 2);
            if (field >= 0)
            {
                fieldStarts[field] = valueStart;
                fieldEnds[field] = valueEnd;
            }
            else if (Ascii.equals(KEY, buffer, i + 1, nameEnd - i - 2))
            {
                keyStart = valueStart;
                keyEnd = valueEnd;
            }
            i = scanner.skipWhitespace(valueEnd);
            if (buffer[i] == ',')
            {
                i = scanner.skipWhitespace(i + 1);
            }
        }
        if (keyStart < 0 || buffer[keyStart] != '"')
        {
            keyStart = fieldStarts[0];
            keyEnd = fieldEnds[0];
        }
        return keyStart >= 0 && buffer[keyStart] == '"';
    }

    /** @return the field number a name of one or two digits stands for, if at most {@link #MAX_FIELD}; else -1. */
    private static int fieldNumber(final byte[] buffer, final int offset, final int length)
    {
        if (length < 1 || length > 2)
        {
            return -1;
        }
        int number = 0;
        for (int i = offset; i < offset + length; i++)
        {
            final int digit = buffer[i] - '0';
            if (digit < 0 || digit > 9)
            {
                return -1;
            }
            number = number * 10 + digit;
        }
        return (length == 2 && buffer[offset] == '0') || number > MAX_FIELD ? -1 : number;
    }

    /** Records where the data item at {@code start} holds its service, timestamp and content. */
    private void indexItem(final byte[] buffer, final int start)
    {
        serviceStart = -1;
        timestampStart = -1;
        contentStart = -1;
        final JsonScanner scanner = this.scanner;
        int i = scanner.skipWhitespace(start + 1);
        while (buffer[i] == '"')
        {
            final int nameEnd = scanner.skipString(i);
            final int nameStart = i + 1;
            final int nameLength = nameEnd - i - 2;
            final int valueStart = scanner.skipWhitespace(scanner.skipWhitespace(nameEnd) + 1);
            final int valueEnd = scanner.skipValue(valueStart);
            if (Ascii.equals(SERVICE, buffer, nameStart, nameLength))
            {
                serviceStart = valueStart;
                serviceEnd = valueEnd;
            }
            else if (Ascii.equals(TIMESTAMP, buffer, nameStart, nameLength))
            {
                timestampStart = valueStart;
            }
            else if (Ascii.equals(CONTENT, buffer, nameStart, nameLength))
            {
                contentStart = valueStart;
                contentEnd = valueEnd;
            }
            i = scanner.skipWhitespace(valueEnd);
            if (buffer[i] == ',')
            {
                i = scanner.skipWhitespace(i + 1);
            }
        }
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
