package io.ringstreamer.format;

import io.ringstreamer.format.internal.JsonScanner;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded generators for the differential tests of {@link JsonScanner}: valid JSON values of every kind,
 * numbers of every shape, strings with every escape and multi-byte UTF-8, byte-level mutations of them, and
 * hostile bytes to lay after a buffer's {@code end}. Deterministic for a given seed; one thread.
 */
final class RandomJson
{
    /** Bytes one bit away from a digit ('/' ':' 'p' 0xB0 0x10 ...): a word-at-a-time digit test must not take them. */
    static final byte[] NEAR_DIGITS = nearDigits();

    /** Bytes that change the meaning of JSON around them, plus control, high and near-digit bytes. */
    static final byte[] INTERESTING = concat(
        "\"\\/ubntfrxaelsEe0159-+.,:[]{} \t\n\r".getBytes(StandardCharsets.US_ASCII),
        new byte[] {0x00, 0x01, 0x08, 0x1F, 0x7F, (byte)0x80, (byte)0xBF, (byte)0xC3, (byte)0xE2, (byte)0xF0, (byte)0xFF},
        NEAR_DIGITS);

    private static final String[] ESCAPES = {"\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t"};
    private static final String[] WIDE = {
        "\u0080", "\u00e9", "\u00df", "\u07ff", "\u0800", "\u20ac", "\u4e2d", "\u65b0", "\ufeff", "\uffee",
        "\ud834\udd1e", "\ud83d\udcc8", "\udbff\udfff"};
    private static final String[] WHITESPACE = {"", "", "", " ", "  ", "\n", "\t", "\r\n", " \t "};
    private static final String[] BAD_ESCAPES = {
        "\\x", "\\U", "\\'", "\\0", "\\a", "\\ ", "\\\n", "\\u", "\\uZ", "\\u1", "\\u12", "\\u123", "\\u12G4", "\\u-123"};
    private static final String[] NUMBER_DAMAGE = {
        "0", "00", "-", "-.", ".", "..", "e", "E", "e+", "E-", "+", "1.", ".5", "1e", "-0", "0x", "1.e5", "--", "ee"};
    private static final String[] HOSTILE = {
        "0123456789", "\"", "\\", "\"\\", "\\\"", ".5e+7", "9e9", ",\"k\":[1,\"s\\\"\"],{}]}", "}]", "\\u0041",
        "true", "-0.0e-0"};

    private final SplittableRandom random;

    RandomJson(final long seed)
    {
        this.random = new SplittableRandom(seed);
    }

    SplittableRandom random()
    {
        return random;
    }

