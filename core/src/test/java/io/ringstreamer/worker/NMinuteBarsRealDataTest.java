package io.ringstreamer.worker;

import io.ringstreamer.result.AggregateBar;
import io.ringstreamer.testing.EqkerBars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real eqker 1-minute bars (24 symbols, 2019-02-11 to 2019-02-15) aggregated into 15-minute bars
 * by the pipeline, compared with the same provider's own 15-minute bars, matched by symbol and window
 * start (both files label a bar with its end; {@link EqkerBars} turns that into its start).
 *
 * <p>Measured: 3,105 windows compared, 1,756 equal in all five fields (56.6 %); mismatches by field:
 * open 701, high 612, low 612, close 727, volume 1,289. The aggregation is not their cause:
 * <ul>
 *   <li>14 symbols match in 1,749 of 1,805 windows (96.9 %); SPY, JPM, MSFT, AMZN, GLD, MU, V and XLP
 *   in every window, windows with missing minutes included.</li>
 *   <li>In the other 10 (AAPL, AMT, BAC, DFS, QQQ, SBUX, SLV, TSLA, TZA, VOO) 1,293 of 1,300 windows
 *   differ a little, as if the provider built its two series from trades timed or filtered a little
 *   differently: a window's volume differs by a median 0.4 %, either way, while a day's agrees within
 *   0.3 % (after the first day); prices by a cent or so.</li>
 *   <li>The remaining 56: the opening trade of 2019-02-11, in the provider's first 15-minute bar but
 *   in none of its 1-minute bars for BK, TRV, UGA and VXXB (their 09:30 bar is missing or has volume
 *   0, and the day's whole difference is in that window); 21 other windows of the illiquid PPLT and
 *   UGA, mostly a single trade counted in the neighbouring window (two neighbouring windows' volumes
 *   differ, their sum does not) and UGA's closing trades, which only the 15-minute bars hold; 31 VIX
 *   windows on 2019-02-13 and 2019-02-14 whose index values differ by a few cents.</li>
 * </ul>
 * The test prints the figures and fails if the match rate falls below what was measured.
 */
@Timeout(120)
class NMinuteBarsRealDataTest
{
    private static final int MINUTES = 15;
    private static final int MEASURED_WINDOWS = 3_105;
    private static final double MEASURED_MATCH_RATE = 1_756 / 3_105.0;
    private static final double MARGIN = 0.005;
    private static final String[] FIELDS = {"open", "high", "low", "close", "volume"};

    @Test
    void shouldMatchTheProvidersFifteenMinuteBarsWhereItsTwoSeriesAgree() throws Exception
    {
        final Map<String, List<EqkerBars.Row>> oneMinute = EqkerBars.oneMinute();
        final Map<String, List<EqkerBars.Row>> provider = EqkerBars.fifteenMinute();
        assertEquals(24, oneMinute.size());
        final AggregateBarsRun run = AggregateBarsRun.run(
            new ArrayList<>(oneMinute.keySet()), 2, EqkerBars.canonicalMessages(oneMinute), MINUTES);
        assertEquals(List.of(), run.errors);
        assertEquals(oneMinute.values().stream().mapToInt(List::size).sum(),
            run.aggregateBars.stream().mapToInt(AggregateBar::minuteCount).sum(), "every 1-minute bar is in a window");

        int compared = 0;
        int exact = 0;
        int unmatched = 0;
        final int[] mismatches = new int[FIELDS.length];
        final StringBuilder table = new StringBuilder();
        for (final String symbol : oneMinute.keySet())
        {
            final Map<Long, EqkerBars.Row> theirs = new HashMap<>();
            provider.get(symbol).forEach(row -> theirs.put(row.startMillis(), row));
            final List<AggregateBar> ours = run.aggregateBars(symbol, MINUTES);
            assertEquals(1, ours.stream().filter(AggregateBar::partial).count(),
                symbol + ": the last window is flushed");

            int symbolCompared = 0;
            int symbolExact = 0;
            int withGaps = 0;
            final Map<String, long[]> volumeByDay = new TreeMap<>();
            for (final AggregateBar bar : ours)
            {
                final EqkerBars.Row row = theirs.get(bar.windowStartMillis());
                if (row == null)
                {
                    unmatched++;
                    continue;
                }
                symbolCompared++;
                withGaps += bar.minuteCount() < MINUTES ? 1 : 0;
                final boolean[] differs = {
                    row.openValue() != bar.open(), row.highValue() != bar.high(), row.lowValue() != bar.low(),
                    row.closeValue() != bar.close(), row.volume() != bar.volume()};
                boolean same = true;
                for (int f = 0; f < FIELDS.length; f++)
                {
                    if (differs[f])
                    {
                        mismatches[f]++;
                        same = false;
                    }
                }
                symbolExact += same ? 1 : 0;
                final long[] volumes = volumeByDay.computeIfAbsent(
                    Instant.ofEpochMilli(bar.windowStartMillis()).atZone(AggregateBarsRun.NEW_YORK)
                        .toLocalDate().toString(), day -> new long[2]);
                volumes[0] += bar.volume();
                volumes[1] += row.volume();
            }
            compared += symbolCompared;
            exact += symbolExact;
            table.append(String.format(Locale.ROOT, "  %-5s %3d windows, %3d exact, %3d with missing minutes; " +
                "day volume, provider vs ours:", symbol, symbolCompared, symbolExact, withGaps));
            volumeByDay.forEach((day, v) -> table.append(String.format(Locale.ROOT, " %s %+.3f%%", day.substring(5),
                v[0] == 0 ? 0.0 : 100.0 * (v[1] - v[0]) / v[0])));
            table.append('\n');
        }

        final double rate = (double)exact / compared;
        System.out.printf(Locale.ROOT, "15-minute bars vs the provider's: %d windows compared, %d exact (%.1f%%), " +
                "%d without a provider bar; mismatches by field: open %d, high %d, low %d, close %d, volume %d%n%s",
            compared, exact, 100 * rate, unmatched, mismatches[0], mismatches[1], mismatches[2], mismatches[3],
            mismatches[4], table);
        assertEquals(0, unmatched, "the provider has a 15-minute bar for every window we publish");
        assertEquals(MEASURED_WINDOWS, compared);
        assertTrue(rate >= MEASURED_MATCH_RATE - MARGIN, "match rate " + rate + " fell below " + MEASURED_MATCH_RATE);
    }
}
