package io.ringstreamer.format.internal;

/**
 * A strict, allocation-free JSON scanner over a byte range: it validates and skips values and
 * parses numbers in place. Positions are indexes into the buffer; a negative return means the
 * input is not valid JSON, and {@link #errorReason()} and {@link #errorPosition()} say why and where.
 *
 * <p>Owned by one thread. Nesting deeper than {@link #MAX_DEPTH} is rejected, so hostile input
 * cannot exhaust the stack.
 */
public final class JsonScanner
{
    /** Deepest nesting of arrays and objects accepted. */
    public static final int MAX_DEPTH = 32;
    /** Returned by scanning methods when the input is invalid. */
    public static final int INVALID = -1;

    public static final String TRUNCATED = "truncated: input ends inside a value";
    public static final String UNEXPECTED = "unexpected character";
    static final String BAD_STRING = "invalid string (control character or bad escape)";
    static final String BAD_NUMBER = "invalid number";
    public static final String TOO_DEEP = "nested deeper than 32 levels";

    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
    };
    private static final long MAX_EXACT_MANTISSA = 1L << 53;

    private byte[] buffer;
    private int end;
    private String errorReason;
    private int errorPosition;

    private double numberValue;
    private long longValue;
    private boolean longExact;

    /**
     * Points the scanner at {@code buffer[.., end)}; positions passed to other methods are absolute.
     */
    public JsonScanner wrap(final byte[] buffer, final int end)
    {
        this.buffer = buffer;
        this.end = end;
        this.errorReason = null;
        this.errorPosition = -1;
        return this;
    }

    public byte[] buffer()
    {
        return buffer;
    }

    public int end()
    {
        return end;
    }

    /** Why the last failed call failed (a constant, never allocated), or {@code null}. */
    public String errorReason()
    {
        return errorReason;
    }

    /** Where the last failed call failed, or -1. */
    public int errorPosition()
    {
        return errorPosition;
    }

    /** The value of the last number parsed, as a double. */
    public double numberValue()
    {
        return numberValue;
    }

    /** The value of the last number parsed, as a long; meaningful only if {@link #isLongExact()}. */
    public long longValue()
    {
        return longValue;
    }

    /** Whether the last number parsed is a whole number that fits a long exactly (1521, 26.0, 1e3). */
    public boolean isLongExact()
    {
        return longExact;
    }

    /** @return the first position at or after {@code position} that is not JSON white space. */
    public int skipWhitespace(final int position)
    {
        final byte[] buffer = this.buffer;
        int i = position;
        while (i < end)
        {
            final byte b = buffer[i];
            if (b > ' ' || (b != ' ' && b != '\n' && b != '\r' && b != '\t')) // most tokens: one compare
            {
                break;
            }
            i++;
        }
        return i;
    }

    /** @return whether {@code position} is in range and holds {@code expected}. */
    public boolean at(final int position, final char expected)
    {
        return position < end && buffer[position] == expected;
    }

    /**
     * Validates and skips one value of any kind starting at {@code position} (no leading white space).
     *
     * @return the position just after the value, or {@link #INVALID}.
     */
    public int skipValue(final int position)
    {
        return skipValue(position, 0);
    }

    /**
     * As {@link #skipValue(int)}, for a value already nested {@code depth} levels deep (so that the
     * depth limit counts from the top of the message).
     */
    public int skipValue(final int position, final int depth)
    {
        if (position >= end)
        {
            return fail(TRUNCATED, position);
        }
        final byte b = buffer[position];
        switch (b)
        {
            case '{':
                return skipObject(position, depth + 1);
            case '[':
                return skipArray(position, depth + 1);
            case '"':
                return skipString(position);
            case 't':
                return skipLiteral(position, "true");
            case 'f':
                return skipLiteral(position, "false");
            case 'n':
                return skipLiteral(position, "null");
            default:
                if (b == '-' || (b >= '0' && b <= '9'))
                {
                    return skipNumber(position);
                }
                return fail(UNEXPECTED, position);
        }
    }

    private int skipObject(final int position, final int depth)
    {
        if (depth > MAX_DEPTH)
        {
            return fail(TOO_DEEP, position);
        }
        int i = skipWhitespace(position + 1);
        if (at(i, '}'))
        {
            return i + 1;
        }
        while (true)
        {
            if (!at(i, '"'))
            {
                return fail(i >= end ? TRUNCATED : UNEXPECTED, i);
            }
            i = skipString(i);
            if (i < 0)
            {
                return INVALID;
            }
            i = skipWhitespace(i);
            if (!at(i, ':'))
            {
                return fail(i >= end ? TRUNCATED : UNEXPECTED, i);
            }
            i = skipValue(skipWhitespace(i + 1), depth);
            if (i < 0)
            {
                return INVALID;
            }
            i = skipWhitespace(i);
            if (at(i, ','))
            {
                i = skipWhitespace(i + 1);
            }
            else if (at(i, '}'))
            {
                return i + 1;
            }
            else
            {
                return fail(i >= end ? TRUNCATED : UNEXPECTED, i);
            }
        }
    }

    private int skipArray(final int position, final int depth)
    {
        if (depth > MAX_DEPTH)
        {
            return fail(TOO_DEEP, position);
        }
        int i = skipWhitespace(position + 1);
        if (at(i, ']'))
        {
            return i + 1;
        }
        while (true)
        {
            i = skipValue(i, depth);
            if (i < 0)
            {
                return INVALID;
            }
            i = skipWhitespace(i);
            if (at(i, ','))
            {
                i = skipWhitespace(i + 1);
            }
            else if (at(i, ']'))
            {
                return i + 1;
            }
            else
            {
                return fail(i >= end ? TRUNCATED : UNEXPECTED, i);
            }
        }
    }

    /**
     * Validates and skips a string starting at its opening quote.
     *
     * @return the position just after the closing quote, or {@link #INVALID}.
     */
    public int skipString(final int position)
    {
        final byte[] buffer = this.buffer;
        final int end = this.end;
        int i = position + 1;
        while (i < end)
        {
            final byte b = buffer[i];
            if (b == '"')
            {
                return i + 1;
            }
            if (b == '\\' || (b & 0xE0) == 0) // an escape or a control character (0x00-0x1F): the slow path
            {
                return skipStringSlowly(i);
            }
            i++;
        }
        return fail(TRUNCATED, i);
    }

    private int skipStringSlowly(final int from)
    {
        int i = from;
        while (i < end)
        {
            final byte b = buffer[i];
            if (b == '"')
            {
                return i + 1;
            }
            if (b == '\\')
            {
                if (i + 1 >= end)
                {
                    return fail(TRUNCATED, i);
                }
                final byte escaped = buffer[i + 1];
                if (escaped == 'u')
                {
                    if (i + 5 >= end)
                    {
                        return fail(TRUNCATED, i);
                    }
                    for (int h = i + 2; h < i + 6; h++)
                    {
                        if (Character.digit(buffer[h], 16) < 0)
                        {
                            return fail(BAD_STRING, h);
                        }
                    }
                    i += 6;
                    continue;
                }
                if (escaped != '"' && escaped != '\\' && escaped != '/' && escaped != 'b' &&
                    escaped != 'f' && escaped != 'n' && escaped != 'r' && escaped != 't')
                {
                    return fail(BAD_STRING, i + 1);
                }
                i += 2;
                continue;
            }
            if ((b & 0xE0) == 0)
            {
                return fail(BAD_STRING, i);
            }
            i++;
        }
        return fail(TRUNCATED, i);
    }

    private int skipLiteral(final int position, final String literal)
    {
        final int length = literal.length();
        for (int k = 0; k < length; k++)
        {
            final int i = position + k;
            if (i >= end)
            {
                return fail(TRUNCATED, i);
            }
            if (buffer[i] != literal.charAt(k))
            {
                return fail(UNEXPECTED, i);
            }
        }
        return position + length;
    }

    /**
     * Validates and skips a JSON number at {@code position} without computing its value.
     *
     * @return the position just after the number, or {@link #INVALID}.
     */
    public int skipNumber(final int position)
    {
        final byte[] buffer = this.buffer;
        final int end = this.end;
        int i = position;
        if (i < end && buffer[i] == '-')
        {
            i++;
        }
        if (i >= end)
        {
            return fail(TRUNCATED, i);
        }
        if (buffer[i] == '0')
        {
            i++;
        }
        else
        {
            final int digits = i;
            while (i < end && isDigit(buffer[i]))
            {
                i++;
            }
            if (i == digits)
            {
                return fail(BAD_NUMBER, i);
            }
        }
        if (i < end && buffer[i] == '.')
        {
            final int digits = ++i;
            while (i < end && isDigit(buffer[i]))
            {
                i++;
            }
            if (i == digits)
            {
                return fail(i >= end ? TRUNCATED : BAD_NUMBER, i);
            }
        }
        if (i < end && (buffer[i] == 'e' || buffer[i] == 'E'))
        {
            i++;
            if (i < end && (buffer[i] == '+' || buffer[i] == '-'))
            {
                i++;
            }
            final int digits = i;
            while (i < end && isDigit(buffer[i]))
            {
                i++;
            }
            if (i == digits)
            {
                return fail(i >= end ? TRUNCATED : BAD_NUMBER, i);
            }
        }
        return i;
    }

    /**
     * Validates and parses a JSON number at {@code position}; read it with {@link #numberValue()},
     * {@link #longValue()} and {@link #isLongExact()}.
     *
     * <p>Up to 15 significant digits with a small exponent take an exact fast path (mantissa times or
     * divided by an exact power of ten is correctly rounded); anything longer falls back to
     * {@link Double#parseDouble}, which allocates and is rare in market data.
     *
     * @return the position just after the number, or {@link #INVALID}.
     */
    public int parseNumber(final int position)
    {
        final byte[] buffer = this.buffer;
        final int end = this.end;
        int i = position;
        final boolean negative = i < end && buffer[i] == '-';
        if (negative)
        {
            i++;
        }
        final int integerStart = i;
        long mantissa = 0;
        int digit;
        while (i < end && (digit = buffer[i] - '0') >= 0 && digit <= 9)
        {
            mantissa = mantissa * 10 + digit;
            i++;
        }
        final int integerDigits = i - integerStart;
        if (integerDigits == 0)
        {
            return fail(i >= end ? TRUNCATED : BAD_NUMBER, i);
        }
        if (integerDigits > 1 && buffer[integerStart] == '0')
        {
            return fail(BAD_NUMBER, integerStart);
        }
        int scale = 0;
        final boolean hasFraction = i < end && buffer[i] == '.';
        if (hasFraction)
        {
            final int fractionStart = ++i;
            while (i < end && (digit = buffer[i] - '0') >= 0 && digit <= 9)
            {
                mantissa = mantissa * 10 + digit;
                i++;
            }
            scale = i - fractionStart;
            if (scale == 0)
            {
                return fail(i >= end ? TRUNCATED : BAD_NUMBER, i);
            }
        }
        final int significandEnd = i;
        int exponent = 0;
        final boolean hasExponent = i < end && (buffer[i] == 'e' || buffer[i] == 'E');
        if (hasExponent)
        {
            i++;
            boolean negativeExponent = false;
            if (i < end && (buffer[i] == '+' || buffer[i] == '-'))
            {
                negativeExponent = buffer[i] == '-';
                i++;
            }
            final int exponentStart = i;
            while (i < end && (digit = buffer[i] - '0') >= 0 && digit <= 9)
            {
                if (exponent < 100_000)
                {
                    exponent = exponent * 10 + digit;
                }
                i++;
            }
            if (i == exponentStart)
            {
                return fail(i >= end ? TRUNCATED : BAD_NUMBER, i);
            }
            if (negativeExponent)
            {
                exponent = -exponent;
            }
        }

        // Up to 18 digits the mantissa is exact in a long (a longer one overflowed: take the slow path).
        final boolean exactMantissa = integerDigits + scale <= 18;
        final int power = exponent - scale;
        if (exactMantissa && mantissa < MAX_EXACT_MANTISSA && power >= -22 && power <= 22)
        {
            final double magnitude = power < 0 ?
                mantissa / POWERS_OF_TEN[-power] : mantissa * POWERS_OF_TEN[power];
            numberValue = negative ? -magnitude : magnitude;
        }
        else
        {
            numberValue = Double.parseDouble(new String(buffer, position, i - position,
                java.nio.charset.StandardCharsets.US_ASCII));
        }

        if (!hasFraction && !hasExponent && exactMantissa)
        {
            longValue = negative ? -mantissa : mantissa;
            longExact = true;
        }
        else
        {
            // A whole number within a long's range parses to a whole double no larger than 2^63, so the double
            // rules most numbers out at once (227.99); a whole double may still stand for a number that is not
            // whole (1.00000000000000001) or not that long (123456789012345e4): the digits decide.
            final double value = numberValue;
            longExact = value == Math.rint(value) && Math.abs(value) <= 0x1p63 &&
                exactLong(integerStart, significandEnd, power, negative);
            if (!longExact)
            {
                longValue = 0;
            }
        }
        return i;
    }

    /**
     * Decides in decimal whether the digits in {@code [from, to)} (a '.' among them skipped) times ten to the
     * {@code power} are a whole number that fits a long, and if so sets {@link #longValue}.
     */
    private boolean exactLong(final int from, final int to, final int power, final boolean negative)
    {
        final byte[] buffer = this.buffer;
        int last = to - 1;
        int exponent = power;
        while (last >= from && (buffer[last] == '0' || buffer[last] == '.')) // trailing zeros move into the exponent
        {
            if (buffer[last] == '0')
            {
                exponent++;
            }
            last--;
        }
        if (last < from)
        {
            longValue = 0;
            return true;
        }
        if (exponent < 0) // a nonzero digit below the units
        {
            return false;
        }
        long magnitude = 0;
        int digits = 0;
        for (int k = from; k <= last; k++)
        {
            final byte b = buffer[k];
            if (b == '.' || (digits == 0 && b == '0'))
            {
                continue;
            }
            if (++digits > 19)
            {
                return false;
            }
            magnitude = magnitude * 10 + (b - '0'); // below 10^19 < 2^64: exact as an unsigned long
        }
        if (digits + exponent > 19)
        {
            return false;
        }
        for (int e = 0; e < exponent; e++)
        {
            magnitude *= 10;
        }
        if (Long.compareUnsigned(magnitude, negative ? Long.MIN_VALUE : Long.MAX_VALUE) > 0)
        {
            return false;
        }
        longValue = negative ? -magnitude : magnitude;
        return true;
    }

    private static boolean isDigit(final byte b)
    {
        return b >= '0' && b <= '9';
    }

    private int fail(final String reason, final int position)
    {
        errorReason = reason;
        errorPosition = position;
        return INVALID;
    }
}