    /** A valid JSON value, nested up to {@code maxDepth} containers deep, without leading or trailing white space. */
    byte[] value(final int maxDepth)
    {
        final StringBuilder json = new StringBuilder(64);
        value(json, random.nextInt(maxDepth + 1));
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    void value(final StringBuilder json, final int depth)
    {
        final int kind = random.nextInt(depth > 0 ? 8 : 5);
        switch (kind)
        {
            case 0, 1 -> number(json);
            case 2 -> string(json, random.nextInt(12));
            case 3 -> json.append(random.nextBoolean() ? "true" : "false");
            case 4 -> json.append("null");
            case 5, 6 -> container(json, depth, random.nextBoolean());
            default -> container(json, depth, kind % 2 == 0);
        }
    }

    private void container(final StringBuilder json, final int depth, final boolean object)
    {
        json.append(object ? '{' : '[').append(space());
        final int members = random.nextInt(6);
        for (int m = 0; m < members; m++)
        {
            if (m > 0)
            {
                json.append(space()).append(',').append(space());
            }
            if (object)
            {
                string(json, random.nextInt(6));
                json.append(space()).append(':').append(space());
            }
            value(json, depth - 1);
        }
        json.append(space()).append(object ? '}' : ']');
    }

    String space()
    {
        return WHITESPACE[random.nextInt(WHITESPACE.length)];
    }

    /** A valid JSON string of {@code pieces} characters or escapes, quotes included. */
    void string(final StringBuilder json, final int pieces)
    {
        json.append('"');
        for (int p = 0; p < pieces; p++)
        {
            final int kind = random.nextInt(10);
            if (kind < 4)
            {
                char c;
                do
                {
                    c = (char)random.nextInt(0x20, 0x80);
                }
                while (c == '"' || c == '\\');
                json.append(c);
            }
            else if (kind < 6)
            {
                json.append(ESCAPES[random.nextInt(ESCAPES.length)]);
            }
            else if (kind < 8)
            {
                json.append("\\u");
                for (int h = 0; h < 4; h++)
                {
                    final char hex = Character.forDigit(random.nextInt(16), 16);
                    json.append(random.nextBoolean() ? Character.toUpperCase(hex) : hex);
                }
            }
            else
            {
                json.append(WIDE[random.nextInt(WIDE.length)]);
            }
        }
        json.append('"');
    }

    /**
     * A valid JSON number of any shape: optional minus, 0 or 1..25 digits, an optional fraction of 1..25
     * digits (sometimes with trailing zeros, sometimes all zeros), an optional exponent e/E with or without
     * sign, value 0..30 (sometimes with leading zeros).
     */
    void number(final StringBuilder json)
    {
        if (random.nextInt(4) == 0)
        {
            json.append('-');
        }
        if (random.nextInt(6) == 0)
        {
            json.append('0');
        }
        else
        {
            digits(json, 1 + skewed(25), true);
        }
        final int fraction = random.nextInt(8);
        if (fraction < 3)
        {
            json.append('.');
            digits(json, 1 + skewed(25), false);
        }
        else if (fraction == 3)
        {
            json.append('.').append("0".repeat(1 + random.nextInt(6)));
        }
        if (fraction < 4 && random.nextInt(3) == 0)
        {
            json.append("0".repeat(1 + random.nextInt(5)));
        }
        if (random.nextInt(3) == 0)
        {
            json.append(random.nextBoolean() ? 'e' : 'E');
            final int sign = random.nextInt(3);
            json.append(sign == 0 ? "" : sign == 1 ? "+" : "-");
            if (random.nextInt(5) == 0)
            {
                json.append('0');
            }
            json.append(random.nextInt(31));
        }
    }

    String number()
    {
        final StringBuilder json = new StringBuilder(32);
        number(json);
        return json.toString();
    }

    /** A valid number of exactly {@code length} characters (1 or more) in one of several shapes. */
    String numberOfLength(final int length)
    {
        final StringBuilder json = new StringBuilder(length);
        final int shape = random.nextInt(5);
        if (shape == 1 && length >= 2)
        {
            json.append('-');
            digits(json, length - 1, true);
        }
        else if (shape == 2 && length >= 3)
        {
            final int integer = 1 + random.nextInt(length - 2);
            digits(json, integer, true);
            json.append('.');
            digits(json, length - integer - 1, false);
        }
        else if (shape == 3 && length >= 3)
        {
            final int integer = 1 + random.nextInt(length - 2);
            digits(json, integer, true);
            json.append(random.nextBoolean() ? 'e' : 'E');
            digits(json, length - integer - 1, false);
        }
        else if (shape == 4 && length >= 7)
        {
            json.append("-0.");
            final int fraction = 1 + random.nextInt(length - 6);
            digits(json, fraction, false);
            json.append(random.nextBoolean() ? "e-" : "E+");
            digits(json, length - fraction - 5, false);
        }
        else
        {
            digits(json, length, true);
        }
        return json.toString();
    }

    /** Lengths biased towards the short ones market data has, every length still likely. */
    private int skewed(final int bound)
    {
        return random.nextBoolean() ? random.nextInt(Math.min(bound, 8)) : random.nextInt(bound);
    }

    private void digits(final StringBuilder json, final int count, final boolean leading)
    {
        for (int d = 0; d < count; d++)
        {
            json.append((char)('0' + (d == 0 && leading && count > 1 ? random.nextInt(1, 10) : random.nextInt(10))));
        }
    }

    /** 1 or 2 random byte-level mutations of {@code text}; the result may or may not still be valid. */
    byte[] mutate(final byte[] text)
    {
        byte[] bytes = text;
        final int count = 1 + random.nextInt(2);
        for (int m = 0; m < count; m++)
        {
            bytes = mutateOnce(bytes);
        }
        return bytes;
    }

    private byte[] mutateOnce(final byte[] bytes)
    {
        final int at = random.nextInt(bytes.length + 1);
        switch (random.nextInt(11))
        {
            case 0:
                return bytes.length == 0 ? bytes : replace(bytes, Math.min(at, bytes.length - 1), interesting());
            case 1:
                if (bytes.length == 0)
                {
                    return bytes;
                }
                final byte[] flipped = bytes.clone();
                flipped[Math.min(at, bytes.length - 1)] ^= (byte)(1 << random.nextInt(8));
                return flipped;
            case 2:
                return insert(bytes, at, new byte[] {interesting()});
            case 3:
                return bytes.length == 0 ? bytes : delete(bytes, Math.min(at, bytes.length - 1), 1);
            case 4:
                return Arrays.copyOf(bytes, at);
            case 5:
                return insert(bytes, at, new byte[] {(byte)random.nextInt(0x20)});
            case 6:
                return insert(bytes, at, ascii(BAD_ESCAPES[random.nextInt(BAD_ESCAPES.length)]));
            case 7:
                return insert(bytes, nearDigit(bytes, at), ascii(NUMBER_DAMAGE[random.nextInt(NUMBER_DAMAGE.length)]));
            case 8:
                return concat(bytes, random.nextBoolean() ? value(2) : hostile(1 + random.nextInt(4)));
            case 9:
            {
                final int length = random.nextInt(Math.min(8, bytes.length - at) + 1);
                return insert(bytes, at, Arrays.copyOfRange(bytes, at, at + length));
            }
            default:
                return bytes.length == 0 ? bytes : delete(bytes, Math.min(at, bytes.length - 1),
                    Math.min(bytes.length - Math.min(at, bytes.length - 1), 1 + random.nextInt(4)));
        }
    }

    /** A position at or after {@code from} next to a digit if there is one, so that number damage hits numbers. */
    private static int nearDigit(final byte[] bytes, final int from)
    {
        for (int i = from; i < bytes.length; i++)
        {
            if (bytes[i] >= '0' && bytes[i] <= '9')
            {
                return i;
            }
        }
        return from;
    }

    byte interesting()
    {
        return INTERESTING[random.nextInt(INTERESTING.length)];
    }

    /**
     * {@code length} bytes meant for after a buffer's {@code end}: digits, quotes, backslashes, number and JSON
     * continuations, control characters or high bytes, so that reading any of them changes a result.
     */
    byte[] hostile(final int length)
    {
        final byte[] bytes = new byte[length];
        final int kind = random.nextInt(HOSTILE.length + 4);
        for (int i = 0; i < length; i++)
        {
            if (kind < HOSTILE.length)
            {
                bytes[i] = (byte)HOSTILE[kind].charAt(i % HOSTILE[kind].length());
            }
            else if (kind == HOSTILE.length)
            {
                bytes[i] = (byte)random.nextInt(0x20);
            }
            else if (kind == HOSTILE.length + 1)
            {
                bytes[i] = (byte)random.nextInt(0x80, 0x100);
            }
            else if (kind == HOSTILE.length + 2)
            {
                bytes[i] = NEAR_DIGITS[random.nextInt(NEAR_DIGITS.length)];
            }
            else
            {
                bytes[i] = interesting();
            }
        }
        return bytes;
    }

    static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(final byte[]... parts)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (final byte[] part : parts)
        {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] replace(final byte[] bytes, final int at, final byte value)
    {
        final byte[] copy = bytes.clone();
        copy[at] = value;
        return copy;
    }

    static byte[] insert(final byte[] bytes, final int at, final byte[] inserted)
    {
        final byte[] copy = new byte[bytes.length + inserted.length];
        System.arraycopy(bytes, 0, copy, 0, at);
        System.arraycopy(inserted, 0, copy, at, inserted.length);
        System.arraycopy(bytes, at, copy, at + inserted.length, bytes.length - at);
        return copy;
    }

    private static byte[] delete(final byte[] bytes, final int at, final int length)
    {
        final byte[] copy = new byte[bytes.length - length];
        System.arraycopy(bytes, 0, copy, 0, at);
        System.arraycopy(bytes, at + length, copy, at, bytes.length - at - length);
        return copy;
    }

    private static byte[] nearDigits()
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int digit = '0'; digit <= '9'; digit++)
        {
            for (int bit = 0; bit < 8; bit++)
            {
                final int near = digit ^ (1 << bit);
                if (near < '0' || near > '9')
                {
                    out.write(near);
                }
            }
        }
        return out.toByteArray();
    }
}
