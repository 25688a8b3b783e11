package io.ringstreamer.demo;

import io.ringstreamer.Pipeline;
import io.ringstreamer.demo.indicators.EmaRsi;
import io.ringstreamer.demo.synthetic.SyntheticMarket;
import io.ringstreamer.demo.synthetic.SyntheticStreamer;
import io.ringstreamer.demo.web.LiveBoard;
import io.ringstreamer.demo.web.LiveViewListener;
import io.ringstreamer.demo.web.LiveViewServer;
import io.ringstreamer.format.Service;
import io.ringstreamer.journal.ChronicleJournal;
import io.ringstreamer.journal.JournalDamagedException;
import io.ringstreamer.journal.JournalExporter;
import io.ringstreamer.journal.JournalReplayStreamer;
import io.ringstreamer.metrics.MetricsSnapshot;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.ResultListener;
import io.ringstreamer.source.FileStreamer;
import io.ringstreamer.source.Streamer;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The demo. With no arguments it reproduces the original ray-streamer run: symbols AAPL, DUD and
 * AMZN, the seed's three fake API messages, one line per result, then the fake API's
 * {@code ConnectionError}. With {@code --data FILE} it plays a JSON Lines file instead; with
 * {@code --synthetic SYMBOLS:RATE:DURATION} a simulated market of every service, paced in real time
 * ({@link SyntheticMarket}, {@link SyntheticStreamer}); {@code --indicators} adds the example component
 * {@link EmaRsi}. {@code --record DIR} journals every raw message of any source; {@code --replay DIR}
 * plays a journal back; {@code --export DIR} writes one out as JSON Lines. Live: {@code --serve} runs the
 * fake exchange, {@code --connect} streams a WebSocket feed (Alpaca or Schwab protocol) through
 * ring-streamer or, with {@code --naive}, the inline way, and {@code --exchange-demo} compares the two
 * against one fake exchange ({@link LiveDemo}). The command line is parsed and checked apart, by {@link DemoOptions};
 * this class runs what it asks for.
 */
public final class Demo
{
    /** The seed of the {@code --synthetic} market: every run plays the same messages. */
    static final long SYNTHETIC_SEED = 20_240_709L;

    /** The N-minute bars the demo shows with {@code --synthetic}. */
    static final int[] AGGREGATE_BAR_MINUTES = {5, 15};

    /** With {@code --connect}, the symbols unless {@code --symbols} says otherwise. */
    static final List<String> LIVE_SYMBOLS = List.of("AAPL", "MSFT", "AMZN");

    private static final String FAKE_API_DATA = "fake-api-data.jsonl";
    private static final List<String> SEED_SYMBOLS = List.of("AAPL", "DUD", "AMZN");

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    Demo(final PrintStream out, final PrintStream err)
    {
        this(System.in, out, err);
    }

    /** @param in what {@code --data -} reads. */
    Demo(final InputStream in, final PrintStream out, final PrintStream err)
    {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    public static void main(final String[] args)
    {
        quietChronicle();
        final PrintStream out = new PrintStream(
            new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16), false, StandardCharsets.UTF_8);
        final int status = new Demo(out, System.err).run(args, true);
        out.flush();
        System.exit(status);
    }

    /**
     * Before Chronicle Queue (the journal) loads: no usage analytics sent over the network, no banner,
     * and SLF4J's no-op logger chosen outright instead of a warning that none is on the class path.
     * A command-line {@code -D} wins.
     */
    static void quietChronicle()
    {
        for (final String[] property : new String[][] {
            {"chronicle.analytics.disable", "true"},
            {"chronicle.announcer.disable", "true"},
            {"slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider"},
            {"slf4j.internal.verbosity", "WARN"}})
        {
            if (System.getProperty(property[0]) == null)
            {
                System.setProperty(property[0], property[1]);
            }
        }
    }

