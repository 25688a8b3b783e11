package io.ringstreamer.demo.exchange;

import org.eclipse.jetty.websocket.api.StatusCode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Alpaca market data v2 subset ({@code docs/formats/alpaca.md}): {@code connected}, auth within
 * the auth timeout, subscribe/unsubscribe to trades, quotes and bars with a {@code subscription} reply,
 * and data arrays of {@code b}, {@code q} and {@code t} messages taken round-robin over the subscribed
 * (kind, symbol) pairs. Slow client: error 407.
 */
public final class AlpacaSession extends ClientSession
{
    private static final String[] CHANNELS = {"trades", "quotes", "bars"};
    private static final String[] KINDS = {"t", "q", "b"};

    private final List<Set<String>> subscribed = List.of(new LinkedHashSet<>(), new LinkedHashSet<>(), new LinkedHashSet<>());
    private final List<String[]> pairs = new ArrayList<>();
    private int cursor;
    private boolean authenticated;
    private long nextPingNanos;

    AlpacaSession(final FakeExchange exchange)
    {
        super(exchange, FakeExchange.Protocol.ALPACA);
    }

    /**
     * Alpaca's stream has no heartbeat message; like most WebSocket servers, the fake pings every
     * heartbeat interval once authenticated, so a client that watches for silence keeps a quiet feed
     * (one whose item limit is reached) open.
     */
    @Override
    void heartbeat(final long nowNanos)
    {
        if (authenticated && nowNanos - nextPingNanos >= 0)
        {
            nextPingNanos = nowNanos + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(settings.heartbeatMillis());
            ping();
        }
    }

    @Override
    void greet()
    {
        send("[{\"T\":\"success\",\"msg\":\"connected\"}]");
        scheduleOnce(settings.authTimeoutMillis(), () ->
        {
            if (!authenticated)
            {
                send("[{\"T\":\"error\",\"code\":404,\"msg\":\"auth timeout\"}]");
                close(StatusCode.POLICY_VIOLATION, "auth timeout");
            }
        });
    }

    @Override
    void onRequest(final String text)
    {
        final Map<String, String> fields = stringFields(text);
        final String action = fields.getOrDefault("action", "");
        switch (action)
        {
            case "auth":
                if (authenticated)
                {
                    send("[{\"T\":\"error\",\"code\":403,\"msg\":\"already authenticated\"}]");
                }
                else if (settings.key() != null &&
                    (!settings.key().equals(fields.get("key")) || !settings.secret().equals(fields.get("secret"))))
                {
                    send("[{\"T\":\"error\",\"code\":402,\"msg\":\"auth failed\"}]");
                    close(StatusCode.POLICY_VIOLATION, "auth failed");
                }
                else
                {
                    authenticated = true;
                    send("[{\"T\":\"success\",\"msg\":\"authenticated\"}]");
                }
                break;
            case "subscribe":
            case "unsubscribe":
                if (!authenticated)
                {
                    send("[{\"T\":\"error\",\"code\":401,\"msg\":\"not authenticated\"}]");
                    return;
                }
                for (int c = 0; c < CHANNELS.length; c++)
                {
                    final List<String> symbols = arrayField(text, CHANNELS[c]);
                    if (action.equals("subscribe"))
                    {
                        subscribed.get(c).addAll(symbols);
                    }
                    else
                    {
                        subscribed.get(c).removeAll(symbols);
                    }
                }
                rebuildPairs();
                send(subscriptionMessage());
                break;
            default:
                send("[{\"T\":\"error\",\"code\":400,\"msg\":\"invalid syntax\"}]");
        }
    }

    private void rebuildPairs()
    {
        pairs.clear();
        final List<String> symbols = new ArrayList<>();
        subscribed.forEach(symbols::addAll);
        for (final String symbol : new LinkedHashSet<>(symbols))
        {
            for (int c = 0; c < CHANNELS.length; c++)
            {
                if (subscribed.get(c).contains(symbol))
                {
                    pairs.add(new String[] {KINDS[c], symbol});
                }
            }
        }
        cursor = 0;
    }

    private String subscriptionMessage()
    {
        final StringBuilder json = new StringBuilder("[{\"T\":\"subscription\"");
        for (int c = 0; c < CHANNELS.length; c++)
        {
            json.append(",\"").append(CHANNELS[c]).append("\":[");
            int i = 0;
            for (final String symbol : subscribed.get(c))
            {
                json.append(i++ == 0 ? "\"" : ",\"").append(symbol).append('"');
            }
            json.append(']');
        }
        return json.append("}]").toString();
    }

    @Override
    boolean streaming()
    {
        return authenticated && !pairs.isEmpty();
    }

    @Override
    int sendData(final int maxItems)
    {
        final StringBuilder json = new StringBuilder(160 * maxItems).append('[');
        for (int i = 0; i < maxItems; i++)
        {
            final String[] pair = pairs.get(cursor);
            cursor = (cursor + 1) % pairs.size();
            if (i > 0)
            {
                json.append(',');
            }
            item(json, pair[0], pair[1]);
            stats.count(pair[0], pair[1]);
        }
        send(json.append(']').toString());
        return maxItems;
    }

    private void item(final StringBuilder json, final String kind, final String symbol)
    {
        final PriceWalk walk = walk(symbol);
        final String time = Instant.ofEpochMilli(nowMillis()).toString();
        switch (kind)
        {
            case "b":
                final long[] bar = walk.bar();
                json.append("{\"T\":\"b\",\"S\":\"").append(symbol)
                    .append("\",\"o\":").append(PriceWalk.price(bar[0]))
                    .append(",\"h\":").append(PriceWalk.price(bar[1]))
                    .append(",\"l\":").append(PriceWalk.price(bar[2]))
                    .append(",\"c\":").append(PriceWalk.price(bar[3]))
                    .append(",\"v\":").append(bar[4])
                    .append(",\"n\":").append(1 + bar[4] / 100)
                    .append(",\"vw\":").append(PriceWalk.price((bar[1] + bar[2]) / 2))
                    .append(",\"t\":\"").append(Instant.ofEpochMilli(FakeExchange.SESSION_START_MILLIS + (walk.minute - 1) * 60_000L))
                    .append("\"}");
                break;
            case "q":
                walk.step();
                json.append("{\"T\":\"q\",\"S\":\"").append(symbol)
                    .append("\",\"bx\":\"U\",\"bp\":").append(PriceWalk.price(walk.bidCents()))
                    .append(",\"bs\":").append(walk.lots())
                    .append(",\"ax\":\"Q\",\"ap\":").append(PriceWalk.price(walk.askCents()))
                    .append(",\"as\":").append(walk.lots())
                    .append(",\"t\":\"").append(time).append("\",\"c\":[\"R\"],\"z\":\"C\"}");
                break;
            default:
                json.append("{\"T\":\"t\",\"S\":\"").append(symbol)
                    .append("\",\"i\":").append(++walk.tradeId)
                    .append(",\"x\":\"D\",\"p\":").append(PriceWalk.price(walk.step()))
                    .append(",\"s\":").append(walk.size())
                    .append(",\"t\":\"").append(time).append("\",\"c\":[\"@\",\"I\"],\"z\":\"C\"}");
        }
    }

    @Override
    String slowClientError()
    {
        return "[{\"T\":\"error\",\"code\":407,\"msg\":\"slow client\"}]";
    }
}
