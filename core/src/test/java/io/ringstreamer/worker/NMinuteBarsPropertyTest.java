package io.ringstreamer.worker;

import io.ringstreamer.result.AggregateBar;
import io.ringstreamer.result.ErrorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static io.ringstreamer.worker.AggregateBarsRun.bar;
import static io.ringstreamer.worker.AggregateBarsRun.message;
import static io.ringstreamer.worker.AggregateBarsRun.newYork;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 500 seeded random bar sequences (random start, gaps from a minute to hours, zero volumes, starts
 * near the clock changes, a few invalid and out-of-order bars), one symbol per seed, played through
 * pipelines of 1 to 3 shards aggregating N = 1, 5, 15, 30 and 60 at once (in a random order); every
 * symbol's N-minute bars must equal a direct computation that groups the bars by window on the
 * America/New_York clock with {@code java.time}.
 */
@Timeout(120)
class NMinuteBarsPropertyTest
{
    private static final int SEEDS = 500;
    private static final int SEEDS_PER_PIPELINE = 50;
    private static final long MINUTE = 60_000L;
    private static final int[] LENGTHS = {1, 5, 15, 30, 60};
    private static final long[] CLOCK_CHANGES = {
        newYork(2019, 3, 10, 2, 0), newYork(2019, 11, 3, 1, 0), newYork(2020, 3, 8, 2, 0), newYork(2020, 11, 1, 1, 0)};
    private static final long FIRST_DAY = newYork(2019, 1, 1, 0, 0);

    /** A generated 1-minute bar; {@code entry} is its JSON, {@code valid} whether it passes validation. */
    private record Generated(long start, double open, double high, double low, double close, long volume,
                             boolean valid, String entry)
    {
    }

    /** An N-minute bar without the symbol, the length and the sequence. */
    private record Window(long start, double open, double high, double low, double close, long volume,
                          int minuteCount, boolean partial)
    {
    }

    @Test
    void shouldMatchADirectComputationWhenBarsAreRandomWithGaps() throws Exception
    {
        int windowsCompared = 0;
        for (int first = 0; first < SEEDS; first += SEEDS_PER_PIPELINE)
        {
            final SplittableRandom batchRandom = new SplittableRandom(first);
            final int[] lengths = shuffled(batchRandom);
            final List<String> symbols = new ArrayList<>();
            final List<List<Generated>> series = new ArrayList<>();
            for (int seed = first; seed < first + SEEDS_PER_PIPELINE; seed++)
            {
                symbols.add("S" + seed);
                series.add(generate("S" + seed, new SplittableRandom(seed)));
            }
            final AggregateBarsRun run =
                AggregateBarsRun.run(symbols, 1 + first / SEEDS_PER_PIPELINE % 3, messages(series), lengths);

            int invalid = 0;
            for (int s = 0; s < symbols.size(); s++)
            {
                final String symbol = symbols.get(s);
                for (final int n : lengths)
                {
                    final List<Window> expected = direct(series.get(s), n);
                    final List<Window> actual = run.aggregateBars(symbol, n).stream().map(
                        b -> new Window(b.windowStartMillis(), b.open(), b.high(), b.low(), b.close(), b.volume(),
                            b.minuteCount(), b.partial())).toList();
                    assertEquals(expected, actual, "seed " + symbol.substring(1) + ", N = " + n);
                    windowsCompared += expected.size();
                }
                assertLengthsInOrder(run.aggregateBars.stream().filter(b -> b.symbol().equals(symbol)).toList(),
                    lengths, symbol);
                invalid += (int)series.get(s).stream().filter(g -> !g.valid()).count();
            }
            assertEquals(invalid, run.errors.size(), "invalid bars are reported once, by OneMinuteBars");
            assertEquals(invalid, run.errors.stream().filter(e -> e.kind() == ErrorKind.INVALID_ENTRY).count());
        }
        System.out.printf("N-minute bars property: %d seeds, %d windows matched a direct computation%n",
            SEEDS, windowsCompared);
    }

    private static int[] shuffled(final SplittableRandom random)
    {
        final int[] lengths = LENGTHS.clone();
        for (int i = lengths.length - 1; i > 0; i--)
        {
            final int j = random.nextInt(i + 1);
            final int swap = lengths[i];
            lengths[i] = lengths[j];
            lengths[j] = swap;
        }
        return lengths;
    }

    /** Windows closed by the same bar (or flushed together) come in the order the lengths were given. */
    private static void assertLengthsInOrder(final List<AggregateBar> bars, final int[] lengths, final String symbol)
    {
        for (int i = 1; i < bars.size(); i++)
        {
            if (bars.get(i).sequence() == bars.get(i - 1).sequence())
            {
                final int before = indexOf(lengths, bars.get(i - 1).minutes());
                final int after = indexOf(lengths, bars.get(i).minutes());
                assertTrue(before < after, symbol + " at sequence " + bars.get(i).sequence());
            }
        }
    }

    private static int indexOf(final int[] values, final int value)
    {
        for (int i = 0; i < values.length; i++)
        {
            if (values[i] == value)
            {
                return i;
            }
        }
        return -1;
    }

