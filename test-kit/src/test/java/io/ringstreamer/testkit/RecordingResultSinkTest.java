package io.ringstreamer.testkit;

import io.ringstreamer.result.Bar;
import io.ringstreamer.result.Book;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.News;
import io.ringstreamer.result.StreamError;
import io.ringstreamer.worker.ResultSink;
import io.ringstreamer.worker.Validation;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordingResultSinkTest
{
    @Test
    void shouldStampEachResultWithTheEntrySetWhenItWasPublished()
    {
        final RecordingResultSink sink = new RecordingResultSink();
        sink.entry("AAPL", 3).bar(1, 2, 0.5, 1.5, 100, 60_000);
        sink.entry("MSFT", 4).reject(ErrorKind.INVALID_ENTRY, "missing close");
        sink.flag("odd volume");

        assertEquals(List.of(
            new Bar("AAPL", 1, 2, 0.5, 1.5, 100, 60_000, 3),
            new StreamError(ErrorKind.INVALID_ENTRY, "missing close", "MSFT", 4, null),
            new StreamError(ErrorKind.FLAGGED_ENTRY, "odd volume", "MSFT", 4, null)), sink.all());
        assertEquals(1, sink.bars().size());
        assertEquals(2, sink.errors().size());
        assertEquals(Validation.REJECT, sink.validation());
    }

    @Test
    void shouldKeepACopyWhenTheComponentReusesItsArrays()
    {
        final RecordingResultSink sink = new RecordingResultSink(Validation.FLAG, 2).entry("AAPL", 0);
        final double[] bidPrices = {10.0, 9.9, 9.8};
        final long[] bidSizes = {100, 300, 500};
        final double[] askPrices = {10.1, 10.2, 10.3};
        final long[] askSizes = {100, 100, 100};
        sink.book(5, bidPrices, bidSizes, 3, askPrices, askSizes, 1);
        final double[] values = {1, 2};
        sink.custom(7, values, 2);
        bidPrices[0] = -1;
        values[0] = -1;

        final Book book = sink.books().get(0);
        assertArrayEquals(new double[] {10.0, 9.9}, book.bidPrices());
        assertArrayEquals(new long[] {100, 300}, book.bidSizes());
        assertArrayEquals(new double[] {10.1}, book.askPrices());
        assertEquals(10.1 - 10.0, book.spread());
        assertEquals((400.0 - 100) / 500, book.imbalance());
        assertArrayEquals(new double[] {1, 2}, sink.customResults().get(0).values());
        assertEquals(Validation.FLAG, sink.validation());
    }

    @Test
    void shouldDecodeAHeadlinesEscapesWhenTheTextsAreValid()
    {
        final RecordingResultSink sink = new RecordingResultSink().entry("AAPL", 9);
        final String raw = "n-1|caf\\u00e9 \\\"open\\\"\\n|Wire \u00e9";
        final byte[] buffer = raw.getBytes(StandardCharsets.UTF_8);
        final int source = raw.lastIndexOf('|') + 1;

        assertTrue(sink.news(5, buffer, 0, 3, 4, source - 5, source, buffer.length - source));

        assertEquals(List.of(new News("AAPL", 5, "n-1", "caf\u00e9 \"open\"\n", "Wire \u00e9", 9)), sink.all());
    }

    @Test
    void shouldRejectTheHeadlineWhenATextIsNotUtf8OrTooLong()
    {
        final RecordingResultSink sink = new RecordingResultSink().entry("AAPL", 1);
        final byte[] invalid = {'i', 'd', (byte)0xC3, '(', 's'};
        final byte[] tooLong = new byte[ResultSink.MAX_TEXT_BYTES + 1];

        assertFalse(sink.news(5, invalid, 0, 2, 2, 2, 4, 1));
        assertFalse(sink.news(5, tooLong, 0, 1, 1, ResultSink.MAX_TEXT_BYTES, 0, ResultSink.MAX_TEXT_BYTES + 1));

        assertEquals(List.of("text is not valid UTF-8", "text longer than 4096 bytes"),
            sink.errors().stream().map(StreamError::message).toList());
        assertTrue(sink.news().isEmpty());
    }

    @Test
    void shouldThrowAsThePipelinesSinkDoesWhenArgumentsAreOutOfBounds()
    {
        final RecordingResultSink sink = new RecordingResultSink();

        assertThrows(IllegalArgumentException.class, () -> sink.custom(1, new double[9], 9));
        assertThrows(IllegalArgumentException.class, () -> sink.custom(1, new double[2], 3));
        assertThrows(IllegalArgumentException.class,
            () -> sink.book(1, new double[1], new long[1], 2, new double[0], new long[0], 0));
        assertThrows(IndexOutOfBoundsException.class, () -> sink.news(1, new byte[2], 0, 3, 0, 0, 0, 0));
        assertThrows(NullPointerException.class, () -> sink.reject(null, "no kind"));
        assertTrue(sink.all().isEmpty());
    }

    @Test
    void shouldForgetEverythingWhenCleared()
    {
        final RecordingResultSink sink = new RecordingResultSink();
        sink.trade(1, 2, 3, 4, 5, 6, 7);
        sink.clear();

        assertTrue(sink.all().isEmpty());
    }
}
