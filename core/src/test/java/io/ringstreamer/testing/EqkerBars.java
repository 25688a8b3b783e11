package io.ringstreamer.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The real eqker bars ({@code data/eqker-*} in the repository), read as they are and turned into canonical
 * {@code CHART_EQUITY} messages: one message per minute holding every symbol that has a bar in it.
 *
 * <p>The files label each bar with its END time in New York; a bar starts one period earlier. Rows
 * are newest first and the last line has no newline; missing minutes and zero volumes are kept as
 * they are (the data's warts are the test's point).
 */
public final class EqkerBars
{
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /**
     * One CSV row. Prices keep their text, so that a message carries exactly the provider's digits.
     */
    public record Row(String symbol, long startMillis, long endMillis,
                      String open, String high, String low, String close, long volume)
    {
        public double openValue()
        {
            return Double.parseDouble(open);
        }

        public double highValue()
        {
            return Double.parseDouble(high);
        }

        public double lowValue()
        {
            return Double.parseDouble(low);
        }

        public double closeValue()
        {
            return Double.parseDouble(close);
        }
    }

    private EqkerBars()
    {
    }

    /** Every symbol's 1-minute bars, oldest first, keyed by symbol in alphabetical order. */
    public static Map<String, List<Row>> oneMinute()
    {
        return read(RepoData.path("eqker-1min"), "_1min.csv", 60_000);
    }

    /** Every symbol's 15-minute bars, oldest first. */
    public static Map<String, List<Row>> fifteenMinute()
    {
        return read(RepoData.path("eqker-15min"), "_15min.csv", 15 * 60_000);
    }

    private static Map<String, List<Row>> read(final Path dir, final String suffix, final long periodMillis)
    {
        final Map<String, List<Row>> bars = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir))
        {
            for (final Path file : files.filter(f -> f.getFileName().toString().endsWith(suffix)).toList())
            {
                final String name = file.getFileName().toString();
                final String symbol = name.substring(0, name.length() - suffix.length());
                final List<Row> rows = new ArrayList<>();
                final List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (final String line : lines.subList(1, lines.size()))
                {
                    if (line.isBlank())
                    {
                        continue;
                    }
                    final String[] f = line.trim().split(",");
                    final long end = LocalDateTime.parse(f[0], TIME).atZone(NEW_YORK).toInstant().toEpochMilli();
                    rows.add(new Row(symbol, end - periodMillis, end, f[1], f[2], f[3], f[4], Long.parseLong(f[5])));
                }
                rows.sort(Comparator.comparingLong(Row::startMillis));
                bars.put(symbol, rows);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return bars;
    }

    /** One canonical message per minute, oldest first, each holding every symbol with a bar that minute. */
    public static List<byte[]> canonicalMessages(final Map<String, List<Row>> bars)
    {
        final TreeMap<Long, List<Row>> byMinute = new TreeMap<>();
        bars.values().forEach(rows -> rows.forEach(
            row -> byMinute.computeIfAbsent(row.endMillis(), k -> new ArrayList<>()).add(row)));
        final List<byte[]> messages = new ArrayList<>(byMinute.size());
        final StringBuilder json = new StringBuilder(4096);
        for (final Map.Entry<Long, List<Row>> minute : byMinute.entrySet())
        {
            json.setLength(0);
            json.append("{\"timestamp\":").append(minute.getKey())
                .append(",\"service\":\"CHART_EQUITY\",\"symbols\":{");
            boolean first = true;
            for (final Row row : minute.getValue())
            {
                if (!first)
                {
                    json.append(',');
                }
                first = false;
                json.append('"').append(row.symbol()).append("\":{\"open\":").append(row.open())
                    .append(",\"high\":").append(row.high())
                    .append(",\"low\":").append(row.low())
                    .append(",\"close\":").append(row.close())
                    .append(",\"volume\":").append(row.volume())
                    .append(",\"datetime\":").append(row.startMillis()).append('}');
            }
            json.append("}}");
            messages.add(json.toString().getBytes(StandardCharsets.UTF_8));
        }
        return messages;
    }

    /** Writes messages to a JSON Lines file. */
    public static Path writeJsonLines(final List<byte[]> messages, final Path file) throws IOException
    {
        try (var out = Files.newOutputStream(file))
        {
            for (final byte[] message : messages)
            {
                out.write(message);
                out.write('\n');
            }
        }
        return file;
    }
}
