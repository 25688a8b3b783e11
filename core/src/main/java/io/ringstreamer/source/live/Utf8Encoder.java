package io.ringstreamer.source.live;

import java.util.Arrays;

/**
 * Encodes text to UTF-8 into one reusable, growable byte array, straight from a {@link CharSequence}:
 * no wrapper, no intermediate {@code String}, and the caller's sequence is not touched (a
 * {@code CharsetEncoder} needs a {@code CharBuffer}, which for a plain {@code CharSequence} means a new
 * wrapper per message, and would move the position of the one the JDK hands to a WebSocket listener).
 * A lone surrogate becomes {@code ?}, as {@link String#getBytes(java.nio.charset.Charset)} does.
 *
 * <p>Allocates only to grow its array for a longer message than any before. Owned by one thread at a time.
 */
final class Utf8Encoder
{
    private byte[] bytes;
    private int length;

    Utf8Encoder(final int initialCapacity)
    {
        bytes = new byte[initialCapacity];
    }

    /** The encoded bytes, from offset 0 to {@link #length()}; valid until the next encode. */
    byte[] bytes()
    {
        return bytes;
    }

    int length()
    {
        return length;
    }

    /** Encodes {@code text[0, text.length())}, replacing what was there. */
    Utf8Encoder encode(final CharSequence text)
    {
        return encode(text, 0, text.length());
    }

    /** Encodes {@code text[start, end)}, replacing what was there. */
    Utf8Encoder encode(final CharSequence text, final int start, final int end)
    {
        length = 0;
        ensure((end - start) * 3);
        final byte[] out = bytes;
        int n = 0;
        int i = start;
        while (i < end)
        {
            final char c = text.charAt(i++);
            if (c < 0x80)
            {
                out[n++] = (byte)c;
            }
            else if (c < 0x800)
            {
                out[n++] = (byte)(0xC0 | c >> 6);
                out[n++] = (byte)(0x80 | c & 0x3F);
            }
            else if (Character.isHighSurrogate(c) && i < end && Character.isLowSurrogate(text.charAt(i)))
            {
                final int cp = Character.toCodePoint(c, text.charAt(i++));
                out[n++] = (byte)(0xF0 | cp >> 18);
                out[n++] = (byte)(0x80 | cp >> 12 & 0x3F);
                out[n++] = (byte)(0x80 | cp >> 6 & 0x3F);
                out[n++] = (byte)(0x80 | cp & 0x3F);
            }
            else if (Character.isSurrogate(c))
            {
                out[n++] = '?';
            }
            else
            {
                out[n++] = (byte)(0xE0 | c >> 12);
                out[n++] = (byte)(0x80 | c >> 6 & 0x3F);
                out[n++] = (byte)(0x80 | c & 0x3F);
            }
        }
        length = n;
        return this;
    }

    private void ensure(final int capacity)
    {
        if (capacity > bytes.length)
        {
            bytes = Arrays.copyOf(bytes, Math.max(capacity, bytes.length * 2));
        }
    }
}
