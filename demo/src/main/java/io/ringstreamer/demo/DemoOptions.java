package io.ringstreamer.demo;

import io.ringstreamer.Pipeline;
import io.ringstreamer.demo.exchange.FakeExchange;
import io.ringstreamer.demo.synthetic.SyntheticMarket;
import io.ringstreamer.journal.JournalReplayStreamer;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The demo's command line, parsed and checked, apart from running it ({@link Demo}): every option of {@link #USAGE},
 * each also accepted as {@code --option=value}; {@code --data -} for standard input; the limits the pipeline has
 * (shards 1 to 64, a ring size a power of two) checked here, so a wrong value is named before anything starts.
 * Used by the thread that runs {@code main}.
 */
final class DemoOptions
{
    /** With {@code --synthetic}, simulated seconds per real second unless {@code --speed} says otherwise. */
    static final int DEFAULT_SPEED = 60;

    /** With {@code --serve}, items a second to each client unless {@code --rate} says otherwise. */
    static final int DEFAULT_RATE = 1_000;

    /** With {@code --serve}, the slow-client limit unless {@code --max-backlog} says otherwise. */
    static final int DEFAULT_MAX_BACKLOG = 10_000;

    /** With {@code --connect --seconds}, how long the final drain may take unless {@code --drain-seconds} says otherwise. */
    static final int DEFAULT_DRAIN_SECONDS = 5;

    /** The most shards a pipeline runs ({@code Pipeline.Builder.shards}). */
    static final int MAX_SHARDS = 64;

    /** {@code --data -}: standard input. */
    static final String STDIN = "-";

