package io.ringstreamer.format;

import io.ringstreamer.format.internal.JsonScanner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CanonicalDecoderTest
{
    private final CanonicalDecoder decoder = new CanonicalDecoder();
    private final EntryView entry = new EntryView();

    private boolean wrap(final String json)
    {
        final byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return decoder.wrap(bytes, 0, bytes.length);
    }

    private String symbol(final int index)
    {
        return new String(decoder.buffer(), decoder.symbolOffset(index), decoder.symbolLength(index), StandardCharsets.US_ASCII);
    }

    @Test
    void shouldIndexEverySymbolWhenMessageIsTheSeeds()
    {
        assertTrue(wrap("{\"timestamp\":1720522920000,\"service\":\"CHART_EQUITY\",\"symbols\":{" +
            "\"AAPL\":{\"open\":227.99,\"high\":228.0,\"low\":227.95,\"close\":227.95,\"volume\":3756,\"datetime\":1720522860000}," +
            "\"AMZN\":{\"open\":199.85,\"high\":199.85,\"low\":199.85,\"close\":199.85,\"volume\":204,\"datetime\":1720522860000}}}"));
        assertEquals(1720522920000L, decoder.timestamp());
        assertEquals(Service.CHART_EQUITY, decoder.service());
        assertEquals(2, decoder.entryCount());
        assertEquals("AAPL", symbol(0));
        assertEquals("AMZN", symbol(1));

        decoder.entry(1, entry);
        assertTrue(entry.nextField());
        assertTrue(entry.nameEquals("open".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(199.85, entry.doubleValue());
    }

    @Test
    void shouldAcceptAnyFieldOrderWhitespaceAndUnknownFieldsWhenEnvelopeIsValid()
    {
        assertTrue(wrap(" {\n \"symbols\" : { \"X\" : { } } ,\"extra\":[1,{\"a\":null},true,false,\"s\\\"\\u00e9\"],\n" +
            "\"service\":\"BOOK\", \"timestamp\" : 5 }\r\n"));
        assertEquals(Service.BOOK, decoder.service());
        assertEquals(5, decoder.timestamp());
        assertEquals(1, decoder.entryCount());
        assertEquals("X", symbol(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"AAPL\":{\"open\":227.99,\"high\":228.0,\"low\":227.95,\"close\":227.95,\"close\":1.5,\"volume\":3756,\"datetime\":1720522860000}}",
        "{\"AAPL\":{\"open\":227.99,\"open\":\"x\"}}",
        "{\"MSFT\":{\"a\":1},\"AAPL\":{\"f0\":0,\"f1\":1,\"f2\":2,\"f3\":3,\"f4\":4,\"f5\":5,\"f6\":6,\"f7\":7,\"f8\":8," +
            "\"f9\":9,\"f10\":10,\"f11\":11,\"f12\":12,\"f13\":13,\"f14\":14,\"f15\":15,\"f16\":16,\"f7\":17}}"})
    void shouldRejectTheMessageWhenAnEntryHasADuplicateField(final String symbols)
    {
        final String message = "{\"timestamp\":1720522920000,\"service\":\"CHART_EQUITY\",\"symbols\":" + symbols + "}";
        assertFalse(wrap(message));
        assertEquals(CanonicalDecoder.DUPLICATE_ENTRY_FIELD, decoder.errorReason());
        final int second = message.lastIndexOf(message.contains("\"f7\":17") ? "f7\":17" :
            message.contains("\"open\":\"x") ? "open\":\"x" : "close\":1.5");
        assertEquals(second, decoder.errorPosition(), "points at the repeated field's name");
    }

    @Test
    void shouldAcceptAnEntryWhenItsFieldsDifferOnlyInLengthOrEscapes()
    {
        final StringBuilder many = new StringBuilder("{\"timestamp\":1,\"service\":\"BOOK\",\"symbols\":{\"A\":{");
        for (int i = 0; i < 5_000; i++)
        {
            many.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        many.append(",\"k\\u0031\":1,\"o\":1,\"op\":2,\"open\":3},\"B\":{\"open\":3}}}");
        assertTrue(wrap(many.toString()), decoder::errorReason);
        decoder.entry(0, entry);
        assertEquals(5_004, entry.fieldCount());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "   ",
        "[]",
        "{",
        "{\"timestamp\":1,\"service\":\"CHART_EQUITY\",\"symbols\":{}",
        "{\"timestamp\":1,\"service\":\"CHART_EQUITY\",\"symbols\":{}} x",
        "{\"timestamp\":1,\"service\":\"CHART_EQUITY\"}",
        "{\"timestamp\":1,\"symbols\":{}}",
        "{\"service\":\"CHART_EQUITY\",\"symbols\":{}}",
        "{\"timestamp\":1.5,\"service\":\"CHART_EQUITY\",\"symbols\":{}}",
        "{\"timestamp\":\"1\",\"service\":\"CHART_EQUITY\",\"symbols\":{}}",
        "{\"timestamp\":1,\"service\":\"NOPE\",\"symbols\":{}}",
        "{\"timestamp\":1,\"service\":7,\"symbols\":{}}",
        "{\"timestamp\":1,\"service\":\"CHART_EQUITY\",\"symbols\":[]}",
        "{\"timestamp\":1,\"timestamp\":2,\"service\":\"CHART_EQUITY\",\"symbols\":{}}",
        "{\"timestamp\":01,\"service\":\"CHART_EQUITY\",\"symbols\":{}}",
        "{\"timestamp\":1,\"service\":\"CHART_EQUITY\",\"symbols\":{\"A\":{\"open\":1.}}}",
        "{\"timestamp\":1,\"service\":\"CHART_EQUITY\",\"symbols\":{\"A\":{\"open\":-}}}",
        "{\"timestamp\":1,\"service\":\"CHART_EQUITY\",\"symbols\":{\"A\":{\"open\":1,}}}",
        "{\"timestamp\":1,\"service\":\"CHART_EQUITY\",\"symbols\":{\"A\":{\"open\":tru}}}",
        "{\"timestamp\":1,\"service\":\"CHART_EQUITY\",\"symbols\":{\"A\":\"\\x\"}}",
        "{\"timestamp\":1,\"service\":\"CHART_EQUITY\",\"symbols\":{\"A\":\"\u0001\"}}",
        "{\"timestamp\":1,\"service\":\"CHART_EQUITY\",\"symbols\":{\"A\" 1}}",
    })
    void shouldRejectWithReasonWhenMessageIsMalformed(final String json)
    {
        assertFalse(wrap(json), json);
        assertNotNull(decoder.errorReason());
        assertEquals(0, decoder.entryCount());
    }

    @Test
    void shouldRejectWhenNestedTooDeep()
    {
        final String deep = "[".repeat(JsonScanner.MAX_DEPTH + 1) + "]".repeat(JsonScanner.MAX_DEPTH + 1);
        assertFalse(wrap("{\"timestamp\":1,\"service\":\"BOOK\",\"symbols\":{},\"x\":" + deep + "}"));
        assertEquals(JsonScanner.TOO_DEEP, decoder.errorReason());
        final String fine = "[".repeat(JsonScanner.MAX_DEPTH - 1) + "]".repeat(JsonScanner.MAX_DEPTH - 1);
        assertTrue(wrap("{\"timestamp\":1,\"service\":\"BOOK\",\"symbols\":{},\"x\":" + fine + "}"));
    }

    @Test
    void shouldParseNumbersExactlyLikeDoubleParseDoubleWhenGivenManyRandomPrices()
    {
        final JsonScanner scanner = new JsonScanner();
        final SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++)
        {
            final String text;
            switch (i % 5)
            {
                case 0 -> text = Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(-3, 7)));
                case 1 -> text = String.format(Locale.ROOT, "%." + random.nextInt(0, 7) + "f", random.nextDouble(0, 5000));
                case 2 -> text = Long.toString(random.nextLong(-1_000_000_000_000L, 1_000_000_000_000L));
                case 3 -> text = random.nextInt(1, 99999) + "e" + random.nextInt(-30, 30);
                default -> text = "-" + random.nextInt(0, 1000) + "." + String.format(Locale.ROOT, "%018d", random.nextLong(0, Long.MAX_VALUE / 10));
            }
            final byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
            assertEquals(bytes.length, scanner.wrap(bytes, bytes.length).parseNumber(0), text);
            assertEquals(Double.parseDouble(text), scanner.numberValue(), text);
        }
    }

    @Test
    void shouldReadWholeNumbersAsLongsWhenIntegralIncludingTrailingZeroFraction()
    {
        final JsonScanner scanner = new JsonScanner();
        final String[] longs = {"0", "-7", "1720522920000", "26.0", "1e3", "999999999999999999"};
        final long[] values = {0, -7, 1720522920000L, 26, 1000, 999999999999999999L};
        for (int i = 0; i < longs.length; i++)
        {
            final byte[] bytes = longs[i].getBytes(StandardCharsets.US_ASCII);
            scanner.wrap(bytes, bytes.length).parseNumber(0);
            assertTrue(scanner.isLongExact(), longs[i]);
            assertEquals(values[i], scanner.longValue(), longs[i]);
        }
        for (final String notLong : new String[] {"26.5", "1e-3", "1e40"})
        {
            final byte[] bytes = notLong.getBytes(StandardCharsets.US_ASCII);
            scanner.wrap(bytes, bytes.length).parseNumber(0);
            assertFalse(scanner.isLongExact(), notLong);
        }
    }

    @Test
    void shouldIndexLikeAGrowingDecoderWhenAMessageFitsAFixedIndex()
    {
        final byte[] bytes = ("{\"timestamp\":7,\"service\":\"CHART_EQUITY\",\"symbols\":{" +
            "\"A\":{\"open\":1.5,\"volume\":3},\"B\":{\"close\":2}}}").getBytes(StandardCharsets.US_ASCII);
        final CanonicalDecoder fixed = new CanonicalDecoder(2, 3);

        assertTrue(fixed.wrap(bytes, 0, bytes.length));
        assertFalse(fixed.indexFull());
        assertEquals(2, fixed.entryCount());
        assertEquals(7, fixed.timestamp());
        fixed.entry(1, entry);
        assertTrue(entry.nextField());
        assertEquals(2, entry.longValue());
        fixed.entry(0, entry);
        assertTrue(entry.nextField());
        assertEquals(1.5, entry.doubleValue());
    }

    @Test
    void shouldFailWithIndexFullAndNoGrowthWhenAMessageHasMoreEntriesOrFieldsThanAFixedIndexHolds()
    {
        final byte[] threeEntries = ("{\"timestamp\":7,\"service\":\"CHART_EQUITY\",\"symbols\":{" +
            "\"A\":{},\"B\":{},\"C\":{}}}").getBytes(StandardCharsets.US_ASCII);
        final byte[] fourFields = ("{\"timestamp\":7,\"service\":\"CHART_EQUITY\",\"symbols\":{" +
            "\"A\":{\"a\":1,\"b\":2},\"B\":{\"c\":\"x\",\"d\":4}}}").getBytes(StandardCharsets.US_ASCII);
        final CanonicalDecoder fixed = new CanonicalDecoder(2, 3);

        assertFalse(fixed.wrap(threeEntries, 0, threeEntries.length));
        assertTrue(fixed.indexFull());
        assertFalse(fixed.wrap(fourFields, 0, fourFields.length));
        assertTrue(fixed.indexFull());
        assertEquals(0, fixed.entryCount());
        assertTrue(decoder.wrap(fourFields, 0, fourFields.length), "valid: a growing decoder reads it");
        assertFalse(decoder.indexFull());

        final byte[] invalid = "{\"timestamp\":7,\"service\":\"NOPE\",\"symbols\":{}}".getBytes(StandardCharsets.US_ASCII);
        assertFalse(fixed.wrap(invalid, 0, invalid.length));
        assertFalse(fixed.indexFull(), "invalid, not full");
        assertEquals(CanonicalDecoder.UNKNOWN_SERVICE, fixed.errorReason());
        assertTrue(fixed.wrap(threeEntries, 0, 0) == false && !fixed.indexFull(), "an empty message is invalid");
    }
}
