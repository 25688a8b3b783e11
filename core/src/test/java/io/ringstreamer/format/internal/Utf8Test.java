package io.ringstreamer.format.internal;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class Utf8Test
{
    @Test
    void shouldEncodeAsTheJdkDoesAndDecodeBackWhenGivenRandomTextOfEveryWidth()
    {
        final SplittableRandom random = new SplittableRandom(7);
        final char[] alphabet = {'a', 'Z', '0', '\u00e9', '\u07ff', '\u0800', '\u20ac', '\uffff', '\uD83D', '\uDE00', '\uDBFF', '\uDC00'};
        for (int run = 0; run < 10_000; run++)
        {
            final char[] chars = new char[random.nextInt(0, 40)];
            for (int i = 0; i < chars.length; i++)
            {
                chars[i] = alphabet[random.nextInt(alphabet.length)];
            }
            final String text = new String(chars);
            final byte[] expected = text.getBytes(StandardCharsets.UTF_8); // lone surrogates become '?'
            final byte[] out = new byte[Utf8.maxBytes(text.length())];
            final int length = Utf8.encode(text, 0, text.length(), out);
            assertArrayEquals(expected, Arrays.copyOf(out, length), text);

            final StringBuilder decoded = new StringBuilder();
            Utf8.decode(out, length, decoded);
            assertEquals(new String(expected, StandardCharsets.UTF_8), decoded.toString());
        }
    }

    @Test
    void shouldEncodeOnlyTheRangeAskedWhenGivenStartAndEnd()
    {
        final byte[] out = new byte[Utf8.maxBytes(3)];
        final int length = Utf8.encode("xx\u20acyz", 2, 4, out);
        assertArrayEquals("\u20acy".getBytes(StandardCharsets.UTF_8), Arrays.copyOf(out, length));
    }

    @Test
    void shouldReplaceAHighSurrogateCutByTheRangeEndWhenItsPairLiesOutside()
    {
        final byte[] out = new byte[Utf8.maxBytes(2)];
        final int length = Utf8.encode("a\uD83D\uDE00", 0, 2, out);
        assertArrayEquals(new byte[] {'a', '?'}, Arrays.copyOf(out, length));
    }
}
