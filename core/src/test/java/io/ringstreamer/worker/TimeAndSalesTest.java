package io.ringstreamer.worker;

import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.StreamError;
import io.ringstreamer.result.Trade;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.ringstreamer.worker.SymbolResults.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** {@link TimeAndSales} through a real pipeline: session statistics, sequence, sessions, validation. */
@Timeout(60)
class TimeAndSalesTest
{
    /** 2024-07-09 10:00 in New York (EDT). */
    private static final long MORNING = newYork("2024-07-09T10:00:00");

    private static long newYork(final String localDateTime)
    {
        return LocalDateTime.parse(localDateTime).atZone(TimeAndSales.NEW_YORK).toInstant().toEpochMilli();
    }

    private static String print(final long time, final String price, final long size, final long seq)
    {
        return "\"A\":{\"time\":" + time + ",\"price\":" + price + ",\"size\":" + size + ",\"seq\":" + seq + "}";
    }

    private static String timeSale(final String... entries)
    {
        return message("TIMESALE_EQUITY", entries);
    }

    private static List<String> prints(final String... entries)
    {
        final List<String> messages = new ArrayList<>();
        for (final String entry : entries)
        {
            messages.add(timeSale(entry));
        }
        return messages;
    }

    private static StreamError rejected(final long sequence, final String reason)
    {
        return new StreamError(ErrorKind.INVALID_ENTRY, reason, "A", sequence, null);
    }

    private static Trade trade(final List<Object> results, final int index)
    {
        return assertInstanceOf(Trade.class, results.get(index));
    }

    @Test
    void shouldPublishSessionVolumeVwapAndCountWhenPrintsArrive() throws Exception
    {
        final List<Object> results = SymbolResults.run(2, List.of("A", "B"), prints(
            print(MORNING, "10.00", 100, 1),
            print(MORNING + 5, "10.30", 200, 2),
            print(MORNING + 9, "10.10", 100, 3))).of("A");

        assertEquals(3, results.size());
        assertEquals(new Trade("A", MORNING, 10.0, 100, 1, 100, 10.0, 1, 0), results.get(0));
        final Trade second = trade(results, 1);
        assertEquals(300, second.sessionVolume());
        assertEquals(2, second.tradeCount());
        assertEquals(3060.0 / 300, second.vwap(), 1e-12);
        final Trade third = trade(results, 2);
        assertEquals(MORNING + 9, third.timeMillis());
        assertEquals(10.1, third.price());
        assertEquals(100, third.size());
        assertEquals(3, third.tradeSequence());
        assertEquals(400, third.sessionVolume());
        assertEquals(3, third.tradeCount());
        assertEquals(10.175, third.vwap(), 1e-12);
        assertEquals(2, third.sequence());
    }

    @Test
    void shouldRejectAndLeaveOutAPrintWhenItsSeqGoesBack() throws Exception
    {
        final List<Object> results = SymbolResults.run(1, List.of("A"), prints(
            print(MORNING, "10", 100, 10),
            print(MORNING + 1, "20", 100, 11),
            print(MORNING + 2, "30", 500, 9),
            print(MORNING + 3, "40", 200, 12))).of("A");

        assertEquals(rejected(2, TimeAndSales.OUT_OF_SEQUENCE), results.get(2));
        assertEquals("out-of-sequence print: seq went back", TimeAndSales.OUT_OF_SEQUENCE);
        final Trade last = trade(results, 3);
        assertEquals(400, last.sessionVolume());
        assertEquals(3, last.tradeCount());
        assertEquals((1000 + 2000 + 8000) / 400.0, last.vwap(), 1e-12);
    }

    @Test
    void shouldCountAndFlagALatePrintButStillRejectADuplicateWhenValidationFlags() throws Exception
    {
        final List<Object> results = SymbolResults.run(1, List.of("A"), prints(
            print(MORNING, "10", 100, 10),
            print(MORNING + 1, "20", 100, 11),
            print(MORNING + 2, "30", 500, 9),
            print(MORNING + 3, "30", 500, 11),
            print(MORNING + 4, "40", 200, 12)), Validation.FLAG).of("A");

        assertEquals(new StreamError(ErrorKind.FLAGGED_ENTRY, TimeAndSales.OUT_OF_SEQUENCE, "A", 2, null), results.get(2));
        final Trade late = trade(results, 3);
        assertEquals(9, late.tradeSequence(), "the late print is published as it came");
        assertEquals(700, late.sessionVolume());
        assertEquals(rejected(3, TimeAndSales.DUPLICATE), results.get(4), "seq 11 repeats the highest seen: rejected");
        final Trade last = trade(results, 5);
        assertEquals(900, last.sessionVolume());
        assertEquals(4, last.tradeCount());
        assertEquals((1000 + 2000 + 15000 + 8000) / 900.0, last.vwap(), 1e-12);
        assertEquals(6, results.size());
    }

