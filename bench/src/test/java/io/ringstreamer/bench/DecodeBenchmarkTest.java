package io.ringstreamer.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecodeBenchmarkTest
{
    private static final String IN_ORDER = "{\"timestamp\":1720522920000,\"service\":\"CHART_EQUITY\",\"symbols\":{" +
        "\"AAPL\":{\"open\":227.99,\"high\":228.0,\"low\":227.95,\"close\":227.95,\"volume\":3756,\"datetime\":1720522860000}," +
        "\"AMZN\":{\"open\":199.85,\"high\":199.91,\"low\":199.8,\"close\":199.85,\"volume\":204,\"datetime\":1720522860000}}}";

    private static final String REORDERED_WITH_UNKNOWN = "{\"symbols\":{" +
        "\"AAPL\":{\"datetime\":1720522860000,\"close\":227.95,\"note\":\"late\",\"volume\":3756,\"low\":227.95," +
        "\"high\":228.0,\"open\":227.99}," +
        "\"AMZN\":{\"volume\":204,\"vwap\":199.86,\"open\":199.85,\"datetime\":1720522860000,\"flags\":{\"halted\":false}," +
        "\"low\":199.8,\"close\":199.85,\"high\":199.91}}," +
        "\"source\":{\"feed\":\"test\",\"seq\":[1,2,3]},\"service\":\"CHART_EQUITY\",\"timestamp\":1720522920000}";

    private static final long EXPECTED = DecodeBenchmark.checksum(1720522920000L, true,
        DecodeBenchmark.entrySum(227.99, 228.0, 227.95, 227.95, 3756, 1720522860000L) +
        DecodeBenchmark.entrySum(199.85, 199.91, 199.8, 199.85, 204, 1720522860000L));

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4, 16})
    void shouldReturnTheSameChecksumFromEveryCandidateWhenDecodingSyntheticMessages(final int symbolsPerMessage)
    {
        final byte[][] messages = DecodeBenchmark.messages(symbolsPerMessage);
        final DecodeBenchmark.FlyweightCandidate flyweight = new DecodeBenchmark.FlyweightCandidate(messages);
        final DecodeBenchmark.ChronicleWireCandidate chronicleWire = new DecodeBenchmark.ChronicleWireCandidate(messages);
        final DecodeBenchmark.JacksonCandidate jackson = new DecodeBenchmark.JacksonCandidate(messages);
        final DecodeBenchmark.DslJsonCandidate dslJson = new DecodeBenchmark.DslJsonCandidate(messages);
        final DecodeBenchmark.ValidatedDslJsonCandidate validated = new DecodeBenchmark.ValidatedDslJsonCandidate(messages);

        for (int pass = 0; pass < 2; pass++)
        {
            for (int i = 0; i < messages.length; i++)
            {
                final long expected = flyweight.decode(i);
                assertEquals(expected, chronicleWire.decode(i), "chronicleWire, message " + i);
                assertEquals(expected, jackson.decode(i), "jackson, message " + i);
                assertEquals(expected, dslJson.decode(i), "dslJson, message " + i);
                assertEquals(expected, validated.decode(i), "dslJsonValidated, message " + i);
            }
        }
    }

    @Test
    void shouldReturnTheExpectedChecksumFromEveryCandidateWhenFieldsAreInOrder()
    {
        assertEveryCandidateReturns(EXPECTED, IN_ORDER);
    }

    @Test
    void shouldReturnTheExpectedChecksumFromEveryCandidateWhenFieldsAreReorderedAndUnknownFieldsPresent()
    {
        assertEveryCandidateReturns(EXPECTED, REORDERED_WITH_UNKNOWN);
    }

    @Test
    void shouldReturnTheExpectedChecksumFromEveryCandidateWhenMessagesOfDifferentLengthsAlternate()
    {
        final byte[][] messages = {bytes(REORDERED_WITH_UNKNOWN), bytes(IN_ORDER), bytes(REORDERED_WITH_UNKNOWN)};
        final DecodeBenchmark.FlyweightCandidate flyweight = new DecodeBenchmark.FlyweightCandidate(messages);
        final DecodeBenchmark.ChronicleWireCandidate chronicleWire = new DecodeBenchmark.ChronicleWireCandidate(messages);
        final DecodeBenchmark.JacksonCandidate jackson = new DecodeBenchmark.JacksonCandidate(messages);
        final DecodeBenchmark.DslJsonCandidate dslJson = new DecodeBenchmark.DslJsonCandidate(messages);
        for (int i = 0; i < messages.length; i++)
        {
            assertEquals(EXPECTED, flyweight.decode(i), "flyweight, message " + i);
            assertEquals(EXPECTED, chronicleWire.decode(i), "chronicleWire, message " + i);
            assertEquals(EXPECTED, jackson.decode(i), "jackson, message " + i);
            assertEquals(EXPECTED, dslJson.decode(i), "dslJson, message " + i);
        }
    }

    /** The flyweight candidate drives OneMinuteBars: a bar the component refuses outright never reaches the sum. */
    @Test
    void shouldRefuseABarAsTheBarComponentDoesWhenItStartsBefore1990()
    {
        final byte[][] messages =
            {bytes(IN_ORDER.replace("\"datetime\":1720522860000}}}", "\"datetime\":599616000000}}}"))};

        final IllegalStateException refused = assertThrows(IllegalStateException.class,
            () -> new DecodeBenchmark.FlyweightCandidate(messages).decode(0));

        assertTrue(refused.getMessage().startsWith("a benchmark bar was rejected"), refused.getMessage());
        new DecodeBenchmark.JacksonCandidate(messages).decode(0); // a decoder alone reads it
    }

    private static void assertEveryCandidateReturns(final long expected, final String json)
    {
        final byte[][] messages = {bytes(json)};
        assertEquals(expected, new DecodeBenchmark.FlyweightCandidate(messages).decode(0), "flyweight");
        assertEquals(expected, new DecodeBenchmark.ChronicleWireCandidate(messages).decode(0), "chronicleWire");
        assertEquals(expected, new DecodeBenchmark.JacksonCandidate(messages).decode(0), "jackson");
        assertEquals(expected, new DecodeBenchmark.DslJsonCandidate(messages).decode(0), "dslJson");
        assertEquals(expected, new DecodeBenchmark.ValidatedDslJsonCandidate(messages).decode(0), "dslJsonValidated");
    }

    private static byte[] bytes(final String json)
    {
        return json.getBytes(StandardCharsets.US_ASCII);
    }
}
