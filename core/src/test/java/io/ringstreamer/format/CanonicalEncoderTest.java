package io.ringstreamer.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@link CanonicalEncoder} writes, {@link CanonicalDecoder} (and a strict JSON parser) reads back. */
class CanonicalEncoderTest
{
    private static final long T = 1_720_522_980_000L;
    private static final byte[] BID = ascii("bid");
    private static final byte[] BID_SIZE = ascii("bidSize");

    private final CanonicalEncoder encoder = new CanonicalEncoder();
    private final CanonicalDecoder decoder = new CanonicalDecoder();
    private final EntryView entry = new EntryView();

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private String symbol(final int index)
    {
        return new String(decoder.buffer(), decoder.symbolOffset(index), decoder.symbolLength(index),
            StandardCharsets.UTF_8);
    }

    @Test
    void shouldDecodeTheEnvelopeEntriesAndFieldsWhenAQuoteMessageIsWritten()
    {
        final byte[] buffer = new byte[256];
        final int length = encoder.begin(buffer, 7, 240, Service.LEVELONE_EQUITIES, T)
            .symbol("AAPL").field("bid", 227.79).field("bidSize", 300L)
            .symbol("MSFT").field("bid", 415.1)
            .end();
        assertEquals("{\"service\":\"LEVELONE_EQUITIES\",\"symbols\":{\"AAPL\":{\"bid\":227.79,\"bidSize\":300}," +
            "\"MSFT\":{\"bid\":415.1}},\"timestamp\":1720522980000}", new String(buffer, 7, length, StandardCharsets.UTF_8));

        assertTrue(decoder.wrap(buffer, 7, length), decoder.errorReason());
        assertEquals(Service.LEVELONE_EQUITIES, decoder.service());
        assertEquals(T, decoder.timestamp());
        assertEquals(2, decoder.entryCount());
        assertEquals("AAPL", symbol(0));
        assertEquals("MSFT", symbol(1));
        decoder.entry(0, entry);
        assertTrue(entry.nextField() && entry.nameEquals(BID));
        assertEquals(227.79, entry.doubleValue());
        assertTrue(entry.nextField() && entry.nameEquals(BID_SIZE) && entry.isLong());
        assertEquals(300, entry.longValue());
        assertFalse(entry.nextField());
        decoder.entry(1, entry);
        assertTrue(entry.nextField() && entry.nameEquals(BID));
        assertEquals(415.1, entry.doubleValue());
    }

    @Test
    void shouldReadBackEveryDoubleExactlyWhenRandomPricesAndBitPatternsAreWritten()
    {
        final SplittableRandom random = new SplittableRandom(42);
        final byte[] buffer = new byte[512];
        final byte[] value = ascii("v");
        for (int i = 0; i < 200_000; i++)
        {
            final double number;
            switch (i % 4)
            {
                case 0: // a price of 0 to 6 decimals
                    number = random.nextLong(100_000_000L) / Math.pow(10, random.nextInt(7));
                    break;
                case 1: // any finite double
                    double bits;
                    do
                    {
                        bits = Double.longBitsToDouble(random.nextLong());
                    }
                    while (Double.isNaN(bits) || Double.isInfinite(bits));
                    number = bits;
                    break;
                case 2: // a whole number up to 1e22 and beyond
                    number = Math.scalb((double)random.nextLong(1L << 53), random.nextInt(30));
                    break;
                default: // small magnitudes
                    number = random.nextDouble() * Math.pow(10, -random.nextInt(25));
                    break;
            }
            final double signed = random.nextBoolean() ? -number : number;
            final int length = encoder.begin(buffer, 0, buffer.length, Service.CHART_EQUITY, i)
                .symbol("X").field("v", signed).end();
            assertTrue(decoder.wrap(buffer, 0, length), () -> new String(buffer, 0, length, StandardCharsets.UTF_8));
            decoder.entry(0, entry);
            assertTrue(entry.nextField() && entry.nameEquals(value));
            final double read = entry.doubleValue();
            assertEquals(Double.doubleToRawLongBits(signed), Double.doubleToRawLongBits(read),
                () -> signed + " written as " + new String(buffer, 0, length, StandardCharsets.UTF_8));
        }
    }

    @Test
    void shouldWriteTheShortestExactFormWhenTheValueAllows()
    {
        final byte[] buffer = new byte[128];
        final String[] expected = {"0", "-0", "0.05", "227.81", "1e20", "26", "-3.5", "0.000000000000001"};
        final double[] values = {0.0, -0.0, 0.05, 227.81, 1e20, 26.0, -3.5, 1e-15};
        for (int i = 0; i < values.length; i++)
        {
            final int length = encoder.begin(buffer, 0, buffer.length, Service.CHART_EQUITY, 0).symbol("X")
                .field("v", values[i]).end();
            final String text = new String(buffer, 0, length, StandardCharsets.US_ASCII);
            assertTrue(text.contains("{\"v\":" + expected[i] + "}"), text);
        }
    }

