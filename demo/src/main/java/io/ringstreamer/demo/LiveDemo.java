package io.ringstreamer.demo;

import io.ringstreamer.Pipeline;
import io.ringstreamer.demo.exchange.ClientStats;
import io.ringstreamer.demo.exchange.FakeExchange;
import io.ringstreamer.demo.exchange.NaiveClient;
import io.ringstreamer.demo.exchange.SyntheticWork;
import io.ringstreamer.format.Service;
import io.ringstreamer.metrics.MetricsSnapshot;
import io.ringstreamer.result.BarView;
import io.ringstreamer.result.ErrorView;
import io.ringstreamer.result.ResultListener;
import io.ringstreamer.source.live.AlpacaProtocol;
import io.ringstreamer.source.live.EndpointText;
import io.ringstreamer.source.live.FeedProtocol;
import io.ringstreamer.source.live.SchwabProtocol;
import io.ringstreamer.source.live.WebSocketStreamer;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The demo's live commands: {@code --serve} (the fake exchange), {@code --connect} (a client against a
 * WebSocket URL, ring-streamer or {@code --naive}), and {@code --exchange-demo} (both clients against
 * one fake exchange, compared). Called from {@link Demo} on the main thread.
 */
final class LiveDemo
{
    /** The services the synthetic per-entry work ({@code --work-us}) runs for. */
    static final List<Service> WORK_SERVICES =
        List.of(Service.CHART_EQUITY, Service.LEVELONE_EQUITIES, Service.TIMESALE_EQUITY, Service.BOOK);

    /** The {@code --exchange-demo} scenario: the figures of the slow-client proof test. */
    static final int DEMO_RATE = 5_000;
    static final int DEMO_WORK_MICROS = 500;
    static final int DEMO_MAX_BACKLOG = 2_500;
    static final int DEMO_ITEMS = DEMO_RATE * 3;
    static final List<String> DEMO_SYMBOLS = List.of("AAPL", "MSFT", "AMZN", "NVDA");

    private LiveDemo()
    {
    }

    /** The adapter for {@code --protocol}, with the given credentials or placeholders a fake exchange accepts. */
    static FeedProtocol protocol(final DemoOptions options)
    {
        if (options.protocol == FakeExchange.Protocol.ALPACA)
        {
            return new AlpacaProtocol(orElse(options.key, "demo-key"), orElse(options.secret, "demo-secret"));
        }
        return new SchwabProtocol(SchwabProtocol.Config.of(orElse(options.token, "demo-token"), "demo", "demo", "demo", "demo"));
    }

    private static String orElse(final String value, final String otherwise)
    {
        return value != null ? value : otherwise;
    }

    /** The ring-streamer client's source for {@code --connect}. */
    static WebSocketStreamer streamer(final DemoOptions options)
    {
        return WebSocketStreamer.builder(options.connect, protocol(options)).build();
    }

    /** Adds the synthetic work component to every service it applies to. */
    static void addWork(final Pipeline.Builder builder, final int micros)
    {
        for (final Service service : WORK_SERVICES)
        {
            builder.component(service, () -> SyntheticWork.component(micros));
        }
    }

