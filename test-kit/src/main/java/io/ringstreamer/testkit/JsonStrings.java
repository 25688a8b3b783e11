package io.ringstreamer.testkit;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Decodes the raw contents of a JSON string (UTF-8 bytes between the quotes, escapes included), as core's sink does. */
final class JsonStrings
{
    private JsonStrings()
    {
    }

    /** The text, or {@code null} if the bytes are not valid UTF-8 or an escape is not well formed. */
    static String decode(final byte[] buffer, final int offset, final int length)
    {
        final StringBuilder text = new StringBuilder(length);
        final int end = offset + length;
        int run = offset;
        int i = offset;
        while (i < end)
        {
            if (buffer[i] != '\\')
            {
                i++;
                continue;
            }
            if (!appendUtf8(buffer, run, i, text) || i + 1 >= end)
            {
                return null;
            }
            final byte escaped = buffer[i + 1];
            switch (escaped)
            {
                case 'b' -> text.append('\b');
                case 'f' -> text.append('\f');
                case 'n' -> text.append('\n');
                case 'r' -> text.append('\r');
                case 't' -> text.append('\t');
                case '"', '\\', '/' -> text.append((char)escaped);
                case 'u' ->
                {
                    if (i + 6 > end)
                    {
                        return null;
                    }
                    try
                    {
                        text.append((char)Integer.parseInt(new String(buffer, i + 2, 4, StandardCharsets.US_ASCII), 16));
                    }
                    catch (final NumberFormatException ex)
                    {
                        return null;
                    }
                    i += 4;
                }
                default ->
                {
                    return null;
                }
            }
            i += 2;
            run = i;
        }
        return appendUtf8(buffer, run, end, text) ? text.toString() : null;
    }

    private static boolean appendUtf8(final byte[] buffer, final int from, final int to, final StringBuilder text)
    {
        try
        {
            text.append(StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(buffer, from, to - from)));
            return true;
        }
        catch (final CharacterCodingException ex)
        {
            return false;
        }
    }
}
