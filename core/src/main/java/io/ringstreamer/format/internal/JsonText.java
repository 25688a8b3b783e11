package io.ringstreamer.format.internal;

/**
 * Decodes the raw contents of a JSON string (UTF-8 bytes between the quotes, escapes included) into
 * UTF-16 chars, in place and without allocating. The input has already passed
 * {@link JsonScanner#skipString}, so escapes are well formed; UTF-8 is checked here.
 */
public final class JsonText
{
    /** Returned when the bytes are not valid UTF-8. A {@code \\u} escape is taken as the UTF-16 unit it names, paired or not. */
    public static final int INVALID = -1;

    private JsonText()
    {
    }

    /**
     * @return how many chars were written to {@code out}, or {@link #INVALID}. {@code out} must hold
     * at least {@code length} chars (a string never decodes to more chars than it has bytes).
     */
    public static int decode(final byte[] in, final int offset, final int length, final char[] out)
    {
        int o = 0;
        final int end = offset + length;
        int i = offset;
        while (i < end)
        {
            final int b = in[i] & 0xFF;
            if (b == '\\')
            {
                final byte escaped = in[i + 1];
                switch (escaped)
                {
                    case 'b' -> out[o++] = '\b';
                    case 'f' -> out[o++] = '\f';
                    case 'n' -> out[o++] = '\n';
                    case 'r' -> out[o++] = '\r';
                    case 't' -> out[o++] = '\t';
                    case 'u' ->
                    {
                        int c = 0;
                        for (int h = i + 2; h < i + 6; h++)
                        {
                            c = (c << 4) | Character.digit(in[h], 16);
                        }
                        out[o++] = (char)c;
                        i += 6;
                        continue;
                    }
                    default -> out[o++] = (char)escaped; // " \ /
                }
                i += 2;
            }
            else if (b < 0x80)
            {
                out[o++] = (char)b;
                i++;
            }
            else if (b >= 0xC2 && b <= 0xDF)
            {
                if (i + 1 >= end || !continuation(in[i + 1]))
                {
                    return INVALID;
                }
                out[o++] = (char)(((b & 0x1F) << 6) | (in[i + 1] & 0x3F));
                i += 2;
            }
            else if (b >= 0xE0 && b <= 0xEF)
            {
                if (i + 2 >= end || !continuation(in[i + 1]) || !continuation(in[i + 2]))
                {
                    return INVALID;
                }
                final int c = ((b & 0x0F) << 12) | ((in[i + 1] & 0x3F) << 6) | (in[i + 2] & 0x3F);
                if (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF)) // overlong, or a surrogate encoded in UTF-8
                {
                    return INVALID;
                }
                out[o++] = (char)c;
                i += 3;
            }
            else if (b >= 0xF0 && b <= 0xF4)
            {
                if (i + 3 >= end || !continuation(in[i + 1]) || !continuation(in[i + 2]) || !continuation(in[i + 3]))
                {
                    return INVALID;
                }
                final int c = ((b & 0x07) << 18) | ((in[i + 1] & 0x3F) << 12) | ((in[i + 2] & 0x3F) << 6) |
                    (in[i + 3] & 0x3F);
                if (c < 0x10000 || c > 0x10FFFF)
                {
                    return INVALID;
                }
                out[o++] = Character.highSurrogate(c);
                out[o++] = Character.lowSurrogate(c);
                i += 4;
            }
            else
            {
                return INVALID;
            }
        }
        return o;
    }

    private static boolean continuation(final byte b)
    {
        return (b & 0xC0) == 0x80;
    }
}