    /**
     * Runs the demo.
     *
     * @param handleCtrlC whether to install a shutdown hook that closes the pipeline cleanly.
     * @return the process exit status: 0 done, 1 a journal that failed or was found damaged (a record run,
     * a replay, an export), 2 bad usage or unreadable input.
     */
    int run(final String[] args, final boolean handleCtrlC)
    {
        final DemoOptions options;
        try
        {
            options = DemoOptions.parse(args);
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("ring-streamer: " + ex.getMessage() + " (try --help)");
            return 2;
        }
        if (options.help)
        {
            out.println(DemoOptions.USAGE);
            return 0;
        }
        if (options.serve != null || options.exchangeDemo || options.naive)
        {
            try
            {
                if (options.serve != null)
                {
                    return LiveDemo.serve(options, out, err, handleCtrlC);
                }
                if (options.exchangeDemo)
                {
                    return LiveDemo.exchangeDemo(options, out);
                }
                return LiveDemo.naive(options, options.symbols != null ? options.symbols : LIVE_SYMBOLS, out, err, handleCtrlC);
            }
            catch (final IOException ex)
            {
                err.println("ring-streamer: " + ex.getMessage());
                return 1;
            }
            catch (final Exception ex)
            {
                err.println("ring-streamer: " + ex);
                return 1;
            }
        }
        if (options.export != null)
        {
            return export(options);
        }
        if ("worker".equals(options.role))
        {
            return ClusterDemo.worker(options, out, err);
        }
        if ("admin".equals(options.role))
        {
            return ClusterDemo.admin(options, out, err, handleCtrlC);
        }

        final Streamer streamer;
        final List<String> symbols;
        JournalReplayStreamer replay = null;
        long sourceMessages = -1; // known for --kill-node's fraction
        try
        {
            if (options.connect != null)
            {
                streamer = LiveDemo.streamer(options);
                symbols = options.symbols != null ? options.symbols : LIVE_SYMBOLS;
            }
            else if (options.replay != null)
            {
                replay = new JournalReplayStreamer(options.replay, options.replaySpeed);
                streamer = replay;
                symbols = options.symbols != null ? options.symbols : scanned(SymbolScan.symbolsInJournal(options.replay), options.replay);
            }
            else if (options.synthetic != null)
            {
                final DemoOptions.Synthetic synthetic = options.synthetic;
                final SyntheticMarket market = SyntheticMarket.builder()
                    .symbols(synthetic.symbols())
                    .seed(SYNTHETIC_SEED)
                    .messagesPerSecond((double)synthetic.rate() / options.speed)
                    .build();
                streamer = new SyntheticStreamer(market, synthetic.rate(), synthetic.messageCount());
                sourceMessages = synthetic.messageCount();
                symbols = options.symbols != null ? options.symbols : market.symbols();
            }
            else if (options.data == null)
            {
                final List<byte[]> lines = readResourceLines(FAKE_API_DATA);
                try (InputStream data = Demo.class.getResourceAsStream(FAKE_API_DATA))
                {
                    // the seed's fake API: its messages in order, then its ConnectionError
                    streamer = new FileStreamer(spool(data), FileStreamer.AtEnd.CONNECTION_ERROR);
                }
                sourceMessages = lines.size();
                symbols = options.symbols != null ? options.symbols : SEED_SYMBOLS;
            }
            else
            {
                final boolean stdin = options.data.toString().equals(DemoOptions.STDIN);
                final Path data = stdin ? spool(in) : options.data;
                final String name = stdin ? "standard input" : options.data.toString();
                if (!Files.isReadable(data) || Files.isDirectory(data))
                {
                    throw new IOException("cannot read " + name);
                }
                if (options.symbols != null)
                {
                    SymbolScan.requireCanonical(data, name);
                }
                streamer = new FileStreamer(data, FileStreamer.AtEnd.CONNECTION_ERROR);
                if (options.killNode >= 0)
                {
                    try (java.util.stream.Stream<String> all = Files.lines(data, StandardCharsets.UTF_8))
                    {
                        sourceMessages = all.filter(line -> !line.isBlank()).count();
                    }
                }
                symbols = options.symbols != null ? options.symbols : scanned(SymbolScan.symbolsIn(data, name), data);
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            err.println("ring-streamer: " + ex.getMessage());
            return 2;
        }
        if (symbols.isEmpty())
        {
            err.println("ring-streamer: no symbols found in " + (options.replay != null ? options.replay : options.data) +
                "; give --symbols");
            return 2;
        }

        if (options.nodes > 0)
        {
            return ClusterDemo.local(options, streamer, symbols, sourceMessages, out, err, handleCtrlC);
        }
        if ("feed".equals(options.role))
        {
            return ClusterDemo.feed(options, streamer, symbols, err, handleCtrlC);
        }

        final ResultListener console = new ConsoleListener(out, options.quiet);
        final LiveBoard board = options.web >= 0
            ? new LiveBoard(symbols, options.synthetic != null ? AGGREGATE_BAR_MINUTES[0] : 0) : null;
        final Pipeline.Builder builder = Pipeline.builder()
            .symbols(symbols)
            .streamer(streamer)
            .listener(board != null ? new LiveViewListener(board, console) : console);
        if (options.synthetic != null)
        {
            builder.aggregateBars(AGGREGATE_BAR_MINUTES);
        }
        if (options.indicators)
        {
            builder.component(Service.CHART_EQUITY, EmaRsi::new);
        }
        if (options.workMicros > 0)
        {
            LiveDemo.addWork(builder, options.workMicros);
        }
        try
        {
            if (options.shards > 0)
            {
                builder.shards(options.shards);
            }
            if (options.ringSize > 0)
            {
                builder.ringSize(options.ringSize);
            }
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("ring-streamer: " + ex.getMessage());
            return 2;
        }

        LiveViewServer view = null;
        if (board != null)
        {
            try
            {
                view = LiveViewServer.start(board, options.webHost, options.web);
            }
            catch (final Exception ex)
            {
                err.println("ring-streamer: cannot serve the live page on " + options.webHost + ":" + options.web + ": " + ex);
                return 2;
            }
            err.println("web: " + view.uri());
        }

        final ChronicleJournal journal;
        try
        {
            journal = options.record != null ? new ChronicleJournal(options.record) : null;
        }
        catch (final RuntimeException ex)
        {
            err.println("ring-streamer: cannot record into " + options.record + ": " + ex.getMessage());
            if (view != null)
            {
                view.close();
            }
            return 2;
        }
        builder.journal(journal);

        out.println("Running... Press Ctrl-C to stop.");
        out.flush();
        final long startNanos = System.nanoTime();
        final Pipeline pipeline = builder.build().start();
        if (view != null)
        {
            view.attach(pipeline);
        }
        final CountDownLatch summarised = new CountDownLatch(1);
        final Thread ctrlC = new Thread(() -> closeOnCtrlC(pipeline, summarised), "ring-streamer-ctrl-c");
        if (handleCtrlC)
        {
            Runtime.getRuntime().addShutdownHook(ctrlC);
            if (options.connect != null)
            {
                LiveDemo.subscriptionsFrom(System.in, pipeline, err);
            }
        }
        int status = 0;
        try
        {
            awaitWithProgress(pipeline, startNanos, options.seconds, Duration.ofSeconds(options.drainSeconds));
            err.println("summary: " + summary(pipeline.metrics().snapshot(), System.nanoTime() - startNanos));
            if (journal != null)
            {
                journal.close();
                err.println(journal);
                final long journalFailures = pipeline.metrics().errors(ErrorKind.JOURNAL_FAILURE);
                if (journalFailures > 0)
                {
                    err.println("ring-streamer: the journal failed (" + journalFailures + " JournalFailure errors): " +
                        options.record + " does not hold every message");
                    status = 1;
                }
            }
            if (replay != null && replay.failure() != null)
            {
                err.println("ring-streamer: the replay stopped early: " + replay.failure().getMessage());
                status = 1;
            }
        }
        finally
        {
            if (view != null)
            {
                view.close();
                err.println(view.report());
            }
            summarised.countDown();
        }
        if (handleCtrlC)
        {
            try
            {
                Runtime.getRuntime().removeShutdownHook(ctrlC);
            }
            catch (final IllegalStateException alreadyShuttingDown)
            {
                // Ctrl-C arrived as we finished: the hook is running and will find the pipeline closed
            }
        }
        return status;
    }

    /** The symbols a scan of {@code source} found; says on stderr, in one line, what it left out. */
    private List<String> scanned(final SymbolScan.Found found, final Path source)
    {
        final String note = found.note(source);
        if (note != null)
        {
            err.println(note);
        }
        return found.symbols();
    }

    /** {@code --export}: the journal as JSON Lines to stdout or {@code --out}; a count to stderr. */
    private int export(final DemoOptions options)
    {
        try
        {
            final JournalExporter.Result result = options.out != null
                ? JournalExporter.export(options.export, options.out)
                : JournalExporter.export(options.export, out);
            err.println("exported " + result.messages() + " messages, " + result.bytes() + " bytes, from " +
                options.export + (options.out != null ? " to " + options.out : "") +
                (result.reformatted() > 0 ? "; " + result.reformatted() + " had line breaks, written as spaces" : ""));
            return 0;
        }
        catch (final JournalDamagedException damage)
        {
            err.println("exported " + damage.record() + " messages from " + options.export +
                (options.out != null ? " to " + options.out : "") + ", then stopped: " + damage.getMessage());
            return 1;
        }
        catch (final IOException | RuntimeException ex)
        {
            err.println("ring-streamer: cannot export " + options.export + ": " + ex.getMessage());
            return 2;
        }
    }

    /** How long Ctrl-C gives the pipeline to deliver what it holds before the demo exits. */
    static final Duration CTRL_C_DRAIN = Duration.ofSeconds(3);

    /**
     * Ctrl-C or SIGTERM: stops the streamer and gives the pipeline {@link #CTRL_C_DRAIN} to deliver what
     * it holds; whatever the listener does (stuck writing to a pipe nobody reads, say), the JVM halts
     * soon after, with what was left on stderr.
     */
    private void closeOnCtrlC(final Pipeline pipeline, final CountDownLatch summarised)
    {
        final DrainDeadline.Outcome outcome = DrainDeadline.close(pipeline, CTRL_C_DRAIN);
        if (!outcome.drained())
        {
            err.println("ring-streamer: stopping: " + outcome.describe(CTRL_C_DRAIN));
            err.flush();
            return;
        }
        try
        {
            summarised.await(2, TimeUnit.SECONDS); // let main print the summary before the JVM halts
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Prints progress every 2 s until the pipeline ends; with {@code seconds}, stops it reading then and
     * gives it {@code drain} to deliver what it holds ({@link DrainDeadline}), and says how that went.
     */
    private void awaitWithProgress(final Pipeline pipeline, final long startNanos, final int seconds, final Duration drain)
    {
        final long stopAt = startNanos + TimeUnit.SECONDS.toNanos(seconds);
        boolean interrupted = false;
        while (true)
        {
            try
            {
                final long wait = seconds > 0 ? Math.min(TimeUnit.SECONDS.toNanos(2), stopAt - System.nanoTime())
                    : TimeUnit.SECONDS.toNanos(2);
                if (pipeline.awaitTermination(Math.max(0, wait), TimeUnit.NANOSECONDS))
                {
                    break;
                }
                if (seconds > 0 && System.nanoTime() - stopAt >= 0)
                {
                    err.println("stopped reading after " + seconds + " s; " + DrainDeadline.close(pipeline, drain).describe(drain));
                    break;
                }
                err.println("progress: " + summary(pipeline.metrics().snapshot(), System.nanoTime() - startNanos));
            }
            catch (final InterruptedException ex)
            {
                interrupted = true;
                pipeline.close();
            }
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }

    static String summary(final MetricsSnapshot m, final long elapsedNanos)
    {
        final double seconds = elapsedNanos / 1e9;
        final StringBuilder byKind = new StringBuilder();
        m.errorsByKind().forEach((kind, count) -> byKind.append(' ').append(kind.label()).append('=').append(count));
        return String.format(Locale.ROOT,
            "messages=%d processed=%d rejected=%d dropped=%d in-flight=%d results=%d errors=%d " +
                "listener-errors=%d backlog=%d/%d spill=%d (%.1f MiB, largest %.1f MiB, spilled %d, abandoned %d) " +
                "elapsed=%.3fs rate=%.0f msg/s%s",
            m.received(), m.processed(), m.rejected(), m.dropped(), m.inFlight(), m.resultsDelivered(),
            m.errorsDelivered(), m.listenerErrors(), m.inboundBacklog(), m.resultsBacklog(), m.spillBacklog(),
            m.spillBytes() / 1048576.0, m.largestSpillBytes() / 1048576.0, m.spilled(), m.abandoned(), seconds,
            seconds > 0 ? m.received() / seconds : 0.0, byKind.length() == 0 ? "" : " |" + byKind);
    }

    /**
     * {@code --data -} and the default source: standard input or the fake API's data, read to its end into a
     * temporary file (deleted when the JVM exits).
     */
    private static Path spool(final InputStream in) throws IOException
    {
        final Path file = Files.createTempFile("ring-streamer-", ".jsonl");
        file.toFile().deleteOnExit();
        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    private static List<byte[]> readResourceLines(final String name) throws IOException
    {
        final List<byte[]> lines = new ArrayList<>();
        try (InputStream in = Demo.class.getResourceAsStream(name))
        {
            if (in == null)
            {
                throw new IOException("missing resource " + name);
            }
            final BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine())
            {
                if (!line.isBlank())
                {
                    lines.add(line.getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        return lines;
    }
}
