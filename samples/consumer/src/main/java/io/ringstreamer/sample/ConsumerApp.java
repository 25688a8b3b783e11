package io.ringstreamer.sample;

import io.ringstreamer.Pipeline;
import io.ringstreamer.result.BarView;
import io.ringstreamer.result.ErrorView;
import io.ringstreamer.result.ResultListener;
import io.ringstreamer.source.Streamer;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a pipeline over two canonical messages (three 1-minute bars) from a streamer of its own, then prints one
 * line: how many bars and errors the listener saw, and whether it and the library ran as named modules
 * ({@code app=io.ringstreamer.sample core=io.ringstreamer}) or on the class path ({@code app=classpath
 * core=classpath}).
 */
public final class ConsumerApp
{
    /** From data/seed/fake-api-data.jsonl: AMZN at 07:00, AAPL and AMZN at 07:01 (New York). */
    static final String[] LINES =
    {
        "{\"timestamp\":1720522860000,\"service\":\"CHART_EQUITY\",\"symbols\":{\"AMZN\":{\"open\":199.79,\"high\":199.84," +
            "\"low\":199.79,\"close\":199.84,\"volume\":1521,\"datetime\":1720522800000}}}",
        "{\"timestamp\":1720522920000,\"service\":\"CHART_EQUITY\",\"symbols\":{\"AAPL\":{\"open\":227.99,\"high\":228.0," +
            "\"low\":227.95,\"close\":227.95,\"volume\":3756,\"datetime\":1720522860000},\"AMZN\":{\"open\":199.85," +
            "\"high\":199.85,\"low\":199.85,\"close\":199.85,\"volume\":204,\"datetime\":1720522860000}}}",
    };

    private ConsumerApp()
    {
    }

    public static void main(final String[] args) throws InterruptedException
    {
        final AtomicInteger bars = new AtomicInteger();
        final AtomicInteger errors = new AtomicInteger();
        final ResultListener listener = new ResultListener()
        {
            @Override
            public void onBar(final BarView bar)
            {
                bars.incrementAndGet();
            }

            @Override
            public void onError(final ErrorView error)
            {
                errors.incrementAndGet();
                System.out.println(error.kind() + ": " + error.message());
            }
        };
        final Streamer streamer = publisher ->
        {
            for (final String line : LINES)
            {
                final byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
                publisher.publish(bytes, 0, bytes.length);
            }
        }; // returning ends the stream

        try (Pipeline pipeline = Pipeline.builder()
            .symbols("AAPL", "AMZN")
            .streamer(streamer)
            .listener(listener)
            .build()
            .start())
        {
            pipeline.awaitTermination();
        }
        System.out.println("bars=" + bars.get() + " errors=" + errors.get() +
            " app=" + moduleOf(ConsumerApp.class) + " core=" + moduleOf(Pipeline.class));
    }

    private static String moduleOf(final Class<?> type)
    {
        return type.getModule().isNamed() ? type.getModule().getName() : "classpath";
    }
}
