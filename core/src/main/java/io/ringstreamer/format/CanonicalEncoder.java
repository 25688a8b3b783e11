package io.ringstreamer.format;

/**
 * Writes one canonical message (see {@code docs/formats/canonical.md}) into a caller's byte array,
 * for a {@code Streamer} that builds its messages itself: the envelope, then each symbol's entry, its
 * fields in the order written. What it writes, {@link CanonicalDecoder} reads back to the same values.
 *
 * <pre>{@code
 * int length = encoder.begin(bytes, 0, bytes.length, Service.LEVELONE_EQUITIES, nowMillis)
 *     .symbol("AAPL").field(BID, 227.79).field(BID_SIZE, 300)
 *     .symbol("MSFT").field(ASK, 415.1)
 *     .end();                                   // TOO_SMALL if it did not fit
 * publisher.publish(bytes, 0, length);
 * }</pre>
 *
 * <p>Field names are ASCII (the format's names); strings (a symbol, a headline) are written as JSON
 * strings, escaped and UTF-8 encoded (an unpaired surrogate throws {@link IllegalArgumentException}).
 * Numbers: a long as its digits; a double in the shortest form of at most 15 decimals, or a whole
 * mantissa and an exponent, that reads back exactly (227.81, 0.05, 1e20), else (more than about 15
 * significant digits, or a magnitude beyond those) through {@link Double#toString(double)}, which
 * allocates and is rare in market data. NaN and the infinities are not JSON and throw
 * {@link IllegalArgumentException}. Each symbol must appear once per message.
 *
 * <p>Errors are values: a message that does not fit the capacity given to {@link #begin} is not
 * written past it, and {@link #end()} returns {@link #TOO_SMALL}. Owned by one thread (the streamer's);
 * reusable, one message after another; allocates nothing on the paths above.
 */
