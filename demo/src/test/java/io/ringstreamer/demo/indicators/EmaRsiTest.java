package io.ringstreamer.demo.indicators;

import io.ringstreamer.Pipeline;
import io.ringstreamer.format.CanonicalDecoder;
import io.ringstreamer.format.EntryView;
import io.ringstreamer.format.Service;
import io.ringstreamer.result.CustomResult;
import io.ringstreamer.testing.CycledBarTimes;
import io.ringstreamer.testing.EqkerBars;
import io.ringstreamer.testkit.ComponentHarness;
import io.ringstreamer.testkit.LineStreamer;
import io.ringstreamer.testkit.RecordingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class EmaRsiTest
{
    /** StockCharts' RSI(14) worked example (cs-rsi.xls): 33 closes and the 19 RSI values they give. */
    private static final double[] WILDER_CLOSES = {
        44.3389, 44.0902, 44.1497, 43.6124, 44.3278, 44.8264, 45.0955, 45.4245, 45.8433, 46.0826, 45.8931,
        46.0328, 45.6140, 46.2820, 46.2820, 46.0028, 46.0328, 46.4116, 46.2222, 45.6439, 46.2122, 46.2521,
        45.7137, 46.4515, 45.7835, 45.3548, 44.0288, 44.1783, 44.2181, 44.5672, 43.4205, 42.6628, 43.1314};
    private static final double[] WILDER_RSI = {
        70.53, 66.32, 66.55, 69.41, 66.36, 57.97, 62.93, 63.26, 56.06, 62.38, 54.71, 50.42, 39.99, 41.46, 41.87,
        45.46, 37.30, 33.08, 37.77};

    private static final long FIRST_MINUTE = 1_720_531_800_000L;

    /** Runs {@code messages} through a pipeline with EmaRsi for {@code symbol}; returns its results in order. */
    private static List<CustomResult> run(final List<byte[]> messages, final String symbol,
                                          final Supplier<EmaRsi> component) throws InterruptedException
    {
        final List<String> errors = new ArrayList<>();
        final List<CustomResult> results = run(messages, symbol, component, errors);
        assertEquals(List.of(), errors);
        return results;
    }

    /** As {@link #run(List, String, Supplier)}, the errors added to {@code errors}. */
    private static List<CustomResult> run(final List<byte[]> messages, final String symbol,
                                          final Supplier<EmaRsi> component, final List<String> errors)
        throws InterruptedException
    {
        final RecordingListener listener = new RecordingListener();
        try (Pipeline pipeline = Pipeline.builder()
            .symbols(symbol)
            .streamer(LineStreamer.of(messages.stream().map(m -> new String(m, StandardCharsets.UTF_8)).toList()))
            .listener(listener)
            .component(Service.CHART_EQUITY, component)
            .build()
            .start())
        {
            pipeline.awaitTermination();
        }
        final List<CustomResult> results = new ArrayList<>();
        for (final CustomResult result : listener.customResults())
        {
            if (result.kind() == EmaRsi.KIND && result.values().length == 2)
            {
                results.add(result);
            }
            else
            {
                errors.add("not an EmaRsi result: " + result);
            }
        }
        listener.errors().forEach(error -> errors.add(error.toString()));
        return results;
    }

    /** One CHART_EQUITY message per close, a minute apart, each bar flat at its close. */
    private static List<byte[]> bars(final String symbol, final double... closes)
    {
        final List<byte[]> messages = new ArrayList<>();
        for (int i = 0; i < closes.length; i++)
        {
            final long start = FIRST_MINUTE + i * 60_000L;
            final double c = closes[i];
            messages.add(("{\"timestamp\":" + (start + 60_000) + ",\"service\":\"CHART_EQUITY\",\"symbols\":{\"" + symbol +
                "\":{\"open\":" + c + ",\"high\":" + c + ",\"low\":" + c + ",\"close\":" + c + ",\"volume\":100,\"datetime\":" +
                start + "}}}").getBytes(StandardCharsets.US_ASCII));
        }
        return messages;
    }

    /**
     * The textbook definitions, written independently of EmaRsi: {@code [0][i]} the EMA after close
     * {@code i}, {@code [1][i]} the RSI, {@code NaN} before each is defined.
     */
    private static double[][] reference(final double[] closes, final int emaPeriod, final int rsiPeriod)
    {
        final int n = closes.length;
        final double[] ema = new double[n];
        final double[] rsi = new double[n];
        Arrays.fill(ema, Double.NaN);
        Arrays.fill(rsi, Double.NaN);
        if (n >= emaPeriod)
        {
            double sum = 0;
            for (int i = 0; i < emaPeriod; i++)
            {
                sum += closes[i];
            }
            ema[emaPeriod - 1] = sum / emaPeriod;
            final double k = 2.0 / (emaPeriod + 1);
            for (int i = emaPeriod; i < n; i++)
            {
                ema[i] = closes[i] * k + ema[i - 1] * (1 - k);
            }
        }
        if (n > rsiPeriod)
        {
            double gains = 0;
            double losses = 0;
            for (int i = 1; i <= rsiPeriod; i++)
            {
                gains += Math.max(0, closes[i] - closes[i - 1]);
                losses += Math.max(0, closes[i - 1] - closes[i]);
            }
            double averageGain = gains / rsiPeriod;
            double averageLoss = losses / rsiPeriod;
            rsi[rsiPeriod] = rsiOf(averageGain, averageLoss);
            for (int i = rsiPeriod + 1; i < n; i++)
            {
                averageGain = (averageGain * (rsiPeriod - 1) + Math.max(0, closes[i] - closes[i - 1])) / rsiPeriod;
                averageLoss = (averageLoss * (rsiPeriod - 1) + Math.max(0, closes[i - 1] - closes[i])) / rsiPeriod;
                rsi[i] = rsiOf(averageGain, averageLoss);
            }
        }
        return new double[][] {ema, rsi};
    }

    private static double rsiOf(final double averageGain, final double averageLoss)
    {
        return averageGain + averageLoss == 0 ? 50 : 100 * averageGain / (averageGain + averageLoss);
    }

    private static void assertClose(final double expected, final double actual, final double tolerance, final String what)
    {
        if (Double.isNaN(expected))
        {
            assertTrue(Double.isNaN(actual), what + ": expected NaN, was " + actual);
        }
        else
        {
            assertEquals(expected, actual, tolerance, what);
        }
    }

    @Test
    void shouldMatchTheReferenceEmaAndRsiWhenGivenTheRealAaplMinutes() throws Exception
    {
        final List<EqkerBars.Row> rows = EqkerBars.oneMinute().get("AAPL");
        final double[] closes = rows.stream().mapToDouble(EqkerBars.Row::closeValue).toArray();
        assertTrue(closes.length > 1_000, "rows: " + closes.length);

        final List<CustomResult> results = run(EqkerBars.canonicalMessages(Map.of("AAPL", rows)), "AAPL", EmaRsi::new);

        final double[][] expected = reference(closes, 20, 14);
        assertEquals(closes.length, results.size());
        for (int i = 0; i < closes.length; i++)
        {
            final CustomResult result = results.get(i);
            assertEquals(EmaRsi.KIND, result.kind());
            assertEquals(2, result.values().length);
            assertClose(expected[0][i], result.values()[0], 1e-9, "EMA after close " + i);
            assertClose(expected[1][i], result.values()[1], 1e-9, "RSI after close " + i);
        }
        assertTrue(Double.isNaN(results.get(18).values()[0]) && !Double.isNaN(results.get(19).values()[0]));
        assertTrue(Double.isNaN(results.get(13).values()[1]) && !Double.isNaN(results.get(14).values()[1]));
    }

    @Test
    void shouldReproduceTheTextbookRsiWhenGivenWildersExample() throws Exception
    {
        final List<CustomResult> results = run(bars("CS", WILDER_CLOSES), "CS", () -> new EmaRsi(10, 14));
        assertEquals(WILDER_CLOSES.length, results.size());
        for (int i = 0; i < WILDER_RSI.length; i++)
        {
            assertEquals(WILDER_RSI[i], results.get(14 + i).values()[1], 0.005, "RSI on day " + (15 + i));
        }
        final double[] firstTen = Arrays.copyOf(WILDER_CLOSES, 10);
        assertEquals(Arrays.stream(firstTen).average().orElseThrow(), results.get(9).values()[0], 1e-12,
            "EMA(10) starts as the simple average of the first ten closes");
    }

    @Test
    void shouldGiveRsiOfOneHundredAndALaggingEmaWhenPricesOnlyRise() throws Exception
    {
        final double[] closes = new double[40];
        for (int i = 0; i < closes.length; i++)
        {
            closes[i] = 100 + i;
        }
        final List<CustomResult> results = run(bars("UP", closes), "UP", EmaRsi::new);
        for (int i = 0; i < closes.length; i++)
        {
            final double ema = results.get(i).values()[0];
            final double rsi = results.get(i).values()[1];
            // a line's EMA(n), seeded with the simple average, lags it by exactly (n - 1) / 2 steps
            assertClose(i < 19 ? Double.NaN : closes[i] - 9.5, ema, 1e-9, "EMA after close " + i);
            assertClose(i < 14 ? Double.NaN : 100, rsi, 0, "RSI after close " + i);
        }
    }

    @Test
    void shouldGiveRsiOfFiftyAndTheConstantWhenPricesNeverMove() throws Exception
    {
        final double[] closes = new double[25];
        Arrays.fill(closes, 42.5);
        final List<CustomResult> results = run(bars("FLAT", closes), "FLAT", EmaRsi::new);
        assertEquals(42.5, results.get(24).values()[0], 1e-12);
        assertEquals(50, results.get(24).values()[1]);
    }

    /** The test kit's harness runs the component alone, on this thread: the same results as through a pipeline. */
    @Test
    void shouldGiveThePipelinesResultsWhenRunAloneInTheHarness() throws Exception
    {
        final List<byte[]> messages = bars("W", WILDER_CLOSES);
        final List<CustomResult> throughPipeline = run(messages, "W", EmaRsi::new);

        final ComponentHarness harness = ComponentHarness.of(Service.CHART_EQUITY, EmaRsi::new)
            .feed(messages.stream().map(m -> new String(m, StandardCharsets.US_ASCII)).toList())
            .end();

        assertEquals(WILDER_CLOSES.length, throughPipeline.size());
        assertEquals(throughPipeline.size(), harness.results().customResults().size());
        for (int i = 0; i < throughPipeline.size(); i++)
        {
            final CustomResult expected = throughPipeline.get(i);
            final CustomResult actual = harness.results().customResults().get(i);
            assertEquals(expected.sequence(), actual.sequence());
            assertTrue(Arrays.equals(expected.values(), actual.values()), "result " + i);
        }
        assertEquals(List.of(), harness.results().errors());
    }

    @Test
    void shouldSkipAnEntryWithoutAUsableCloseWhenTheBarIsBad() throws Exception
    {
        final List<byte[]> messages = new ArrayList<>(bars("B", 10, 11));
        messages.add(1, ("{\"timestamp\":1,\"service\":\"CHART_EQUITY\",\"symbols\":{\"B\":{\"open\":1,\"close\":\"x\"}}}")
            .getBytes(StandardCharsets.US_ASCII));
        final List<String> errors = new ArrayList<>();

        final List<CustomResult> results = run(messages, "B", () -> new EmaRsi(1, 1), errors);

        assertEquals(1, errors.size(), "OneMinuteBars reports the bad bar: " + errors);
        assertTrue(errors.get(0).contains("kind=INVALID_ENTRY"), errors.get(0));
        assertEquals(2, results.size());
        assertEquals(11.0, results.get(1).values()[0]);
        assertEquals(100.0, results.get(1).values()[1]);
    }

    @Test
    void shouldSkipEveryBarOneMinuteBarsRejectsWhenBarsRepeatGoBackOrCannotBeRight() throws Exception
    {
        final double[] closes = {10, 11, 12, 13, 14, 15};
        final List<byte[]> good = bars("R", closes);
        final List<byte[]> messages = new ArrayList<>(good.subList(0, 3));
        messages.add(bar("R", 99, FIRST_MINUTE + 2 * 60_000L, FIRST_MINUTE + 4 * 60_000L)); // a repeat of minute 2
        messages.add(bar("R", 98, FIRST_MINUTE, FIRST_MINUTE + 4 * 60_000L));               // minute 0 again: out of order
        messages.add(bar("R", 97, 4_070_908_800_000L, FIRST_MINUTE + 4 * 60_000L));         // stamped 2099
        messages.add(bar("R", 96, 4_070_908_800_000L, 4_070_908_860_000L));                 // 2099, and so is its message
        messages.add(bar("R", 95, 599_616_000_000L, FIRST_MINUTE + 4 * 60_000L));           // 1989
        messages.addAll(good.subList(3, 6));
        final List<String> errors = new ArrayList<>();

        final List<CustomResult> results = run(messages, "R", () -> new EmaRsi(2, 2), errors);

        assertEquals(5, errors.size(), "OneMinuteBars reports each: " + errors);
        final double[][] expected = reference(closes, 2, 2);
        assertEquals(closes.length, results.size(), "one result per accepted bar, none for a rejected one");
        for (int i = 0; i < closes.length; i++)
        {
            assertClose(expected[0][i], results.get(i).values()[0], 1e-12, "EMA after close " + i);
            assertClose(expected[1][i], results.get(i).values()[1], 1e-12, "RSI after close " + i);
        }
    }

    private static byte[] bar(final String symbol, final double close, final long start, final long timestamp)
    {
        return ("{\"timestamp\":" + timestamp + ",\"service\":\"CHART_EQUITY\",\"symbols\":{\"" + symbol +
            "\":{\"open\":" + close + ",\"high\":" + close + ",\"low\":" + close + ",\"close\":" + close +
            ",\"volume\":100,\"datetime\":" + start + "}}}").getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void shouldAllocateNothingPerEntryWhenWarm()
    {
        final List<byte[]> messages = CycledBarTimes.copies(bars("Z", 101.25));
        final byte[] message = messages.get(0);
        final CycledBarTimes times = new CycledBarTimes(messages); // each pass a minute later: no repeated bar
        final CanonicalDecoder decoder = new CanonicalDecoder();
        final EntryView entry = new EntryView();
        final CountingSink sink = new CountingSink();
        final EmaRsi component = new EmaRsi();
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 50_000; i++)
        {
            assertTrue(decoder.wrap(message, 0, message.length));
            component.onEntry(decoder.entry(0, entry), sink);
            times.advance(0);
        }
        final long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 200_000; i++)
        {
            decoder.wrap(message, 0, message.length);
            component.onEntry(decoder.entry(0, entry), sink);
            times.advance(0);
        }
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertEquals(250_000, sink.customs);
        assertTrue(allocated < 1_024, allocated + " bytes over 200,000 entries");
    }

    @Test
    void shouldRefuseAPeriodBelowOneWhenConstructed()
    {
        for (final int[] periods : new int[][] {{0, 14}, {20, 0}})
        {
            boolean thrown = false;
            try
            {
                new EmaRsi(periods[0], periods[1]);
            }
            catch (final IllegalArgumentException expected)
            {
                thrown = true;
            }
            assertTrue(thrown);
        }
    }

    /** Counts custom results; everything else is unexpected. */
    private static final class CountingSink extends io.ringstreamer.testing.UnexpectedResultSink
    {
        long customs;

        @Override
        public void custom(final int kind, final double[] values, final int count)
        {
            customs++;
        }
    }
}
