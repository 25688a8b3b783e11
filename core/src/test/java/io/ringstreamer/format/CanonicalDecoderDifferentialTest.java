package io.ringstreamer.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.ringstreamer.format.internal.JsonScanner;
import io.ringstreamer.testing.SyntheticBars;
import io.ringstreamer.testing.SyntheticServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A differential test of {@link CanonicalDecoder} and {@link EntryView} against Jackson plus the envelope
 * rules written out here: real canonical messages of every service ({@link SyntheticServices},
 * {@link SyntheticBars}), mutated byte by byte, in their envelope (duplicate, missing or escaped fields, an
 * entry's field repeated, other service names and timestamps, deep nesting, entries that are not objects)
 * and in their numbers.
 *
 * <p>The rules the decoder applies on top of JSON syntax, as the reference applies them to Jackson's tokens:
 * the message is one object; {@code timestamp}, {@code service} and {@code symbols} are each present exactly
 * once, keys compared as raw bytes (a key spelled with an escape is some other field); timestamp is a
 * number that is a whole long, service a string whose raw bytes name a {@link Service}, symbols an object;
 * other fields and duplicate symbols are allowed, a field name repeated inside one entry is not (raw bytes
 * compared); no container nests deeper than {@link JsonScanner#MAX_DEPTH}
 * levels below the envelope. On acceptance every entry, field, position and number read through
 * {@link EntryView} must be what Jackson read, numbers bit-exactly ({@code getDoubleValue}, except that Jackson
 * reads the integer {@code -0} as int 0, so +0.0, where the scanner keeps the sign, as
 * {@link Double#parseDouble} does). Every message is also decoded embedded before hostile bytes and at the very
 * end of its array, with identical results.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a shallow stack halves the cost of Jackson's exceptions
class CanonicalDecoderDifferentialTest
{
    private static final Pattern ENTRY_NUMBER = Pattern.compile("(?<=[:\\[,])-?[0-9][0-9.eE+-]*");
    private static final Pattern TIMESTAMP = Pattern.compile("\"timestamp\":[^,}]*");
    private static final Pattern SERVICE = Pattern.compile("\"service\":\"[A-Z_]*\"");
    private static final String[] SERVICE_NAMES = {
        "BOOK", "BOOKS", "book", "BO\\u004fK", "", "CHART_EQUITY ", "CHART_EQUITYX", "NEWS_HEADLINE", "TIMESALE_EQUITY",
        "LEVELONE_EQUITIES", "LEVELONE", "B\u00d6OK"};
    private static final String[] TIMESTAMPS = {
        "1720522800000", "-0", "0", "1.72e12", "1720522800000.0", "1720522800000.5", "17205228000000000000",
        "9223372036854775807", "-9223372036854775808", "9223372036854775808", "1e-3", "\"1720522800000\"", "null",
        "[1]", "01", "1.", "1e400", "123456789012345e4", "1.00000000000000001"};

    private final CanonicalDecoder decoder = new CanonicalDecoder();
    private final EntryView view = new EntryView();
    private RandomJson random;

    @Test
    void shouldAcceptExactlyWhatJacksonAndTheEnvelopeRulesAcceptWhenRealMessagesAreMutated()
    {
        random = new RandomJson(20_240_801L);
        final List<byte[]> corpus = corpus();
        int accepted = 0;
        final int cases = 16_000;
        for (int i = 0; i < cases; i++)
        {
            final byte[] message = corpus.get(random.random().nextInt(corpus.size()));
            final int kind = random.random().nextInt(10);
            final byte[] mutated;
            if (kind < 5)
            {
                mutated = random.mutate(message);
            }
            else if (kind < 8)
            {
                mutated = envelopeMutation(message);
            }
            else if (kind < 9)
            {
                mutated = random.mutate(envelopeMutation(message));
            }
            else
            {
                mutated = numbersOfEveryShape(message);
            }
            accepted += check(mutated) ? 1 : 0;
        }
        assertTrue(accepted > cases / 5 && accepted < cases * 4 / 5, "accepted " + accepted + " of " + cases);
    }

    @Test
    void shouldReadEveryNumberBitExactlyLikeJacksonWhenEntriesCarryNumbersOfEveryShape()
    {
        random = new RandomJson(20_240_802L);
        final List<byte[]> corpus = corpus();
        for (int i = 0; i < 3_000; i++)
        {
            final byte[] message = numbersOfEveryShape(corpus.get(random.random().nextInt(corpus.size())));
            assertTrue(check(message), () -> new String(message, StandardCharsets.UTF_8));
        }
    }

    private static List<byte[]> corpus()
    {
        final List<byte[]> corpus = new ArrayList<>(SyntheticServices.messages(SyntheticBars.symbols(10), 100, 7));
        corpus.addAll(SyntheticBars.messages(SyntheticBars.symbols(30), 3, 100, 11));
        return corpus;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Mutations
    // ---------------------------------------------------------------------------------------------------------

    /** Every number inside {@code symbols} replaced, each with probability one half, by a number of any shape. */
    private byte[] numbersOfEveryShape(final byte[] message)
    {
        final String text = new String(message, StandardCharsets.UTF_8);
        final int symbols = text.indexOf("\"symbols\"");
        final Matcher numbers = ENTRY_NUMBER.matcher(text);
        final StringBuilder out = new StringBuilder(text.length() + 64);
        int copied = 0;
        while (numbers.find())
        {
            if (numbers.start() > symbols && random.random().nextBoolean())
            {
                out.append(text, copied, numbers.start()).append(random.number());
                copied = numbers.end();
            }
        }
        return out.append(text, copied, text.length()).toString().getBytes(StandardCharsets.UTF_8);
    }

    private byte[] envelopeMutation(final byte[] message)
    {
        final String text = new String(message, StandardCharsets.UTF_8);
        final int symbolsValue = text.indexOf("\"symbols\":") + "\"symbols\":".length();
        final String mutated = switch (random.random().nextInt(12))
        {
            case 0 -> "{" + new String[] {"\"timestamp\":5,", "\"service\":\"BOOK\",", "\"symbols\":{},"}
                [random.random().nextInt(3)] + text.substring(1);
            case 1 -> text.replaceFirst(new String[] {"\"timestamp\":[0-9]*,", "\"service\":\"[A-Z_]*\",",
                ",\"symbols\":\\{.*\\}(?=\\}$)"}[random.random().nextInt(3)], "");
            case 2 -> text.replaceFirst(new String[] {"\"timestamp\"", "\"service\"", "\"symbols\"", "\"S0"}
                [random.random().nextInt(4)], new String[] {"\"time\\\\u0073tamp\"", "\"s\\\\u0065rvice\"",
                "\"symbol\\\\u0073\"", "\"S\\\\u0030"}[random.random().nextInt(4)]);
            case 3 -> SERVICE.matcher(text).replaceFirst(Matcher.quoteReplacement(
                "\"service\":\"" + SERVICE_NAMES[random.random().nextInt(SERVICE_NAMES.length)] + "\""));
            case 4 -> TIMESTAMP.matcher(text).replaceFirst(Matcher.quoteReplacement("\"timestamp\":" +
                (random.random().nextBoolean() ? TIMESTAMPS[random.random().nextInt(TIMESTAMPS.length)] : random.number())));
            case 5 -> "{\"x\":" + nested(JsonScanner.MAX_DEPTH - 3 + random.random().nextInt(7)) + "," + text.substring(1);
            case 6 -> text.replaceFirst("\\{\"(open|bid|time|price)\"", Matcher.quoteReplacement(
                "{\"deep\":" + nested(JsonScanner.MAX_DEPTH - 5 + random.random().nextInt(5)) + ",\"$1\""));
            case 7 -> text.substring(0, symbolsValue) + new String[] {"[]", "\"x\"", "null", "7", "{}"}
                [random.random().nextInt(5)] + ",\"y\":" + text.substring(symbolsValue);
            case 8 -> "{\"extra\":" + randomValue(3) + "," + text.substring(1);
            case 10 -> text.substring(0, symbolsValue) + // an entry's first field given twice
                text.substring(symbolsValue).replaceFirst("\\{(\"[a-z]+\":[^,{}\\[\\]]*),", "{$1,$1,");
            case 9 -> text.substring(0, symbolsValue + 1) + "\"ZZZ\":" + randomValue(2) + "," +
                text.substring(symbolsValue + 1);
            default -> text.substring(0, text.length() - 1) + random.space() + "," + random.space() +
                "\"" + randomKey() + "\":" + randomValue(2) + "}";
        };
        return mutated.getBytes(StandardCharsets.UTF_8);
    }

    private String nested(final int levels)
    {
        final StringBuilder json = new StringBuilder();
        final StringBuilder closers = new StringBuilder();
        for (int level = 0; level < levels; level++)
        {
            final boolean object = random.random().nextBoolean();
            json.append(object ? "{\"k\":" : "[");
            closers.insert(0, object ? '}' : ']');
        }
        return json.append(random.random().nextBoolean() ? "1" : "[]").append(closers).toString();
    }

    private String randomValue(final int depth)
    {
        final StringBuilder json = new StringBuilder();
        random.value(json, depth);
        return json.toString();
    }

    private String randomKey()
    {
        final String[] keys = {"timestamp", "service", "symbols", "extra", "time\\u0073tamp", "S000"};
        return keys[random.random().nextInt(keys.length)];
    }

    // ---------------------------------------------------------------------------------------------------------
    // The differential check
    // ---------------------------------------------------------------------------------------------------------

    /** Decodes the message in three placements and against the reference; @return whether it was accepted. */
    private boolean check(final byte[] message)
    {
        final Envelope expected = reference(message);
        final Supplier<String> shown = () -> JsonScannerDifferentialTest.show(message);
        final boolean accepted = decoder.wrap(message, 0, message.length);
        assertEquals(expected != null, accepted, () -> shown.get() + " -> " + decoder.errorReason() + " at " +
            decoder.errorPosition());
        if (accepted)
        {
            compare(expected, shown);
        }
        final String alone = fingerprint(accepted, 0);

        final int lead = random.random().nextInt(17);
        final byte[] junk = random.hostile(lead);
        final byte[] embedded = RandomJson.concat(junk, message, random.hostile(8 + random.random().nextInt(17)));
        assertEquals(alone, fingerprint(decoder.wrap(embedded, lead, message.length), lead),
            () -> "bytes beyond the message changed the result: " + shown.get());
        final byte[] atArrayEnd = RandomJson.concat(junk, message);
        assertEquals(alone, fingerprint(decoder.wrap(atArrayEnd, lead, message.length), lead),
            () -> "the array's end changed the result: " + shown.get());
        return accepted;
    }

    private void compare(final Envelope expected, final Supplier<String> shown)
    {
        assertEquals(expected.timestamp, decoder.timestamp(), shown);
        assertEquals(expected.service, decoder.service().name(), shown);
        assertEquals(expected.entries.size(), decoder.entryCount(), shown);
        for (int e = 0; e < expected.entries.size(); e++)
        {
            final Entry entry = expected.entries.get(e);
            assertEquals(entry.symbolStart, decoder.symbolOffset(e), shown);
            assertEquals(entry.symbolLength, decoder.symbolLength(e), shown);
            decoder.entry(e, view);
            assertEquals(entry.valueStart, view.entryStart(), shown);
            assertEquals(entry.valueEnd, view.entryEnd(), shown);
            assertEquals(entry.fields != null, view.isObject(), shown);
            if (entry.fields == null)
            {
                assertFalse(view.nextField(), shown);
                continue;
            }
            assertEquals(entry.fields.size(), view.fieldCount(), shown);
            for (final Field field : entry.fields)
            {
                assertTrue(view.nextField(), shown);
                assertTrue(view.nameEquals(field.name), shown);
                assertEquals(field.type, view.valueType(), shown);
                assertEquals(field.valueStart, view.valueStart(), shown);
                assertEquals(field.valueEnd, view.valueEnd(), shown);
                if (field.type == EntryView.ValueType.NUMBER)
                {
                    final Supplier<String> number = () -> field.text + " in " + shown.get();
                    assertEquals(Double.doubleToRawLongBits(field.value), Double.doubleToRawLongBits(view.doubleValue()), number);
                    final Long exact = JacksonReference.exactLong(field.text);
                    assertEquals(exact != null, view.isLong(), number);
                    if (exact != null)
                    {
                        assertEquals(exact.longValue(), view.longValue(), number);
                    }
                }
            }
            assertFalse(view.nextField(), shown);
        }
    }

    /** Everything the decoder says about the message it last wrapped, positions relative to {@code base}. */
    private String fingerprint(final boolean accepted, final int base)
    {
        final StringBuilder out = new StringBuilder(256);
        out.append(accepted).append(' ').append(decoder.errorReason()).append('@')
            .append(decoder.errorPosition() < 0 ? -1 : decoder.errorPosition() - base);
        if (!accepted)
        {
            return out.toString();
        }
        out.append(' ').append(decoder.timestamp()).append(' ').append(decoder.service());
        for (int e = 0; e < decoder.entryCount(); e++)
        {
            decoder.entry(e, view);
            out.append("\n").append(decoder.symbolOffset(e) - base).append('+').append(decoder.symbolLength(e))
                .append(' ').append(view.entryStart() - base).append('-').append(view.entryEnd() - base)
                .append(view.isObject() ? " {" : " scalar");
            while (view.nextField())
            {
                out.append(' ').append(view.valueType()).append(view.valueStart() - base).append('-')
                    .append(view.valueEnd() - base);
                if (view.valueType() == EntryView.ValueType.NUMBER)
                {
                    out.append('=').append(Double.doubleToRawLongBits(view.doubleValue())).append('/')
                        .append(view.isLong()).append('/').append(view.longValue());
                }
            }
        }
        return out.toString();
    }

    // ---------------------------------------------------------------------------------------------------------
    // The reference: Jackson's tokens and the envelope rules
    // ---------------------------------------------------------------------------------------------------------

    private static final class Envelope
    {
        long timestamp;
        String service;
        final List<Entry> entries = new ArrayList<>();
    }

    private static final class Entry
    {
        int symbolStart;
        int symbolLength;
        int valueStart;
        int valueEnd;
        List<Field> fields;
    }

    private static final class Field
    {
        byte[] name;
        EntryView.ValueType type;
        int valueStart;
        int valueEnd;
        String text;
        double value;
    }

    /** What the decoder must make of the message, or {@code null} if it must reject it. */
    static Envelope reference(final byte[] message)
    {
        final char[] chars = JacksonReference.text(message, 0, message.length);
        try (JsonParser parser = JacksonReference.FACTORY.createParser(chars, 0, chars.length))
        {
            return parser.nextToken() == JsonToken.START_OBJECT ? envelope(parser, message) : null;
        }
        catch (final IOException e)
        {
            return null;
        }
    }

    private static Envelope envelope(final JsonParser parser, final byte[] message) throws IOException
    {
        final Envelope envelope = new Envelope();
        boolean timestamp = false;
        boolean service = false;
        boolean symbols = false;
        boolean valid = true; // a broken rule rejects the message, but only once Jackson has read all of it
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken())
        {
            final String key = raw(message, offset(parser) + 1);
            final JsonToken value = parser.nextToken();
            if (key.equals("timestamp"))
            {
                final Long exact = value.isNumeric() ? JacksonReference.exactLong(parser.getText()) : null;
                valid &= !timestamp && exact != null;
                envelope.timestamp = exact == null ? 0 : exact;
                timestamp = true;
            }
            else if (key.equals("service"))
            {
                final String name = value == JsonToken.VALUE_STRING ? raw(message, offset(parser) + 1) : "";
                valid &= !service && Arrays.stream(Service.values()).anyMatch(s -> s.name().equals(name));
                envelope.service = name;
                service = true;
            }
            else if (key.equals("symbols"))
            {
                valid &= !symbols && value == JsonToken.START_OBJECT;
                symbols = true;
                if (value == JsonToken.START_OBJECT)
                {
                    valid &= entries(parser, message, envelope);
                    continue;
                }
            }
            valid &= skip(parser);
        }
        final boolean alone = parser.nextToken() == null;
        return valid && alone && timestamp && service && symbols ? envelope : null;
    }

    private static boolean entries(final JsonParser parser, final byte[] message, final Envelope envelope) throws IOException
    {
        boolean valid = true;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken())
        {
            final Entry entry = new Entry();
            entry.symbolStart = offset(parser) + 1;
            entry.symbolLength = raw(message, entry.symbolStart).length();
            final JsonToken value = parser.nextToken();
            entry.valueStart = offset(parser);
            if (value == JsonToken.START_OBJECT)
            {
                entry.fields = new ArrayList<>();
                final java.util.Set<String> names = new java.util.HashSet<>();
                for (JsonToken name = parser.nextToken(); name != JsonToken.END_OBJECT; name = parser.nextToken())
                {
                    final Field field = new Field();
                    final int nameStart = offset(parser) + 1;
                    field.name = Arrays.copyOfRange(message, nameStart, nameStart + raw(message, nameStart).length());
                    valid &= names.add(new String(field.name, StandardCharsets.ISO_8859_1)); // raw bytes, each once
                    final JsonToken fieldValue = parser.nextToken();
                    field.valueStart = offset(parser);
                    field.type = type(fieldValue);
                    if (fieldValue.isNumeric())
                    {
                        field.text = parser.getText();
                        field.value = parser.getDoubleValue();
                        if (fieldValue == JsonToken.VALUE_NUMBER_INT && field.text.startsWith("-") && field.value == 0)
                        {
                            field.value = -0.0;
                        }
                    }
                    valid &= skip(parser);
                    field.valueEnd = end(parser, message, fieldValue, field.valueStart);
                    entry.fields.add(field);
                }
                entry.valueEnd = offset(parser) + 1;
            }
            else
            {
                valid &= skip(parser);
                entry.valueEnd = end(parser, message, value, entry.valueStart);
            }
            envelope.entries.add(entry);
        }
        return valid;
    }

    /**
     * Reads past the value whose first token is current.
     *
     * @return whether no container in it nests deeper than the decoder allows: {@link JsonScanner#MAX_DEPTH}
     * below the envelope, whose own nesting depth is 1.
     */
    private static boolean skip(final JsonParser parser) throws IOException
    {
        if (!parser.currentToken().isStructStart())
        {
            return true;
        }
        final int depth = parser.getParsingContext().getNestingDepth();
        int deepest = depth;
        for (JsonToken token = parser.nextToken(); parser.getParsingContext().getNestingDepth() >= depth; token = parser.nextToken())
        {
            if (token.isStructStart())
            {
                deepest = Math.max(deepest, parser.getParsingContext().getNestingDepth());
            }
        }
        return deepest <= JsonScanner.MAX_DEPTH + 1;
    }

    /** Just after the value that started at {@code start} and has been read to its last token. */
    private static int end(final JsonParser parser, final byte[] message, final JsonToken first, final int start)
        throws IOException
    {
        if (first.isStructStart())
        {
            return offset(parser) + 1;
        }
        if (first == JsonToken.VALUE_STRING)
        {
            return start + 1 + raw(message, start + 1).length() + 1;
        }
        return start + parser.getText().length();
    }

    private static EntryView.ValueType type(final JsonToken token)
    {
        return switch (token)
        {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> EntryView.ValueType.NUMBER;
            case VALUE_STRING -> EntryView.ValueType.STRING;
            case START_OBJECT -> EntryView.ValueType.OBJECT;
            case START_ARRAY -> EntryView.ValueType.ARRAY;
            case VALUE_TRUE -> EntryView.ValueType.TRUE;
            case VALUE_FALSE -> EntryView.ValueType.FALSE;
            default -> EntryView.ValueType.NULL;
        };
    }

    /** Where the current token starts: a byte offset, as Jackson reads one character per byte. */
    private static int offset(final JsonParser parser)
    {
        return (int)parser.currentTokenLocation().getCharOffset();
    }

    /**
     * A string's raw content (escapes as written) from {@code start} to its closing quote, one char per byte.
     * Jackson reads a string value only when asked for the next token, so it may be unclosed here: then up to
     * the end, and Jackson rejects the message a token later.
     */
    private static String raw(final byte[] message, final int start)
    {
        int i = start;
        while (i < message.length && message[i] != '"')
        {
            i += message[i] == '\\' ? 2 : 1;
        }
        return new String(message, start, Math.min(i, message.length) - start, StandardCharsets.ISO_8859_1);
    }
}
