package io.ringstreamer.worker;

import io.ringstreamer.Pipeline;
import io.ringstreamer.format.Service;
import io.ringstreamer.result.Book;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.StreamError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.ringstreamer.worker.BookNewsListener.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Level 2 book through a real pipeline: top-N publication, state, and every way a snapshot is refused. */
@Timeout(60)
class LevelTwoBookTest
{
    private static final String FIVE_BIDS = "[[10.05,100],[10.04,200],[10.03,300],[10.02,400],[10.01,500]]";
    private static final String FIVE_ASKS = "[[10.07,50],[10.08,60],[10.09,70],[10.1,80],[10.11,90]]";

    private static String entry(final long time, final String bids, final String asks)
    {
        return "{\"time\":" + time + ",\"bids\":" + bids + ",\"asks\":" + asks + "}";
    }

    private static byte[] message(final String... symbolEntryPairs)
    {
        final StringBuilder json = new StringBuilder("{\"timestamp\":7,\"service\":\"BOOK\",\"symbols\":{");
        for (int i = 0; i < symbolEntryPairs.length; i += 2)
        {
            json.append(i == 0 ? "" : ",").append('"').append(symbolEntryPairs[i]).append("\":")
                .append(symbolEntryPairs[i + 1]);
        }
        return bytes(json.append("}}").toString());
    }

    /** A pipeline over symbol A whose book component is followed by a probe of its state. */
    private static BookNewsListener runProbed(final int bookDepth, final int maxLevels, final byte[]... messages)
        throws Exception
    {
        final LevelTwoBook[] created = new LevelTwoBook[1];
        return BookNewsListener.run(Pipeline.builder().symbols("A").bookDepth(bookDepth)
            .replaceComponents(Service.BOOK, () -> created[0] = new LevelTwoBook(maxLevels), () -> new BookProbe(created[0])),
            List.of(messages));
    }

    @Test
    void shouldPublishOnlyTheTopLevelsAndKeepTheWholeBookWhenTheBookIsDeeperThanTheDepth() throws Exception
    {
        final BookNewsListener listener =
            runProbed(3, LevelTwoBook.DEFAULT_MAX_LEVELS, message("A", entry(1720522979950L, FIVE_BIDS, FIVE_ASKS)));

        assertEquals(List.of(), listener.errors);
        assertEquals(1, listener.books.size());
        final Book book = listener.books.get(0);
        assertEquals("A", book.symbol());
        assertEquals(0, book.sequence());
        assertEquals(1720522979950L, book.timeMillis());
        assertArrayEquals(new double[] {10.05, 10.04, 10.03}, book.bidPrices());
        assertArrayEquals(new long[] {100, 200, 300}, book.bidSizes());
        assertArrayEquals(new double[] {10.07, 10.08, 10.09}, book.askPrices());
        assertArrayEquals(new long[] {50, 60, 70}, book.askSizes());

        final double spread = 10.07 - 10.05;
        final double imbalance = (600.0 - 180.0) / (600.0 + 180.0);
        assertEquals(spread, listener.viewSpreads.get(0));
        assertEquals(spread, book.spread());
        assertEquals(imbalance, listener.viewImbalances.get(0));
        assertEquals(imbalance, book.imbalance());

        // The component keeps every level, not only the published top.
        assertArrayEquals(new double[] {1, 1720522979950L, 5, 5, 10.05, 10.07, 10.01, 10.11},
            listener.customs.get(0).values());
    }

    @Test
    void shouldKeepThePreviousBookWhenASnapshotIsRejectedAndReplaceItWhenOneIsAccepted() throws Exception
    {
        final String good = entry(1000, "[[5.5,10],[5.4,20]]", "[[5.6,30],[5.7,40]]");
        final BookNewsListener listener = runProbed(10, LevelTwoBook.DEFAULT_MAX_LEVELS,
            message("A", good),
            message("A", entry(2000, "[[5.8,10]]", "[[5.6,30]]")),
            message("A", entry(3000, "[[5.4,10],[5.5,20]]", "[[5.6,30]]")),
            message("A", entry(4000, "[[5.5,10],[5.4]]", "[[5.6,30]]")),
            message("A", entry(5000, "[[6.5,1]]", "[]")));

        assertEquals(List.of(0L, 4L), listener.books.stream().map(Book::sequence).toList());
        assertEquals(List.of("crossed book", "unsorted book: bids not descending",
            "malformed level: not a [price, size] pair"), listener.errors.stream().map(StreamError::message).toList());
        assertEquals(List.of(1L, 2L, 3L), listener.errors.stream().map(StreamError::sequence).toList());
        final double[] first = {1, 1000, 2, 2, 5.5, 5.6, 5.4, 5.7};
        for (int i = 0; i < 4; i++)
        {
            assertArrayEquals(first, listener.customs.get(i).values(), "after message " + i);
        }
        assertArrayEquals(new double[] {1, 5000, 1, 0, 6.5, Double.NaN, 6.5, Double.NaN}, listener.customs.get(4).values());

        final Book replaced = listener.books.get(1);
        assertArrayEquals(new double[] {6.5}, replaced.bidPrices());
        assertArrayEquals(new double[0], replaced.askPrices());
    }

