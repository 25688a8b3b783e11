package io.ringstreamer.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Seeded synthetic {@code CHART_EQUITY} messages: a random walk per symbol, a fixed number of symbols
 * per message, prices with two decimals. Deterministic for a given seed.
 */
public final class SyntheticBars
{
    private SyntheticBars()
    {
    }

    /** Symbols {@code S000}, {@code S001}, ... */
    public static List<String> symbols(final int count)
    {
        final List<String> symbols = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            symbols.add(String.format(Locale.ROOT, "S%03d", i));
        }
        return symbols;
    }

    /**
     * {@code count} messages; message {@code m} carries {@code perMessage} consecutive symbols of
     * {@code symbols}, starting where the previous message stopped.
     */
    public static List<byte[]> messages(final List<String> symbols, final int perMessage, final int count, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final double[] last = new double[symbols.size()];
        java.util.Arrays.fill(last, 100.0);
        final List<byte[]> messages = new ArrayList<>(count);
        final StringBuilder json = new StringBuilder(256 * perMessage);
        long minute = 1_720_522_800_000L;
        int next = 0;
        for (int m = 0; m < count; m++)
        {
            json.setLength(0);
            json.append("{\"timestamp\":").append(minute + 60_000).append(",\"service\":\"CHART_EQUITY\",\"symbols\":{");
            for (int k = 0; k < perMessage; k++)
            {
                final int s = next;
                next = (next + 1) % symbols.size();
                final double open = last[s];
                final double close = Math.max(1.0, round2(open + random.nextDouble(-0.5, 0.5)));
                final double high = round2(Math.max(open, close) + random.nextDouble(0, 0.2));
                final double low = Math.max(0.5, round2(Math.min(open, close) - random.nextDouble(0, 0.2)));
                last[s] = close;
                if (k > 0)
                {
                    json.append(',');
                }
                json.append('"').append(symbols.get(s)).append("\":{\"open\":").append(open)
                    .append(",\"high\":").append(high).append(",\"low\":").append(low)
                    .append(",\"close\":").append(close).append(",\"volume\":").append(random.nextInt(1, 100_000))
                    .append(",\"datetime\":").append(minute).append('}');
            }
            json.append("}}");
            messages.add(json.toString().getBytes(StandardCharsets.US_ASCII));
            minute += 60_000;
        }
        return messages;
    }

    private static double round2(final double value)
    {
        return Math.round(value * 100.0) / 100.0;
    }
}
