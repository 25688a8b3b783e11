package io.ringstreamer.source.live;

import io.ringstreamer.format.CanonicalDecoder;
import io.ringstreamer.format.Service;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A canonical message as tests read it: checked by core's {@link CanonicalDecoder} (what the pipeline
 * accepts), its entries read with {@link MiniJson} (numbers as exact decimals).
 */
record Canonical(Service service, long timestamp, Map<String, Map<String, Object>> symbols)
{
    @SuppressWarnings("unchecked")
    static Canonical decode(final byte[] message)
    {
        final CanonicalDecoder decoder = new CanonicalDecoder();
        final String text = new String(message, StandardCharsets.UTF_8);
        assertTrue(decoder.wrap(message, 0, message.length), decoder.errorReason() + ": " + text);
        final Map<String, Object> json = MiniJson.object(text);
        return new Canonical(decoder.service(), decoder.timestamp(), (Map<String, Map<String, Object>>)json.get("symbols"));
    }

    Map<String, Object> entry(final String symbol)
    {
        return symbols.get(symbol);
    }
}