    static final String USAGE = String.join(System.lineSeparator(),
        "usage: ring-streamer [options]      (an option's value may also be given as --option=value)",
        "  (no options)       replay the original ray-streamer's fake API: AAPL, DUD, AMZN",
        "  --data FILE        play a canonical JSON Lines file (docs/formats/canonical.md); it ends with the fake",
        "                     API's ConnectionError. FILE - reads standard input to its end, then plays it",
        "  --synthetic SYMBOLS:RATE:DURATION",
        "                     play a simulated market of every service: SYMBOLS symbols, RATE messages a second,",
        "                     for DURATION (10s or 2m), e.g. 50:20000:10s; it ends with the bars of the minute in progress",
        "  --speed N          with --synthetic, simulated seconds per second (default " + DEFAULT_SPEED +
            ": a 1-minute bar per symbol every second); with --replay, max or recorded seconds per second",
        "  --record DIR       journal every raw message received into DIR (Chronicle Queue, a file a day), any source",
        "  --replay DIR       play the journal in DIR; with --speed max (default), 1 (the recorded pace) or a factor",
        "  --export DIR       write the journal in DIR as JSON Lines, one message a line, to stdout or --out FILE",
        "  --indicators       add the example component EmaRsi: EMA(20) and RSI(14) of each symbol's 1-minute closes",
        "  --symbols A,B,C    symbols to process (default AAPL,DUD,AMZN; with --data, those in its first 100,000 lines;",
        "                     with --synthetic, the generated ones; with --connect, AAPL,MSFT,AMZN)",
        "  --shards K         shard handler threads, 1 to " + MAX_SHARDS + " (default " +
            Pipeline.Builder.defaultShards() + ")",
        "  --ring-size N      inbound ring slots, a power of two from 2 up (default 4096)",
        "  --quiet            print no result lines, only the summary",
        "  --web PORT         also serve a live page of the run at http://127.0.0.1:PORT/ (0: any free port, printed),",
        "                     with the pipeline's meters in the Prometheus format at /metrics (docs/live-view.md)",
        "  --web-host HOST    with --web, listen on HOST instead of 127.0.0.1 (0.0.0.0: every interface)",
        "cluster (Aeron, see docs/scale-out.md):",
        "  --nodes N          run the source through N worker JVMs started as children, over Aeron UDP on 127.0.0.1:",
        "                     this process is the feed and the administrator, and prints what the one-process run prints",
        "  --kill-node I@F    with --nodes, SIGKILL worker I once fraction F (0 to 1) of the source has been published,",
        "                     then start it again; it catches up from the feed's recording (not with --replay)",
        "  --role feed|worker|admin",
        "                     run one node of a cluster started by hand: feed (any source, --workers N --feed HOST:PORT",
        "                     [--recorder HOST:PORT]), worker (--worker I --feed HOST:PORT --admin HOST:PORT [--host ADDR]",
        "                     [--recorder HOST:PORT] [--acks FILE] [--aggregate-bars M,N] and the pipeline options), admin",
        "                     (--workers N --admin HOST:PORT [--acks FILE])",
        "live (a WebSocket feed; see docs/live-sources.md):",
        "  --serve alpaca|schwab",
        "                     run the fake exchange on 127.0.0.1 until Ctrl-C (it serves /alpaca and /schwab)",
        "  --port P           with --serve, the port (default 0: any free one, printed)",
        "  --rate N           with --serve or --exchange-demo, items a second to each client (default " + DEFAULT_RATE + ")",
        "  --per-message N    with --serve, items per frame at most (default 1)",
        "  --max-backlog N    with --serve, unsent frames before a client is cut off as slow (default " + DEFAULT_MAX_BACKLOG + ")",
        "  --connect URL      stream a WebSocket feed (ws:// or wss://) through ring-streamer until Ctrl-C;",
        "                     type +SYMBOL or -SYMBOL and Enter to subscribe or unsubscribe while it runs",
        "  --protocol alpaca|schwab",
        "                     with --connect, the feed's protocol",
        "  --key K --secret S with --protocol alpaca, the credentials (default: placeholders a fake exchange accepts);",
        "                     on the command line `ps` shows them to every user: prefer one of the two below",
        "  --token T          with --protocol schwab, the access token (default: a placeholder; `ps` shows it too)",
        "  --key-env NAME --secret-env NAME",
        "                     with --protocol alpaca, read the key and secret from these environment variables",
        "  --token-env NAME   with --protocol schwab, read the access token from this environment variable",
        "  --credentials FILE with --connect, read them from a properties file: key= and secret= (alpaca), token= (schwab)",
        "  --naive            with --connect, process inside the WebSocket listener instead (the way that gets cut off)",
        "  --work-us N        with --connect or --exchange-demo, about N microseconds of synthetic work per item",
        "  --seconds N        with --serve or --connect, stop after N seconds (--connect: stop reading, then deliver",
        "                     what was received, within --drain-seconds)",
        "  --drain-seconds N  with --connect --seconds, how long delivering what was received may take at the end",
        "                     (default " + DEFAULT_DRAIN_SECONDS + "); what is left then is reported",
        "  --exchange-demo    run the fake exchange, then the naive client and ring-streamer against it, and compare",
        "  --help             this text");

    /**
     * The {@code --synthetic} run: {@code symbols} symbols, {@code rate} messages per second, for
     * {@code seconds}.
     */
    record Synthetic(int symbols, int rate, long seconds)
    {
        static final int MAX_RATE = 10_000_000;
        static final long MAX_SECONDS = 24 * 60 * 60;

        /** Parses {@code SYMBOLS:RATE:DURATION}, the duration in seconds ({@code 10s}) or minutes ({@code 2m}). */
        static Synthetic parse(final String spec)
        {
            final String[] parts = spec.split(":", -1);
            if (parts.length != 3)
            {
                throw new IllegalArgumentException(
                    "--synthetic needs SYMBOLS:RATE:DURATION, for example 50:20000:10s, not '" + spec + "'");
            }
            final int symbols = bounded(parts[0], SyntheticMarket.MAX_SYMBOLS, "SYMBOLS");
            final int rate = bounded(parts[1], MAX_RATE, "RATE (messages per second)");
            final long seconds = seconds(parts[2]);
            if (seconds < 1 || seconds > MAX_SECONDS)
            {
                throw new IllegalArgumentException("--synthetic DURATION must be whole seconds or minutes " +
                    "(10s, 2m), at most 24 hours, not '" + parts[2] + "'");
            }
            return new Synthetic(symbols, rate, seconds);
        }