    @Test
    void shouldRejectAndLeaveOutAPrintWhenItsSeqRepeatsTheLast() throws Exception
    {
        final List<Object> results = SymbolResults.run(1, List.of("A"), prints(
            print(MORNING, "10", 100, 10),
            print(MORNING, "10", 100, 10),
            print(MORNING + 1, "20", 300, 11))).of("A");

        assertEquals(rejected(1, TimeAndSales.DUPLICATE), results.get(1));
        final Trade last = trade(results, 2);
        assertEquals(400, last.sessionVolume());
        assertEquals(2, last.tradeCount());
        assertEquals(17.5, last.vwap(), 1e-12);
    }

    @Test
    void shouldAcceptAPrintWhenItsSeqSkipsAheadOrItsTimeGoesBackWithinTheDay() throws Exception
    {
        final List<Object> results = SymbolResults.run(1, List.of("A"), prints(
            print(MORNING, "10", 100, 10),
            print(MORNING + 60_000, "10", 100, 15),
            print(MORNING - 60_000, "10", 100, 16))).of("A");

        assertEquals(3, results.size());
        assertEquals(300, trade(results, 2).sessionVolume());
        assertEquals(3, trade(results, 2).tradeCount());
    }

    @Test
    void shouldStartANewSessionWhenTheNewYorkDateChanges() throws Exception
    {
        final long close = newYork("2024-07-09T16:00:00");
        final long nextOpen = newYork("2024-07-10T09:30:00");
        final List<Object> results = SymbolResults.run(1, List.of("A"), prints(
            print(MORNING, "10", 100, 500),
            print(close, "20", 100, 501),
            print(nextOpen, "30", 70, 1),
            print(nextOpen + 1, "40", 30, 2))).of("A");

        assertEquals(new Trade("A", close, 20, 100, 501, 200, 15, 2, 1), results.get(1));
        assertEquals(new Trade("A", nextOpen, 30, 70, 1, 70, 30, 1, 2), results.get(2),
            "a new day: empty session, and its seq may start again");
        assertEquals(new Trade("A", nextOpen + 1, 40, 30, 2, 100, 33, 2, 3), results.get(3));
    }

    @Test
    void shouldKeepTheSessionWhenOnlyTheUtcDateChanges() throws Exception
    {
        // 19:30 and 20:30 in New York (EDT) are 23:30 and 00:30 UTC.
        final List<Object> results = SymbolResults.run(1, List.of("A"), prints(
            print(newYork("2024-07-09T19:30:00"), "10", 100, 1),
            print(newYork("2024-07-09T20:30:00"), "10", 100, 2))).of("A");

        assertEquals(2, trade(results, 1).tradeCount());
    }

    @Test
    void shouldStartANewSessionAtNewYorkMidnightWhenTheDayIsShortenedOrLengthenedByDaylightSaving()
        throws Exception
    {
        final List<Object> results = SymbolResults.run(1, List.of("A"), prints(
            print(newYork("2024-03-10T00:00:00"), "10", 1, 1),     // 23-hour day: clocks go forward at 02:00
            print(newYork("2024-03-10T23:59:59.999"), "10", 1, 2),
            print(newYork("2024-03-11T00:00:00"), "10", 1, 3),
            print(newYork("2024-11-03T00:30:00"), "10", 1, 4),     // 25-hour day: clocks go back at 02:00
            print(newYork("2024-11-03T23:59:59.999"), "10", 1, 5),
            print(newYork("2024-11-04T00:00:00"), "10", 1, 6))).of("A");

        final List<Long> counts = results.stream().map(r -> ((Trade)r).tradeCount()).toList();
        assertEquals(List.of(1L, 2L, 1L, 1L, 2L, 1L), counts);
    }

