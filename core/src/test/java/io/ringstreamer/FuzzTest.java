package io.ringstreamer;

import io.ringstreamer.format.CanonicalDecoder;
import io.ringstreamer.format.EntryView;
import io.ringstreamer.format.Service;
import io.ringstreamer.metrics.MetricsSnapshot;
import io.ringstreamer.result.Bar;
import io.ringstreamer.result.BarView;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.ErrorView;
import io.ringstreamer.result.ResultListener;
import io.ringstreamer.source.FakeApiStreamer;
import io.ringstreamer.testing.SyntheticBars;
import io.ringstreamer.worker.OneMinuteBars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded fuzzing: valid messages mixed with random bytes, truncations, flipped bytes, inserted
 * garbage, deep nesting, oversize and empty messages. The pipeline must never crash or hang, every
 * message must be processed or rejected (conservation), and every result must equal what a
 * single-threaded reference computes for the same bytes, in order per symbol: with shards that each
 * decode every message and with messages decoded once by shard 0 (some with more entries than a
 * slot's index holds, which each shard decodes itself).
 *
 * <p>CI runs {@value #DEFAULT_MESSAGES} messages; {@code mvn -Pfuzz verify} runs 1,000,000
 * ({@code -Dringstreamer.fuzz.messages=N}).
 */
@Timeout(1800)
class FuzzTest
{
    private static final int DEFAULT_MESSAGES = 10_000;
    private static final int BATCH = 10_000;
    private static final int MAX_MESSAGE_BYTES = 2048;
    private static final List<String> ALL = SyntheticBars.symbols(20);
    private static final List<String> SUBSCRIBED = ALL.subList(0, 16);

    @Test
    void shouldProcessOrRejectEveryMessageExactlyLikeTheReferenceWhenInputIsHostile() throws Exception
    {
        final int total = Integer.getInteger("ringstreamer.fuzz.messages", DEFAULT_MESSAGES);
        final long seed = Long.getLong("ringstreamer.fuzz.seed", 20261128L);
        final SplittableRandom random = new SplittableRandom(seed);
        final List<byte[]> valid = new ArrayList<>();
        for (int perMessage = 1; perMessage <= 4; perMessage++)
        {
            valid.addAll(SyntheticBars.messages(ALL, perMessage, 256, seed + perMessage));
        }
        // More entries than a slot's index holds under DecodeMode.ONCE: each shard decodes these itself.
        valid.addAll(SyntheticBars.messages(ALL, DecodeMode.MAX_INDEXED_ENTRIES + 2, 64, seed + 99));
        long mutatedTotal = 0;
        long checked = 0;
        for (int batch = 0; checked < total; batch++)
        {
            final int count = (int)Math.min(BATCH, total - checked);
            final List<byte[]> messages = new ArrayList<>(count);
            for (int i = 0; i < count; i++)
            {
                final byte[] base = valid.get(random.nextInt(valid.size()));
                final byte[] message = random.nextInt(10) < 4 ? base : mutate(base, random);
                mutatedTotal += message == base ? 0 : 1;
                messages.add(message);
            }
            runAndCompare(messages, 1 + batch % 3, DecodeMode.EACH_SHARD, seed, batch);
            runAndCompare(messages, 2 + batch % 2, DecodeMode.ONCE, seed, batch);
            runAndCompare(messages, 2 + batch % 2, DecodeMode.EACH_SHARD, seed, batch);
            checked += count;
        }
        System.out.printf("fuzz: %d messages (%d mutated), seed %d: all processed or rejected as the reference%n",
            checked, mutatedTotal, seed);
    }

    private static void runAndCompare(final List<byte[]> messages, final int shards, final DecodeMode decode,
                                      final long seed, final int batch)
        throws Exception
    {
        final Reference expected = Reference.of(messages);
        final Recorder actual = new Recorder();
        try (Pipeline pipeline = Pipeline.builder().symbols(SUBSCRIBED).shards(shards).decode(decode).ringSize(256)
            .maxMessageBytes(MAX_MESSAGE_BYTES).slotBytes(512)
            .streamer(new FakeApiStreamer(messages)).listener(actual).build().start())
        {
            assertTrue(pipeline.awaitTermination(120, TimeUnit.SECONDS), "no hang");
            final MetricsSnapshot m = pipeline.metrics().snapshot();
            assertEquals(messages.size(), m.received());
            assertEquals(m.received(), m.processed() + m.rejected() + m.dropped(), m.toString());
            assertEquals(expected.rejectedMessages, m.rejected(), "seed " + seed + " batch " + batch);
            assertEquals(decode, pipeline.decodeMode());
        }
        final String run = "seed " + seed + " batch " + batch + ", " + shards + " shards, decode " + decode;
        assertEquals(expected.messageErrors, actual.messageErrors, run);
        assertEquals(expected.bySymbol, actual.bySymbol, run);
        assertEquals(List.of("ConnectionError"), actual.streamErrors);
    }

    private static byte[] mutate(final byte[] base, final SplittableRandom random)
    {
        switch (random.nextInt(10))
        {
            case 0: // random bytes
            {
                final byte[] bytes = new byte[random.nextInt(0, 300)];
                for (int i = 0; i < bytes.length; i++)
                {
                    bytes[i] = (byte)random.nextInt(256);
                }
                return bytes;
            }
            case 1: // truncated
                return Arrays.copyOf(base, random.nextInt(base.length));
            case 2: // a few bytes replaced by anything (non-ASCII, control characters, quotes, digits)
            {
                final byte[] bytes = base.clone();
                for (int k = random.nextInt(1, 4); k > 0; k--)
                {
                    bytes[random.nextInt(bytes.length)] = (byte)random.nextInt(256);
                }
                return bytes;
            }
            case 3: // JSON-ish garbage inserted
            {
                final String[] garbage = {",", "}", "{", "[", "]", "\"", ":", "null", "1e999", "-", "\\u12", "\u00e9", "\"x\":"};
                final int at = random.nextInt(base.length);
                final byte[] insert = garbage[random.nextInt(garbage.length)].getBytes(StandardCharsets.UTF_8);
                final byte[] bytes = new byte[base.length + insert.length];
                System.arraycopy(base, 0, bytes, 0, at);
                System.arraycopy(insert, 0, bytes, at, insert.length);
                System.arraycopy(base, at, bytes, at + insert.length, base.length - at);
                return bytes;
            }
            case 4: // deeply nested unknown field
            {
                final int depth = random.nextInt(20, 60);
                final String nested = "[".repeat(depth) + "1" + "]".repeat(depth);
                return replaceFirst(base, "\"service\"", "\"deep\":" + nested + ",\"service\"");
            }
            case 5: // a value of the wrong type or out of range
            {
                final String[] values = {"\"1\"", "-1", "0", "1e400", "true", "null", "[]", "{}", "99999999999999999999"};
                final String[] fields = {"\"open\":", "\"high\":", "\"low\":", "\"close\":", "\"volume\":", "\"datetime\":"};
                final String field = fields[random.nextInt(fields.length)];
                final String text = new String(base, StandardCharsets.UTF_8);
                final int at = text.indexOf(field);
                final int comma = text.indexOf(',', at);
                final int brace = text.indexOf('}', at);
                final int stop = comma < 0 ? brace : Math.min(comma, brace);
                return (text.substring(0, at + field.length()) + values[random.nextInt(values.length)] + text.substring(stop))
                    .getBytes(StandardCharsets.UTF_8);
            }
            case 6: // two messages stuck together
            {
                final byte[] bytes = Arrays.copyOf(base, base.length * 2);
                System.arraycopy(base, 0, bytes, base.length, base.length);
                return bytes;
            }
            case 7: // oversize
            {
                final byte[] bytes = Arrays.copyOf(base, MAX_MESSAGE_BYTES + 1 + random.nextInt(100));
                Arrays.fill(bytes, base.length, bytes.length, (byte)' ');
                return bytes;
            }
            case 8: // empty or blank
                return random.nextBoolean() ? new byte[0] : "  \t ".getBytes(StandardCharsets.US_ASCII);
            default: // an entry that is not an object
                return replaceFirst(base, "\"symbols\":{\"", "\"symbols\":{\"S000\":[1,2],\"");
        }
    }

    private static byte[] replaceFirst(final byte[] base, final String target, final String replacement)
    {
        return new String(base, StandardCharsets.UTF_8).replaceFirst(java.util.regex.Pattern.quote(target),
            java.util.regex.Matcher.quoteReplacement(replacement)).getBytes(StandardCharsets.UTF_8);
    }

    /** What the pipeline must produce, computed on one thread from the same bytes. */
    private static final class Reference extends io.ringstreamer.testing.UnexpectedResultSink
    {
        final List<String> messageErrors = new ArrayList<>();
        final Map<String, List<String>> bySymbol = new HashMap<>();
        long rejectedMessages;
        private String symbol;
        private long sequence;

        static Reference of(final List<byte[]> messages)
        {
            final Reference reference = new Reference();
            final Set<String> subscribed = new HashSet<>(SUBSCRIBED);
            final CanonicalDecoder decoder = new CanonicalDecoder();
            final EntryView entry = new EntryView();
            final Map<String, OneMinuteBars> components = new HashMap<>();
            for (int i = 0; i < messages.size(); i++)
            {
                final byte[] message = messages.get(i);
                reference.sequence = i;
                if (message.length > MAX_MESSAGE_BYTES)
                {
                    reference.messageErrors.add(i + " MessageTooLarge");
                    reference.rejectedMessages++;
                    continue;
                }
                if (!decoder.wrap(message, 0, message.length))
                {
                    reference.messageErrors.add(i + " MalformedMessage");
                    reference.rejectedMessages++;
                    continue;
                }
                for (int e = 0; e < decoder.entryCount(); e++)
                {
                    final String symbol = new String(message, decoder.symbolOffset(e), decoder.symbolLength(e),
                        StandardCharsets.UTF_8);
                    if (!subscribed.contains(symbol) || decoder.service() != Service.CHART_EQUITY)
                    {
                        continue;
                    }
                    reference.symbol = symbol;
                    if (!decoder.entry(e, entry).isObject())
                    {
                        reference.reject(ErrorKind.INVALID_ENTRY, "entry is not a JSON object");
                        continue;
                    }
                    components.computeIfAbsent(symbol, s -> new OneMinuteBars()).onEntry(entry, reference);
                }
            }
            return reference;
        }

        private List<String> results()
        {
            return bySymbol.computeIfAbsent(symbol, s -> new ArrayList<>());
        }

        @Override
        public void bar(final double open, final double high, final double low, final double close, final long volume,
                        final long barStartMillis)
        {
            results().add(new Bar(symbol, open, high, low, close, volume, barStartMillis, sequence).toString());
        }

        @Override
        public void reject(final ErrorKind kind, final String reason)
        {
            results().add(sequence + " " + kind.label() + " " + reason);
        }
    }

    /** What the pipeline produced, in delivery order. */
    private static final class Recorder implements ResultListener
    {
        final List<String> messageErrors = new ArrayList<>();
        final Map<String, List<String>> bySymbol = new HashMap<>();
        final List<String> streamErrors = new ArrayList<>();

        @Override
        public void onBar(final BarView bar)
        {
            bySymbol.computeIfAbsent(bar.symbol(), s -> new ArrayList<>()).add(bar.toBar().toString());
        }

        @Override
        public void onError(final ErrorView error)
        {
            if (error.symbol() != null)
            {
                bySymbol.computeIfAbsent(error.symbol(), s -> new ArrayList<>())
                    .add(error.sequence() + " " + error.kind().label() + " " + error.message());
            }
            else if (error.sequence() >= 0)
            {
                messageErrors.add(error.sequence() + " " + error.kind().label());
            }
            else
            {
                streamErrors.add(error.kind().label());
            }
        }
    }
}
