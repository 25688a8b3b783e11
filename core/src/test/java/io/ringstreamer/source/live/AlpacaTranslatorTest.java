package io.ringstreamer.source.live;

import io.ringstreamer.format.Service;
import io.ringstreamer.result.ErrorKind;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Alpaca's translation alone, bytes in and canonical messages out, on the documented samples
 * ({@code docs/formats/alpaca.md}, kept in {@link AlpacaProtocolTest}); and where each message is written:
 * in the publisher's claim, so the live path does not copy it again, whenever that loses nothing.
 */
class AlpacaTranslatorTest
{
    private final UntranslatedReport untranslated = new UntranslatedReport();
    private final AlpacaTranslator translator = new AlpacaTranslator(untranslated);
    private final FrameOutput frame = new FrameOutput();
    private final RecordingPublisher out = new RecordingPublisher();

    /** Translates the elements as one server frame {@code [e1,e2,...]}, then flushes, as the session does. */
    private List<Integer> translate(final String... elements)
    {
        final StringBuilder text = new StringBuilder("[");
        final List<Integer> starts = new ArrayList<>();
        for (final String element : elements)
        {
            if (text.length() > 1)
            {
                text.append(',');
            }
            starts.add(text.toString().getBytes(StandardCharsets.UTF_8).length);
            text.append(element);
        }
        final byte[] bytes = text.append(']').toString().getBytes(StandardCharsets.UTF_8);
        final FrameOutput output = frame.of(out, bytes.length);
        translator.startMessage(bytes, 0, bytes.length);
        final List<Integer> found = new ArrayList<>();
        for (final int start : starts)
        {
            found.add(translator.translate(bytes, start, output));
        }
        translator.flush(output);
        return found;
    }

    @Test
    void shouldTranslateEveryDocumentedDataSampleWhenGivenTheirBytes()
    {
        assertEquals(List.of(AlpacaTranslator.TRANSLATED, AlpacaTranslator.TRANSLATED, AlpacaTranslator.TRANSLATED,
            AlpacaTranslator.TRANSLATED), translate(AlpacaProtocolTest.BAR, AlpacaProtocolTest.QUOTE,
            AlpacaProtocolTest.TRADE, AlpacaProtocolTest.NEWS));
        final List<Canonical> messages = out.messages().stream().map(Canonical::decode).toList();
        assertEquals(List.of(Service.CHART_EQUITY, Service.LEVELONE_EQUITIES, Service.TIMESALE_EQUITY,
            Service.NEWS_HEADLINE), messages.stream().map(Canonical::service).toList());
        assertEquals(new BigDecimal("388.985"), messages.get(0).entry("SPY").get("open"));
        assertEquals(new BigDecimal("87.66"), messages.get(1).entry("AMD").get("bid"));
        assertEquals(new BigDecimal(96921), messages.get(2).entry("AAPL").get("seq"));
        assertEquals("24918784", messages.get(3).entry("TSLA").get("id"));
        assertEquals(0, untranslated.count());
    }

    @Test
    void shouldLeaveSessionTypesToTheSessionWhenTheyArrive()
    {
        assertEquals(List.of(AlpacaTranslator.NOT_DATA, AlpacaTranslator.NOT_DATA, AlpacaTranslator.NO_TYPE),
            translate("{\"T\":\"success\",\"msg\":\"connected\"}", "{\"T\":\"error\",\"code\":407,\"msg\":\"slow client\"}",
                "{\"S\":\"AAPL\"}"));
        assertEquals(List.of(), out.items, "nothing published: the session answers these");
    }

    @Test
    void shouldWriteEveryMessageInPlaceWhenAFrameCarriesOneService()
    {
        final String amd = AlpacaProtocolTest.BAR.replace("SPY", "AMD");
        translate(AlpacaProtocolTest.BAR, amd, AlpacaProtocolTest.BAR.replace("19:15", "19:16"), amd.replace("19:15", "19:17"));
        // SPY repeats: two messages, each written in its claim and committed; nothing copied, nothing aborted.
        assertEquals(2, out.messages().size());
        assertEquals(2, out.committed);
        assertEquals(0, out.copied);
        assertEquals(0, out.aborted + out.abandoned);
        assertEquals(List.of("SPY", "AMD"), List.copyOf(Canonical.decode(out.messages().get(0)).symbols().keySet()));
        assertEquals(List.of("SPY", "AMD"), List.copyOf(Canonical.decode(out.messages().get(1)).symbols().keySet()));
    }

    @Test
    void shouldWriteTheFirstServiceInPlaceAndCopyTheOthersWhenAFrameMixesServices()
    {
        translate(AlpacaProtocolTest.QUOTE, AlpacaProtocolTest.BAR, AlpacaProtocolTest.TRADE,
            AlpacaProtocolTest.QUOTE.replace("AMD", "SPY"));
        assertEquals(List.of(Service.LEVELONE_EQUITIES, Service.CHART_EQUITY, Service.TIMESALE_EQUITY),
            out.messages().stream().map(Canonical::decode).map(Canonical::service).toList());
        assertEquals(1, out.committed, "the quotes, first in the frame, in place");
        assertEquals(2, out.copied);
        assertEquals(0, out.aborted + out.abandoned);
    }

    @Test
    void shouldSetTheClaimAsideAndLoseNothingWhenAnErrorIsPublishedMidFrame()
    {
        translate(AlpacaProtocolTest.BAR, "{\"T\":\"b\",\"o\":1}", AlpacaProtocolTest.BAR.replace("SPY", "AMD"));
        // The bar without a symbol is reported at once, before the bars read so far, as before claims.
        assertEquals(ErrorKind.PROTOCOL_ERROR, out.items.get(0).error());
        assertEquals(2, out.items.size());
        assertEquals(List.of("SPY", "AMD"), List.copyOf(Canonical.decode(out.messages().get(0)).symbols().keySet()));
        assertEquals(1, out.aborted, "the claim, set aside before the error");
        assertEquals(0, out.abandoned);
        assertEquals(1, out.copied);
    }

    @Test
    void shouldSetTheClaimAsideWhenTheMessageOutgrowsIt()
    {
        final String[] frame = {AlpacaProtocolTest.BAR, AlpacaProtocolTest.BAR.replace("SPY", "AMD")};
        translate(frame);
        final byte[] inPlace = out.messages().get(0);
        out.clear();
        out.claimRoom = 60; // less than the message: it moves to the translator's buffer half-way through
        translate(frame);
        assertArrayEquals(inPlace, out.messages().get(0));
        assertEquals(1, out.aborted);
        assertEquals(1, out.copied);
        assertEquals(0, out.committed + out.abandoned);
    }

    @Test
    void shouldClaimAgainWhenTheNextFrameStartsAfterTheLast()
    {
        for (int i = 0; i < 3; i++)
        {
            translate(AlpacaProtocolTest.TRADE);
        }
        assertEquals(3, out.committed);
        assertEquals(0, out.copied + out.aborted + out.abandoned);
    }

    @Test
    void shouldPublishByCopyWithoutClaimingWhenThePublisherDoesNotClaimInPlace()
    {
        out.inPlace = false; // a claim of such a publisher would be a fresh array, copied at the commit
        translate(AlpacaProtocolTest.TRADE, AlpacaProtocolTest.TRADE.replace("AAPL", "AMD"));
        assertEquals(1, out.messages().size());
        assertEquals(0, out.claims);
        assertEquals(1, out.copied);
    }
}
