package io.ringstreamer.demo.synthetic;

import java.util.Arrays;

/**
 * Writes one JSON message as bytes into a reusable, growable buffer: ASCII punctuation and names,
 * whole numbers, prices held as whole cents, and pre-encoded UTF-8 text. Allocates nothing once the
 * buffer has grown to the longest message. Owned by one thread.
 */
final class JsonEncoder
{
    private byte[] buffer;
    private int length;
    private final byte[] digits = new byte[20];

    JsonEncoder(final int initialCapacity)
    {
        buffer = new byte[initialCapacity];
    }

    /** Starts a new message. */
    JsonEncoder reset()
    {
        length = 0;
        return this;
    }

    byte[] buffer()
    {
        return buffer;
    }

    int length()
    {
        return length;
    }

    JsonEncoder ascii(final char c)
    {
        ensure(1);
        buffer[length++] = (byte)c;
        return this;
    }

    /** Appends {@code text}, which must be ASCII and need no escaping. */
    JsonEncoder ascii(final String text)
    {
        final int n = text.length();
        ensure(n);
        for (int i = 0; i < n; i++)
        {
            buffer[length++] = (byte)text.charAt(i);
        }
        return this;
    }

    /** Appends bytes already encoded (UTF-8, escaped where JSON needs it). */
    JsonEncoder bytes(final byte[] encoded)
    {
        ensure(encoded.length);
        System.arraycopy(encoded, 0, buffer, length, encoded.length);
        length += encoded.length;
        return this;
    }

    /** Appends a non-negative whole number. */
    JsonEncoder number(final long value)
    {
        ensure(20);
        long v = value;
        int n = 0;
        do
        {
            digits[n++] = (byte)('0' + v % 10);
            v /= 10;
        }
        while (v != 0);
        while (n > 0)
        {
            buffer[length++] = digits[--n];
        }
        return this;
    }

    /**
     * Appends a non-negative price given in whole cents as the shortest decimal that reads back as
     * the same double, as {@link Double#toString} would print it: 22780 → {@code 227.8}, 22700 →
     * {@code 227.0}, 22781 → {@code 227.81}.
     */
    JsonEncoder cents(final long cents)
    {
        number(cents / 100);
        ensure(3);
        final int fraction = (int)(cents % 100);
        buffer[length++] = '.';
        buffer[length++] = (byte)('0' + fraction / 10);
        if (fraction % 10 != 0)
        {
            buffer[length++] = (byte)('0' + fraction % 10);
        }
        return this;
    }

    /** Appends {@code "name":}; the name must be ASCII and need no escaping. */
    JsonEncoder name(final String name)
    {
        return ascii('"').ascii(name).ascii("\":");
    }

    private void ensure(final int more)
    {
        if (length + more > buffer.length)
        {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }
}