    private static List<Generated> generate(final String symbol, final SplittableRandom random)
    {
        long minute = random.nextInt(4) == 0 ?
            CLOCK_CHANGES[random.nextInt(CLOCK_CHANGES.length)] + random.nextLong(-6 * 60, 6 * 60) * MINUTE :
            FIRST_DAY + random.nextLong(2 * 365 * 24 * 60) * MINUTE;
        final int count = 1 + random.nextInt(300);
        long cents = 1_000 + random.nextInt(50_000);
        final List<Generated> bars = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            final int kind = random.nextInt(100);
            if (kind < 3 && !bars.isEmpty())
            {
                // a repeat of an earlier minute, or an older one: rejected as a duplicate or out of order
                final long earlier = bars.get(random.nextInt(bars.size())).start() - random.nextInt(3) * MINUTE;
                bars.add(priced(symbol, random, earlier, cents));
                continue;
            }
            if (kind < 6)
            {
                bars.add(invalid(symbol, random, minute));
                continue;
            }
            final Generated bar = priced(symbol, random, minute, cents);
            bars.add(bar);
            cents = Math.round(bar.close() * 100);
            final int gap = random.nextInt(100);
            minute += gap < 75 ? MINUTE : gap < 95 ? random.nextInt(2, 11) * MINUTE : random.nextInt(11, 241) * MINUTE;
        }
        // A bar that does not start after the last valid one is a duplicate or out of order: invalid.
        long last = Long.MIN_VALUE;
        for (int i = 0; i < bars.size(); i++)
        {
            final Generated bar = bars.get(i);
            if (bar.valid() && bar.start() <= last)
            {
                bars.set(i, new Generated(bar.start(), 0, 0, 0, 0, 0, false, bar.entry()));
            }
            else if (bar.valid())
            {
                last = bar.start();
            }
        }
        return bars;
    }

    private static Generated priced(final String symbol, final SplittableRandom random, final long start,
                                    final long openCents)
    {
        final long closeCents = Math.max(1, openCents + random.nextInt(-50, 51));
        final long highCents = Math.max(openCents, closeCents) + random.nextInt(0, 20);
        final long lowCents = Math.max(1, Math.min(openCents, closeCents) - random.nextInt(0, 20));
        final long volume = random.nextInt(10) == 0 ? 0 : random.nextInt(1, 100_000);
        final double open = openCents / 100.0;
        final double high = highCents / 100.0;
        final double low = lowCents / 100.0;
        final double close = closeCents / 100.0;
        return new Generated(start, open, high, low, close, volume, true,
            bar(symbol, open, high, low, close, volume, start));
    }

    private static Generated invalid(final String symbol, final SplittableRandom random, final long start)
    {
        final Generated bar = priced(symbol, random, start, 1_000);
        switch (random.nextInt(3))
        {
            case 0:
                return new Generated(start, 0, 0, 0, 0, 0, false,
                    bar(symbol, bar.open(), bar.high(), bar.low(), bar.high() + 1, bar.volume(), start));
            case 1:
                return new Generated(start, 0, 0, 0, 0, 0, false,
                    bar(symbol, bar.open(), bar.high(), bar.low(), bar.close(), -1, start));
            default:
                return new Generated(start, 0, 0, 0, 0, 0, false, bar.entry().replace("\"volume\"", "\"vol\""));
        }
    }

    /** Message {@code k} holds every symbol's {@code k}-th bar (symbols run out at different times). */
    private static List<byte[]> messages(final List<List<Generated>> series)
    {
        final List<byte[]> messages = new ArrayList<>();
        for (int k = 0; ; k++)
        {
            final List<String> entries = new ArrayList<>();
            for (final List<Generated> bars : series)
            {
                if (k < bars.size())
                {
                    entries.add(bars.get(k).entry());
                }
            }
            if (entries.isEmpty())
            {
                return messages;
            }
            messages.add(message(k, entries.toArray(new String[0])));
        }
    }

    /**
     * The expected N-minute bars, computed directly: valid bars later than every bar taken before,
     * grouped by their start truncated to N minutes on the New York wall clock (keeping the offset, so
     * a repeated hour stays two hours); every window but the last is complete.
     */
    private static List<Window> direct(final List<Generated> bars, final int n)
    {
        final Map<Long, List<Generated>> windows = new LinkedHashMap<>();
        long last = Long.MIN_VALUE;
        for (final Generated bar : bars)
        {
            if (!bar.valid() || bar.start() <= last)
            {
                continue;
            }
            last = bar.start();
            final ZonedDateTime start = Instant.ofEpochMilli(bar.start()).atZone(AggregateBarsRun.NEW_YORK);
            final ZonedDateTime window = start.withMinute(start.getMinute() / n * n).withSecond(0).withNano(0);
            windows.computeIfAbsent(window.toInstant().toEpochMilli(), w -> new ArrayList<>()).add(bar);
        }
        final List<Window> expected = new ArrayList<>();
        int remaining = windows.size();
        for (final Map.Entry<Long, List<Generated>> window : windows.entrySet())
        {
            final List<Generated> in = window.getValue();
            expected.add(new Window(window.getKey(), in.get(0).open(),
                in.stream().mapToDouble(Generated::high).max().orElseThrow(),
                in.stream().mapToDouble(Generated::low).min().orElseThrow(),
                in.get(in.size() - 1).close(), in.stream().mapToLong(Generated::volume).sum(), in.size(),
                --remaining == 0));
        }
        return expected;
    }
}
