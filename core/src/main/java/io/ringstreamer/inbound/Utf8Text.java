package io.ringstreamer.inbound;

import io.ringstreamer.format.internal.Utf8;

/**
 * Carries a status or error text through an inbound slot's byte array as UTF-8, without allocating:
 * the publisher encodes a {@link CharSequence}, shard 0 decodes it into the result's
 * {@link StringBuilder}, both through core's one codec ({@link Utf8}), cut at {@link #MAX_CHARS}.
 */
public final class Utf8Text
{
    /** Longest text carried, in chars; a longer one is cut. */
    public static final int MAX_CHARS = 1024;

    private Utf8Text()
    {
    }

    /** How many of {@code text}'s chars are carried: its length, at most {@link #MAX_CHARS}. */
    static int chars(final CharSequence text)
    {
        return Math.min(text.length(), MAX_CHARS);
    }

    /** The most bytes {@link #encode} writes for {@code chars} chars. */
    static int maxBytes(final int chars)
    {
        return Utf8.maxBytes(chars);
    }

    /**
     * Encodes {@code text[0, length)}, {@code length} from {@link #chars} (read once: a text whose length
     * changes meanwhile cannot overrun {@code out}); a text that cannot be read throws.
     *
     * @return how many bytes were written; {@code out} holds at least {@link #maxBytes} bytes.
     */
    static int encode(final CharSequence text, final int length, final byte[] out)
    {
        return Utf8.encode(text, 0, length, out);
    }

    /** Appends the text {@link #encode} wrote in {@code in[0, length)} to {@code out}. */
    public static void decode(final byte[] in, final int length, final StringBuilder out)
    {
        Utf8.decode(in, length, out);
    }
}
