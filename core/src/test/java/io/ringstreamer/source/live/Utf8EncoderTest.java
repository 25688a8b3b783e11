package io.ringstreamer.source.live;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Utf8EncoderTest
{
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    private static byte[] encoded(final Utf8Encoder encoder)
    {
        return Arrays.copyOf(encoder.bytes(), encoder.length());
    }

    @Test
    void shouldEncodeAsStringGetBytesDoesWhenGivenAnyText()
    {
        final SplittableRandom random = new SplittableRandom(7);
        final Utf8Encoder encoder = new Utf8Encoder(4);
        for (int round = 0; round < 20_000; round++)
        {
            final StringBuilder text = new StringBuilder();
            for (int i = 0, n = random.nextInt(40); i < n; i++)
            {
                switch (random.nextInt(5))
                {
                    case 0 -> text.append((char)random.nextInt(0x80));
                    case 1 -> text.append((char)(0x80 + random.nextInt(0x780)));
                    case 2 -> text.append((char)(0x800 + random.nextInt(0xD000 - 0x800)));
                    case 3 -> text.appendCodePoint(0x10000 + random.nextInt(0x100000));
                    default -> text.append((char)(0xD800 + random.nextInt(0x800))); // a lone surrogate
                }
            }
            final String string = text.toString();
            assertArrayEquals(string.getBytes(StandardCharsets.UTF_8), encoded(encoder.encode(string)), string);
            assertArrayEquals(string.getBytes(StandardCharsets.UTF_8), encoded(encoder.encode(CharBuffer.wrap(string))));
        }
    }

    @Test
    void shouldLeaveTheCallersCharBufferUntouchedWhenEncoding()
    {
        final CharBuffer buffer = CharBuffer.wrap("{\"T\":\"q\",\"S\":\"AAPL\"} é");
        new Utf8Encoder(8).encode(buffer);
        assertEquals(0, buffer.position());
    }

    @Test
    void shouldAllocateNothingWhenEncodingOnceGrown()
    {
        final Utf8Encoder encoder = new Utf8Encoder(16);
        final CharSequence text = CharBuffer.wrap("[{\"T\":\"t\",\"S\":\"AAPL\",\"i\":96921,\"x\":\"D\",\"p\":126.55,\"s\":1,\"t\":\"2021-02-22T15:51:44.208Z\"}] Zürich €");
        long sink = 0;
        for (int i = 0; i < 100_000; i++)
        {
            sink += encoder.encode(text).length();
        }
        final long before = THREADS.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++)
        {
            sink += encoder.encode(text).length();
        }
        final long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 1_000, allocated + " bytes");
        assertTrue(sink > 0);
    }
}
