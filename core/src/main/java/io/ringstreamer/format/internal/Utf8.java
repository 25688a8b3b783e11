package io.ringstreamer.format.internal;

/**
 * Core's one UTF-8 codec, free of allocation: encodes straight from a {@link CharSequence} (no
 * wrapper, no intermediate {@code String}, the caller's sequence untouched) and decodes what it wrote
 * into a {@link StringBuilder}. An unpaired surrogate becomes {@code '?'}, as
 * {@link String#getBytes(java.nio.charset.Charset)} does. Used by the live adapters (text frames to
 * bytes) and by the inbound ring (status and error texts). Stateless: any thread.
 */
public final class Utf8
{
    private Utf8()
    {
    }

    /** The most bytes {@link #encode} writes for {@code chars} chars. */
    public static int maxBytes(final int chars)
    {
        return chars * 3;
    }

    /**
     * Encodes {@code text[start, end)} into {@code out} from offset 0. The bounds are read once by the
     * caller, so a text whose length changes meanwhile cannot overrun {@code out}; a text that cannot be
     * read throws.
     *
     * @return how many bytes were written; {@code out} holds at least {@link #maxBytes maxBytes(end - start)}.
     */
    public static int encode(final CharSequence text, final int start, final int end, final byte[] out)
    {
        int o = 0;
        int i = start;
        while (i < end)
        {
            final char c = text.charAt(i++);
            if (c < 0x80)
            {
                out[o++] = (byte)c;
            }
            else if (c < 0x800)
            {
                out[o++] = (byte)(0xC0 | c >> 6);
                out[o++] = (byte)(0x80 | c & 0x3F);
            }
            else if (Character.isHighSurrogate(c) && i < end && Character.isLowSurrogate(text.charAt(i)))
            {
                final int codePoint = Character.toCodePoint(c, text.charAt(i++));
                out[o++] = (byte)(0xF0 | codePoint >> 18);
                out[o++] = (byte)(0x80 | codePoint >> 12 & 0x3F);
                out[o++] = (byte)(0x80 | codePoint >> 6 & 0x3F);
                out[o++] = (byte)(0x80 | codePoint & 0x3F);
            }
            else if (Character.isSurrogate(c))
            {
                out[o++] = '?';
            }
            else
            {
                out[o++] = (byte)(0xE0 | c >> 12);
                out[o++] = (byte)(0x80 | c >> 6 & 0x3F);
                out[o++] = (byte)(0x80 | c & 0x3F);
            }
        }
        return o;
    }

    /** Appends the text {@link #encode} wrote in {@code in[0, length)} to {@code out}. */
    public static void decode(final byte[] in, final int length, final StringBuilder out)
    {
        int i = 0;
        while (i < length)
        {
            final int b = in[i] & 0xFF;
            if (b < 0x80)
            {
                out.append((char)b);
                i++;
            }
            else if (b < 0xE0)
            {
                out.append((char)((b & 0x1F) << 6 | in[i + 1] & 0x3F));
                i += 2;
            }
            else if (b < 0xF0)
            {
                out.append((char)((b & 0x0F) << 12 | (in[i + 1] & 0x3F) << 6 | in[i + 2] & 0x3F));
                i += 3;
            }
            else
            {
                final int codePoint = (b & 0x07) << 18 | (in[i + 1] & 0x3F) << 12 | (in[i + 2] & 0x3F) << 6 | in[i + 3] & 0x3F;
                out.append(Character.highSurrogate(codePoint)).append(Character.lowSurrogate(codePoint));
                i += 4;
            }
        }
    }
}
