package io.ringstreamer.source.live;

import io.ringstreamer.format.CanonicalDecoder;
import io.ringstreamer.result.ErrorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Seeded random mutations of the documented messages (bytes replaced, deleted, duplicated, spliced from
 * another message, truncated): a protocol never throws, and every message it publishes is either a valid
 * canonical message (accepted by {@link CanonicalDecoder}, also parsed by an independent JSON parser) or
 * the input itself, published raw because it is not a JSON message the protocol can read. Each case also
 * runs through a second protocol whose publisher does not claim in place: per service, the messages
 * written in place (in claims of random room, often too small) are byte for byte the ones published by
 * copy, and no claim is left open.
 */
@Timeout(120)
class ProtocolFuzzTest
{
    private static final int CASES = 10_000;
    private static final byte[] INTERESTING = "{}[],:\"\\-0123456789.eE tnfulZT+ \u00e9".getBytes(StandardCharsets.UTF_8);

    private static final List<String> ALPACA = List.of(
        "[{\"T\":\"success\",\"msg\":\"connected\"}]",
        "[{\"T\":\"success\",\"msg\":\"authenticated\"}]",
        "[{\"T\":\"subscription\",\"trades\":[\"AAPL\"],\"quotes\":[\"AMD\"],\"bars\":[\"*\"]}]",
        "[{\"T\":\"error\",\"code\":407,\"msg\":\"slow client\"}]",
        "[" + AlpacaProtocolTest.BAR + "," + AlpacaProtocolTest.QUOTE + "," + AlpacaProtocolTest.TRADE + "]",
        "[" + AlpacaProtocolTest.NEWS + "," + AlpacaProtocolTest.BAR + "," + AlpacaProtocolTest.BAR + "]");

    private static final List<String> SCHWAB = List.of(
        SchwabProtocolTest.LOGIN_OK, SchwabProtocolTest.HEARTBEAT, SchwabProtocolTest.CHART,
        SchwabProtocolTest.LEVEL_ONE, SchwabProtocolTest.BOOK,
        "{\"notify\":[{\"service\":\"ADMIN\",\"timestamp\":1,\"content\":{\"code\":30,\"msg\":\"stop\"}}]}");

    @Test
    void shouldPublishOnlyCanonicalOrRawMessagesWhenAlpacaInputIsMutated()
    {
        fuzz(new AlpacaProtocol("k", "s"), new AlpacaProtocol("k", "s"), ALPACA, 1);
    }

    @Test
    void shouldPublishOnlyCanonicalOrRawMessagesWhenSchwabInputIsMutated()
    {
        fuzz(new SchwabProtocol(SchwabProtocol.Config.of("t", "c", "r", "N9", "APIAPP")),
            new SchwabProtocol(SchwabProtocol.Config.of("t", "c", "r", "N9", "APIAPP")), SCHWAB, 2);
    }

    private static void fuzz(final FeedProtocol protocol, final FeedProtocol copying, final List<String> corpus,
                             final long seed)
    {
        final Random random = new Random(seed);
        final CanonicalDecoder decoder = new CanonicalDecoder();
        final RecordingPublisher out = new RecordingPublisher();
        final RecordingPublisher copies = new RecordingPublisher();
        copies.inPlace = false;
        final List<String> replies = new ArrayList<>();
        int canonical = 0;
        int raw = 0;
        int inPlace = 0;
        int setAside = 0;
        for (int n = 0; n < CASES; n++)
        {
            final byte[] input = mutate(random, corpus);
            out.clear();
            copies.clear();
            out.claimRoom = random.nextBoolean() ? 0 : 20 + random.nextInt(200);
            replies.clear();
            try
            {
                assertNotNull(protocol.onMessage(input, 0, input.length, out, replies));
                replies.clear();
                copying.onMessage(input, 0, input.length, copies, replies);
            }
            catch (final RuntimeException ex)
            {
                throw new AssertionError("case " + n + " threw on: " + new String(input, StandardCharsets.UTF_8), ex);
            }
            raw += (int)out.errors().stream().filter(error -> error.error() == ErrorKind.MALFORMED_MESSAGE).count();
            for (final byte[] message : out.messages())
            {
                final String text = new String(message, StandardCharsets.UTF_8);
                if (!decoder.wrap(message, 0, message.length))
                {
                    fail("case " + n + " published an invalid message (" + decoder.errorReason() + "): " + text +
                        "\n from: " + new String(input, StandardCharsets.UTF_8));
                }
                MiniJson.parse(text);
                canonical++;
            }
            assertEquals(0, out.abandoned, "case " + n + ": a claim left open");
            inPlace += out.committed;
            setAside += out.aborted;
            assertEquals(0, copies.claims, "case " + n);
            assertEquals(byService(copies, decoder), byService(out, decoder),
                "case " + n + ": in place and by copy differ, from: " + new String(input, StandardCharsets.UTF_8));
        }
        System.out.printf("protocol fuzz %s: %d cases, %d canonical messages (%d written in place, %d set aside), %d malformed%n",
            protocol.getClass().getSimpleName(), CASES, canonical, inPlace, setAside, raw);
        assertTrue(inPlace > CASES / 20 && setAside > CASES / 100, "both: messages written in place, and set aside");
        assertTrue(canonical > CASES / 10 && raw > CASES / 10, "the mutations reach both paths: translated, and reported as malformed");
    }

    /** The published messages' texts, per service, in order. */
    private static java.util.Map<io.ringstreamer.format.Service, List<String>> byService(
        final RecordingPublisher out, final CanonicalDecoder decoder)
    {
        final java.util.Map<io.ringstreamer.format.Service, List<String>> messages =
            new java.util.EnumMap<>(io.ringstreamer.format.Service.class);
        for (final byte[] message : out.messages())
        {
            assertTrue(decoder.wrap(message, 0, message.length));
            messages.computeIfAbsent(decoder.service(), service -> new ArrayList<>())
                .add(new String(message, StandardCharsets.UTF_8));
        }
        return messages;
    }

    private static byte[] mutate(final Random random, final List<String> corpus)
    {
        byte[] bytes = corpus.get(random.nextInt(corpus.size())).getBytes(StandardCharsets.UTF_8);
        final int mutations = random.nextInt(4);
        for (int m = 0; m < mutations && bytes.length > 0; m++)
        {
            final int at = random.nextInt(bytes.length);
            switch (random.nextInt(5))
            {
                case 0 ->
                {
                    bytes = bytes.clone();
                    bytes[at] = random.nextInt(4) == 0 ? (byte)random.nextInt(256) : INTERESTING[random.nextInt(INTERESTING.length)];
                }
                case 1 ->
                {
                    final int end = Math.min(bytes.length, at + 1 + random.nextInt(8));
                    bytes = concat(Arrays.copyOfRange(bytes, 0, at), Arrays.copyOfRange(bytes, end, bytes.length));
                }
                case 2 ->
                {
                    final int end = Math.min(bytes.length, at + 1 + random.nextInt(40));
                    bytes = concat(Arrays.copyOfRange(bytes, 0, end), Arrays.copyOfRange(bytes, at, bytes.length));
                }
                case 3 ->
                {
                    final byte[] other = corpus.get(random.nextInt(corpus.size())).getBytes(StandardCharsets.UTF_8);
                    final int from = random.nextInt(other.length);
                    bytes = concat(Arrays.copyOfRange(bytes, 0, at), Arrays.copyOfRange(other, from, other.length));
                }
                default -> bytes = Arrays.copyOfRange(bytes, 0, at);
            }
        }
        return bytes;
    }

    private static byte[] concat(final byte[] a, final byte[] b)
    {
        final byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
