package io.ringstreamer.worker;

import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.StreamError;
import io.ringstreamer.result.Trade;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random prints (prices with two decimals, random sizes, some replayed or late) against an exact
 * reference: for 300 seeds, the session volume and count must be exact and the VWAP within a relative
 * error of 1e-12 of the {@link BigDecimal} value.
 */
@Timeout(300)
class TimeAndSalesPropertyTest
{
    private static final int SEEDS = 300;
    private static final List<String> SYMBOLS = List.of("A", "B");
    /** 2024-07-09 09:30 in New York. */
    private static final long OPEN = 1_720_531_800_000L;
    private static final double MAX_RELATIVE_ERROR = 1e-12;

    @Test
    void shouldMatchAnExactVwapWhenPricesAndSizesAreRandom() throws Exception
    {
        for (int seed = 0; seed < SEEDS; seed++)
        {
            final Random random = new Random(seed);
            final int prints = 1 + random.nextInt(600);
            final Map<String, Reference> references = new HashMap<>();
            final List<String> messages = new ArrayList<>();
            for (int sequence = 0; sequence < prints; sequence++)
            {
                final String symbol = SYMBOLS.get(random.nextInt(SYMBOLS.size()));
                final Reference reference = references.computeIfAbsent(symbol, s -> new Reference());
                messages.add(SymbolResults.message("TIMESALE_EQUITY",
                    "\"" + symbol + "\":" + reference.print(random, symbol, sequence)));
            }

            final SymbolResults results = SymbolResults.run(1 + seed % 2, SYMBOLS, messages);
            for (final String symbol : SYMBOLS)
            {
                final Reference reference = references.getOrDefault(symbol, new Reference());
                final List<Object> actual = results.of(symbol);
                assertEquals(reference.expected.size(), actual.size(), "seed " + seed + ", symbol " + symbol);
                for (int i = 0; i < actual.size(); i++)
                {
                    final String where = "seed " + seed + ", symbol " + symbol + ", result " + i;
                    final Object expected = reference.expected.get(i);
                    if (expected instanceof StreamError)
                    {
                        assertEquals(expected, actual.get(i), where);
                        continue;
                    }
                    final ExpectedTrade trade = (ExpectedTrade)expected;
                    final Trade published = assertInstanceOf(Trade.class, actual.get(i), where);
                    assertEquals(trade.withVwap(published.vwap()), published, where);
                    final double relativeError = trade.vwap.subtract(new BigDecimal(published.vwap()))
                        .abs().divide(trade.vwap, MathContext.DECIMAL128).doubleValue();
                    assertTrue(relativeError < MAX_RELATIVE_ERROR, where + ": relative error " + relativeError);
                }
            }
        }
    }

    /** A trade as published, but with the exact VWAP. */
    private record ExpectedTrade(Trade trade, BigDecimal vwap)
    {
        Trade withVwap(final double vwap)
        {
            return new Trade(trade.symbol(), trade.timeMillis(), trade.price(), trade.size(), trade.tradeSequence(),
                trade.sessionVolume(), vwap, trade.tradeCount(), trade.sequence());
        }
    }

    /** One symbol's session computed exactly; writes random prints. */
    private static final class Reference
    {
        private final List<Object> expected = new ArrayList<>();
        private BigDecimal notional = BigDecimal.ZERO;
        private long volume;
        private long count;
        private long lastSeq;
        private long time = OPEN;

        /** A random print; appends what the component must publish for it to {@code expected}. */
        String print(final Random random, final String symbol, final long sequence)
        {
            final BigDecimal price = BigDecimal.valueOf(1 + random.nextInt(500_000), 2);
            final long size = random.nextInt(4) == 0 ? 1 + random.nextInt(100) : 1 + random.nextInt(1_000_000);
            time += random.nextInt(1_000);
            final boolean replayed = count > 0 && random.nextInt(10) == 0;
            final long seq = replayed ? lastSeq - random.nextInt(3) : lastSeq + 1 + random.nextInt(3);
            if (replayed)
            {
                final String reason = seq == lastSeq ? TimeAndSales.DUPLICATE : TimeAndSales.OUT_OF_SEQUENCE;
                expected.add(new StreamError(ErrorKind.INVALID_ENTRY, reason, symbol, sequence, null));
            }
            else
            {
                lastSeq = seq;
                notional = notional.add(price.multiply(BigDecimal.valueOf(size)));
                volume += size;
                count++;
                final BigDecimal vwap = notional.divide(BigDecimal.valueOf(volume), MathContext.DECIMAL128);
                expected.add(new ExpectedTrade(
                    new Trade(symbol, time, price.doubleValue(), size, seq, volume, Double.NaN, count, sequence), vwap));
            }
            return "{\"time\":" + time + ",\"price\":" + price.toPlainString() + ",\"size\":" + size + ",\"seq\":" +
                seq + "}";
        }
    }
}
