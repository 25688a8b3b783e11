package io.ringstreamer.demo.exchange;

import io.ringstreamer.format.CanonicalDecoder;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.StatusKind;
import io.ringstreamer.source.MessagePublisher;
import io.ringstreamer.source.live.EndpointText;
import io.ringstreamer.source.live.FeedProtocol;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The way the original project read a feed, for comparison: the same JDK WebSocket and protocol
 * adapter as ring-streamer, but each message is decoded and processed (the synthetic per-entry work)
 * inside the listener callback, and the next message is asked for ({@code request(1)}) only after that.
 * While it processes, nothing is read: when processing is slower than the feed, the server's backlog
 * for this client grows until the server cuts it off as a slow client.
 *
 * <p>The listener runs on the JDK's thread; the counters are readable from any thread.
 */
public final class NaiveClient implements AutoCloseable
{
    /** A status or error the protocol reported. */
    public record Event(String kind, int code, String message)
    {
    }

    private final URI uri;
    private final FeedProtocol protocol;
    private final List<String> symbols;
    private final int workMicros;
    private final AtomicLong framesRead = new AtomicLong();
    private final AtomicLong entriesProcessed = new AtomicLong();
    private final List<Event> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile int closeCode = -1;
    private volatile String closeReason;
    private volatile WebSocket webSocket;

    /**
     * @param workMicros synthetic work per symbol entry, in microseconds ({@link SyntheticWork}).
     */
    public NaiveClient(final URI uri, final FeedProtocol protocol, final List<String> symbols, final int workMicros)
    {
        this.uri = uri;
        this.protocol = protocol;
        this.symbols = List.copyOf(symbols);
        this.workMicros = workMicros;
    }

    /**
     * Connects and starts reading (on the JDK's threads).
     *
     * @throws IOException naming the host, the port and the cause when the connection cannot be opened.
     */
    public NaiveClient start() throws IOException
    {
        protocol.reset();
        try
        {
            webSocket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, new Listener()).join();
        }
        catch (final CompletionException ex)
        {
            throw new IOException(EndpointText.connectFailure(uri, ex), ex.getCause());
        }
        return this;
    }

    /** Frames read from the socket. */
    public long framesRead()
    {
        return framesRead.get();
    }

    /** Symbol entries decoded and processed. */
    public long entriesProcessed()
    {
        return entriesProcessed.get();
    }

    /** Statuses and errors the protocol reported, in order. */
    public List<Event> events()
    {
        return List.copyOf(events);
    }

    /** Waits for the server to close the connection. @return whether it did within the time. */
    public boolean awaitClose(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return closed.await(timeout, unit);
    }

    /** The close code the server sent, or -1 while open (1006 when the connection broke). */
    public int closeCode()
    {
        return closeCode;
    }

    public String closeReason()
    {
        return closeReason;
    }

    @Override
    public void close()
    {
        final WebSocket socket = webSocket;
        if (socket != null)
        {
            socket.abort();
        }
        closed.countDown();
    }

    private void send(final WebSocket socket, final List<String> messages)
    {
        for (final String message : messages)
        {
            socket.sendText(message, true).join(); // naive: one at a time, waiting
        }
    }

    /** The JDK's listener: reads, decodes and processes one message, then asks for the next. */
    private final class Listener implements WebSocket.Listener
    {
        private final StringBuilder text = new StringBuilder();
        private final Inline inline = new Inline();

        @Override
        public void onOpen(final WebSocket socket)
        {
            send(socket, protocol.onOpen());
            socket.request(1);
        }

        @Override
        public CompletionStage<?> onText(final WebSocket socket, final CharSequence data, final boolean last)
        {
            text.append(data);
            if (last)
            {
                framesRead.incrementAndGet();
                final byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
                text.setLength(0);
                final List<String> replies = new ArrayList<>();
                final FeedProtocol.Reaction reaction = protocol.onMessage(bytes, 0, bytes.length, inline, replies);
                send(socket, replies);
                if (reaction == FeedProtocol.Reaction.LOGGED_IN)
                {
                    send(socket, protocol.subscribe(symbols));
                }
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(final WebSocket socket, final int statusCode, final String reason)
        {
            closeCode = statusCode;
            closeReason = reason;
            closed.countDown();
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onError(final WebSocket socket, final Throwable error)
        {
            closeCode = 1006;
            closeReason = EndpointText.cause(uri, error);
            closed.countDown();
        }
    }

    /** Processes each canonical message as the protocol produces it, on the listener thread. */
    private final class Inline implements MessagePublisher
    {
        private final CanonicalDecoder decoder = new CanonicalDecoder();
        private long state = 1;
        private long sequence;

        @Override
        public long publish(final byte[] source, final int offset, final int length, final long receiveNanos)
        {
            if (decoder.wrap(source, offset, length))
            {
                for (int i = 0; i < decoder.entryCount(); i++)
                {
                    state = SyntheticWork.run(workMicros, state);
                    entriesProcessed.incrementAndGet();
                }
            }
            return sequence++;
        }

        @Override
        public long publishStatus(final StatusKind kind, final int code, final CharSequence message)
        {
            events.add(new Event(kind.label(), code, message.toString()));
            return sequence++;
        }

        @Override
        public long publishError(final ErrorKind kind, final int code, final CharSequence message)
        {
            events.add(new Event(kind.label(), code, message.toString()));
            return sequence++;
        }

        @Override
        public boolean isClosed()
        {
            return false;
        }
    }
}
