package io.ringstreamer.demo.exchange;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A fake market-data exchange on loopback: a real WebSocket server (Jetty 12) speaking the subsets of
 * Alpaca's and Schwab's streaming protocols in {@code docs/formats/}, at {@code /alpaca} and
 * {@code /schwab}. It streams synthetic bars, quotes, trades and books for whatever each client
 * subscribes to, at a set rate, and cuts off a slow client the way the real APIs do: when the frames
 * queued for a client but not yet written to its socket exceed {@link Builder#maxBacklog} (or their bytes
 * {@link Builder#maxBacklogBytes}), it sends
 * the protocol's slow-client error (Alpaca 407, Schwab 30 {@code STOP_STREAMING}) and closes.
 *
 * <p>Every client's session runs on one scheduler thread of the exchange (Jetty's threads only hand
 * it work), and sends never block. {@link #clients()} shows what was sent to each client; tests use it
 * with the kill switch {@link #dropAll()} and {@link #silence(boolean)}.
 *
 * <pre>{@code
 * try (FakeExchange exchange = FakeExchange.builder().rate(5_000).build().start()) {
 *     URI alpaca = exchange.uri(FakeExchange.Protocol.ALPACA);   // ws://127.0.0.1:PORT/alpaca
 * }
 * }</pre>
 */
public final class FakeExchange implements AutoCloseable
{
    /** 2024-07-09 09:30 New York: the feed's clock starts here for every client. */
    static final long SESSION_START_MILLIS = 1_720_531_800_000L;

    /** The protocols served, each on its own path. */
    public enum Protocol
    {
        ALPACA("/alpaca"),
        SCHWAB("/schwab");

        private final String path;

        Protocol(final String path)
        {
            this.path = path;
        }

        public String path()
        {
            return path;
        }

        /** {@code alpaca} or {@code schwab}, any case. */
        public static Protocol parse(final String name)
        {
            try
            {
                return valueOf(name.toUpperCase(Locale.ROOT));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException("protocol is alpaca or schwab, not '" + name + "'");
            }
        }
    }

    /** The exchange's settings, fixed when built. */
    record Settings(int port, double rate, int itemsPerMessage, long maxBacklog, long maxBacklogBytes, long heartbeatMillis,
        long authTimeoutMillis, String key, String secret, String token, long seed, long itemLimit, int socketBufferBytes)
    {
    }

    private final Settings settings;
    private final Server server;
    private final ServerConnector connector;
    private final ScheduledExecutorService scheduler;
    private final List<ClientSession> sessions = new CopyOnWriteArrayList<>();
    /** Owned by the scheduler thread. */
    private final Map<String, PriceWalk> walks = new HashMap<>();
    private final long startNanos = System.nanoTime();
    private volatile boolean silent;

    private FakeExchange(final Settings settings)
    {
        this.settings = settings;
        final QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("fake-exchange");
        threads.setDaemon(true);
        this.server = new Server(threads);
        this.connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(settings.port());
        if (settings.socketBufferBytes() > 0)
        {
            connector.setAcceptedSendBufferSize(settings.socketBufferBytes());
        }
        server.addConnector(connector);
        server.setHandler(WebSocketUpgradeHandler.from(server, container ->
        {
            container.setIdleTimeout(Duration.ofMinutes(10));
            container.setMaxTextMessageSize(1 << 20);
            container.addMapping(Protocol.ALPACA.path(), (request, response, callback) -> new AlpacaSession(this));
            container.addMapping(Protocol.SCHWAB.path(), (request, response, callback) -> new SchwabSession(this));
        }));
        final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task ->
        {
            final Thread thread = new Thread(task, "fake-exchange-sessions");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.scheduler = executor;
    }

    public static Builder builder()
    {
        return new Builder();
    }

    /** Starts listening. @return this exchange. */
    public FakeExchange start() throws Exception
    {
        server.start();
        return this;
    }

    /** The bound port (the ephemeral one when built with port 0). */
    public int port()
    {
        return connector.getLocalPort();
    }

    /** {@code ws://127.0.0.1:PORT/alpaca} or {@code /schwab}. */
    public URI uri(final Protocol protocol)
    {
        return URI.create("ws://127.0.0.1:" + port() + protocol.path());
    }

    /** Every client that has connected, in connection order, with what was sent to it. */
    public List<ClientStats> clients()
    {
        return sessions.stream().map(session -> session.stats).toList();
    }

    /** The latest client to connect, or {@code null}. */
    public ClientStats lastClient()
    {
        final List<ClientStats> clients = clients();
        return clients.isEmpty() ? null : clients.get(clients.size() - 1);
    }

    /** The kill switch: drops every open connection at once, without a close handshake. */
    public void dropAll()
    {
        sessions.forEach(ClientSession::drop);
    }

    /** While silent, the exchange sends nothing at all to anyone: no data, no heartbeats. */
    public void silence(final boolean silent)
    {
        this.silent = silent;
    }

    boolean isSilent()
    {
        return silent;
    }

    Settings settings()
    {
        return settings;
    }

    /** One symbol's prices, for every session; scheduler thread only. */
    PriceWalk walk(final String symbol)
    {
        return walks.computeIfAbsent(symbol, s -> new PriceWalk(s, settings.seed()));
    }

    /** The feed's clock: {@link #SESSION_START_MILLIS} plus the real time since the exchange was built. */
    long nowMillis()
    {
        return SESSION_START_MILLIS + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    void opened(final ClientSession session)
    {
        sessions.add(session);
    }

    void execute(final Runnable task)
    {
        if (!scheduler.isShutdown())
        {
            scheduler.execute(task);
        }
    }

    void schedule(final long delayMillis, final Runnable task)
    {
        if (!scheduler.isShutdown())
        {
            scheduler.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    ScheduledFuture<?> scheduleEveryMillisecond(final Runnable task)
    {
        return scheduler.scheduleAtFixedRate(task, 1, 1, TimeUnit.MILLISECONDS);
    }

    /** Stops the server and its threads. */
    @Override
    public void close() throws Exception
    {
        scheduler.shutdownNow();
        server.stop();
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Configures a {@link FakeExchange}; every setting has a default. */
    public static final class Builder
    {
        private int port;
        private double rate = 1_000;
        private int itemsPerMessage = 1;
        private long maxBacklog = 10_000;
        private long maxBacklogBytes;
        private long heartbeatMillis = 10_000;
        private long authTimeoutMillis = 10_000;
        private String key;
        private String secret;
        private String token;
        private long seed = 1;
        private long itemLimit;
        private int socketBufferBytes;

        private Builder()
        {
        }

        /** The port to listen on, 0 (the default) for an ephemeral one. */
        public Builder port(final int port)
        {
            if (port < 0 || port > 65_535)
            {
                throw new IllegalArgumentException("port must be 0 to 65535: " + port);
            }
            this.port = port;
            return this;
        }

        /** Market-data items (one symbol's bar, quote, trade or book) per second to each client. Default 1,000. */
        public Builder rate(final double itemsPerSecond)
        {
            if (!(itemsPerSecond > 0))
            {
                throw new IllegalArgumentException("rate must be positive: " + itemsPerSecond);
            }
            this.rate = itemsPerSecond;
            return this;
        }

        /** Items per frame at most (an Alpaca array, a Schwab data content). Default 1. */
        public Builder itemsPerMessage(final int itemsPerMessage)
        {
            if (itemsPerMessage < 1)
            {
                throw new IllegalArgumentException("itemsPerMessage must be positive: " + itemsPerMessage);
            }
            this.itemsPerMessage = itemsPerMessage;
            return this;
        }

        /** Frames queued but not yet written to a client's socket beyond which it is cut off. Default 10,000. */
        public Builder maxBacklog(final long frames)
        {
            if (frames < 1)
            {
                throw new IllegalArgumentException("maxBacklog must be positive: " + frames);
            }
            this.maxBacklog = frames;
            return this;
        }

        /**
         * Bytes of frames queued but not yet written to a client's socket beyond which it is cut off (as
         * with {@link #maxBacklog}, whichever limit is passed first); 0, the default, for no byte limit.
         */
        public Builder maxBacklogBytes(final long bytes)
        {
            if (bytes < 0)
            {
                throw new IllegalArgumentException("maxBacklogBytes must not be negative: " + bytes);
            }
            this.maxBacklogBytes = bytes;
            return this;
        }

        /** Schwab's heartbeat interval. Default 10 s. */
        public Builder heartbeat(final Duration interval)
        {
            this.heartbeatMillis = Math.max(1, interval.toMillis());
            return this;
        }

        /** How long an Alpaca client has to authenticate. Default 10 s. */
        public Builder authTimeout(final Duration timeout)
        {
            this.authTimeoutMillis = Math.max(1, timeout.toMillis());
            return this;
        }

        /** Accept only this Alpaca key and secret. Default: any. */
        public Builder credentials(final String key, final String secret)
        {
            this.key = key;
            this.secret = secret;
            return this;
        }

        /** Accept only this Schwab token. Default: any. */
        public Builder token(final String token)
        {
            this.token = token;
            return this;
        }

        /** The price walks' seed. Default 1. */
        public Builder seed(final long seed)
        {
            this.seed = seed;
            return this;
        }

        /** Items each client receives before its feed stops (the connection stays open); 0, the default, for no limit. */
        public Builder itemLimit(final long itemLimit)
        {
            if (itemLimit < 0)
            {
                throw new IllegalArgumentException("itemLimit must not be negative: " + itemLimit);
            }
            this.itemLimit = itemLimit;
            return this;
        }

        /**
         * The send buffer of each accepted socket, in bytes; 0 (the default) leaves it to the kernel, which
         * on loopback may buffer megabytes before a slow client's backlog shows.
         */
        public Builder socketBufferBytes(final int bytes)
        {
            this.socketBufferBytes = Math.max(0, bytes);
            return this;
        }

        public FakeExchange build()
        {
            return new FakeExchange(new Settings(port, rate, itemsPerMessage, maxBacklog, maxBacklogBytes, heartbeatMillis,
                authTimeoutMillis,
                key, secret, token, seed, itemLimit, socketBufferBytes));
        }
    }
}