    @Test
    void shouldEscapeAndEncodeTextSoThatAStrictParserReadsItBackWhenAHeadlineIsWritten() throws Exception
    {
        final String headline = "Q\"u\\o/te \u0001\t\n caf\u00e9 \u20ac \ud83d\ude80 end";
        final byte[] buffer = new byte[512];
        final int length = encoder.begin(buffer, 0, buffer.length, Service.NEWS_HEADLINE, T)
            .symbol("\u00c9X\"").field("time", T).field("id", "n-1").field("headline", headline)
            .field("source", (CharSequence)null).endLine();
        assertEquals('\n', buffer[length - 1]);
        assertTrue(decoder.wrap(buffer, 0, length - 1), decoder.errorReason());

        final List<String> texts = new ArrayList<>();
        try (JsonParser parser = JacksonReference.FACTORY.createParser(buffer, 0, length))
        {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken())
            {
                if (token == JsonToken.FIELD_NAME || token == JsonToken.VALUE_STRING)
                {
                    texts.add(parser.getText());
                }
                else if (token == JsonToken.VALUE_NULL)
                {
                    texts.add("null");
                }
            }
        }
        assertEquals(List.of("service", "NEWS_HEADLINE", "symbols", "\u00c9X\"", "time", "id", "n-1", "headline",
            headline, "source", "null", "timestamp"), texts);
    }

    @Test
    void shouldWriteBookSidesAsPriceSizePairsWhenLevelsAreGiven() throws Exception
    {
        final byte[] buffer = new byte[256];
        final int length = encoder.begin(buffer, 0, buffer.length, Service.BOOK, T).symbol("A").field("time", T)
            .levels("bids", new double[] {10.25, 10.2, 9}, new long[] {300, 500, 7}, 2)
            .levels("asks", new double[] {10.75}, new long[] {200}, 1)
            .levels("none", new double[0], new long[0], 0)
            .end();
        final String text = new String(buffer, 0, length, StandardCharsets.US_ASCII);
        assertTrue(text.contains("\"bids\":[[10.25,300],[10.2,500]],\"asks\":[[10.75,200]],\"none\":[]"), text);
        assertTrue(decoder.wrap(buffer, 0, length), decoder.errorReason());
        assertThrows(IndexOutOfBoundsException.class, () -> encoder.begin(buffer, 0, 10, Service.BOOK, T).symbol("A")
            .levels("bids", new double[1], new long[2], 2));
    }

    @Test
    void shouldReturnTooSmallAndWriteNothingPastTheCapacityWhenTheMessageDoesNotFit()
    {
        final byte[] buffer = new byte[200];
        Arrays.fill(buffer, (byte)'#');
        final int whole = encoder.begin(buffer, 0, 200, Service.LEVELONE_EQUITIES, T).symbol("AAPL")
            .field("bid", 227.79).end();
        for (int capacity = 0; capacity < whole; capacity++)
        {
            Arrays.fill(buffer, (byte)'#');
            assertEquals(CanonicalEncoder.TOO_SMALL, encoder.begin(buffer, 10, capacity, Service.LEVELONE_EQUITIES, T)
                .symbol("AAPL").field("bid", 227.79).end(), "capacity " + capacity);
            for (int i = 10 + capacity; i < buffer.length; i++)
            {
                assertEquals('#', buffer[i], "byte " + i + " past capacity " + capacity);
            }
        }
        assertEquals(whole, encoder.begin(buffer, 10, whole, Service.LEVELONE_EQUITIES, T).symbol("AAPL")
            .field("bid", 227.79).end());
        assertEquals(CanonicalEncoder.TOO_SMALL, encoder.begin(buffer, 10, whole, Service.LEVELONE_EQUITIES, T)
            .symbol("AAPL").field("bid", 227.79).endLine(), "no room for the line feed");
    }

    @Test
    void shouldRefuseWhatIsNotJsonWhenMisused()
    {
        final byte[] buffer = new byte[64];
        assertThrows(IllegalArgumentException.class, () -> encoder.begin(buffer, 0, 64, Service.BOOK, T).symbol("A")
            .field("v", Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> encoder.begin(buffer, 0, 64, Service.BOOK, T).symbol("A")
            .field("v", Double.POSITIVE_INFINITY));
        assertThrows(IllegalStateException.class, () -> encoder.begin(buffer, 0, 64, Service.BOOK, T).field("v", 1L));
        assertThrows(IllegalStateException.class, () -> new CanonicalEncoder().end());
        assertThrows(IndexOutOfBoundsException.class, () -> encoder.begin(buffer, 60, 5, Service.BOOK, T));
        assertThrows(IllegalArgumentException.class, () -> encoder.begin(buffer, 0, 64, Service.NEWS_HEADLINE, T)
            .symbol("A").field("headline", "\ud83d"));
    }

    @Test
    void shouldAllocateNothingWhenWritingMessagesInSteadyState()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final byte[] buffer = new byte[512];
        final double[] prices = {227.79, 227.78, 227.77};
        final long[] sizes = {300, 500, 900};
        final StringBuilder headline = new StringBuilder("Apple opens developer conference \u20ac");
        long sum = 0;
        for (int round = 0; round < 2; round++) // the first warms up
        {
            final long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 100_000; i++) // prices of two decimals: the exact path, not Double.toString
            {
                sum += encoder.begin(buffer, 0, buffer.length, Service.BOOK, T + i).symbol("AAPL").field("time", T + i)
                    .levels("bids", prices, sizes, 3).levels("asks", prices, sizes, 2)
                    .symbol("MSFT").field("price", (41_510 + (i & 63)) / 100.0).field("size", (long)i)
                    .field("headline", headline).end();
            }
            final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            if (round == 1)
            {
                assertTrue(allocated < 1024, allocated + " bytes for 100,000 messages");
            }
        }
        assertTrue(sum > 0);
    }
}
