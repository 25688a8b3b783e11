package io.ringstreamer.source.live;

import io.ringstreamer.jfr.ReconnectEvent;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.StatusKind;
import io.ringstreamer.source.ConnectionLostException;
import io.ringstreamer.source.MessagePublisher;
import io.ringstreamer.source.Streamer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Streams a market-data API over a WebSocket ({@link java.net.http.WebSocket}, part of the JDK), speaking
 * its {@link FeedProtocol}, and keeps doing so across drops: it reconnects by its {@link ReconnectPolicy},
 * logs in again and asks again for the symbols subscribed at that moment.
 *
 * <h2>Threads</h2>
 * <ul>
 *   <li>The JDK's reading thread runs the listener: the streamer's own {@link HttpClient} has an executor
 *   that runs each task on the thread that submits it, so the listener is called on the thread that read
 *   the frame, not handed to a pool (with a pool the JDK can lose a drop: see {@code newClient}).
 *   Each complete text message is encoded to UTF-8 into a reusable array and handed to
 *   {@link FeedProtocol#onMessage}, which publishes canonical messages into the inbound ring right there,
 *   with no further hand-off. The listener asks the JDK for messages in batches of {@value #DEMAND_BATCH},
 *   so the JDK reads as fast as the ring accepts. When the ring is full (overflow policy {@code BLOCK})
 *   the listener waits for room, and the JDK stops reading.</li>
 *   <li>The pipeline's streamer thread ({@link #stream}) connects, waits for the connection to end,
 *   watches for silence, and reports and paces reconnects.</li>
 *   <li>{@link #subscribe}, {@link #unsubscribe} and {@link #requestStop} may be called from any thread.</li>
 * </ul>
 * Each connection is a {@code FeedConnection} (the JDK's listener, its gate, its sends), its frames joined
 * into whole messages by a {@code MessageAssembler}. The publisher and the protocol are used by one thread
 * at a time: a {@link ListenerGate} of two volatile flags (no lock, no compare-and-set) keeps the listener
 * out while another thread sends subscription requests or ends the connection, and keeps that thread
 * waiting while the listener is inside a callback.
 *
 * <h2>What reaches the listener</h2>
 * {@code Connected} (status, on every open, unless the protocol publishes it itself), whatever the protocol publishes (login, subscriptions,
 * server errors), and for every drop: a {@code ConnectionLost} error (the WebSocket close code, or 0,
 * and the reason), then a {@code Reconnecting} status (code: the attempt; message: the delay). A drop is
 * a close or error of the socket, a {@link FeedProtocol.Reaction#DISCONNECT} from the protocol, a failed
 * connect, or silence: no message, ping included, for the silence timeout while the listener is idle.
 * When the policy's attempts are exhausted, or the server has refused the login
 * {@link Builder#maxLoginAttempts} times in a row, {@link #stream} throws a {@link ConnectionLostException}
 * (the pipeline's last result is a {@code ConnectionError}). A message cut short by a drop is discarded
 * with the connection and reported ({@code ProtocolError}); a message longer than
 * {@link Builder#maxMessageChars} is discarded at the limit and reported ({@code MessageTooLarge}), the
 * connection kept; binary messages are counted and reported ({@link #untranslatedMessages()}). Statuses,
 * errors and exceptions show the URI without its user-info or query ({@link EndpointText}).
 *
 * <h2>Cost</h2>
 * Per message on the reading thread: one pass of UTF-8 encoding (the JDK hands a listener decoded
 * characters; the protocol reads bytes) and the protocol's translation, which writes its canonical messages
 * in place into the inbound ring's slots (a message that cannot be, the second service of a mixed server
 * message say, is copied into the ring as a publish does); this class
 * allocates nothing per message (fragments are joined in a reusable builder). What the JDK allocates
 * to read and decode a frame is measured in {@code docs/live-sources.md}.
 *
 * <pre>{@code
 * Streamer streamer = WebSocketStreamer.builder(URI.create("wss://stream.data.alpaca.markets/v2/iex"), protocol)
 *     .silenceTimeout(Duration.ofSeconds(30))
 *     .build();
 * }</pre>
 */
public final class WebSocketStreamer implements Streamer
{
    /** Messages asked of the JDK at a time; more are asked for when half of them have arrived. */
    static final int DEMAND_BATCH = FeedConnection.DEMAND_BATCH;

    private static final int INITIAL_TEXT_CHARS = 8 * 1024;

    /** The longest server message accepted unless {@link Builder#maxMessageChars} says otherwise: 1 Mi chars. */
    public static final int DEFAULT_MAX_MESSAGE_CHARS = 1 << 20;

    /** Refused logins in a row after which the stream ends, unless {@link Builder#maxLoginAttempts} says otherwise. */
    public static final int DEFAULT_MAX_LOGIN_ATTEMPTS = 3;

    private final URI uri;
    private final FeedProtocol protocol;
    private final Duration connectTimeout;
    private final long silenceNanos;
    private final ReconnectPolicy reconnect;
    private final HttpClient suppliedClient;
    private final int maxLoginAttempts;

    /** Serialises subscription changes and the end of a connection (both hold a connection's gate). */
    private final Object changeLock = new Object();
    /** The current symbols; guarded by itself, with each connection's {@code loggedIn}. */
    private final Set<String> symbols = new LinkedHashSet<>();
    private final Object wake = new Object();
    private volatile FeedConnection current;
    private volatile boolean stopRequested;

    /**
     * Joins frames into whole messages for one connection's listener at a time (a closed connection's
     * listener is gated out before the next connection opens); counts what it discards.
     */
    private final MessageAssembler assembler;

    private WebSocketStreamer(final Builder builder)
    {
        this.uri = builder.uri;
        this.maxLoginAttempts = builder.maxLoginAttempts;
        this.protocol = builder.protocol;
        this.connectTimeout = builder.connectTimeout;
        this.silenceNanos = builder.silenceTimeout.toNanos();
        this.reconnect = builder.reconnect;
        this.suppliedClient = builder.httpClient;
        this.assembler = new MessageAssembler(builder.maxMessageChars, INITIAL_TEXT_CHARS);
    }

    /** A builder for a streamer of {@code uri} speaking {@code protocol}. */
    public static Builder builder(final URI uri, final FeedProtocol protocol)
    {
        return new Builder(uri, protocol);
    }

    /**
     * Connects and streams until {@link #requestStop()}, the pipeline's close, or the reconnect policy
     * gives up. Called once, on the pipeline's streamer thread.
     *
     * @throws ConnectionLostException when the reconnect policy's attempts are exhausted.
     */
    @Override
    public void stream(final MessagePublisher publisher) throws ConnectionLostException
    {
        final HttpClient client = suppliedClient != null ? suppliedClient : newClient(connectTimeout);
        try
        {
            streamWith(client, publisher);
        }
        finally
        {
            current = null;
            if (client != suppliedClient && client instanceof AutoCloseable closeable) // Java 21 and later
            {
                closeQuietly(closeable);
            }
        }
    }

    /**
     * The streamer's own client: its executor runs each task on the submitting thread, so the listener
     * runs on the JDK's reading thread.
     *
     * <p>Why: the JDK's WebSocket (seen on 17 and on 25) asks its transport for one
     * frame at a time, and asks for the next only when the listener has returned from the previous one.
     * With a pool executor the frame is handed to a pool thread while the reading thread reads on; if it
     * then reads the end of the stream (the server's FIN) before the pool thread has asked again, the
     * transport's {@code acknowledgeReception} finds no demand and throws {@code InternalError} on the
     * reading thread, which swallows it: the WebSocket never calls {@code onClose} or {@code onError}, and
     * only silence detection ends the connection. A drop right after a frame (the usual case: a server
     * dies or cuts a client mid-stream) is lost within the first ten of demo's {@code AbruptDropTest}
     * drops with a pool executor. Run inline, the listener has returned and asked again before the
     * transport reads on, so the end of the stream is delivered (docs/live-sources.md). Cost: the listener, and a wait for room in a full ring, are on the thread
     * that reads and writes the socket, which is this connection's alone.
     */
    static HttpClient newClient(final Duration connectTimeout)
    {
        return HttpClient.newBuilder().connectTimeout(connectTimeout).executor(Runnable::run).build();
    }

    private static void closeQuietly(final AutoCloseable closeable)
    {
        try
        {
            closeable.close();
        }
        catch (final Exception ignored)
        {
            // every connection was aborted already: nothing is left to lose
        }
    }

    private void streamWith(final HttpClient client, final MessagePublisher publisher) throws ConnectionLostException
    {
        final SplittableRandom random = new SplittableRandom();
        int attempt = 0;
        int refusedLogins = 0;
        while (!stopping(publisher))
        {
            protocol.reset();
            final FeedConnection connection = new FeedConnection(protocol, publisher, assembler, symbols, uri, silenceNanos);
            current = connection;
            if (stopRequested)
            {
                break;
            }
            FeedConnection.Ending ending;
            try
            {
                ending = connectAndAwaitEnd(client, connection);
            }
            catch (final InterruptedException ex)
            {
                ending = FeedConnection.Ending.STOP; // the pipeline interrupts its streamer thread when it closes
            }
            shut(connection);
            if (ending.failure != null)
            {
                throw ending.failure;
            }
            if (assembler.discardPartial(publisher) == MessagePublisher.CLOSED)
            {
                break;
            }
            if (ending == FeedConnection.Ending.STOP || stopping(publisher))
            {
                break;
            }
            refusedLogins = connection.loggedIn ? 0 : connection.loginRefused ? refusedLogins + 1 : refusedLogins;
            if (refusedLogins >= maxLoginAttempts)
            {
                throw new ConnectionLostException("login refused " + refusedLogins + " times in a row; last: " +
                    protocol.loginRefusal());
            }
            attempt = connection.loggedIn ? 1 : attempt + 1;
            if (!reconnect.allows(attempt))
            {
                throw new ConnectionLostException("gave up after " + (attempt - 1) + " reconnect attempts; last: " +
                    ending.reason);
            }
            if (publisher.publishError(ErrorKind.CONNECTION_LOST, ending.code, ending.reason) == MessagePublisher.CLOSED)
            {
                break;
            }
            final long delay = reconnect.delayMillis(attempt, random);
            recordReconnect(attempt, delay, ending.reason);
            if (publisher.publishStatus(StatusKind.RECONNECTING, attempt, "in " + delay + " ms") == MessagePublisher.CLOSED ||
                !pause(delay))
            {
                break;
            }
        }
    }

    private FeedConnection.Ending connectAndAwaitEnd(final HttpClient client, final FeedConnection connection) throws InterruptedException
    {
        final CompletableFuture<WebSocket> opening =
            client.newWebSocketBuilder().connectTimeout(connectTimeout).buildAsync(uri, connection);
        try
        {
            CompletableFuture.anyOf(opening, connection.ended)
                .get(connectTimeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        }
        catch (final ExecutionException ex)
        {
            if (!connection.ended.isDone())
            {
                return new FeedConnection.Ending(0, EndpointText.connectFailure(uri, ex.getCause()));
            }
        }
        catch (final TimeoutException ex)
        {
            opening.cancel(true);
            return new FeedConnection.Ending(0, "cannot connect to " + EndpointText.hostAndPort(uri) + ": timed out after " +
                connectTimeout.toMillis() + " ms");
        }
        return connection.awaitEnd();
    }

    /** Ends a connection: waits out its listener, gates it out for good and aborts its socket. */
    private void shut(final FeedConnection connection)
    {
        connection.ended.complete(FeedConnection.Ending.STOP);
        final WebSocket webSocket = connection.webSocket;
        if (webSocket != null)
        {
            webSocket.abort();
        }
        synchronized (changeLock)
        {
            connection.holdAndClose();
        }
        final WebSocket opened = connection.webSocket;
        if (opened != null)
        {
            opened.abort();
        }
    }

    /** A {@code Reconnect} flight-recorder event, when a recording wants it; the endpoint without credentials. */
    private void recordReconnect(final int attempt, final long delay, final String reason)
    {
        final ReconnectEvent jfr = new ReconnectEvent();
        if (jfr.isEnabled())
        {
            jfr.endpoint = EndpointText.redact(uri);
            jfr.attempt = attempt;
            jfr.delay = delay;
            jfr.reason = reason;
            jfr.commit();
        }
    }

    /** Waits before a reconnect. @return false if a stop was requested meanwhile. */
    private boolean pause(final long millis)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (wake)
        {
            long remaining;
            while (!stopRequested && (remaining = deadline - System.nanoTime()) > 0)
            {
                try
                {
                    TimeUnit.NANOSECONDS.timedWait(wake, remaining);
                }
                catch (final InterruptedException ex)
                {
                    return false;
                }
            }
        }
        return !stopRequested;
    }

    private boolean stopping(final MessagePublisher publisher)
    {
        return stopRequested || publisher.isClosed() || Thread.currentThread().isInterrupted();
    }

    /** Aborts the connection and makes {@link #stream} return soon. Thread-safe; idempotent. */
    @Override
    public void requestStop()
    {
        stopRequested = true;
        final FeedConnection connection = current;
        if (connection != null)
        {
            connection.ended.complete(FeedConnection.Ending.STOP);
            final WebSocket webSocket = connection.webSocket;
            if (webSocket != null)
            {
                webSocket.abort();
            }
        }
        synchronized (wake)
        {
            wake.notifyAll();
        }
    }

    /**
     * Adds symbols to the current set; if logged in, sends the protocol's subscribe request(s) now.
     * Every later connection subscribes to the whole current set after its login. Thread-safe; waits
     * while the listener is inside a callback (which may wait for room in the ring).
     */
    @Override
    public void subscribe(final List<String> requested)
    {
        change(requested, true);
    }

    /**
     * Removes symbols from the current set; if logged in, sends the protocol's unsubscribe request(s)
     * now. Thread-safe; waits while the listener is inside a callback.
     */
    @Override
    public void unsubscribe(final List<String> requested)
    {
        change(requested, false);
    }

    /**
     * Server messages discarded whole so far: cut short by the end of their connection (a fragment whose
     * last frame never came), or grown past {@link Builder#maxMessageChars}. Each one is also reported as
     * an error result. Any thread.
     */
    public long discardedMessages()
    {
        return assembler.discardedMessages();
    }

    /**
     * Server messages not translated so far: binary messages (neither protocol sends any) plus the
     * protocol's own count ({@link FeedProtocol#untranslatedMessages()}). Each is counted, and the first,
     * then at most one a second, is reported as a {@code ProtocolError}. Any thread.
     */
    public long untranslatedMessages()
    {
        return assembler.binaryMessages() + protocol.untranslatedMessages();
    }

    /** The current symbols, in the order they were added. Thread-safe; allocates a copy. */
    public List<String> symbols()
    {
        synchronized (symbols)
        {
            return List.copyOf(symbols);
        }
    }

    private void change(final List<String> requested, final boolean add)
    {
        synchronized (changeLock)
        {
            final List<String> changed = new ArrayList<>(requested.size());
            final FeedConnection connection;
            final boolean live;
            synchronized (symbols)
            {
                for (final String symbol : requested)
                {
                    if (add ? symbols.add(symbol) : symbols.remove(symbol))
                    {
                        changed.add(symbol);
                    }
                }
                connection = current;
                live = connection != null && connection.loggedIn;
            }
            if (changed.isEmpty() || !live || !connection.hold())
            {
                return; // the next login subscribes to the whole current set
            }
            try
            {
                connection.send(add ? protocol.subscribe(changed) : protocol.unsubscribe(changed));
            }
            finally
            {
                connection.release();
            }
        }
    }

    /** Configures a {@link WebSocketStreamer}; only the URI and protocol are required. */
    public static final class Builder
    {
        private final URI uri;
        private final FeedProtocol protocol;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration silenceTimeout = Duration.ofSeconds(30);
        private ReconnectPolicy reconnect = ReconnectPolicy.DEFAULT;
        private HttpClient httpClient;
        private int maxMessageChars = DEFAULT_MAX_MESSAGE_CHARS;
        private int maxLoginAttempts = DEFAULT_MAX_LOGIN_ATTEMPTS;

        private Builder(final URI uri, final FeedProtocol protocol)
        {
            this.uri = Objects.requireNonNull(uri, "uri");
            this.protocol = Objects.requireNonNull(protocol, "protocol");
            final String scheme = uri.getScheme();
            if (!"ws".equalsIgnoreCase(scheme) && !"wss".equalsIgnoreCase(scheme))
            {
                throw new IllegalArgumentException("a WebSocket URI starts with ws:// or wss://: " + EndpointText.redact(uri));
            }
        }

        /** How long the opening handshake may take. Default 10 s. */
        public Builder connectTimeout(final Duration connectTimeout)
        {
            this.connectTimeout = positive(connectTimeout, "connectTimeout");
            return this;
        }

        /**
         * How long the connection may stay quiet (no text, ping or pong, listener idle) before it is
         * treated as dropped. Default 30 s; longer than the server's heartbeat interval.
         */
        public Builder silenceTimeout(final Duration silenceTimeout)
        {
            this.silenceTimeout = positive(silenceTimeout, "silenceTimeout");
            return this;
        }

        /** When to try again after a drop. Default {@link ReconnectPolicy#DEFAULT} (never gives up). */
        public Builder reconnect(final ReconnectPolicy reconnect)
        {
            this.reconnect = Objects.requireNonNull(reconnect);
            return this;
        }

        /**
         * The client to open WebSockets with (its executor runs the listener). Default: a new client per
         * {@link WebSocketStreamer#stream} call whose executor runs tasks inline. A client with a pool
         * executor (the JDK's default) can miss a server's abrupt close that follows a frame closely (a
         * race in the JDK's WebSocket): the silence timeout then ends the connection. Give a supplied
         * client {@code executor(Runnable::run)} to avoid it.
         */
        public Builder httpClient(final HttpClient httpClient)
        {
            this.httpClient = Objects.requireNonNull(httpClient);
            return this;
        }

        /**
         * The longest server message accepted, in characters. A message that grows past it while its
         * frames arrive is discarded at once (nothing more of it is buffered), reported as a
         * {@code MessageTooLarge} error and counted ({@link WebSocketStreamer#discardedMessages()}); the
         * rest of its frames are skipped and the connection stays up. Default {@value #DEFAULT_MAX_MESSAGE_CHARS}.
         */
        public Builder maxMessageChars(final int maxMessageChars)
        {
            if (maxMessageChars < 1)
            {
                throw new IllegalArgumentException("maxMessageChars must be positive: " + maxMessageChars);
            }
            this.maxMessageChars = maxMessageChars;
            return this;
        }

        /**
         * How many logins in a row the server may refuse (wrong key or token) before the stream ends: the
         * last refusal ends {@link WebSocketStreamer#stream} with a {@link ConnectionLostException} naming
         * the server's code and message (the pipeline's last result is a {@code ConnectionError}), whatever
         * the reconnect policy allows. A login that succeeds starts the count again.
         * Default {@value #DEFAULT_MAX_LOGIN_ATTEMPTS}.
         */
        public Builder maxLoginAttempts(final int maxLoginAttempts)
        {
            if (maxLoginAttempts < 1)
            {
                throw new IllegalArgumentException("maxLoginAttempts must be positive: " + maxLoginAttempts);
            }
            this.maxLoginAttempts = maxLoginAttempts;
            return this;
        }

        public WebSocketStreamer build()
        {
            return new WebSocketStreamer(this);
        }

        private static Duration positive(final Duration duration, final String what)
        {
            if (duration.isNegative() || duration.isZero())
            {
                throw new IllegalArgumentException(what + " must be positive: " + duration);
            }
            return duration;
        }
    }
}
