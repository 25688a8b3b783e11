package io.ringstreamer.source.live;

import io.ringstreamer.result.StatusKind;
import io.ringstreamer.source.MessagePublisher;

import java.net.URI;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One WebSocket connection of a {@link WebSocketStreamer}: the JDK's listener for it, which hands each
 * whole server message to the {@link FeedProtocol}; its {@link ListenerGate}; its chain of sends; and how
 * it ended ({@link Ending}), which the streamer thread waits for, watching for silence.
 *
 * <p>Threads: the JDK calls the listener methods one at a time, each seeing the previous one's writes
 * (on its reading thread: see {@link WebSocketStreamer#newClient}). The streamer thread calls
 * {@link #awaitEnd} and ends the connection ({@link #holdAndClose}); any thread may {@link #hold} the
 * gate to {@link #send} requests. The protocol, the publisher and the {@link MessageAssembler} are used by
 * one thread at a time: whoever is inside the gate.
 */
final class FeedConnection implements WebSocket.Listener
{
    /** Messages asked of the JDK at a time; more are asked for when half of them have arrived. */
    static final int DEMAND_BATCH = 1024;

    /** How a connection ended: the WebSocket close code (0 if none) and the reason, or a failure to rethrow. */
    static final class Ending
    {
        static final Ending STOP = new Ending(0, "stopped");

        final int code;
        final String reason;
        final RuntimeException failure;

        Ending(final int code, final String reason)
        {
            this(code, reason, null);
        }

        private Ending(final int code, final String reason, final RuntimeException failure)
        {
            this.code = code;
            this.reason = reason;
            this.failure = failure;
        }

        static Ending failure(final RuntimeException failure)
        {
            return new Ending(0, "failed", failure);
        }
    }

    final CompletableFuture<Ending> ended = new CompletableFuture<>();
    volatile WebSocket webSocket;
    /** Guarded by {@link #symbols}; read by the streamer thread after the gate has closed. */
    boolean loggedIn;
    /** The server refused the login; read by the streamer thread after the gate has closed. */
    boolean loginRefused;

    private final FeedProtocol protocol;
    private final MessagePublisher publisher;
    private final MessageAssembler assembler;
    /** The streamer's current symbols, guarded by themselves. */
    private final Set<String> symbols;
    private final URI uri;
    private final String printableUri;
    private final long silenceNanos;
    private final List<String> replies = new ArrayList<>();

    /** Who may use the protocol and publisher now: this connection's listener, or another thread. */
    private final ListenerGate gate = new ListenerGate();
    private volatile long idleSinceNanos = System.nanoTime();
    /** Listener only: messages received since demand was last renewed. */
    private int undemanded;
    /** The last send: each send starts when the previous one completes (the JDK allows one at a time). */
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

    /**
     * @param symbols      the streamer's current symbols (guarded by themselves): subscribed after the login.
     * @param uri          the endpoint, for failures described without its secrets.
     * @param silenceNanos how long without a message, ping included, while the listener is idle ends it.
     */
    FeedConnection(final FeedProtocol protocol, final MessagePublisher publisher, final MessageAssembler assembler,
                   final Set<String> symbols, final URI uri, final long silenceNanos)
    {
        this.protocol = protocol;
        this.publisher = publisher;
        this.assembler = assembler;
        this.symbols = symbols;
        this.uri = uri;
        this.printableUri = EndpointText.redact(uri);
        this.silenceNanos = silenceNanos;
    }

    // ---- the gate ----

    /** Listener side. @return false if the connection has ended: do nothing. */
    private boolean enter()
    {
        return gate.enter();
    }

    private void exit()
    {
        idleSinceNanos = System.nanoTime();
        gate.exit();
    }

    /** Another thread takes the protocol and publisher. @return false if the connection has ended. */
    boolean hold()
    {
        return gate.hold();
    }

    /** Gives the protocol and publisher back to the listener. */
    void release()
    {
        gate.release();
    }

    /** Waits out the listener and keeps it out for good: the connection has ended. */
    void holdAndClose()
    {
        gate.holdAndClose();
    }

    // ---- the streamer thread ----

    /**
     * Waits until the connection ends, or has been silent (no message, ping included, while the listener
     * is idle) for the silence timeout. Streamer thread.
     */
    Ending awaitEnd() throws InterruptedException
    {
        while (true)
        {
            final long wait = gate.isBusy() ? silenceNanos : silenceNanos - (System.nanoTime() - idleSinceNanos);
            if (wait <= 0)
            {
                return new Ending(0, "silent for " + TimeUnit.NANOSECONDS.toMillis(silenceNanos) + " ms");
            }
            try
            {
                return ended.get(wait, TimeUnit.NANOSECONDS);
            }
            catch (final TimeoutException ex)
            {
                continue; // check for silence again
            }
            catch (final ExecutionException | CancellationException ex)
            {
                return new Ending(0, EndpointText.cause(uri, ex));
            }
        }
    }

    // ---- sending (any thread) ----

    /** Sends {@code messages} in order, each after the previous one has completed; a failed send ends the connection. */
    void send(final List<String> messages)
    {
        final WebSocket socket = webSocket;
        if (socket == null || messages.isEmpty())
        {
            return;
        }
        synchronized (this)
        {
            for (final String message : messages)
            {
                sending = sending.handle((done, failed) -> null)
                    .thenCompose(previous -> socket.sendText(message, true))
                    .whenComplete((done, failed) ->
                    {
                        if (failed != null)
                        {
                            ended.complete(new Ending(0, "send failed: " + EndpointText.cause(uri, failed)));
                        }
                    });
            }
        }
    }

    // ---- the JDK's listener (its thread) ----

    @Override
    public void onOpen(final WebSocket socket)
    {
        webSocket = socket;
        if (!enter())
        {
            socket.abort();
            return;
        }
        try
        {
            if (!protocol.publishesConnected() &&
                publisher.publishStatus(StatusKind.CONNECTED, 0, printableUri) == MessagePublisher.CLOSED)
            {
                ended.complete(Ending.STOP);
            }
            else
            {
                send(protocol.onOpen());
            }
        }
        catch (final RuntimeException ex)
        {
            ended.complete(Ending.failure(ex));
        }
        finally
        {
            exit();
        }
        socket.request(DEMAND_BATCH);
    }

    @Override
    public CompletionStage<?> onText(final WebSocket socket, final CharSequence data, final boolean last)
    {
        if (enter())
        {
            try
            {
                text(data, last);
            }
            catch (final RuntimeException ex)
            {
                ended.complete(Ending.failure(ex));
            }
            finally
            {
                exit();
            }
        }
        demand(socket);
        return null;
    }

    private void text(final CharSequence data, final boolean last)
    {
        final long assembled = assembler.onText(data, last, publisher);
        if (assembled == MessagePublisher.CLOSED)
        {
            ended.complete(Ending.STOP);
            return;
        }
        if (assembled != MessageAssembler.MESSAGE)
        {
            return;
        }
        replies.clear();
        final FeedProtocol.Reaction reaction =
            protocol.onMessage(assembler.bytes(), 0, assembler.length(), publisher, replies);
        send(replies);
        if (publisher.isClosed())
        {
            ended.complete(Ending.STOP);
        }
        else if (reaction == FeedProtocol.Reaction.LOGGED_IN)
        {
            final List<String> snapshot;
            synchronized (symbols)
            {
                loggedIn = true;
                snapshot = List.copyOf(symbols);
            }
            if (!snapshot.isEmpty())
            {
                send(protocol.subscribe(snapshot));
            }
        }
        else if (reaction == FeedProtocol.Reaction.DISCONNECT)
        {
            ended.complete(new Ending(0, "the server ended the session"));
        }
        else if (reaction == FeedProtocol.Reaction.LOGIN_REFUSED)
        {
            loginRefused = true;
            ended.complete(new Ending(0, "the server refused the login: " + protocol.loginRefusal()));
        }
    }

    private void demand(final WebSocket socket)
    {
        if (++undemanded >= DEMAND_BATCH / 2)
        {
            undemanded = 0;
            socket.request(DEMAND_BATCH / 2);
        }
    }

    @Override
    public CompletionStage<?> onBinary(final WebSocket socket, final ByteBuffer data, final boolean last)
    {
        if (enter())
        {
            try
            {
                assembler.onBinary(data.remaining(), last, publisher);
            }
            finally
            {
                exit();
            }
        }
        demand(socket);
        return null;
    }

    @Override
    public CompletionStage<?> onPing(final WebSocket socket, final ByteBuffer message)
    {
        if (enter())
        {
            exit(); // the JDK answers with a pong itself
        }
        demand(socket);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(final WebSocket socket, final ByteBuffer message)
    {
        if (enter())
        {
            exit();
        }
        demand(socket);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(final WebSocket socket, final int statusCode, final String reason)
    {
        ended.complete(new Ending(statusCode, reason == null || reason.isEmpty()
            ? "closed by the server" : "closed by the server: " + reason));
        return null;
    }

    @Override
    public void onError(final WebSocket socket, final Throwable error)
    {
        ended.complete(new Ending(0, EndpointText.cause(uri, error)));
    }
}