    @Test
    void shouldRejectAPrintWhenItIsDatedBeforeTheCurrentSession() throws Exception
    {
        final long nextOpen = newYork("2024-07-10T09:30:00");
        final List<Object> results = SymbolResults.run(1, List.of("A"), prints(
            print(MORNING, "10", 100, 1),
            print(nextOpen, "20", 100, 2),
            print(newYork("2024-07-09T23:59:59.999"), "30", 100, 3),
            print(nextOpen + 1, "40", 100, 4))).of("A");

        assertEquals(rejected(2, TimeAndSales.EARLIER_SESSION), results.get(2));
        assertEquals(new Trade("A", nextOpen + 1, 40, 100, 4, 200, 30, 2, 3), results.get(3));
    }

    static Stream<Arguments> badPrints()
    {
        final long t = MORNING + 1;
        return Stream.of(
            Arguments.of("{\"price\":10,\"size\":100,\"seq\":2}", TimeAndSales.MISSING_TIME),
            Arguments.of("{\"time\":" + t + ",\"size\":100,\"seq\":2}", TimeAndSales.MISSING_PRICE),
            Arguments.of("{\"time\":" + t + ",\"price\":10,\"seq\":2}", TimeAndSales.MISSING_SIZE),
            Arguments.of("{\"time\":" + t + ",\"price\":10,\"size\":100}", TimeAndSales.MISSING_SEQ),
            Arguments.of("{\"time\":\"" + t + "\",\"price\":10,\"size\":100,\"seq\":2}", TimeAndSales.MISSING_TIME),
            Arguments.of("{\"time\":" + t + ".5,\"price\":10,\"size\":100,\"seq\":2}", TimeAndSales.MISSING_TIME),
            Arguments.of("{\"time\":" + t + ",\"price\":null,\"size\":100,\"seq\":2}", TimeAndSales.MISSING_PRICE),
            Arguments.of("{\"time\":" + t + ",\"price\":0,\"size\":100,\"seq\":2}", TimeAndSales.NOT_A_PRICE),
            Arguments.of("{\"time\":" + t + ",\"price\":-10,\"size\":100,\"seq\":2}", TimeAndSales.NOT_A_PRICE),
            Arguments.of("{\"time\":" + t + ",\"price\":1e400,\"size\":100,\"seq\":2}", TimeAndSales.NOT_A_PRICE),
            Arguments.of("{\"time\":" + t + ",\"price\":10,\"size\":0,\"seq\":2}", TimeAndSales.NOT_A_SIZE),
            Arguments.of("{\"time\":" + t + ",\"price\":10,\"size\":-100,\"seq\":2}", TimeAndSales.NOT_A_SIZE),
            Arguments.of("{\"time\":" + t + ",\"price\":10,\"size\":1.5,\"seq\":2}", TimeAndSales.MISSING_SIZE),
            Arguments.of("{\"time\":" + t + ",\"price\":10,\"size\":100,\"seq\":2.5}", TimeAndSales.MISSING_SEQ),
            Arguments.of("{\"time\":" + t + ",\"price\":10,\"size\":100,\"seq\":\"3\"}", TimeAndSales.MISSING_SEQ));
    }

    @ParameterizedTest
    @MethodSource("badPrints")
    void shouldRejectThePrintAndKeepTheSessionWhenAFieldIsMissingOrInvalid(final String entry, final String reason)
        throws Exception
    {
        final List<Object> results = SymbolResults.run(1, List.of("A"), List.of(
            timeSale(print(MORNING, "10", 100, 1)),
            timeSale("\"A\":" + entry),
            timeSale(print(MORNING + 2, "20", 100, 2)))).of("A");

        assertEquals(List.of(
            new Trade("A", MORNING, 10, 100, 1, 100, 10, 1, 0),
            rejected(1, reason),
            new Trade("A", MORNING + 2, 20, 100, 2, 200, 15, 2, 2)),
            results);
    }

    @Test
    void shouldIgnoreUnknownFieldsWhenAPrintIsOtherwiseValid() throws Exception
    {
        final List<Object> results = SymbolResults.run(1, List.of("A"), prints(
            "\"A\":{\"exchange\":\"Q\",\"time\":" + MORNING + ",\"conditions\":[\"@\",\"T\"],\"price\":10.5," +
                "\"size\":100.0,\"seq\":1,\"oddLot\":false}")).of("A");

        assertEquals(List.of(new Trade("A", MORNING, 10.5, 100, 1, 100, 10.5, 1, 0)), results);
    }
}