public final class CanonicalEncoder
{
    /** {@link #end()}'s answer when the message did not fit the capacity. */
    public static final int TOO_SMALL = -1;

    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
    };
    /** Mantissas below this are exact in a double, so mantissa and power of ten give a correctly rounded value. */
    private static final long MAX_EXACT_MANTISSA = 1L << 53;
    private static final int MAX_DECIMALS = 15;
    private static final byte[] MIN_LONG = "-9223372036854775808".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private byte[] buffer;
    private int start;
    private int limit;
    private int position;
    private long timestamp;
    private boolean overflow;
    private int entries;
    private boolean inEntry;
    private boolean firstField;

    /** A reusable encoder; {@link #begin} points it at a buffer. */
    public CanonicalEncoder()
    {
    }

    /**
     * Starts a message of {@code service} in {@code buffer[offset, offset + capacity)}, stamped with
     * {@code timestampMillis} (Unix epoch milliseconds), forgetting any message not ended.
     *
     * @throws IndexOutOfBoundsException if the range lies outside {@code buffer}.
     */
    public CanonicalEncoder begin(final byte[] buffer, final int offset, final int capacity, final Service service,
                                  final long timestampMillis)
    {
        java.util.Objects.checkFromIndexSize(offset, capacity, buffer.length);
        java.util.Objects.requireNonNull(service, "service");
        this.buffer = buffer;
        this.start = offset;
        this.limit = offset + capacity;
        this.position = offset;
        this.timestamp = timestampMillis;
        this.overflow = false;
        this.entries = 0;
        this.inEntry = false;
        ascii("{\"service\":\"");
        ascii(service.name());
        ascii("\",\"symbols\":{");
        return this;
    }

    /** Opens {@code symbol}'s entry (closing the previous one); its fields follow. */
    public CanonicalEncoder symbol(final CharSequence symbol)
    {
        requireBegun();
        closeEntry();
        if (entries++ > 0)
        {
            put((byte)',');
        }
        string(symbol);
        put((byte)':');
        put((byte)'{');
        inEntry = true;
        firstField = true;
        return this;
    }

    /** Writes a number field of the current entry. */
    public CanonicalEncoder field(final String name, final double value)
    {
        name(name);
        number(value);
        return this;
    }

    /** Writes a whole-number field of the current entry (a size, a time in epoch milliseconds, a sequence). */
    public CanonicalEncoder field(final String name, final long value)
    {
        name(name);
        number(value);
        return this;
    }

    /** Writes a string field of the current entry ({@code null} writes JSON {@code null}). */
    public CanonicalEncoder field(final String name, final CharSequence value)
    {
        name(name);
        if (value == null)
        {
            ascii("null");
        }
        else
        {
            string(value);
        }
        return this;
    }

    /**
     * Writes one side of a book as {@code [[price, size], ...]}: the first {@code count} levels of the
     * arrays, best first (as {@code BOOK}'s {@code bids} and {@code asks}).
     *
     * @throws IndexOutOfBoundsException if {@code count} is negative or past either array.
     */
    public CanonicalEncoder levels(final String name, final double[] prices, final long[] sizes, final int count)
    {
        java.util.Objects.checkIndex(count, Math.min(prices.length, sizes.length) + 1);
        name(name);
        put((byte)'[');
        for (int i = 0; i < count; i++)
        {
            if (i > 0)
            {
                put((byte)',');
            }
            put((byte)'[');
            number(prices[i]);
            put((byte)',');
            number(sizes[i]);
            put((byte)']');
        }
        put((byte)']');
        return this;
    }

    /**
     * Closes the message.
     *
     * @return its length in bytes from the offset given to {@link #begin}, or {@link #TOO_SMALL} if it
     * did not fit (the buffer then holds a partial message).
     */
    public int end()
    {
        requireBegun();
        closeEntry();
        ascii("},\"timestamp\":");
        number(timestamp);
        put((byte)'}');
        final int length = overflow ? TOO_SMALL : position - start;
        buffer = null;
        return length;
    }

    /** As {@link #end()}, followed by a line feed: one line of a JSON Lines file. */
    public int endLine()
    {
        final byte[] target = buffer;
        final int length = end();
        if (length == TOO_SMALL || start + length >= limit)
        {
            return TOO_SMALL;
        }
        target[start + length] = '\n';
        return length + 1;
    }

    private void requireBegun()
    {
        if (buffer == null)
        {
            throw new IllegalStateException("begin a message first");
        }
    }

    private void closeEntry()
    {
        if (inEntry)
        {
            put((byte)'}');
            inEntry = false;
        }
    }

    private void name(final String name)
    {
        requireBegun();
        if (!inEntry)
        {
            throw new IllegalStateException("a field belongs to a symbol's entry: call symbol(...) first");
        }
        if (!firstField)
        {
            put((byte)',');
        }
        firstField = false;
        string(name);
        put((byte)':');
    }

    private void number(final long value)
    {
        if (value == Long.MIN_VALUE)
        {
            for (final byte b : MIN_LONG)
            {
                put(b);
            }
            return;
        }
        long v = value;
        if (v < 0)
        {
            put((byte)'-');
            v = -v;
        }
        digits(v, 0);
    }

    private void number(final double value)
    {
        if (Double.isNaN(value) || Double.isInfinite(value))
        {
            throw new IllegalArgumentException("JSON has no " + value);
        }
        final boolean negative = Double.doubleToRawLongBits(value) < 0;
        final double magnitude = Math.abs(value);
        for (int decimals = 0; decimals <= MAX_DECIMALS; decimals++)
        {
            final double scaled = magnitude * POWERS_OF_TEN[decimals];
            if (scaled >= MAX_EXACT_MANTISSA)
            {
                break;
            }
            final long mantissa = Math.round(scaled);
            if (mantissa / POWERS_OF_TEN[decimals] == magnitude) // exactly what a reader's division gives
            {
                if (negative)
                {
                    put((byte)'-');
                }
                digits(mantissa, decimals);
                return;
            }
        }
        for (int exponent = 22; exponent >= 1; exponent--) // a large whole number: mantissa 'e' exponent, shortest first
        {
            final long mantissa = Math.round(magnitude / POWERS_OF_TEN[exponent]);
            if (mantissa < MAX_EXACT_MANTISSA && mantissa * POWERS_OF_TEN[exponent] == magnitude)
            {
                if (negative)
                {
                    put((byte)'-');
                }
                digits(mantissa, 0);
                put((byte)'e');
                digits(exponent, 0);
                return;
            }
        }
        ascii(Double.toString(value)); // more than 15 digits, or tiny or huge: rare, and allocates
    }

    /** Writes {@code value} (not negative) with {@code decimals} digits after a point. */
    private void digits(final long value, final int decimals)
    {
        int count = 1;
        for (long v = value / 10; v != 0; v /= 10)
        {
            count++;
        }
        if (count <= decimals)
        {
            count = decimals + 1; // leading zeros: 0.05
        }
        final int length = count + (decimals > 0 ? 1 : 0);
        if (position + length > limit)
        {
            overflow = true;
            position = limit;
            return;
        }
        long v = value;
        int at = position + length;
        for (int i = 0; i < decimals; i++)
        {
            buffer[--at] = (byte)('0' + v % 10);
            v /= 10;
        }
        if (decimals > 0)
        {
            buffer[--at] = '.';
        }
        do
        {
            buffer[--at] = (byte)('0' + v % 10);
            v /= 10;
        }
        while (at > position);
        position += length;
    }

    /** A JSON string: quotes, escapes, UTF-8. */
    private void string(final CharSequence text)
    {
        put((byte)'"');
        for (int i = 0, n = text.length(); i < n; i++)
        {
            final char c = text.charAt(i);
            if (c == '"' || c == '\\')
            {
                put((byte)'\\');
                put((byte)c);
            }
            else if (c < 0x20)
            {
                put((byte)'\\');
                put((byte)'u');
                put((byte)'0');
                put((byte)'0');
                put(HEX[c >> 4]);
                put(HEX[c & 0xF]);
            }
            else if (c < 0x80)
            {
                put((byte)c);
            }
            else if (c < 0x800)
            {
                put((byte)(0xC0 | c >> 6));
                put((byte)(0x80 | c & 0x3F));
            }
            else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1)))
            {
                final int code = Character.toCodePoint(c, text.charAt(++i));
                put((byte)(0xF0 | code >> 18));
                put((byte)(0x80 | code >> 12 & 0x3F));
                put((byte)(0x80 | code >> 6 & 0x3F));
                put((byte)(0x80 | code & 0x3F));
            }
            else if (Character.isSurrogate(c))
            {
                throw new IllegalArgumentException("unpaired surrogate at index " + i);
            }
            else
            {
                put((byte)(0xE0 | c >> 12));
                put((byte)(0x80 | c >> 6 & 0x3F));
                put((byte)(0x80 | c & 0x3F));
            }
        }
        put((byte)'"');
    }

    private void ascii(final String text)
    {
        for (int i = 0, n = text.length(); i < n; i++)
        {
            put((byte)text.charAt(i));
        }
    }

    private void put(final byte b)
    {
        if (position < limit)
        {
            buffer[position++] = b;
        }
        else
        {
            overflow = true;
        }
    }
}
