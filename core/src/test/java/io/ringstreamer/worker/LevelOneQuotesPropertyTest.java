package io.ringstreamer.worker;

import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.Quote;
import io.ringstreamer.result.StreamError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.ringstreamer.worker.LevelOneQuotes.LAST;
import static io.ringstreamer.worker.LevelOneQuotes.NAMES;
import static io.ringstreamer.worker.LevelOneQuotes.QUOTE_TIME;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Random partial updates, some invalid, against a direct model (the last accepted value of each
 * field): for 300 seeds, every symbol's results must equal the model's, quote for quote and rejection
 * for rejection.
 */
@Timeout(300)
class LevelOneQuotesPropertyTest
{
    private static final int SEEDS = 300;
    private static final int MESSAGES = 40;
    private static final List<String> SYMBOLS = List.of("A", "B", "C", "D");
    private static final String[] UNKNOWN_FIELDS = {"\"mark\":12.5", "\"exchange\":\"Q\"", "\"halted\":false",
        "\"flags\":[1,2]", "\"note\":null"};

    @Test
    void shouldPublishTheModelsStateAfterEveryEntryWhenUpdatesArePartialAndSomeInvalid() throws Exception
    {
        for (int seed = 0; seed < SEEDS; seed++)
        {
            final Random random = new Random(seed);
            final Map<String, Model> models = new HashMap<>();
            final Map<String, List<Object>> expected = new HashMap<>();
            final List<String> messages = new ArrayList<>();
            for (int sequence = 0; sequence < MESSAGES; sequence++)
            {
                final List<String> entries = new ArrayList<>();
                for (final String symbol : SYMBOLS)
                {
                    if (random.nextInt(3) == 0)
                    {
                        continue;
                    }
                    final Model model = models.computeIfAbsent(symbol, s -> new Model());
                    entries.add("\"" + symbol + "\":" +
                        model.entry(random, symbol, sequence, expected.computeIfAbsent(symbol, s -> new ArrayList<>())));
                }
                Collections.shuffle(entries, random);
                messages.add(SymbolResults.message("LEVELONE_EQUITIES", entries.toArray(new String[0])));
            }

            final SymbolResults results = SymbolResults.run(1 + seed % 3, SYMBOLS, messages);
            for (final String symbol : SYMBOLS)
            {
                assertEquals(expected.getOrDefault(symbol, List.of()), results.of(symbol),
                    "seed " + seed + ", symbol " + symbol);
            }
        }
    }

    /** One symbol's Level 1 state as the last accepted value of each field; writes random entries. */
    private static final class Model
    {
        private final double[] prices = {Double.NaN, Double.NaN, Double.NaN};
        private final long[] counts = {-1, -1, -1, -1, -1, -1};

        /** A random entry; appends what the component must publish for it to {@code expected}. */
        String entry(final Random random, final String symbol, final long sequence, final List<Object> expected)
        {
            final List<String> fields = new ArrayList<>();
            final double[] newPrices = prices.clone();
            final long[] newCounts = counts.clone();
            for (int field = 0; field < NAMES.length; field++)
            {
                if (random.nextInt(3) != 0)
                {
                    continue;
                }
                if (field <= LAST)
                {
                    final String text = price(random);
                    newPrices[field] = Double.parseDouble(text);
                    fields.add("\"" + NAMES[field] + "\":" + text);
                }
                else
                {
                    final long value = field < QUOTE_TIME ?
                        random.nextInt(10) == 0 ? 0 : random.nextInt(1_000_000) :
                        1_720_000_000_000L + random.nextInt(1_000_000_000);
                    newCounts[field - LAST - 1] = value;
                    fields.add("\"" + NAMES[field] + "\":" + (random.nextInt(5) == 0 ? value + ".0" : value));
                }
            }
            String reason = fields.isEmpty() ? LevelOneQuotes.NO_FIELD : null;
            if (random.nextInt(8) == 0)
            {
                final int field = random.nextInt(NAMES.length);
                fields.removeIf(text -> text.startsWith("\"" + NAMES[field] + "\":"));
                final int kind = random.nextInt(3);
                fields.add("\"" + NAMES[field] + "\":" + badValue(field, kind));
                reason = kind == 0 ? LevelOneQuotes.NOT_A_NUMBER[field] :
                    field <= LAST ? LevelOneQuotes.NOT_A_PRICE[field] :
                        kind == 1 ? LevelOneQuotes.NOT_WHOLE[field] : LevelOneQuotes.NEGATIVE[field];
            }
            final List<String> unknown = new ArrayList<>(List.of(UNKNOWN_FIELDS));
            Collections.shuffle(unknown, random);
            fields.addAll(unknown.subList(0, random.nextInt(3))); // each at most once: a repeated field rejects the message
            Collections.shuffle(fields, random);

            if (reason != null)
            {
                expected.add(new StreamError(ErrorKind.INVALID_ENTRY, reason, symbol, sequence, null));
            }
            else
            {
                System.arraycopy(newPrices, 0, prices, 0, prices.length);
                System.arraycopy(newCounts, 0, counts, 0, counts.length);
                expected.add(new Quote(symbol, prices[0], prices[1], prices[2], counts[0], counts[1], counts[2],
                    counts[3], counts[4], counts[5], sequence));
            }
            return "{" + String.join(",", fields) + "}";
        }

        /** A price with two or four decimals, as a feed would write it. */
        private static String price(final Random random)
        {
            final int scale = random.nextBoolean() ? 2 : 4;
            final long units = 1 + (long)random.nextInt(1_000_000) * (scale == 2 ? 1 : 37);
            return BigDecimal.valueOf(units, scale).toPlainString();
        }

        /** Kind 0: another JSON type; 1: a fraction or too large (a price: zero); 2: negative. */
        private static String badValue(final int field, final int kind)
        {
            if (kind == 0)
            {
                return Arrays.asList("\"1\"", "null", "true", "{}", "[]").get(field % 5);
            }
            if (field <= LAST)
            {
                return kind == 1 ? (field == 0 ? "0" : "1e400") : "-12.5";
            }
            return kind == 1 ? (field % 2 == 0 ? "2.5" : "1e30") : "-3";
        }
    }
}
