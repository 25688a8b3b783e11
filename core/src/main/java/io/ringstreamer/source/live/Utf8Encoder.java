package io.ringstreamer.source.live;

import io.ringstreamer.format.internal.Utf8;

import java.util.Arrays;

/**
 * Encodes text to UTF-8 (core's one codec, {@link Utf8}) into one reusable, growable byte array, straight from a {@link CharSequence}:
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
        ensure(Utf8.maxBytes(end - start));
        length = Utf8.encode(text, start, end, bytes);
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
