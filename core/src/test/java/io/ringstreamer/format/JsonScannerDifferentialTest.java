package io.ringstreamer.format;

import io.ringstreamer.format.internal.JsonScanner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Differential tests of {@link JsonScanner} against references: Jackson decides which texts are valid JSON,
 * {@link Double#parseDouble} and {@link java.math.BigDecimal} what a number is worth, and a byte loop written
 * here from RFC 8259 where a string ends. They check behaviour, not implementation, so that a rewrite of the
 * scanner's inner loops (words of 8 bytes instead of single bytes) can be held to the byte loops' results.
 *
 * <p>Every case runs in three placements whose outcomes (positions relative to the start, error reason and
 * position, number value) must be identical: the text alone in an array of its length; embedded after junk and
 * followed by hostile bytes (digits, quotes, backslashes, more JSON) beyond {@code end}; and after junk at the
 * very end of its array, so that a word read across {@code end} would leave the array. A scanner that reads
 * meaning from bytes at or beyond {@code end}, or reads past the array, fails here.
 *
 * <p>Trailing bytes: {@link JsonScanner#skipValue(int)} validates one value and stops after it; what follows
 * is its caller's business. So a case's text is judged as a JSON text (white space, one value, white space):
 * the scanner accepts it iff {@code skipValue} succeeds and only white space follows, Jackson iff it reads
 * exactly one value and then the end of input (nesting within {@link JsonScanner#MAX_DEPTH}), and on acceptance
 * {@code skipValue} must end exactly after the value's last byte. When the scanner takes a value and garbage
 * follows ({@code 12]}, {@code truex}, {@code {}{}}), the value it took must itself be valid for Jackson and
 * complete: a number is not cut short (what follows cannot continue it), with one documented exception, a zero
 * followed by digits ({@code 01}), where {@code skipNumber} ends after the zero.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a shallow stack halves the cost of Jackson's exceptions
class JsonScannerDifferentialTest
{
    private static final int LEADING_ZERO = -2;

    private final JsonScanner scanner = new JsonScanner();
    private RandomJson random;

    /** What one scanning call observably did, positions relative to where it started. */
    private record Outcome(int position, int valueStart, int afterValue, String reason, int errorPosition,
                           long numberBits, boolean longExact, long longValue)
    {
    }

    @FunctionalInterface
    private interface Scan
    {
        Outcome run(JsonScanner scanner, int start);
    }

    private static int relative(final int position, final int start)
    {
        return position < 0 ? position : position - start;
    }

    private static Outcome outcome(final JsonScanner scanner, final int start, final int position)
    {
        return new Outcome(relative(position, start), 0, 0, scanner.errorReason(),
            relative(scanner.errorPosition(), start), 0, false, 0);
    }

    /** White space, one value, white space: the value's start and end, and where the white space after it ends. */
    private static final Scan VALUE = (scanner, start) ->
    {
        final int valueStart = scanner.skipWhitespace(start);
        final int end = scanner.skipValue(valueStart);
        final int after = end < 0 ? -1 : scanner.skipWhitespace(end);
        return new Outcome(relative(end, start), relative(valueStart, start), relative(after, start),
            scanner.errorReason(), relative(scanner.errorPosition(), start), 0, false, 0);
    };

    private static final Scan PARSE_NUMBER = (scanner, start) ->
    {
        final int end = scanner.parseNumber(start);
        if (end < 0)
        {
            return outcome(scanner, start, end);
        }
        return new Outcome(relative(end, start), 0, 0, scanner.errorReason(), relative(scanner.errorPosition(), start),
            Double.doubleToRawLongBits(scanner.numberValue()), scanner.isLongExact(),
            scanner.isLongExact() ? scanner.longValue() : 0);
    };

    private static final Scan SKIP_NUMBER = (scanner, start) -> outcome(scanner, start, scanner.skipNumber(start));

    private static final Scan SKIP_STRING = (scanner, start) -> outcome(scanner, start, scanner.skipString(start));

    // ---------------------------------------------------------------------------------------------------------
    // Values against Jackson
    // ---------------------------------------------------------------------------------------------------------

    /** How many cases of each verdict a run saw, so that a run that tests nothing fails. */
    private static final class Verdicts
    {
        int accepted;
        int rejected;
        int valueThenGarbage;
    }

    @Test
    void shouldAcceptEveryValueWithItsExactEndWhenValuesAreRandomAndValid()
    {
        random = new RandomJson(20_240_701L);
        final Verdicts verdicts = new Verdicts();
        for (int i = 0; i < 50_000; i++)
        {
            final byte[] text = random.value(6);
            final int depth = JacksonReference.depthOfOneValue(text, 0, text.length);
            assertTrue(depth >= 0, () -> "the generator made invalid JSON: " + show(text));
            checkValue(text, verdicts);
        }
        assertEquals(50_000, verdicts.accepted);
    }

    @Test
    void shouldAcceptExactlyWhatJacksonAcceptsWhenValuesAreMutated()
    {
        random = new RandomJson(20_240_702L);
        final Verdicts verdicts = new Verdicts();
        for (int i = 0; i < 70_000; i++)
        {
            checkValue(random.mutate(random.value(6)), verdicts);
        }
        assertAllVerdictsSeen(verdicts, 70_000);
    }

    @Test
    void shouldRejectExactlyWhatNestsBeyondMaxDepthWhenValuesAreDeep()
    {
        random = new RandomJson(20_240_703L);
        final Verdicts verdicts = new Verdicts();
        for (int levels = JsonScanner.MAX_DEPTH - 4; levels <= JsonScanner.MAX_DEPTH + 4; levels++)
        {
            for (int i = 0; i < 300; i++)
            {
                final StringBuilder json = new StringBuilder();
                final String[] closers = new String[levels];
                for (int level = 0; level < levels; level++)
                {
                    final boolean object = random.random().nextBoolean();
                    json.append(object ? "{\"k\":" : "[").append(random.space());
                    closers[level] = object ? "}" : "]";
                }
                random.value(json, random.random().nextInt(3));
                for (int level = levels - 1; level >= 0; level--)
                {
                    json.append(random.space()).append(closers[level]);
                }
                final byte[] text = json.toString().getBytes(StandardCharsets.UTF_8);
                checkValue(i % 3 == 0 ? random.mutate(text) : text, verdicts);
            }
        }
        assertAllVerdictsSeen(verdicts, 9 * 300);
    }

    /**
     * Numbers and strings of every length 0..20 whose start is each of the last 10 positions before
     * {@code end} (cut short by it) and whose end is each of the last 10 (followed by up to 9 bytes); the bytes
     * beyond {@code end} go on with the token's own continuation, then hostile bytes.
     */
    @Test
    void shouldReadNothingAtOrBeyondEndWhenNumbersAndStringsOfEveryLengthEndNearIt()
    {
        random = new RandomJson(20_240_704L);
        final Verdicts verdicts = new Verdicts();
        final String[] followers = {",", "]", "}", " ", "\"", "\\", "0", "5", ".", "e", "E", "-", "x", "\u00e9"};
        int cases = 0;
        for (int length = 0; length <= 20; length++)
        {
            for (int repeat = 0; repeat < 25; repeat++)
            {
                for (final boolean number : new boolean[] {true, false})
                {
                    final byte[] token = number ?
                        (length == 0 ? new byte[0] : RandomJson.ascii(random.numberOfLength(length))) :
                        randomString(length, true);
                    final byte[] stream = RandomJson.concat(token,
                        followers[random.random().nextInt(followers.length)].getBytes(StandardCharsets.UTF_8),
                        random.hostile(8 + random.random().nextInt(9)), random.hostile(8));
                    for (int k = 1; k <= 20; k++)
                    {
                        final int visible = k <= 10 ? k : token.length + k - 11;
                        final byte[] text = Arrays.copyOf(stream, visible);
                        final byte[] beyond = Arrays.copyOfRange(stream, visible, stream.length);
                        final int lead = random.random().nextInt(17);
                        checkValue(text, beyond, lead, verdicts);
                        if (number)
                        {
                            checkNumber(text, beyond, lead);
                        }
                        else
                        {
                            checkString(text, beyond, lead);
                        }
                        cases++;
                    }
                }
            }
        }
        assertAllVerdictsSeen(verdicts, cases);
    }

    private void checkValue(final byte[] text, final Verdicts verdicts)
    {
        checkValue(text, random.hostile(8 + random.random().nextInt(17)), random.random().nextInt(17), verdicts);
    }

    private void checkValue(final byte[] text, final byte[] beyond, final int lead, final Verdicts verdicts)
    {
        final Outcome outcome = everywhere(text, beyond, lead, VALUE);
        final int depth = JacksonReference.depthOfOneValue(text, 0, text.length);
        final boolean jacksonAccepts = depth >= 0 && depth <= JsonScanner.MAX_DEPTH;
        final boolean scannerAccepts = outcome.position() >= 0 && outcome.afterValue() == text.length;
        final Supplier<String> message = () -> show(text) + " -> " + outcome + ", Jackson depth " + depth;
        assertEquals(jacksonAccepts, scannerAccepts, message);
        if (jacksonAccepts)
        {
            assertEquals(lastNonWhitespace(text) + 1, outcome.position(), message);
            verdicts.accepted++;
        }
        else if (outcome.position() >= 0)
        {
            final int start = outcome.valueStart();
            final int end = outcome.position();
            final int taken = JacksonReference.depthOfOneValue(text, start, end);
            assertTrue(taken >= 0 && taken <= JsonScanner.MAX_DEPTH, () -> "took an invalid value: " + message.get());
            assertNumberComplete(text, start, end, message);
            verdicts.valueThenGarbage++;
        }
        else
        {
            verdicts.rejected++;
        }
    }

    private static void assertNumberComplete(final byte[] text, final int start, final int end,
                                             final Supplier<String> message)
    {
        final byte first = text[start];
        if (end >= text.length || (first != '-' && !isDigit(first)))
        {
            return;
        }
        final String number = new String(text, start, end - start, StandardCharsets.US_ASCII);
        final boolean fraction = number.indexOf('.') >= 0;
        final boolean exponent = number.indexOf('e') >= 0 || number.indexOf('E') >= 0;
        final boolean zero = number.equals("0") || number.equals("-0");
        final byte next = text[end];
        assertFalse(isDigit(next) && !zero, () -> "number cut short: " + message.get());
        assertFalse(next == '.' && !fraction && !exponent, () -> "number cut short: " + message.get());
        assertFalse((next == 'e' || next == 'E') && !exponent, () -> "number cut short: " + message.get());
    }

    private static void assertAllVerdictsSeen(final Verdicts verdicts, final int cases)
    {
        assertEquals(cases, verdicts.accepted + verdicts.rejected + verdicts.valueThenGarbage);
        assertTrue(verdicts.accepted > cases / 20, () -> "too few accepted: " + verdicts.accepted);
        assertTrue(verdicts.rejected > cases / 20, () -> "too few rejected: " + verdicts.rejected);
        assertTrue(verdicts.valueThenGarbage > cases / 200, () -> "too few values then garbage: " + verdicts.valueThenGarbage);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Numbers against Double.parseDouble and BigDecimal
    // ---------------------------------------------------------------------------------------------------------

    /**
     * Numbers of every shape (see {@link RandomJson#number()}) followed beyond {@code end} by more digits, a
     * fraction or an exponent: {@code parseNumber} stops at {@code end}, its double is {@link Double#parseDouble}'s
     * bit for bit, and it is long-exact, with the same long, exactly when {@link java.math.BigDecimal} finds a
     * whole number within a long's range; {@code skipNumber} stops at {@code end} too.
     */
    @Test
    void shouldParseLikeDoubleParseDoubleAndBigDecimalWhenNumbersHaveEveryShape()
    {
        random = new RandomJson(20_240_705L);
        int exact = 0;
        for (int i = 0; i < 200_000; i++)
        {
            final String number = random.number();
            final byte[] text = RandomJson.ascii(number);
            final Outcome parsed = everywhere(text, numberContinuation(), random.random().nextInt(17), PARSE_NUMBER);
            assertEquals(text.length, parsed.position(), number);
            assertEquals(Double.doubleToRawLongBits(Double.parseDouble(number)), parsed.numberBits(),
                () -> number + " parsed as " + Double.longBitsToDouble(parsed.numberBits()));
            assertLongExactLikeBigDecimal(number, parsed);
            exact += parsed.longExact() ? 1 : 0;
            assertEquals(text.length, everywhere(text, numberContinuation(), random.random().nextInt(17), SKIP_NUMBER).position(), number);
        }
        assertTrue(exact > 20_000 && exact < 180_000, "long-exact numbers: " + exact);
    }

    @Test
    void shouldReportWholeLongsExactlyLikeBigDecimalWhenNumbersAreAtTheEdgesOfLongAndDouble()
    {
        random = new RandomJson(20_240_707L);
        final String[] numbers = {
            "0", "-0", "0.0", "-0.0e-0", "0e-400", "0e99999999999", "1521", "26.0", "26.000", "1e3", "1.5e1", "1E+3",
            "999999999999999999", "1000000000000000000", "1e18", "1e19", "9.99e18",
            "9223372036854775807", "-9223372036854775807", "-9223372036854775808", "9223372036854775808",
            "-9223372036854775809", "9223372036854775807.0", "922337203685477580.7e1", "9.223372036854775807E18",
            "-9.223372036854775808e18", "9.223372036854775808e18", "10000000000000000000", "18446744073709551615",
            "18446744073709551616", "99999999999999999999", "1234567890123456789", "-1234567890123456789",
            "9007199254740992", "9007199254740993", "9007199254740993.0", "123456789012345e4", "12345678901234567.5",
            "26.0000000000000000000", "1.00000000000000001", "0.99999999999999999", "1e-400", "1e400", "1e99999999999",
            "4.9e-324", "2.2250738585072014E-308", "1.7976931348623157e308", "1.7976931348623159e308",
            "0.1", "0.30000000000000004", "123.456e-2", "100e-2", "1000000000000000000000e-3",
        };
        for (final String number : numbers)
        {
            final byte[] text = RandomJson.ascii(number);
            for (int lead = 0; lead < 16; lead++)
            {
                final Outcome parsed = everywhere(text, numberContinuation(), lead, PARSE_NUMBER);
                assertEquals(text.length, parsed.position(), number);
                assertEquals(Double.doubleToRawLongBits(Double.parseDouble(number)), parsed.numberBits(), number);
                assertLongExactLikeBigDecimal(number, parsed);
            }
        }
        // The reference itself, on the values that matter most.
        assertEquals(Long.MAX_VALUE, JacksonReference.exactLong("9223372036854775807"));
        assertEquals(Long.MIN_VALUE, JacksonReference.exactLong("-9223372036854775808"));
        assertEquals(null, JacksonReference.exactLong("9223372036854775808"));
        assertEquals(26L, JacksonReference.exactLong("26.0000000000000000000"));
        assertEquals(null, JacksonReference.exactLong("1.00000000000000001"));
        assertEquals(1234567890123450000L, JacksonReference.exactLong("123456789012345e4"));
    }

    private static void assertLongExactLikeBigDecimal(final String number, final Outcome parsed)
    {
        final Long expected = JacksonReference.exactLong(number);
        assertEquals(expected != null, parsed.longExact(), () -> number + ": long-exact should be " + (expected != null));
        if (expected != null)
        {
            assertEquals(expected.longValue(), parsed.longValue(), number);
        }
    }

    /**
     * Valid and broken numbers (a character inserted, replaced or deleted, or cut short): {@code skipNumber}
     * ends where {@code parseNumber} ends and fails where it fails, both as the reference byte loop says, except
     * for a zero followed by a digit ({@code 01}, {@code -00.5}): {@code parseNumber} rejects it, while
     * {@code skipNumber} ends after the zero and leaves the digit to its caller, which rejects it there.
     */
    @Test
    void shouldSkipToWhereParseNumberEndsWhenNumbersAreValidOrBroken()
    {
        random = new RandomJson(20_240_708L);
        final byte[] edits = RandomJson.concat(RandomJson.ascii("0123456789-+.eExa ,]"), RandomJson.NEAR_DIGITS);
        int broken = 0;
        int leadingZero = 0;
        for (int i = 0; i < 100_000; i++)
        {
            byte[] text = RandomJson.ascii(random.number());
            final int at = random.random().nextInt(text.length + 1);
            final byte edit = edits[random.random().nextInt(edits.length)];
            switch (random.random().nextInt(5))
            {
                case 0 -> text = RandomJson.insert(text, at, new byte[] {edit});
                case 1 -> text = Arrays.copyOf(text, at);
                case 2 ->
                {
                    if (at < text.length)
                    {
                        text[at] = edit;
                    }
                }
                case 3 ->
                {
                    if (at < text.length)
                    {
                        text = RandomJson.concat(Arrays.copyOf(text, at),
                            Arrays.copyOfRange(text, at + 1, text.length));
                    }
                }
                default ->
                {
                }
            }
            final int expected = checkNumber(text, numberContinuation(), random.random().nextInt(17));
            broken += expected < 0 ? 1 : 0;
            leadingZero += expected == LEADING_ZERO ? 1 : 0;
        }
        assertTrue(broken > 7_000, "broken numbers: " + broken);
        assertTrue(leadingZero > 300, "numbers with a leading zero: " + leadingZero);
    }

    /** @return what the reference says: the number's end, -1 if broken, or {@link #LEADING_ZERO}. */
    private int checkNumber(final byte[] text, final byte[] beyond, final int lead)
    {
        final Outcome parsed = everywhere(text, beyond, lead, PARSE_NUMBER);
        final Outcome skipped = everywhere(text, beyond, lead, SKIP_NUMBER);
        final int expected = referenceNumberEnd(text, text.length);
        final Supplier<String> message = () -> show(text) + ": reference " + expected + ", parseNumber " + parsed +
            ", skipNumber " + skipped;
        if (expected == LEADING_ZERO)
        {
            assertEquals(JsonScanner.INVALID, parsed.position(), message);
            assertEquals(text[0] == '-' ? 2 : 1, skipped.position(), message);
            return expected;
        }
        assertEquals(expected, parsed.position(), message);
        assertEquals(expected, skipped.position(), message);
        if (expected >= 0)
        {
            final String number = new String(text, 0, expected, StandardCharsets.US_ASCII);
            assertEquals(Double.doubleToRawLongBits(Double.parseDouble(number)), parsed.numberBits(), message);
            assertLongExactLikeBigDecimal(number, parsed);
        }
        else
        {
            assertEquals(JsonScanner.INVALID, parsed.position(), message);
            assertNotEquals(null, parsed.reason(), message);
            assertEquals(parsed.reason(), skipped.reason(), message);
        }
        return expected;
    }

    /**
     * RFC 8259's number grammar as a byte loop that commits like a streaming reader: once a '.' or an 'e' is
     * seen, digits must follow.
     *
     * @return the end of the number at 0, -1 if there is none, or {@link #LEADING_ZERO} if a zero integer
     * part is followed by a digit.
     */
    static int referenceNumberEnd(final byte[] text, final int end)
    {
        int i = 0;
        if (i < end && text[i] == '-')
        {
            i++;
        }
        final int integer = i;
        while (i < end && isDigit(text[i]))
        {
            i++;
        }
        if (i == integer)
        {
            return -1;
        }
        if (text[integer] == '0' && i - integer > 1)
        {
            return LEADING_ZERO;
        }
        if (i < end && text[i] == '.')
        {
            final int fraction = ++i;
            while (i < end && isDigit(text[i]))
            {
                i++;
            }
            if (i == fraction)
            {
                return -1;
            }
        }
        if (i < end && (text[i] == 'e' || text[i] == 'E'))
        {
            i++;
            if (i < end && (text[i] == '+' || text[i] == '-'))
            {
                i++;
            }
            final int exponent = i;
            while (i < end && isDigit(text[i]))
            {
                i++;
            }
            if (i == exponent)
            {
                return -1;
            }
        }
        return i;
    }

    /** Bytes that would lengthen or change a number if read past its end. */
    private byte[] numberContinuation()
    {
        final String[] continuations = {"0123456789", "5", ".5", "e5", "E+5", "e-", "00", "-1"};
        return RandomJson.concat(RandomJson.ascii(continuations[random.random().nextInt(continuations.length)]),
            random.hostile(8 + random.random().nextInt(9)));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Strings against an RFC 8259 byte loop
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void shouldEndStringsWhereTheRfcByteLoopDoesWhenStringsAreRandomAtEveryAlignment()
    {
        random = new RandomJson(20_240_709L);
        int valid = 0;
        int invalid = 0;
        for (int length = 0; length <= 40; length++)
        {
            for (int lead = 0; lead < 16; lead++)
            {
                for (int repeat = 0; repeat < 80; repeat++)
                {
                    final byte[] text = randomString(length, random.random().nextInt(8) != 0);
                    final byte[] beyond = RandomJson.concat(RandomJson.ascii(random.random().nextBoolean() ? "\"" : "\\"),
                        random.hostile(8 + random.random().nextInt(9)));
                    final int expected = checkString(text, beyond, lead);
                    valid += expected >= 0 ? 1 : 0;
                    invalid += expected < 0 ? 1 : 0;
                    if (expected == text.length || expected < 0)
                    {
                        final boolean whole = expected == text.length;
                        assertEquals(whole, JacksonReference.depthOfOneValue(text, 0, text.length) == 0,
                            () -> "the reference disagrees with Jackson on " + show(text));
                    }
                }
            }
        }
        assertTrue(valid > 15_000 && invalid > 15_000, "valid strings " + valid + ", invalid " + invalid);
    }

    /** @return the reference end of the string whose opening quote is at 0, or -1. */
    private int checkString(final byte[] text, final byte[] beyond, final int lead)
    {
        final Outcome skipped = everywhere(text, beyond, lead, SKIP_STRING);
        final int expected = referenceStringEnd(text, text.length);
        assertEquals(expected, skipped.position(), () -> show(text) + " -> " + skipped);
        return expected;
    }

    /**
     * RFC 8259 section 7 as a byte loop over a string at 0: unescaped content is 0x20 and above except '"' and
     * '\', escapes are the eight single characters and u with four hex digits. Bytes from 0x80 up are content
     * (UTF-8 is not validated: the scanner does not either).
     *
     * @return the position after the closing quote, or -1.
     */
    static int referenceStringEnd(final byte[] text, final int end)
    {
        int i = 1;
        while (i < end)
        {
            final int c = text[i] & 0xFF;
            if (c == '"')
            {
                return i + 1;
            }
            if (c < 0x20)
            {
                return -1;
            }
            if (c != '\\')
            {
                i++;
                continue;
            }
            if (i + 1 >= end)
            {
                return -1;
            }
            final int escaped = text[i + 1] & 0xFF;
            if (escaped == 'u')
            {
                for (int h = i + 2; h < i + 6; h++)
                {
                    if (h >= end || "0123456789abcdefABCDEF".indexOf(text[h] & 0xFF) < 0)
                    {
                        return -1;
                    }
                }
                i += 6;
            }
            else if ("\"\\/bfnrt".indexOf(escaped) >= 0)
            {
                i += 2;
            }
            else
            {
                return -1;
            }
        }
        return -1;
    }

    /**
     * A string of {@code length} content bytes: mostly plain ASCII, with valid and bad escapes, control
     * characters, quotes, high bytes (from valid UTF-8 or alone) and bytes a word-at-a-time test could mistake
     * for a quote, backslash or control character.
     */
    private byte[] randomString(final int length, final boolean closed)
    {
        final ByteArrayOutputStream content = new ByteArrayOutputStream();
        while (content.size() < length)
        {
            final int kind = random.random().nextInt(100);
            if (kind < 45)
            {
                int c;
                do
                {
                    c = random.random().nextInt(0x20, 0x7F);
                }
                while (c == '"' || c == '\\');
                content.write(c);
            }
            else if (kind < 55)
            {
                content.write('\\');
                content.write("\"\\/bfnrt".charAt(random.random().nextInt(8)));
            }
            else if (kind < 60)
            {
                content.writeBytes(RandomJson.ascii("\\u"));
                for (int h = 0; h < 4; h++)
                {
                    content.write(random.random().nextInt(12) == 0 ? 'g' : "0123456789abcdefABCDEF".charAt(random.random().nextInt(22)));
                }
            }
            else if (kind < 62)
            {
                content.writeBytes(RandomJson.ascii("\\" + "xu'0 a".charAt(random.random().nextInt(6))));
            }
            else if (kind < 64)
            {
                content.write(random.random().nextInt(0x20));
            }
            else if (kind < 66)
            {
                content.write('"');
            }
            else if (kind < 78)
            {
                content.write(random.random().nextInt(0x80, 0x100));
            }
            else if (kind < 88)
            {
                final String[] wide = {"\u00e9", "\u20ac", "\ud83d\udcc8", "\u07ff"};
                content.writeBytes(wide[random.random().nextInt(wide.length)].getBytes(StandardCharsets.UTF_8));
            }
            else
            {
                // One bit away from '"', '\' or a control character: 0xA2, 0x5D, 0x7C, 0x20, 0x3F ...
                final int[] near = {0xA2, 0x22 ^ 0x40, 0xDC, 0x5D, 0x7C, 0x20, 0x21, 0x3F, 0x7F, 0x9F, 0xE0};
                content.write(near[random.random().nextInt(near.length)]);
            }
        }
        final byte[] bytes = Arrays.copyOf(content.toByteArray(), length);
        return RandomJson.concat(RandomJson.ascii("\""), bytes, closed ? RandomJson.ascii("\"") : new byte[0]);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Placements
    // ---------------------------------------------------------------------------------------------------------

    /**
     * Runs {@code scan} on {@code text} alone, embedded after {@code lead} junk bytes with {@code beyond} after
     * {@code end}, and after the junk at the very end of the array; asserts the three outcomes are identical.
     */
    private Outcome everywhere(final byte[] text, final byte[] beyond, final int lead, final Scan scan)
    {
        final Outcome alone = scan.run(scanner.wrap(text, text.length), 0);
        final byte[] junk = random.hostile(lead);
        final byte[] embedded = RandomJson.concat(junk, text, beyond);
        final Outcome inside = scan.run(scanner.wrap(embedded, lead + text.length), lead);
        assertEquals(alone, inside, () -> "bytes beyond end changed the outcome: " + show(text) + " | beyond: " + show(beyond));
        final byte[] atArrayEnd = RandomJson.concat(junk, text);
        final Outcome atEnd = scan.run(scanner.wrap(atArrayEnd, atArrayEnd.length), lead);
        assertEquals(alone, atEnd, () -> "the array's end changed the outcome: " + show(text) + " after " + lead);
        return alone;
    }

    private static int lastNonWhitespace(final byte[] text)
    {
        int i = text.length - 1;
        while (i >= 0 && (text[i] == ' ' || text[i] == '\n' || text[i] == '\r' || text[i] == '\t'))
        {
            i--;
        }
        return i;
    }

    private static boolean isDigit(final byte b)
    {
        return b >= '0' && b <= '9';
    }

    /** The bytes as Java source would write them: printable ASCII as is, everything else escaped. */
    static String show(final byte[] bytes)
    {
        final StringBuilder shown = new StringBuilder(bytes.length + 16).append('"');
        for (final byte b : bytes)
        {
            final int c = b & 0xFF;
            if (c == '"' || c == '\\')
            {
                shown.append('\\').append((char)c);
            }
            else if (c >= 0x20 && c < 0x7F)
            {
                shown.append((char)c);
            }
            else
            {
                shown.append(String.format("\\x%02X", c));
            }
        }
        return shown.append("\" (").append(bytes.length).append(" bytes)").toString();
    }
}
