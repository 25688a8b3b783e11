package io.ringstreamer.demo.exchange;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One client connection of the fake exchange: the protocol's session (login, subscriptions), the paced
 * data feed for the subscribed symbols, and the slow-client rule.
 *
 * <p>Jetty calls the listener methods on its threads; they only hand work to the exchange's scheduler
 * thread, which owns every field here, so the session needs no locks. Sends never block: Jetty queues
 * each frame and calls back when it is written; the frames queued but not yet written are the
 * client's backlog, counted in frames and in bytes. When the backlog exceeds either limit the session sends the protocol's slow-client
 * error and closes, as the real APIs do.
 *
 * <p>Public (as are its subclasses) only because Jetty invokes listener methods through public
 * method handles; the constructors are package-private.
 */
public abstract class ClientSession implements Session.Listener.AutoDemanding
{
    /** {@code "name":"value"} in a request. */
    static final Pattern STRING_FIELD = Pattern.compile("\"(\\w+)\"\\s*:\\s*\"([^\"]*)\"");

    final FakeExchange exchange;
    final FakeExchange.Settings settings;
    final ClientStats stats;

    private volatile Session session;
    private ScheduledFuture<?> ticker;
    private boolean ended;
    private long lastTickNanos;
    private double credit;

    ClientSession(final FakeExchange exchange, final FakeExchange.Protocol protocol)
    {
        this.exchange = exchange;
        this.settings = exchange.settings();
        this.stats = new ClientStats(protocol);
    }

    // ---- Jetty's threads ----

    @Override
    public void onWebSocketOpen(final Session opened)
    {
        this.session = opened;
        exchange.opened(this);
        exchange.execute(this::start);
    }

    @Override
    public void onWebSocketText(final String text)
    {
        stats.requests.add(text);
        exchange.execute(() ->
        {
            if (!ended)
            {
                onRequest(text);
            }
        });
    }

    @Override
    public void onWebSocketClose(final int statusCode, final String reason)
    {
        exchange.execute(() -> end("closed: " + statusCode + (reason == null ? "" : " " + reason)));
    }

    @Override
    public void onWebSocketError(final Throwable cause)
    {
        exchange.execute(() -> end("error: " + cause));
    }

    /** The exchange's kill switch: drops the connection without a close handshake. Any thread. */
    void drop()
    {
        exchange.execute(() ->
        {
            end("dropped by the exchange");
            final Session open = session;
            if (open != null)
            {
                open.disconnect();
            }
        });
    }

    // ---- the scheduler thread ----

    private void start()
    {
        lastTickNanos = System.nanoTime();
        greet();
        ticker = exchange.scheduleEveryMillisecond(this::tick);
    }

    private void tick()
    {
        if (ended)
        {
            return;
        }
        final long now = System.nanoTime();
        final double elapsed = (now - lastTickNanos) / 1e9;
        lastTickNanos = now;
        if (exchange.isSilent())
        {
            return;
        }
        heartbeat(now);
        if (!streaming() || stats.feedEnded)
        {
            credit = 0;
            return;
        }
        credit = Math.min(credit + settings.rate() * elapsed, settings.rate() * 0.1 + settings.itemsPerMessage());
        while (credit >= settings.itemsPerMessage() && !ended) // full frames only; the rest waits for the next tick
        {
            int items = settings.itemsPerMessage();
            if (settings.itemLimit() > 0)
            {
                items = (int)Math.min(items, settings.itemLimit() - stats.items.get());
                if (items <= 0)
                {
                    stats.feedEnded = true;
                    return;
                }
            }
            credit -= sendData(items);
        }
    }

    /** Sends a WebSocket ping (a keep-alive: a client's silence detection counts it); not a frame of the feed. */
    final void ping()
    {
        final Session open = session;
        if (!ended && open != null)
        {
            stats.pings.incrementAndGet();
            open.sendPing(java.nio.ByteBuffer.allocate(0), Callback.NOOP);
        }
    }

    /** Sends one frame; counts it into the backlog until Jetty has written it. */
    final void send(final String text)
    {
        final Session open = session;
        if (ended || open == null)
        {
            return;
        }
        final long started = stats.framesStarted.incrementAndGet();
        final long backlog = started - stats.framesCompleted.get();
        if (backlog > stats.maxBacklog.get())
        {
            stats.maxBacklog.set(backlog);
        }
        final int bytes = text.length(); // the feed's text is ASCII: a char is a byte
        final long backlogBytes = stats.bytesStarted.addAndGet(bytes) - stats.bytesCompleted.get();
        if (backlogBytes > stats.maxBacklogBytes.get())
        {
            stats.maxBacklogBytes.set(backlogBytes);
        }
        final Runnable written = () ->
        {
            stats.bytesCompleted.addAndGet(bytes);
            stats.framesCompleted.incrementAndGet();
        };
        open.sendText(text, Callback.from(written, failed -> written.run()));
        if (backlog > settings.maxBacklog() || (settings.maxBacklogBytes() > 0 && backlogBytes > settings.maxBacklogBytes()))
        {
            stats.slowClient = true;
            open.sendText(slowClientError(), Callback.NOOP);
            close(StatusCode.POLICY_VIOLATION, "slow client");
        }
    }

    /** Closes with a close handshake (after the frames already queued). */
    final void close(final int code, final String reason)
    {
        final Session open = session;
        end("closed by the exchange: " + reason);
        if (open != null)
        {
            open.close(code, reason, Callback.NOOP);
        }
    }

    private void end(final String reason)
    {
        if (ended)
        {
            return;
        }
        ended = true;
        stats.disconnectedNanos = System.nanoTime();
        stats.closeReason = reason;
        if (ticker != null)
        {
            ticker.cancel(false);
        }
    }

    final boolean isEnded()
    {
        return ended;
    }

    /** The symbol's prices, shared by every session (a reconnecting client sees time move on, not restart). */
    final PriceWalk walk(final String symbol)
    {
        return exchange.walk(symbol);
    }

    /** Milliseconds since the epoch on the exchange's clock: the simulated session start plus real time. */
    final long nowMillis()
    {
        return exchange.nowMillis();
    }

    final void scheduleOnce(final long delayMillis, final Runnable task)
    {
        exchange.schedule(delayMillis, () ->
        {
            if (!ended)
            {
                task.run();
            }
        });
    }

    static Map<String, String> stringFields(final String json)
    {
        final Map<String, String> fields = new HashMap<>();
        final Matcher matcher = STRING_FIELD.matcher(json);
        while (matcher.find())
        {
            fields.putIfAbsent(matcher.group(1), matcher.group(2));
        }
        return fields;
    }

    /** The strings of a JSON array field, {@code "name":["A","B"]}; empty if absent. */
    static List<String> arrayField(final String json, final String name)
    {
        final Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*\\[([^\\]]*)\\]").matcher(json);
        final List<String> values = new ArrayList<>();
        if (matcher.find())
        {
            for (final String part : matcher.group(1).split(","))
            {
                final String value = part.trim().replace("\"", "");
                if (!value.isEmpty())
                {
                    values.add(value);
                }
            }
        }
        return values;
    }

    /** The protocol's first words, on open. */
    abstract void greet();

    /** One text message from the client. */
    abstract void onRequest(String text);

    /** Whether anything is subscribed (and the session may stream). */
    abstract boolean streaming();

    /** Sends one data frame of at most {@code maxItems} items. @return the items sent (at least 1). */
    abstract int sendData(int maxItems);

    /** The protocol's heartbeat, if it has one and one is due. */
    void heartbeat(final long nowNanos)
    {
    }

    /** The protocol's slow-client error message. */
    abstract String slowClientError();
}
