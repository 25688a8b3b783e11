package io.ringstreamer.source.live;

import io.ringstreamer.format.Service;
import io.ringstreamer.result.StatusKind;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The one claim of a server message: who holds it, and what happens to it when something else is published. */
class FrameOutputTest
{
    private static final byte[] SYMBOLS = "AAPLMSFT".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PRICE = "price".getBytes(StandardCharsets.US_ASCII);

    private final FrameOutput frame = new FrameOutput();
    private final RecordingPublisher out = new RecordingPublisher();
    private final CanonicalWriter trades = new CanonicalWriter(Service.TIMESALE_EQUITY);
    private final CanonicalWriter quotes = new CanonicalWriter(Service.LEVELONE_EQUITIES);

    private static void entry(final CanonicalWriter writer, final int symbol, final FrameOutput output)
    {
        writer.startEntry(SYMBOLS, symbol * 4, 4, 1000 + symbol, output);
        writer.longField(PRICE, 7);
        writer.endEntry();
    }

    @Test
    void shouldHandTheClaimToTheFirstWriterOnlyWhenTwoWritersStart()
    {
        final FrameOutput output = frame.of(out, 100);
        entry(trades, 0, output);
        entry(quotes, 0, output);
        assertSame(trades, output.holder());
        assertEquals(1, out.claims);
        output.commitHeld();
        quotes.flush(output);
        assertNull(output.holder());
        assertEquals(List.of(Service.TIMESALE_EQUITY, Service.LEVELONE_EQUITIES),
            out.messages().stream().map(Canonical::decode).map(Canonical::service).toList());
        assertEquals(1, out.committed);
        assertEquals(1, out.copied);
    }

    @Test
    void shouldSetTheHeldMessageAsideWhenAStatusIsPublished()
    {
        final FrameOutput output = frame.of(out, 100);
        entry(trades, 0, output);
        output.publishStatus(StatusKind.SERVER_MESSAGE, 0, "note");
        entry(trades, 1, output);
        trades.flush(output);
        assertEquals(StatusKind.SERVER_MESSAGE, out.items.get(0).status());
        assertEquals(List.of("AAPL", "MSFT"), List.copyOf(Canonical.decode(out.messages().get(0)).symbols().keySet()));
        assertEquals(1, out.aborted);
        assertEquals(0, out.abandoned);
    }

    @Test
    void shouldForgetAMessageLeftOpenWhenTheNextServerMessageStarts()
    {
        entry(trades, 0, frame.of(out, 100)); // its translation threw: never flushed
        final FrameOutput next = frame.of(out, 100);
        assertNull(next.holder());
        entry(trades, 1, next);
        trades.flush(next);
        assertEquals(List.of("MSFT"), List.copyOf(Canonical.decode(out.messages().get(0)).symbols().keySet()),
            "nothing of the forgotten message, and its claim is not committed");
        assertEquals(1, out.abandoned, "the publisher aborts the claim left open");
        assertEquals(1, out.committed);
    }
}