    @Test
    void shouldKeepAndPublishACrossedBookAfterAFlagButStillRejectAnUnsortedOneWhenValidationFlags() throws Exception
    {
        final BookNewsListener listener = BookNewsListener.run(Pipeline.builder().symbols("A").validation(Validation.FLAG),
            List.of(
                message("A", entry(1000, "[[5.5,10]]", "[[5.6,30]]")),
                message("A", entry(2000, "[[5.8,10]]", "[[5.6,30]]")),
                message("A", entry(3000, "[[5.4,10],[5.5,20]]", "[[5.6,30]]"))));

        assertEquals(List.of(0L, 1L), listener.books.stream().map(Book::sequence).toList());
        assertArrayEquals(new double[] {5.8}, listener.books.get(1).bidPrices(), "the crossed book is the book now");
        assertEquals(List.of(new StreamError(ErrorKind.FLAGGED_ENTRY, "crossed book", "A", 1, null),
            new StreamError(ErrorKind.INVALID_ENTRY, "unsorted book: bids not descending", "A", 2, null)),
            listener.errors);
    }

    @Test
    void shouldPublishAnEmptySideWithANaNSpreadWhenASideHasNoLevels() throws Exception
    {
        final BookNewsListener listener = BookNewsListener.run(Pipeline.builder().symbols("A"), List.of(
            message("A", entry(1, "[]", "[[3.25,100],[3.5,300]]")),
            message("A", entry(2, "[ [3.0, 100] ]", "[ ]")),
            message("A", entry(3, "[]", "[]"))));

        assertEquals(List.of(), listener.errors);
        assertEquals(3, listener.books.size());
        for (int i = 0; i < 3; i++)
        {
            assertTrue(Double.isNaN(listener.viewSpreads.get(i)));
            assertTrue(Double.isNaN(listener.books.get(i).spread()));
        }
        assertEquals(-1.0, listener.viewImbalances.get(0));
        assertEquals(-1.0, listener.books.get(0).imbalance());
        assertEquals(1.0, listener.books.get(1).imbalance());
        assertTrue(Double.isNaN(listener.books.get(2).imbalance()));
        assertEquals(0, listener.books.get(2).bidPrices().length + listener.books.get(2).askPrices().length);
    }

    static Stream<Arguments> invalidSnapshots()
    {
        final String bids = "[[10.0,1]]";
        final String asks = "[[10.5,1]]";
        final String time = "missing or non-integer field: time";
        return Stream.of(
            Arguments.of("{\"bids\":" + bids + ",\"asks\":" + asks + "}", time),
            Arguments.of("{\"time\":\"1\",\"bids\":" + bids + ",\"asks\":" + asks + "}", time),
            Arguments.of("{\"time\":1.5,\"bids\":" + bids + ",\"asks\":" + asks + "}", time),
            Arguments.of("{\"time\":1,\"asks\":" + asks + "}", "missing or non-array field: bids"),
            Arguments.of("{\"time\":1,\"bids\":{},\"asks\":" + asks + "}", "missing or non-array field: bids"),
            Arguments.of("{\"time\":1,\"bids\":" + bids + "}", "missing or non-array field: asks"),
            Arguments.of("{\"time\":1,\"bids\":" + bids + ",\"asks\":null}", "missing or non-array field: asks"),
            Arguments.of(entry(1, "[[10.0]]", asks), "malformed level: not a [price, size] pair"),
            Arguments.of(entry(1, "[[10.0,1,2]]", asks), "malformed level: not a [price, size] pair"),
            Arguments.of(entry(1, "[[]]", asks), "malformed level: not a [price, size] pair"),
            Arguments.of(entry(1, "[10.0,1]", asks), "malformed level: not a [price, size] pair"),
            Arguments.of(entry(1, "[[\"10.0\",1]]", asks), "malformed level: not a [price, size] pair"),
            Arguments.of(entry(1, bids, "[[10.5,null]]"), "malformed level: not a [price, size] pair"),
            Arguments.of(entry(1, bids, "[{\"price\":10.5,\"size\":1}]"), "malformed level: not a [price, size] pair"),
            Arguments.of(entry(1, "[[0,1]]", asks), "malformed level: price is not a positive finite number"),
            Arguments.of(entry(1, "[[-10.0,1]]", asks), "malformed level: price is not a positive finite number"),
            Arguments.of(entry(1, bids, "[[1e999,1]]"), "malformed level: price is not a positive finite number"),
            Arguments.of(entry(1, "[[10.0,0]]", asks), "malformed level: size is not a positive whole number"),
            Arguments.of(entry(1, "[[10.0,-5]]", asks), "malformed level: size is not a positive whole number"),
            Arguments.of(entry(1, bids, "[[10.5,1.5]]"), "malformed level: size is not a positive whole number"),
            Arguments.of(entry(1, bids, "[[10.5,1e40]]"), "malformed level: size is not a positive whole number"),
            Arguments.of(entry(1, "[[10.0,1],[10.1,1]]", asks), "unsorted book: bids not descending"),
            Arguments.of(entry(1, "[[10.0,1],[10.0,2]]", asks), "unsorted book: bids not descending"),
            Arguments.of(entry(1, bids, "[[10.6,1],[10.5,1]]"), "unsorted book: asks not ascending"),
            Arguments.of(entry(1, bids, "[[10.5,1],[10.5,1]]"), "unsorted book: asks not ascending"),
            Arguments.of(entry(1, bids, "[[10.0,1]]"), "crossed book"),
            Arguments.of(entry(1, "[[10.0,1],[9.0,1]]", "[[9.5,1],[11.0,1]]"), "crossed book"),
            Arguments.of(entry(1, levels(1001, 500.0, -0.25), asks.replace("10.5", "600")), "too many levels on a side"),
            Arguments.of(entry(1, bids, levels(1001, 20.0, 0.25)), "too many levels on a side"));
    }

