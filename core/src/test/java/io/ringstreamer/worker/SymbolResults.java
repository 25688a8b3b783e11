package io.ringstreamer.worker;

import io.ringstreamer.Pipeline;
import io.ringstreamer.result.BarView;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.ErrorView;
import io.ringstreamer.result.QuoteView;
import io.ringstreamer.result.ResultListener;
import io.ringstreamer.result.StreamError;
import io.ringstreamer.result.TradeView;
import io.ringstreamer.source.FakeApiStreamer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs canonical messages through a real pipeline (default components, {@link FakeApiStreamer}) and
 * keeps each symbol's results, immutable copies in arrival order: {@code Bar}, {@code Quote},
 * {@code Trade} and {@code StreamError} records side by side. Filled on the administrator thread, read
 * after the pipeline has terminated.
 */
final class SymbolResults implements ResultListener
{
    private final Map<String, List<Object>> bySymbol = new HashMap<>();
    private final Map<String, List<double[]>> midAndSpreadBySymbol = new HashMap<>();
    private final List<StreamError> streamErrors = new ArrayList<>();

    /** One message of {@code service} whose symbols map holds {@code entries} ({@code "SYM":{...}} each). */
    static String message(final String service, final String... entries)
    {
        return "{\"timestamp\":1,\"service\":\"" + service + "\",\"symbols\":{" + String.join(",", entries) + "}}";
    }

    /** Streams {@code messages} to the end of the fake API's data; asserts that nothing but that end failed. */
    static SymbolResults run(final int shards, final List<String> symbols, final List<String> messages)
        throws InterruptedException
    {
        return run(shards, symbols, messages, Validation.REJECT);
    }

    /** As {@link #run(int, List, List)}, validating with {@code validation}. */
    static SymbolResults run(
        final int shards, final List<String> symbols, final List<String> messages, final Validation validation)
        throws InterruptedException
    {
        final List<byte[]> bytes = new ArrayList<>(messages.size());
        for (final String message : messages)
        {
            bytes.add(message.getBytes(StandardCharsets.UTF_8));
        }
        final SymbolResults results = new SymbolResults();
        try (Pipeline pipeline = Pipeline.builder().symbols(symbols).shards(shards).ringSize(64).resultRingSize(64)
            .validation(validation)
            .streamer(new FakeApiStreamer(bytes)).listener(results).build().start())
        {
            assertTrue(pipeline.awaitTermination(30, TimeUnit.SECONDS));
        }
        assertEquals(1, results.streamErrors.size(), results.streamErrors.toString());
        assertEquals(ErrorKind.CONNECTION_ERROR, results.streamErrors.get(0).kind());
        return results;
    }

    /** {@code symbol}'s results in arrival order (empty if none). */
    List<Object> of(final String symbol)
    {
        return bySymbol.getOrDefault(symbol, List.of());
    }

    /** {@code {mid(), spread()}} of each of {@code symbol}'s quote views, read during the callback. */
    List<double[]> midAndSpread(final String symbol)
    {
        return midAndSpreadBySymbol.getOrDefault(symbol, List.of());
    }

    @Override
    public void onBar(final BarView bar)
    {
        add(bar.symbol(), bar.toBar());
    }

    @Override
    public void onQuote(final QuoteView quote)
    {
        add(quote.symbol(), quote.toQuote());
        midAndSpreadBySymbol.computeIfAbsent(quote.symbol(), s -> new ArrayList<>())
            .add(new double[]{quote.mid(), quote.spread()});
    }

    @Override
    public void onTrade(final TradeView trade)
    {
        add(trade.symbol(), trade.toTrade());
    }

    @Override
    public void onError(final ErrorView error)
    {
        if (error.symbol() == null)
        {
            streamErrors.add(error.toError());
        }
        else
        {
            add(error.symbol(), error.toError());
        }
    }

    private void add(final String symbol, final Object result)
    {
        bySymbol.computeIfAbsent(symbol, s -> new ArrayList<>()).add(result);
    }
}