        /** How many paced messages the run publishes. */
        long messageCount()
        {
            return (long)rate * seconds;
        }

        private static int bounded(final String value, final int max, final String what)
        {
            try
            {
                final long parsed = Long.parseLong(value);
                if (parsed >= 1 && parsed <= max)
                {
                    return (int)parsed;
                }
            }
            catch (final NumberFormatException ex)
            {
                // not a whole number: reported below
            }
            throw new IllegalArgumentException("--synthetic " + what + " must be a whole number from 1 to " + max +
                ", not '" + value + "'");
        }

        /** {@code 10s} → 10, {@code 2m} → 120; -1 if it is neither. */
        private static long seconds(final String duration)
        {
            final long unit = duration.endsWith("s") ? 1 : duration.endsWith("m") ? 60 : 0;
            try
            {
                final long amount = Long.parseLong(duration.substring(0, Math.max(0, duration.length() - 1)));
                return unit > 0 && amount > 0 && amount <= MAX_SECONDS ? amount * unit : -1;
            }
            catch (final NumberFormatException ex)
            {
                return -1;
            }
        }
    }

    Path data;
    Synthetic synthetic;
    Path record;
    Path replay;
    Path export;
    Path out;
    String speedText;
    int speed;
    double replaySpeed = JournalReplayStreamer.MAX_SPEED;
    boolean indicators;
    List<String> symbols;
    int shards;
    int ringSize;
    boolean quiet;
    boolean help;
    FakeExchange.Protocol serve;
    int port;
    int rate = DEFAULT_RATE;
    boolean rateGiven;
    int perMessage = 1;
    int maxBacklog = DEFAULT_MAX_BACKLOG;
    URI connect;
    FakeExchange.Protocol protocol;
    String key;
    String secret;
    String token;
    String keyEnv;
    String secretEnv;
    String tokenEnv;
    Path credentials;
    boolean naive;
    int workMicros;
    int seconds;
    int drainSeconds = DEFAULT_DRAIN_SECONDS;
    boolean exchangeDemo;
    int web = -1;
    String webHost = "127.0.0.1";
    int nodes;
    int killNode = -1;
    double killFraction;
    String role;
    int worker = -1;
    int workers;
    String feedEndpoint;
    String adminEndpoint;
    String recorderEndpoint;
    /** A worker's: the administrator's acknowledgements file (one host), read on a restart. */
    Path acks;
    String host = "127.0.0.1";
    Path dir;
    long parentPid;
    int[] aggregateBars;

    /** The options that take no value. */
    private static final List<String> FLAGS =
        List.of("--indicators", "--quiet", "--help", "-h", "--naive", "--exchange-demo");

    static DemoOptions parse(final String[] given)
    {
        return parse(given, System::getenv);
    }

