package io.ringstreamer.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.ringstreamer.format.internal.JsonScanner;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The references the differential tests of {@link JsonScanner} and {@link CanonicalDecoder} compare against:
 * Jackson for what is valid JSON, {@link BigDecimal} for which numbers are whole longs.
 *
 * <p>Jackson reads each byte as one character, every byte from 0x80 up as U+0080, through its character
 * parser: the scanner treats such bytes as plain string content and as an error anywhere else, without
 * validating UTF-8, and Jackson treats U+0080 the same way. Not the raw bytes, because Jackson's byte parser
 * validates UTF-8 and guesses the encoding from the first bytes (a text that starts with NUL bytes would be
 * read as UTF-16); not the bytes decoded as UTF-8, because Jackson 2.20.1's character parser takes a character
 * whose low byte is a hex digit for one in a backslash-u escape ({@code CharTypes.charToHex} masks with 0xFF:
 * the escape's four hex digits may be "15e" and U+0134). One character per byte also makes Jackson's character
 * offsets
 * byte offsets.
 */
final class JacksonReference
{
    /** Jackson's defaults are strict JSON: no leading zeros, NaN, comments, single quotes, trailing commas or raw control characters. */
    static final JsonFactory FACTORY = JsonFactory.builder().build();
    /** Returned when Jackson rejects the text. */
    static final int INVALID = -1;

    private static final BigInteger LARGEST_EXPONENT = BigInteger.valueOf(1000);
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private JacksonReference()
    {
    }

    /** The bytes as Jackson reads them: one character per byte, every byte from 0x80 up as U+0080. */
    static char[] text(final byte[] bytes, final int from, final int to)
    {
        final char[] chars = new char[to - from];
        for (int i = from; i < to; i++)
        {
            final byte b = bytes[i];
            chars[i - from] = b < 0 ? '\u0080' : (char)b;
        }
        return chars;
    }

    /**
     * Jackson's verdict on {@code bytes[from, to)} as one JSON text (white space, exactly one value, white space).
     *
     * @return how deep the value's containers nest (0 for a scalar), or {@link #INVALID}.
     */
    static int depthOfOneValue(final byte[] bytes, final int from, final int to)
    {
        final char[] chars = text(bytes, from, to);
        try (JsonParser parser = FACTORY.createParser(chars, 0, chars.length))
        {
            JsonToken token = parser.nextToken();
            int depth = 0;
            int deepest = 0;
            while (token != null)
            {
                if (token.isStructStart())
                {
                    deepest = Math.max(deepest, ++depth);
                }
                else if (token.isStructEnd())
                {
                    depth--;
                }
                if (depth == 0)
                {
                    return parser.nextToken() == null ? deepest : INVALID;
                }
                token = parser.nextToken();
            }
            return INVALID;
        }
        catch (final IOException e)
        {
            return INVALID;
        }
    }

    /**
     * Whether a valid JSON number is a whole number within a long's range, decided in exact decimal arithmetic.
     *
     * @return its value, or {@code null} if it is not whole or does not fit a long.
     */
    static Long exactLong(final String number)
    {
        final int e = Math.max(number.indexOf('e'), number.indexOf('E'));
        final BigDecimal mantissa = new BigDecimal(e < 0 ? number : number.substring(0, e));
        final BigInteger exponent = e < 0 ? BigInteger.ZERO : new BigInteger(number.substring(e + 1));
        if (mantissa.signum() == 0)
        {
            return 0L;
        }
        if (exponent.abs().compareTo(LARGEST_EXPONENT) > 0)
        {
            return null; // a mantissa this short is then far beyond a long, or has digits far below the units
        }
        final BigDecimal value = mantissa.scaleByPowerOfTen(exponent.intValueExact());
        final boolean whole = value.stripTrailingZeros().scale() <= 0;
        return whole && value.compareTo(LONG_MIN) >= 0 && value.compareTo(LONG_MAX) <= 0 ? value.longValue() : null;
    }
}
