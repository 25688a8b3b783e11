package io.ringstreamer.demo.exchange;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the fake exchange did for one client connection: frames and data items sent, the largest unsent
 * backlog, the requests it received, and how the connection ended. Written by the exchange's threads,
 * readable from any thread (tests read it to check conservation against what the client processed).
 */
public final class ClientStats
{
    private final FakeExchange.Protocol protocol;
    private final long connectedNanos = System.nanoTime();
    final AtomicLong framesStarted = new AtomicLong();
    final AtomicLong framesCompleted = new AtomicLong();
    final AtomicLong items = new AtomicLong();
    final AtomicLong pings = new AtomicLong();
    final AtomicLong maxBacklog = new AtomicLong();
    final AtomicLong bytesStarted = new AtomicLong();
    final AtomicLong bytesCompleted = new AtomicLong();
    final AtomicLong maxBacklogBytes = new AtomicLong();
    final List<String> requests = new CopyOnWriteArrayList<>();
    final Map<String, AtomicLong> itemsByKey = new ConcurrentHashMap<>();
    volatile long disconnectedNanos;
    volatile boolean slowClient;
    volatile boolean feedEnded;
    volatile String closeReason;

    ClientStats(final FakeExchange.Protocol protocol)
    {
        this.protocol = protocol;
    }

    public FakeExchange.Protocol protocol()
    {
        return protocol;
    }

    /** Text frames handed to Jetty (data, replies, heartbeats, errors). */
    public long framesSent()
    {
        return framesStarted.get();
    }

    /** Frames handed to Jetty but not yet written to the socket, now. */
    public long backlog()
    {
        return framesStarted.get() - framesCompleted.get();
    }

    /** The largest {@link #backlog()} seen. */
    public long maxBacklog()
    {
        return maxBacklog.get();
    }

    /** The largest backlog seen in bytes: the text of the frames handed to Jetty but not yet written. */
    public long maxBacklogBytes()
    {
        return maxBacklogBytes.get();
    }

    /** WebSocket pings sent (the fake Alpaca's keep-alive). */
    public long pingsSent()
    {
        return pings.get();
    }

    /** Market-data items sent (one bar, quote, trade or book entry for one symbol each). */
    public long itemsSent()
    {
        return items.get();
    }

    /**
     * Items sent of one kind for one symbol; kinds: Alpaca {@code b}, {@code q}, {@code t}; Schwab
     * {@code CHART_EQUITY}, {@code LEVELONE_EQUITIES}, {@code NASDAQ_BOOK}.
     */
    public long itemsSent(final String kind, final String symbol)
    {
        final AtomicLong count = itemsByKey.get(kind + ':' + symbol);
        return count == null ? 0 : count.get();
    }

    /** Every text message the client sent, in order. */
    public List<String> requests()
    {
        return List.copyOf(requests);
    }

    /** Whether the exchange cut the client off as a slow client. */
    public boolean disconnectedAsSlowClient()
    {
        return slowClient;
    }

    /** Whether the connection has ended (either side). */
    public boolean isDisconnected()
    {
        return disconnectedNanos != 0;
    }

    /** Milliseconds from connect to disconnect, or -1 while connected. */
    public long millisToDisconnect()
    {
        final long at = disconnectedNanos;
        return at == 0 ? -1 : (at - connectedNanos) / 1_000_000;
    }

    /** Whether the client's feed reached the exchange's item limit and stopped. */
    public boolean feedEnded()
    {
        return feedEnded;
    }

    /** Why the connection ended, or {@code null} while connected. */
    public String closeReason()
    {
        return closeReason;
    }

    void count(final String kind, final String symbol)
    {
        items.incrementAndGet();
        itemsByKey.computeIfAbsent(kind + ':' + symbol, k -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public String toString()
    {
        return protocol + " client: frames=" + framesSent() + " items=" + itemsSent() + " maxBacklog=" + maxBacklog() +
            " maxBacklogBytes=" + maxBacklogBytes() +
            (slowClient ? " slow-client" : "") + (isDisconnected() ? " disconnected after " + millisToDisconnect() + " ms" : "");
    }
}