    /** Parses {@code given}, reading {@code --*-env} credentials from {@code environment}. */
    static DemoOptions parse(final String[] given, final UnaryOperator<String> environment)
    {
        final String[] args = splitInlineValues(given);
        final DemoOptions options = new DemoOptions();
        for (int i = 0; i < args.length; i++)
        {
            final String arg = args[i];
            switch (arg)
            {
                case "--data":
                    options.data = Path.of(value(args, ++i, arg));
                    break;
                case "--synthetic":
                    options.synthetic = Synthetic.parse(value(args, ++i, arg));
                    break;
                case "--speed":
                    options.speedText = value(args, ++i, arg);
                    break;
                case "--record":
                    options.record = Path.of(value(args, ++i, arg));
                    break;
                case "--replay":
                    options.replay = Path.of(value(args, ++i, arg));
                    break;
                case "--export":
                    options.export = Path.of(value(args, ++i, arg));
                    break;
                case "--out":
                    options.out = Path.of(value(args, ++i, arg));
                    break;
                case "--indicators":
                    options.indicators = true;
                    break;
                case "--symbols":
                    options.symbols = Arrays.stream(value(args, ++i, arg).split(","))
                        .map(String::trim).filter(s -> !s.isEmpty()).toList();
                    if (options.symbols.isEmpty())
                    {
                        throw new IllegalArgumentException("--symbols needs at least one symbol");
                    }
                    break;
                case "--shards":
                    options.shards = shards(value(args, ++i, arg));
                    break;
                case "--ring-size":
                    options.ringSize = ringSize(value(args, ++i, arg));
                    break;
                case "--quiet":
                    options.quiet = true;
                    break;
                case "--help":
                case "-h":
                    options.help = true;
                    break;
                case "--serve":
                    options.serve = FakeExchange.Protocol.parse(value(args, ++i, arg));
                    break;
                case "--port":
                    options.port = positive(value(args, ++i, arg), arg);
                    if (options.port > 65_535)
                    {
                        throw new IllegalArgumentException("--port must be at most 65535");
                    }
                    break;
                case "--rate":
                    options.rate = positive(value(args, ++i, arg), arg);
                    options.rateGiven = true;
                    break;
                case "--per-message":
                    options.perMessage = positive(value(args, ++i, arg), arg);
                    break;
                case "--max-backlog":
                    options.maxBacklog = positive(value(args, ++i, arg), arg);
                    break;
                case "--connect":
                    options.connect = LiveDemo.parseUri(value(args, ++i, arg));
                    break;
                case "--protocol":
                    options.protocol = FakeExchange.Protocol.parse(value(args, ++i, arg));
                    break;
                case "--key":
                    options.key = value(args, ++i, arg);
                    break;
                case "--secret":
                    options.secret = value(args, ++i, arg);
                    break;
                case "--token":
                    options.token = value(args, ++i, arg);
                    break;
                case "--key-env":
                    options.keyEnv = value(args, ++i, arg);
                    break;
                case "--secret-env":
                    options.secretEnv = value(args, ++i, arg);
                    break;
                case "--token-env":
                    options.tokenEnv = value(args, ++i, arg);
                    break;
                case "--credentials":
                    options.credentials = Path.of(value(args, ++i, arg));
                    break;
                case "--naive":
                    options.naive = true;
                    break;
                case "--work-us":
                    options.workMicros = positive(value(args, ++i, arg), arg);
                    break;
                case "--seconds":
                    options.seconds = positive(value(args, ++i, arg), arg);
                    break;
                case "--drain-seconds":
                    options.drainSeconds = positive(value(args, ++i, arg), arg);
                    break;
                case "--exchange-demo":
                    options.exchangeDemo = true;
                    break;
                case "--web":
                    options.web = port(value(args, ++i, arg), arg);
                    break;
                case "--web-host":
                    options.webHost = value(args, ++i, arg);
                    break;
                case "--nodes":
                    options.nodes = positive(value(args, ++i, arg), arg);
                    break;
                case "--kill-node":
                    options.killNode(value(args, ++i, arg));
                    break;
                case "--role":
                    options.role = value(args, ++i, arg);
                    if (!List.of("feed", "worker", "admin").contains(options.role))
                    {
                        throw new IllegalArgumentException("--role is feed, worker or admin, not '" + options.role + "'");
                    }
                    break;
                case "--worker":
                    options.worker = positiveOrZero(value(args, ++i, arg), arg);
                    break;
                case "--workers":
                    options.workers = positive(value(args, ++i, arg), arg);
                    break;
                case "--feed":
                    options.feedEndpoint = endpoint(value(args, ++i, arg), arg);
                    break;
                case "--admin":
                    options.adminEndpoint = endpoint(value(args, ++i, arg), arg);
                    break;
                case "--recorder":
                    options.recorderEndpoint = endpoint(value(args, ++i, arg), arg);
                    break;
                case "--host":
                    options.host = value(args, ++i, arg);
                    break;
                case "--dir":
                    options.dir = Path.of(value(args, ++i, arg));
                    break;
                case "--acks":
                    options.acks = Path.of(value(args, ++i, arg));
                    break;
                case "--parent-pid":
                    options.parentPid = positive(value(args, ++i, arg), arg);
                    break;
                case "--aggregate-bars":
                    options.aggregateBars = Arrays.stream(value(args, ++i, arg).split(","))
                        .mapToInt(m -> positive(m.trim(), arg)).toArray();
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        final int sources = (options.synthetic != null ? 1 : 0) + (options.data != null ? 1 : 0) +
            (options.replay != null ? 1 : 0);
        if (sources > 1)
        {
            throw new IllegalArgumentException("--synthetic, --data and --replay cannot be combined");
        }
        if (options.out != null && options.export == null)
        {
            throw new IllegalArgumentException("--out needs --export");
        }
        if (options.export != null && (sources > 0 || options.record != null))
        {
            throw new IllegalArgumentException("--export runs alone (with --out)");
        }
        if (options.speedText != null)
        {
            if (options.synthetic != null)
            {
                options.speed = positive(options.speedText, "--speed");
            }
            else if (options.replay != null)
            {
                options.replaySpeed = replaySpeed(options.speedText);
            }
            else
            {
                throw new IllegalArgumentException("--speed needs --synthetic or --replay");
            }
        }
        if (options.speed == 0)
        {
            options.speed = DEFAULT_SPEED;
        }
        options.checkLive(args);
        options.checkCluster(args);
        options.readCredentials(environment);
        return options;
    }

    /** {@code I@F}: worker I, fraction F of the source. */
    private void killNode(final String spec)
    {
        final int at = spec.indexOf('@');
        try
        {
            killNode = Integer.parseInt(spec.substring(0, Math.max(0, at)));
            killFraction = Double.parseDouble(spec.substring(at + 1));
        }
        catch (final NumberFormatException ex)
        {
            killNode = -1;
        }
        if (killNode < 0 || !(killFraction >= 0 && killFraction <= 1))
        {
            throw new IllegalArgumentException("--kill-node needs WORKER@FRACTION, for example 1@0.5, not '" + spec + "'");
        }
    }

    /** {@code host:port}. */
    private static String endpoint(final String value, final String option)
    {
        final int colon = value.lastIndexOf(':');
        if (colon < 1 || port(value.substring(colon + 1), option) == 0)
        {
            throw new IllegalArgumentException(option + " needs HOST:PORT, not '" + value + "'");
        }
        return value;
    }

    /** The cluster options go together only in the ways the usage shows. */
    private void checkCluster(final String[] args)
    {
        final List<String> given = Arrays.asList(args);
        if (nodes > 0 && role != null)
        {
            throw new IllegalArgumentException("--nodes runs a whole local cluster; --role runs one node: not both");
        }
        if ((nodes > 0 || role != null) && (serve != null || connect != null || exchangeDemo || export != null ||
            record != null))
        {
            throw new IllegalArgumentException("--nodes and --role go with the default source, --data, --synthetic " +
                "or --replay (not with --serve, --connect, --exchange-demo, --export or --record yet)");
        }
        if (role != null && web >= 0)
        {
            throw new IllegalArgumentException("--web goes with --nodes (the administrator here), not with --role yet");
        }
        if (killNode >= 0 && nodes == 0)
        {
            throw new IllegalArgumentException("--kill-node needs --nodes");
        }
        if (killNode >= nodes && nodes > 0)
        {
            throw new IllegalArgumentException("--kill-node names worker " + killNode + "; workers are 0 to " + (nodes - 1));
        }
        if (killNode >= 0 && replay != null)
        {
            throw new IllegalArgumentException("--kill-node needs a source of known length: the default, --data or --synthetic");
        }
        for (final String option : List.of("--worker", "--workers", "--feed", "--admin", "--recorder", "--host", "--dir", "--acks",
            "--parent-pid", "--aggregate-bars"))
        {
            if (given.contains(option) && role == null)
            {
                throw new IllegalArgumentException(option + " needs --role");
            }
        }
        if ("feed".equals(role) && (workers == 0 || feedEndpoint == null))
        {
            throw new IllegalArgumentException("--role feed needs --workers N and --feed HOST:PORT");
        }
        if ("admin".equals(role) && (workers == 0 || adminEndpoint == null))
        {
            throw new IllegalArgumentException("--role admin needs --workers N and --admin HOST:PORT");
        }
        if ("worker".equals(role) && (worker < 0 || feedEndpoint == null || adminEndpoint == null))
        {
            throw new IllegalArgumentException("--role worker needs --worker I, --feed HOST:PORT and --admin HOST:PORT");
        }
        if (role != null && !"worker".equals(role) && (given.contains("--aggregate-bars") || given.contains("--shards") ||
            given.contains("--ring-size") || indicators))
        {
            throw new IllegalArgumentException("--shards, --ring-size, --indicators and --aggregate-bars configure " +
                "the pipeline of --role worker");
        }
    }

    private static int positiveOrZero(final String value, final String option)
    {
        return value.equals("0") ? 0 : positive(value, option + " (0 up)");
    }

    /** {@code --option=value} becomes {@code --option value}; a flag given a value is an error. */
    static String[] splitInlineValues(final String[] args)
    {
        final List<String> split = new ArrayList<>(args.length + 4);
        for (final String arg : args)
        {
            final int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 0)
            {
                split.add(arg);
                continue;
            }
            final String option = arg.substring(0, equals);
            if (FLAGS.contains(option))
            {
                throw new IllegalArgumentException(option + " takes no value");
            }
            split.add(option);
            split.add(arg.substring(equals + 1));
        }
        return split.toArray(String[]::new);
    }

    /** The live options go together only in the ways the usage shows. */
    private void checkLive(final String[] args)
    {
        final int modes = (serve != null ? 1 : 0) + (connect != null ? 1 : 0) + (exchangeDemo ? 1 : 0) +
            (data != null ? 1 : 0) + (synthetic != null ? 1 : 0) + (replay != null ? 1 : 0) + (export != null ? 1 : 0);
        if (modes > 1)
        {
            throw new IllegalArgumentException(
                "choose one of --data, --synthetic, --replay, --export, --serve, --connect, --exchange-demo");
        }
        if (record != null && (serve != null || naive || exchangeDemo))
        {
            throw new IllegalArgumentException("--record journals a ring-streamer pipeline: not with --serve, --naive " +
                "or --exchange-demo");
        }
        final List<String> given = Arrays.asList(args);
        for (final String option : List.of("--port", "--per-message", "--max-backlog"))
        {
            if (given.contains(option) && serve == null)
            {
                throw new IllegalArgumentException(option + " needs --serve");
            }
        }
        if (rateGiven && serve == null && !exchangeDemo)
        {
            throw new IllegalArgumentException("--rate needs --serve or --exchange-demo");
        }
        if (serve != null && (symbols != null || shards > 0 || ringSize > 0 || quiet || indicators))
        {
            throw new IllegalArgumentException("--serve streams what each client subscribes to: " +
                "--symbols, --shards, --ring-size, --quiet and --indicators are for clients");
        }
        if (connect != null && protocol == null)
        {
            throw new IllegalArgumentException("--connect needs --protocol alpaca or schwab");
        }
        for (final String option : List.of("--protocol", "--key", "--secret", "--token", "--naive", "--key-env",
            "--secret-env", "--token-env", "--credentials"))
        {
            if (given.contains(option) && connect == null)
            {
                throw new IllegalArgumentException(option + " needs --connect");
            }
        }
        if ((key != null || secret != null) && (protocol != FakeExchange.Protocol.ALPACA || key == null || secret == null))
        {
            throw new IllegalArgumentException("--key and --secret go together, with --protocol alpaca");
        }
        if (token != null && protocol != FakeExchange.Protocol.SCHWAB)
        {
            throw new IllegalArgumentException("--token goes with --protocol schwab");
        }
        if (workMicros > 0 && connect == null && !exchangeDemo)
        {
            throw new IllegalArgumentException("--work-us needs --connect or --exchange-demo");
        }
        if (seconds > 0 && serve == null && connect == null)
        {
            throw new IllegalArgumentException("--seconds needs --serve or --connect");
        }
        if (web >= 0 && (serve != null || naive || exchangeDemo || export != null))
        {
            throw new IllegalArgumentException("--web shows a ring-streamer pipeline: not with --serve, --naive, " +
                "--exchange-demo or --export");
        }
        if (given.contains("--web-host") && web < 0)
        {
            throw new IllegalArgumentException("--web-host needs --web");
        }
        if (given.contains("--drain-seconds") && (connect == null || naive || seconds == 0))
        {
            throw new IllegalArgumentException("--drain-seconds needs --connect and --seconds (not --naive)");
        }
    }

    /** {@code --key-env}/{@code --secret-env}, {@code --token-env} or {@code --credentials}: one source each. */
    private void readCredentials(final UnaryOperator<String> environment)
    {
        if ((keyEnv != null || secretEnv != null) &&
            (protocol != FakeExchange.Protocol.ALPACA || keyEnv == null || secretEnv == null))
        {
            throw new IllegalArgumentException("--key-env and --secret-env go together, with --protocol alpaca");
        }
        if (tokenEnv != null && protocol != FakeExchange.Protocol.SCHWAB)
        {
            throw new IllegalArgumentException("--token-env goes with --protocol schwab");
        }
        final int sources = (key != null || token != null ? 1 : 0) + (keyEnv != null || tokenEnv != null ? 1 : 0) +
            (credentials != null ? 1 : 0);
        if (sources > 1)
        {
            throw new IllegalArgumentException("give the credentials one way: on the command line, from the environment " +
                "(--key-env/--secret-env, --token-env) or from --credentials FILE");
        }
        if (keyEnv != null)
        {
            key = Credentials.fromEnvironment("--key-env", keyEnv, environment);
            secret = Credentials.fromEnvironment("--secret-env", secretEnv, environment);
        }
        if (tokenEnv != null)
        {
            token = Credentials.fromEnvironment("--token-env", tokenEnv, environment);
        }
        if (credentials != null)
        {
            final java.util.Properties file = Credentials.file(credentials);
            if (protocol == FakeExchange.Protocol.ALPACA)
            {
                key = Credentials.entry(file, "key", credentials);
                secret = Credentials.entry(file, "secret", credentials);
            }
            else
            {
                token = Credentials.entry(file, "token", credentials);
            }
        }
    }

    private static String value(final String[] args, final int index, final String option)
    {
        if (index >= args.length || args[index].startsWith("--"))
        {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    /** {@code max}, or a positive number of recorded seconds per second. */
    private static double replaySpeed(final String value)
    {
        if (value.equals("max"))
        {
            return JournalReplayStreamer.MAX_SPEED;
        }
        try
        {
            final double speed = Double.parseDouble(value);
            if (speed > 0 && speed < Double.POSITIVE_INFINITY)
            {
                return speed;
            }
        }
        catch (final NumberFormatException ex)
        {
            // reported below
        }
        throw new IllegalArgumentException("--speed with --replay is max or a positive number, not '" + value + "'");
    }

    /** A TCP port, 0 (any free one) to 65535. */
    private static int port(final String value, final String option)
    {
        try
        {
            final int parsed = Integer.parseInt(value);
            if (parsed >= 0 && parsed <= 65_535)
            {
                return parsed;
            }
        }
        catch (final NumberFormatException ex)
        {
            // reported below
        }
        throw new IllegalArgumentException(option + " needs a port from 0 to 65535, not '" + value + "'");
    }

    private static int positive(final String value, final String option)
    {
        try
        {
            final int parsed = Integer.parseInt(value);
            if (parsed < 1)
            {
                throw new NumberFormatException();
            }
            return parsed;
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(option + " needs a positive whole number, not '" + value + "'");
        }
    }

    /** {@code --shards}: 1 to {@link #MAX_SHARDS}, as the pipeline takes. */
    private static int shards(final String value)
    {
        final int shards = positive(value, "--shards");
        if (shards > MAX_SHARDS)
        {
            throw new IllegalArgumentException("--shards must be 1 to " + MAX_SHARDS + ", not '" + value + "'");
        }
        return shards;
    }

    /** {@code --ring-size}: a power of two from 2 up, as the pipeline takes. */
    private static int ringSize(final String value)
    {
        final int size = positive(value, "--ring-size");
        if (size < 2 || Integer.bitCount(size) != 1)
        {
            throw new IllegalArgumentException("--ring-size must be a power of two from 2 up, not '" + value + "'");
        }
        return size;
    }
}
