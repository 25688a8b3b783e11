package io.ringstreamer.worker;

import io.ringstreamer.Pipeline;
import io.ringstreamer.result.AggregateBar;
import io.ringstreamer.result.AggregateBarView;
import io.ringstreamer.result.Bar;
import io.ringstreamer.result.BarView;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.ErrorView;
import io.ringstreamer.result.ResultListener;
import io.ringstreamer.result.StreamError;
import io.ringstreamer.source.FakeApiStreamer;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Plays {@code CHART_EQUITY} messages through a real pipeline with {@code aggregateBars(...)} and keeps
 * a copy of every bar, N-minute bar and error in arrival order (the listener runs on the administrator
 * thread; the fields are read after the pipeline has terminated).
 */
final class AggregateBarsRun implements ResultListener
{
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    final List<Object> all = new ArrayList<>();
    final List<Bar> bars = new ArrayList<>();
    final List<AggregateBar> aggregateBars = new ArrayList<>();
    /** Every error but the fake API's final {@code ConnectionError}. */
    final List<StreamError> errors = new ArrayList<>();

    /** Runs {@code messages} through a pipeline of {@code shards} shards aggregating {@code minutes}. */
    static AggregateBarsRun run(final List<String> symbols, final int shards, final List<byte[]> messages,
                                final int... minutes) throws InterruptedException
    {
        return run(symbols, shards, messages, Validation.REJECT, minutes);
    }

    /** As {@link #run(List, int, List, int...)}, validating with {@code validation}. */
    static AggregateBarsRun run(final List<String> symbols, final int shards, final List<byte[]> messages,
                                final Validation validation, final int... minutes) throws InterruptedException
    {
        final AggregateBarsRun run = new AggregateBarsRun();
        try (Pipeline pipeline = Pipeline.builder().symbols(symbols).shards(shards).aggregateBars(minutes)
            .validation(validation)
            .streamer(new FakeApiStreamer(messages)).listener(run).build().start())
        {
            assertTrue(pipeline.awaitTermination(60, TimeUnit.SECONDS));
        }
        return run;
    }

    /** One symbol's N-minute bars of length {@code minutes}, in arrival order. */
    List<AggregateBar> aggregateBars(final String symbol, final int minutes)
    {
        return aggregateBars.stream().filter(b -> b.symbol().equals(symbol) && b.minutes() == minutes).toList();
    }

    /** New York wall-clock time as Unix epoch milliseconds (the earlier instant if it happens twice). */
    static long newYork(final int year, final int month, final int day, final int hour, final int minute)
    {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(NEW_YORK).toInstant().toEpochMilli();
    }

    /** A {@code CHART_EQUITY} entry: a 1-minute bar starting at {@code startMillis}. */
    static String bar(final String symbol, final double open, final double high, final double low,
                      final double close, final long volume, final long startMillis)
    {
        return String.format(Locale.ROOT,
            "\"%s\":{\"open\":%s,\"high\":%s,\"low\":%s,\"close\":%s,\"volume\":%d,\"datetime\":%d}",
            symbol, open, high, low, close, volume, startMillis);
    }

    /** A {@code CHART_EQUITY} message holding {@code entries}. */
    static byte[] message(final long timestamp, final String... entries)
    {
        return ("{\"timestamp\":" + timestamp + ",\"service\":\"CHART_EQUITY\",\"symbols\":{" +
            String.join(",", entries) + "}}").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void onBar(final BarView bar)
    {
        final Bar copy = bar.toBar();
        all.add(copy);
        bars.add(copy);
    }

    @Override
    public void onAggregateBar(final AggregateBarView bar)
    {
        final AggregateBar copy = bar.toAggregateBar();
        all.add(copy);
        aggregateBars.add(copy);
    }

    @Override
    public void onError(final ErrorView error)
    {
        final StreamError copy = error.toError();
        all.add(copy);
        if (copy.kind() != ErrorKind.CONNECTION_ERROR)
        {
            errors.add(copy);
        }
    }
}
