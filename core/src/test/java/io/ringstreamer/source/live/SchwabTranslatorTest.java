package io.ringstreamer.source.live;

import io.ringstreamer.format.Service;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Schwab's translation alone, bytes in and canonical messages out, on the documented samples
 * ({@code docs/formats/schwab.md}, kept in {@link SchwabProtocolTest}); and where each message is written:
 * in the publisher's claim, so the live path does not copy it again.
 */
class SchwabTranslatorTest
{
    private final UntranslatedReport untranslated = new UntranslatedReport();
    private final SchwabTranslator translator = new SchwabTranslator(SchwabProtocol.ChartFields.LIVE, untranslated);
    private final FrameOutput frame = new FrameOutput();
    private final RecordingPublisher out = new RecordingPublisher();

    /** Translates the data items of the documented server messages as one message's {@code data}, then flushes. */
    private void translate(final String... messages)
    {
        final StringBuilder text = new StringBuilder("{\"data\":[");
        for (final String message : messages)
        {
            if (text.length() > 9)
            {
                text.append(',');
            }
            text.append(message, 9, message.length() - 2); // {"data":[ item ]}
        }
        final String data = text.append("]}").toString();
        final byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        final FrameOutput output = frame.of(out, bytes.length);
        translator.startMessage(bytes, 0, bytes.length);
        int depth = 0;
        for (int i = 9; i < bytes.length - 2; i++) // each item of the data array: an object at depth 0
        {
            if (bytes[i] == '{' && depth++ == 0)
            {
                translator.translate(bytes, i, output);
            }
            else if (bytes[i] == '}')
            {
                depth--;
            }
            else if (bytes[i] == '[')
            {
                depth++;
            }
            else if (bytes[i] == ']')
            {
                depth--;
            }
        }
        translator.flush(output);
    }

    @Test
    void shouldTranslateEveryDocumentedDataSampleWhenGivenTheirBytes()
    {
        translate(SchwabProtocolTest.CHART, SchwabProtocolTest.LEVEL_ONE, SchwabProtocolTest.BOOK);
        final List<Canonical> messages = out.messages().stream().map(Canonical::decode).toList();
        assertEquals(List.of(Service.CHART_EQUITY, Service.LEVELONE_EQUITIES, Service.BOOK),
            messages.stream().map(Canonical::service).toList());
        assertEquals(new BigDecimal("421.65"), messages.get(0).entry("MSFT").get("open"));
        assertEquals(new BigDecimal(1715903940000L), messages.get(0).entry("MSFT").get("datetime"));
        assertEquals(new BigDecimal("227.79"), messages.get(1).entry("AAPL").get("bid"));
        assertEquals(List.of(List.of(new BigDecimal("227.81"), new BigDecimal(200))), messages.get(2).entry("AAPL").get("asks"));
        assertEquals(0, untranslated.count());
    }

    @Test
    void shouldWriteEveryMessageInPlaceWhenAMessageCarriesOneService()
    {
        translate(SchwabProtocolTest.LEVEL_ONE, SchwabProtocolTest.LEVEL_ONE.replace("AAPL", "TSLA"),
            SchwabProtocolTest.LEVEL_ONE);
        // AAPL repeats: two messages, each written in its claim; nothing copied, nothing aborted.
        assertEquals(2, out.messages().size());
        assertEquals(2, out.committed);
        assertEquals(0, out.copied + out.aborted + out.abandoned);
    }

    @Test
    void shouldReportAnUnknownServiceWithoutLosingTheClaimedDataWhenItComesBetween()
    {
        translate(SchwabProtocolTest.CHART, SchwabProtocolTest.CHART.replace("CHART_EQUITY", "OPTIONS_BOOK"),
            SchwabProtocolTest.CHART.replace("MSFT", "AAPL"));
        assertEquals(1, untranslated.count());
        assertEquals(2, out.items.size(), "the report, then the bars");
        assertEquals(List.of("MSFT", "AAPL"), List.copyOf(Canonical.decode(out.messages().get(0)).symbols().keySet()));
        assertEquals(1, out.aborted);
        assertEquals(0, out.abandoned);
    }
}
