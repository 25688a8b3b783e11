package io.ringstreamer.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Seeded canonical messages of every service, round robin (bars, Level 1 changes, books, trades with
 * rising sequence numbers, UTF-8 headlines), two symbols per message. For tests that need each kind
 * of result; the demo's {@code SyntheticMarket} is the realistic generator.
 */
public final class SyntheticServices
{
    private static final String[] HEADLINES = {
        "Earnings beat estimates", "Überraschung: Gewinn steigt \\u2014 \\\"stark\\\"", "新製品を発表", "Shares jump 📈"};

    private SyntheticServices()
    {
    }

    public static List<byte[]> messages(final List<String> symbols, final int count, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final List<byte[]> messages = new ArrayList<>(count);
        final long[] seq = new long[symbols.size()];
        long time = 1_720_522_800_000L;
        int next = 0;
        final StringBuilder json = new StringBuilder(1024);
        for (int m = 0; m < count; m++)
        {
            time += 100;
            final String service = switch (m % 5)
            {
                case 0 -> "CHART_EQUITY";
                case 1 -> "LEVELONE_EQUITIES";
                case 2 -> "BOOK";
                case 3 -> "TIMESALE_EQUITY";
                default -> "NEWS_HEADLINE";
            };
            json.setLength(0);
            json.append("{\"timestamp\":").append(time).append(",\"service\":\"").append(service).append("\",\"symbols\":{");
            for (int k = 0; k < 2; k++)
            {
                final int s = next;
                next = (next + 1) % symbols.size();
                final double mid = 100 + random.nextInt(-500, 500) / 100.0;
                json.append(k > 0 ? "," : "").append('"').append(symbols.get(s)).append("\":");
                switch (m % 5)
                {
                    case 0 -> json.append(String.format(Locale.ROOT,
                        "{\"open\":%.2f,\"high\":%.2f,\"low\":%.2f,\"close\":%.2f,\"volume\":%d,\"datetime\":%d}",
                        mid, mid + 0.2, mid - 0.2, mid + 0.1, random.nextInt(1, 10_000), time - 60_000));
                    case 1 -> json.append(String.format(Locale.ROOT, "{\"bid\":%.2f,\"ask\":%.2f,\"bidSize\":%d}",
                        mid - 0.01, mid + 0.01, random.nextInt(1, 1000)));
                    case 2 -> json.append(String.format(Locale.ROOT,
                        "{\"time\":%d,\"bids\":[[%.2f,100],[%.2f,200],[%.2f,300]],\"asks\":[[%.2f,150],[%.2f,250]]}",
                        time, mid - 0.01, mid - 0.02, mid - 0.03, mid + 0.01, mid + 0.02));
                    case 3 -> json.append(String.format(Locale.ROOT, "{\"time\":%d,\"price\":%.2f,\"size\":%d,\"seq\":%d}",
                        time, mid, random.nextInt(1, 500), ++seq[s]));
                    default -> json.append("{\"time\":").append(time).append(",\"id\":\"n-").append(m)
                        .append("\",\"headline\":\"").append(HEADLINES[m % HEADLINES.length])
                        .append("\",\"source\":\"Example Wire\"}");
                }
            }
            json.append("}}");
            messages.add(json.toString().getBytes(StandardCharsets.UTF_8));
        }
        return messages;
    }
}