    /** Reads {@code +SYMBOL} and {@code -SYMBOL} lines and (un)subscribes; a daemon thread, ends with the input. */
    static void subscriptionsFrom(final InputStream in, final Pipeline pipeline, final PrintStream err)
    {
        final Thread reader = new Thread(() ->
        {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)))
            {
                for (String line = lines.readLine(); line != null && !pipeline.isTerminated(); line = lines.readLine())
                {
                    final String symbol = line.strip().length() > 1 ? line.strip().substring(1).strip() : "";
                    if (line.strip().startsWith("+") && !symbol.isEmpty())
                    {
                        pipeline.subscribe(symbol);
                    }
                    else if (line.strip().startsWith("-") && !symbol.isEmpty())
                    {
                        pipeline.unsubscribe(symbol);
                    }
                    else if (!line.isBlank())
                    {
                        err.println("type +SYMBOL to subscribe, -SYMBOL to unsubscribe");
                    }
                }
            }
            catch (final Exception ex)
            {
                err.println("ring-streamer: stdin: " + ex.getMessage());
            }
        }, "ring-streamer-stdin");
        reader.setDaemon(true);
        reader.start();
    }

    /** {@code --serve}: runs the fake exchange until Ctrl-C or {@code --seconds}. */
    static int serve(final DemoOptions options, final PrintStream out, final PrintStream err, final boolean handleCtrlC)
        throws Exception
    {
        final FakeExchange exchange = FakeExchange.builder().port(options.port).rate(options.rate)
            .itemsPerMessage(options.perMessage).maxBacklog(options.maxBacklog).build().start();
        final CountDownLatch stop = new CountDownLatch(1);
        final CountDownLatch stopped = new CountDownLatch(1);
        final Thread ctrlC = new Thread(() ->
        {
            stop.countDown();
            awaitQuietly(stopped, 5);
        }, "fake-exchange-ctrl-c");
        if (handleCtrlC)
        {
            Runtime.getRuntime().addShutdownHook(ctrlC);
        }
        out.println("Fake exchange on " + exchange.uri(options.serve) + " (also " +
            exchange.uri(options.serve == FakeExchange.Protocol.ALPACA ? FakeExchange.Protocol.SCHWAB : FakeExchange.Protocol.ALPACA) +
            "): " + options.rate + " items/s per client, cut-off backlog " + options.maxBacklog + " frames. Press Ctrl-C to stop.");
        out.flush();
        try
        {
            awaitQuietly(stop, options.seconds > 0 ? options.seconds : Long.MAX_VALUE / 2);
        }
        finally
        {
            exchange.close();
            for (final ClientStats client : exchange.clients())
            {
                err.println("client: " + client);
            }
            stopped.countDown();
        }
        if (handleCtrlC)
        {
            removeHook(ctrlC);
        }
        return 0;
    }

    /** {@code --connect --naive}: the inline client, until the server closes it, Ctrl-C or {@code --seconds}. */
    static int naive(final DemoOptions options, final List<String> symbols, final PrintStream out, final PrintStream err,
        final boolean handleCtrlC) throws Exception
    {
        out.println("Running the naive client (processing inside the WebSocket listener)... Press Ctrl-C to stop.");
        out.flush();
        final long start = System.nanoTime();
        try (NaiveClient naive = new NaiveClient(options.connect, protocol(options), symbols, options.workMicros).start())
        {
            final Thread ctrlC = new Thread(naive::close, "naive-ctrl-c");
            if (handleCtrlC)
            {
                Runtime.getRuntime().addShutdownHook(ctrlC);
            }
            final long deadline = options.seconds > 0 ? start + TimeUnit.SECONDS.toNanos(options.seconds) : Long.MAX_VALUE;
            while (!naive.awaitClose(2, TimeUnit.SECONDS) && System.nanoTime() - deadline < 0)
            {
                err.println("progress: frames=" + naive.framesRead() + " entries=" + naive.entriesProcessed());
            }
            naive.events().forEach(event -> out.println("EventInstance(kind=" + event.kind() + ", code=" + event.code() +
                ", message='" + event.message() + "')"));
            err.printf(Locale.ROOT, "summary: frames=%d entries=%d closed=%s code=%d reason=%s elapsed=%.3fs%n",
                naive.framesRead(), naive.entriesProcessed(), naive.closeCode() >= 0, naive.closeCode(), naive.closeReason(),
                (System.nanoTime() - start) / 1e9);
            if (handleCtrlC)
            {
                removeHook(ctrlC);
            }
        }
        return 0;
    }

    /**
     * {@code --exchange-demo}: one fake exchange, then the naive client and ring-streamer with the same
     * per-item work, one after the other, and what happened to each.
     */
    static int exchangeDemo(final DemoOptions options, final PrintStream out) throws Exception
    {
        final int work = options.workMicros > 0 ? options.workMicros : DEMO_WORK_MICROS;
        final int rate = options.rateGiven ? options.rate : DEMO_RATE;
        final int items = rate * 3;
        out.printf(Locale.ROOT, "Feed: %d items/s (%d in all) for %s, %d us of work per item, slow-client limit %d frames%n",
            rate, items, DEMO_SYMBOLS, work, DEMO_MAX_BACKLOG);
        out.flush();
        try (FakeExchange exchange = FakeExchange.builder().rate(rate).maxBacklog(DEMO_MAX_BACKLOG)
            .socketBufferBytes(64 * 1024).itemLimit(items).build().start())
        {
            try (NaiveClient naive = new NaiveClient(exchange.uri(FakeExchange.Protocol.ALPACA), new AlpacaProtocol("k", "s"),
                DEMO_SYMBOLS, work).start())
            {
                naive.awaitClose(60, TimeUnit.SECONDS);
                final ClientStats client = exchange.lastClient();
                out.printf(Locale.ROOT, "naive:         %s after %d ms (exchange backlog %d frames); close %d '%s'; " +
                        "received %d of %d items, processed %d%n",
                    client.disconnectedAsSlowClient() ? "cut off as a slow client" : "disconnected",
                    client.millisToDisconnect(), client.maxBacklog(), naive.closeCode(), naive.closeReason(),
                    client.itemsSent(), items, naive.entriesProcessed());
                out.flush();
            }
            final Counting listener = new Counting();
            final Pipeline.Builder builder = Pipeline.builder().name("exchange-demo").symbols(DEMO_SYMBOLS)
                .streamer(WebSocketStreamer.builder(exchange.uri(FakeExchange.Protocol.ALPACA), new AlpacaProtocol("k", "s")).build())
                .listener(listener).shards(1); // otherwise the defaults: a ring of 4,096, SPILL
            addWork(builder, work);
            final long start = System.nanoTime();
            try (Pipeline pipeline = builder.build().start())
            {
                final int before = exchange.clients().size();
                while (exchange.clients().size() == before || !exchange.lastClient().feedEnded())
                {
                    if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(60) ||
                        exchange.clients().size() > before && exchange.lastClient().isDisconnected())
                    {
                        break;
                    }
                    TimeUnit.MILLISECONDS.sleep(10);
                }
                final long feedMillis = (System.nanoTime() - start) / 1_000_000;
                final ClientStats client = exchange.lastClient();
                while (listener.results < client.itemsSent() && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(120))
                {
                    TimeUnit.MILLISECONDS.sleep(10);
                }
                final long doneMillis = (System.nanoTime() - start) / 1_000_000;
                final MetricsSnapshot metrics = pipeline.metrics().snapshot();
                out.printf(Locale.ROOT, "ring-streamer: %s; feed ended after %d ms (exchange backlog at most %d frames); " +
                        "received %d of %d items, processed %d (results %d, errors %d) after %d ms; spilled %d " +
                        "(largest spill %.1f MiB)%n",
                    client.isDisconnected() ? "DISCONNECTED: " + client.closeReason() : "stayed connected",
                    feedMillis, client.maxBacklog(), client.itemsSent(), items, metrics.processed(), listener.results,
                    listener.errors, doneMillis, metrics.spilled(), metrics.largestSpillBytes() / 1048576.0);
            }
        }
        return 0;
    }

    private static void awaitQuietly(final CountDownLatch latch, final long seconds)
    {
        try
        {
            latch.await(seconds, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(final Thread hook)
    {
        try
        {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        catch (final IllegalStateException alreadyShuttingDown)
        {
            // Ctrl-C arrived as we finished: the hook runs and finds everything closed
        }
    }

    /** Counts results and errors; the administrator thread writes, the main thread reads. */
    private static final class Counting implements ResultListener
    {
        volatile long results;
        volatile long errors;

        @Override
        public void onBar(final BarView bar)
        {
            results++;
        }

        @Override
        public void onQuote(final io.ringstreamer.result.QuoteView quote)
        {
            results++;
        }

        @Override
        public void onTrade(final io.ringstreamer.result.TradeView trade)
        {
            results++;
        }

        @Override
        public void onBook(final io.ringstreamer.result.BookView book)
        {
            results++;
        }

        @Override
        public void onError(final ErrorView error)
        {
            errors++;
        }
    }

    static URI parseUri(final String value)
    {
        final URI uri = URI.create(value);
        if (!"ws".equalsIgnoreCase(uri.getScheme()) && !"wss".equalsIgnoreCase(uri.getScheme()))
        {
            throw new IllegalArgumentException("--connect needs a ws:// or wss:// URL, not '" + EndpointText.redact(uri) + "'");
        }
        return uri;
    }
}
