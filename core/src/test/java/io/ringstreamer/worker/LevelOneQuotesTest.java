package io.ringstreamer.worker;

import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.Quote;
import io.ringstreamer.result.StreamError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static io.ringstreamer.worker.LevelOneQuotes.ASK;
import static io.ringstreamer.worker.LevelOneQuotes.ASK_SIZE;
import static io.ringstreamer.worker.LevelOneQuotes.BID;
import static io.ringstreamer.worker.LevelOneQuotes.BID_SIZE;
import static io.ringstreamer.worker.LevelOneQuotes.LAST;
import static io.ringstreamer.worker.LevelOneQuotes.LAST_SIZE;
import static io.ringstreamer.worker.LevelOneQuotes.NEGATIVE;
import static io.ringstreamer.worker.LevelOneQuotes.NOT_A_NUMBER;
import static io.ringstreamer.worker.LevelOneQuotes.NOT_A_PRICE;
import static io.ringstreamer.worker.LevelOneQuotes.NOT_WHOLE;
import static io.ringstreamer.worker.LevelOneQuotes.NO_FIELD;
import static io.ringstreamer.worker.LevelOneQuotes.QUOTE_TIME;
import static io.ringstreamer.worker.LevelOneQuotes.TOTAL_VOLUME;
import static io.ringstreamer.worker.LevelOneQuotes.TRADE_TIME;
import static io.ringstreamer.worker.SymbolResults.message;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link LevelOneQuotes} through a real pipeline: merging, the view's derived values, validation. */
@Timeout(60)
class LevelOneQuotesTest
{
    private static final String FULL =
        "\"A\":{\"bid\":10.25,\"ask\":10.75,\"last\":10.5,\"bidSize\":300,\"askSize\":200,\"lastSize\":100," +
            "\"totalVolume\":5000,\"quoteTime\":1720522979950,\"tradeTime\":1720522979990}";

    private static String levelOne(final String... entries)
    {
        return message("LEVELONE_EQUITIES", entries);
    }

    private static Quote quote(final long sequence, final double bid, final double ask, final double last,
                               final long bidSize, final long askSize, final long lastSize, final long totalVolume,
                               final long quoteTime, final long tradeTime)
    {
        return new Quote("A", bid, ask, last, bidSize, askSize, lastSize, totalVolume, quoteTime, tradeTime, sequence);
    }

    private static StreamError rejected(final long sequence, final String reason)
    {
        return new StreamError(ErrorKind.INVALID_ENTRY, reason, "A", sequence, null);
    }

    @Test
    void shouldKeepTheOtherFieldsWhenAnUpdateIsPartial() throws Exception
    {
        final SymbolResults results = SymbolResults.run(2, List.of("A", "B"), List.of(
            levelOne("\"A\":{\"bid\":10.25,\"bidSize\":300}"),
            levelOne("\"A\":{\"ask\":10.75,\"askSize\":200,\"quoteTime\":1000}"),
            levelOne("\"A\":{\"last\":10.5,\"lastSize\":100,\"totalVolume\":5000,\"tradeTime\":1001}"),
            levelOne("\"A\":{\"bid\":10.3,\"quoteTime\":1002}")));

        final double nan = Double.NaN;
        assertEquals(List.of(
            quote(0, 10.25, nan, nan, 300, -1, -1, -1, -1, -1),
            quote(1, 10.25, 10.75, nan, 300, 200, -1, -1, 1000, -1),
            quote(2, 10.25, 10.75, 10.5, 300, 200, 100, 5000, 1000, 1001),
            quote(3, 10.3, 10.75, 10.5, 300, 200, 100, 5000, 1002, 1001)),
            results.of("A"));
        assertEquals(List.of(), results.of("B"));
    }

    @Test
    void shouldDeriveMidAndSpreadInTheViewWhenBothSidesAreKnown() throws Exception
    {
        final SymbolResults results = SymbolResults.run(1, List.of("A"), List.of(
            levelOne("\"A\":{\"bid\":10.25}"),
            levelOne("\"A\":{\"ask\":10.75}"),
            levelOne("\"A\":{\"ask\":11.25,\"bid\":11}")));

        final List<double[]> derived = results.midAndSpread("A");
        assertEquals(3, derived.size());
        assertArrayEquals(new double[]{Double.NaN, Double.NaN}, derived.get(0), "unknown while the ask is unknown");
        assertArrayEquals(new double[]{10.5, 0.5}, derived.get(1));
        assertArrayEquals(new double[]{11.125, 0.25}, derived.get(2));
    }

    @Test
    void shouldPublishACrossedQuoteWhenTheBidIsAboveTheAsk() throws Exception
    {
        final SymbolResults results = SymbolResults.run(1, List.of("A"), List.of(
            levelOne("\"A\":{\"bid\":10.5,\"ask\":10.75}"),
            levelOne("\"A\":{\"bid\":11}")));

        final double nan = Double.NaN;
        assertEquals(List.of(
            quote(0, 10.5, 10.75, nan, -1, -1, -1, -1, -1, -1),
            quote(1, 11, 10.75, nan, -1, -1, -1, -1, -1, -1)),
            results.of("A"));
        assertArrayEquals(new double[]{10.875, -0.25}, results.midAndSpread("A").get(1));
    }