    @ParameterizedTest
    @MethodSource("invalidSnapshots")
    void shouldRejectTheSnapshotWithAConstantReasonWhenItIsInvalid(final String entry, final String reason) throws Exception
    {
        final BookNewsListener listener =
            BookNewsListener.run(Pipeline.builder().symbols("A", "B").shards(2), List.of(message("A", entry)));

        assertEquals(List.of(), listener.books);
        assertEquals(1, listener.errors.size(), listener.errors.toString());
        final StreamError error = listener.errors.get(0);
        assertEquals(ErrorKind.INVALID_ENTRY, error.kind());
        assertEquals(reason, error.message());
        assertEquals("A", error.symbol());
        assertEquals(0, error.sequence());
    }

    @Test
    void shouldUseTheOtherEntriesOfTheMessageWhenOneSymbolsSnapshotIsRejected() throws Exception
    {
        final BookNewsListener listener = BookNewsListener.run(Pipeline.builder().symbols("A", "B", "C").shards(2),
            List.of(message("A", entry(1, "[[10.0,1]]", "[[9.0,1]]"), "B", entry(2, "[[10.0,1]]", "[[11.0,1]]"),
                "C", entry(3, "[[20.0,1]]", "[[21.0,1]]"))));

        assertEquals(List.of("B", "C"), listener.books.stream().map(Book::symbol).sorted().toList());
        assertEquals(1, listener.errors.size());
        assertEquals("A", listener.errors.get(0).symbol());
        assertEquals("crossed book", listener.errors.get(0).message());
    }

    @Test
    void shouldAcceptExactlyTheMaximumLevelsAndRejectOneMoreWhenTheMaximumIsConfigured() throws Exception
    {
        final BookNewsListener listener = runProbed(2, 5,
            message("A", entry(1, levels(5, 100.0, -1.0), levels(5, 101.0, 1.0))),
            message("A", entry(2, levels(6, 100.0, -1.0), "[]")),
            message("A", entry(3, "[]", levels(6, 101.0, 1.0))));

        assertEquals(1, listener.books.size());
        assertArrayEquals(new double[] {100.0, 99.0}, listener.books.get(0).bidPrices());
        assertEquals(List.of("too many levels on a side", "too many levels on a side"),
            listener.errors.stream().map(StreamError::message).toList());
        assertArrayEquals(new double[] {1, 1, 5, 5, 100.0, 101.0, 96.0, 105.0}, listener.customs.get(2).values());
    }

    @Test
    void shouldHoldTheDefaultMaximumOfLevelsBySideAndRefuseOneMore() throws Exception
    {
        final int max = LevelTwoBook.DEFAULT_MAX_LEVELS;
        final BookNewsListener listener = runProbed(max, max,
            message("A", entry(1, levels(max, 500.0, -0.25), levels(max, 600.0, 0.25))),
            message("A", entry(2, levels(max + 1, 500.0, -0.25), levels(max, 600.0, 0.25))));

        assertEquals(List.of("too many levels on a side"), listener.errors.stream().map(StreamError::message).toList());
        assertEquals(max, listener.books.get(0).bidPrices().length);
        assertEquals(500.0 - 0.25 * (max - 1), listener.books.get(0).bidPrices()[max - 1]);
        assertEquals(600.0 + 0.25 * (max - 1), listener.books.get(0).askPrices()[max - 1]);
    }

    @Test
    void shouldRefuseAReadOutsideTheBookWhenALevelIsNotHeld()
    {
        final LevelTwoBook book = new LevelTwoBook();
        assertEquals(0, book.bidLevels());
        assertThrows(IndexOutOfBoundsException.class, () -> book.bidPrice(0));
        assertThrows(IllegalArgumentException.class, () -> new LevelTwoBook(0));
    }

    /** {@code count} levels of size 1 from {@code first}, {@code step} apart. */
    static String levels(final int count, final double first, final double step)
    {
        final List<String> levels = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            levels.add("[" + (first + i * step) + ",1]");
        }
        return "[" + String.join(",", levels) + "]";
    }
}