    @Test
    void shouldIgnoreUnknownFieldsAndAcceptWholeNumbersWrittenAsDecimalsWhenAnEntryIsOtherwiseValid()
        throws Exception
    {
        final SymbolResults results = SymbolResults.run(1, List.of("A"), List.of(
            levelOne("\"A\":{\"mark\":\"x\",\"bidSize\":300.0,\"exchange\":null,\"askSize\":2e2,\"flags\":[1]}")));

        final double nan = Double.NaN;
        assertEquals(List.of(quote(0, nan, nan, nan, 300, 200, -1, -1, -1, -1)), results.of("A"));
    }

    @Test
    void shouldRejectOnlyTheBadEntryWhenOtherSymbolsOfTheMessageAreValid() throws Exception
    {
        final SymbolResults results = SymbolResults.run(2, List.of("A", "B", "C"), List.of(
            levelOne("\"A\":{\"bid\":-1}", "\"B\":{\"bid\":1.5}", "\"C\":{\"ask\":2.5}")));

        assertEquals(List.of(rejected(0, NOT_A_PRICE[BID])), results.of("A"));
        assertEquals(1, results.of("B").size());
        assertEquals(1, results.of("C").size());
    }

    static Stream<Arguments> badFields()
    {
        return Stream.of(
            Arguments.of("\"bid\":0", NOT_A_PRICE[BID]),
            Arguments.of("\"ask\":-10.5", NOT_A_PRICE[ASK]),
            Arguments.of("\"last\":1e400", NOT_A_PRICE[LAST]),
            Arguments.of("\"bid\":\"10.5\"", NOT_A_NUMBER[BID]),
            Arguments.of("\"ask\":null", NOT_A_NUMBER[ASK]),
            Arguments.of("\"last\":true", NOT_A_NUMBER[LAST]),
            Arguments.of("\"bidSize\":1.5", NOT_WHOLE[BID_SIZE]),
            Arguments.of("\"askSize\":-1", NEGATIVE[ASK_SIZE]),
            Arguments.of("\"lastSize\":\"100\"", NOT_A_NUMBER[LAST_SIZE]),
            Arguments.of("\"totalVolume\":1e30", NOT_WHOLE[TOTAL_VOLUME]),
            Arguments.of("\"totalVolume\":-5000", NEGATIVE[TOTAL_VOLUME]),
            Arguments.of("\"quoteTime\":1720522979950.5", NOT_WHOLE[QUOTE_TIME]),
            Arguments.of("\"tradeTime\":-1", NEGATIVE[TRADE_TIME]),
            Arguments.of("\"tradeTime\":{}", NOT_A_NUMBER[TRADE_TIME]));
    }

    /** Good fields with {@code badField} in place of the good one of its name (a repeated field would reject the message). */
    private static String withBadField(final String badField)
    {
        final String name = badField.substring(0, badField.indexOf(':') + 1);
        final List<String> fields = new java.util.ArrayList<>(List.of("\"ask\":99.5", "\"askSize\":1", "\"last\":98.5", "\"quoteTime\":7"));
        fields.removeIf(field -> field.startsWith(name));
        fields.add(Math.min(2, fields.size()), badField);
        return String.join(",", fields);
    }

    @ParameterizedTest
    @MethodSource("badFields")
    void shouldRejectTheWholeEntryAndKeepTheStateWhenAFieldIsInvalid(final String badField, final String reason)
        throws Exception
    {
        final SymbolResults results = SymbolResults.run(1, List.of("A"), List.of(
            levelOne(FULL),
            levelOne("\"A\":{" + withBadField(badField) + "}"),
            levelOne("\"A\":{\"bidSize\":7}")));

        assertEquals(List.of(
            quote(0, 10.25, 10.75, 10.5, 300, 200, 100, 5000, 1720522979950L, 1720522979990L),
            rejected(1, reason),
            quote(2, 10.25, 10.75, 10.5, 7, 200, 100, 5000, 1720522979950L, 1720522979990L)),
            results.of("A"));
    }

    @Test
    void shouldRejectAnEntryWithNoLevelOneFieldWhenItIsEmptyOrHasOnlyUnknownFields() throws Exception
    {
        final SymbolResults results = SymbolResults.run(1, List.of("A"), List.of(
            levelOne("\"A\":{}"),
            levelOne("\"A\":{\"mark\":10.5,\"Bid\":10.25}"),
            levelOne("\"A\":{\"bid\":10.25}")));

        final double nan = Double.NaN;
        assertEquals(List.of(
            rejected(0, NO_FIELD),
            rejected(1, NO_FIELD),
            quote(2, 10.25, nan, nan, -1, -1, -1, -1, -1, -1)),
            results.of("A"));
    }

    @Test
    void shouldAcceptZeroSizesAndVolumeWhenTheyAreNotNegative() throws Exception
    {
        final SymbolResults results = SymbolResults.run(1, List.of("A"), List.of(
            levelOne("\"A\":{\"bidSize\":0,\"askSize\":0,\"lastSize\":0,\"totalVolume\":0,\"quoteTime\":0}")));

        final double nan = Double.NaN;
        assertEquals(List.of(quote(0, nan, nan, nan, 0, 0, 0, 0, 0, -1)), results.of("A"));
    }
}
