package io.ringstreamer.demo.exchange;

import org.eclipse.jetty.websocket.api.StatusCode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Schwab streamer subset ({@code docs/formats/schwab.md}): {@code LOGIN} (any token unless one
 * is configured) answered with code 0; {@code SUBS}, {@code ADD}, {@code UNSUBS} for
 * {@code CHART_EQUITY}, {@code LEVELONE_EQUITIES} and {@code NASDAQ_BOOK}; data frames in the live
 * service's field order ({@code CHART_EQUITY}: 1 sequence, 2 open, 3 high, 4 low, 5 close, 6 volume,
 * 7 bar start, 8 chart day); a heartbeat {@code notify} every heartbeat interval. Slow client: a
 * response with code 30 {@code STOP_STREAMING}.
 */
public final class SchwabSession extends ClientSession
{
    static final List<String> SERVICES = List.of("CHART_EQUITY", "LEVELONE_EQUITIES", "NASDAQ_BOOK");
    private static final Pattern KEYS = Pattern.compile("\"keys\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern AUTHORIZATION = Pattern.compile("\"Authorization\"\\s*:\\s*\"([^\"]*)\"");

    private final Map<String, Set<String>> subscribed = new LinkedHashMap<>();
    private final List<String[]> pairs = new ArrayList<>();
    private int cursor;
    private boolean loggedIn;
    private long nextHeartbeatNanos;
    private long sequence;

    SchwabSession(final FakeExchange exchange)
    {
        super(exchange, FakeExchange.Protocol.SCHWAB);
        SERVICES.forEach(service -> subscribed.put(service, new LinkedHashSet<>()));
    }

    @Override
    void greet()
    {
        // the client speaks first (LOGIN)
    }

    @Override
    void onRequest(final String text)
    {
        // one envelope, "requests" an array: each request starts at its "service" field
        final String[] requests = text.split("(?=\\{\\s*\"service\")");
        for (final String request : requests)
        {
            final Map<String, String> fields = stringFields(request);
            final String service = fields.get("service");
            if (service != null)
            {
                handle(service, fields.getOrDefault("command", ""), fields.getOrDefault("requestid", "0"), request);
            }
        }
    }

    private void handle(final String service, final String command, final String requestId, final String request)
    {
        if (service.equals("ADMIN") && command.equals("LOGIN"))
        {
            final Matcher token = AUTHORIZATION.matcher(request);
            if (settings.token() != null && !(token.find() && settings.token().equals(token.group(1))))
            {
                respond(service, command, requestId, 3, "Login denied");
                close(StatusCode.POLICY_VIOLATION, "LOGIN_DENIED");
                return;
            }
            loggedIn = true;
            nextHeartbeatNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.heartbeatMillis());
            respond(service, command, requestId, 0, "server=fake-exchange;status=PN");
            return;
        }
        if (service.equals("ADMIN") && command.equals("LOGOUT"))
        {
            respond(service, command, requestId, 0, "Logout successful");
            close(StatusCode.NORMAL, "LOGOUT");
            return;
        }
        if (!loggedIn)
        {
            respond(service, command, requestId, 3, "Not logged in");
            return;
        }
        final Set<String> symbols = subscribed.get(service);
        if (symbols == null)
        {
            respond(service, command, requestId, 11, "Service not available: " + service);
            return;
        }
        final Matcher keysField = KEYS.matcher(request);
        final List<String> keys = new ArrayList<>();
        if (keysField.find())
        {
            Arrays.stream(keysField.group(1).split(",")).map(String::trim).filter(k -> !k.isEmpty()).forEach(keys::add);
        }
        switch (command)
        {
            case "SUBS":
                symbols.clear();
                symbols.addAll(keys);
                break;
            case "ADD":
                symbols.addAll(keys);
                break;
            case "UNSUBS":
                keys.forEach(symbols::remove);
                break;
            case "VIEW":
                break;
            default:
                respond(service, command, requestId, 22, "Unknown command " + command);
                return;
        }
        rebuildPairs();
        respond(service, command, requestId, 0, command + " command succeeded");
    }

    private void respond(final String service, final String command, final String requestId, final int code,
        final String message)
    {
        send("{\"response\":[{\"service\":\"" + service + "\",\"requestid\":\"" + requestId + "\",\"command\":\"" +
            command + "\",\"timestamp\":" + nowMillis() + ",\"content\":{\"code\":" + code + ",\"msg\":\"" + message +
            "\"}}]}");
    }

    private void rebuildPairs()
    {
        pairs.clear();
        subscribed.forEach((service, symbols) -> symbols.forEach(symbol -> pairs.add(new String[] {service, symbol})));
        cursor = 0;
    }

    @Override
    boolean streaming()
    {
        return loggedIn && !pairs.isEmpty();
    }

    @Override
    void heartbeat(final long nowNanos)
    {
        if (loggedIn && nowNanos - nextHeartbeatNanos >= 0)
        {
            nextHeartbeatNanos = nowNanos + TimeUnit.MILLISECONDS.toNanos(settings.heartbeatMillis());
            send("{\"notify\":[{\"heartbeat\":\"" + nowMillis() + "\"}]}");
        }
    }

    /** One data frame: consecutive (service, symbol) pairs of one service, at most {@code maxItems}. */
    @Override
    int sendData(final int maxItems)
    {
        final String service = pairs.get(cursor)[0];
        final long now = nowMillis();
        final StringBuilder json = new StringBuilder(200 * maxItems)
            .append("{\"data\":[{\"service\":\"").append(service).append("\",\"timestamp\":").append(now)
            .append(",\"command\":\"SUBS\",\"content\":[");
        int items = 0;
        while (items < maxItems && pairs.get(cursor)[0].equals(service))
        {
            final String symbol = pairs.get(cursor)[1];
            cursor = (cursor + 1) % pairs.size();
            if (items > 0)
            {
                json.append(',');
            }
            entry(json, service, symbol, now);
            stats.count(service, symbol);
            items++;
            if (cursor == 0)
            {
                break;
            }
        }
        send(json.append("]}]}").toString());
        return items;
    }

    private void entry(final StringBuilder json, final String service, final String symbol, final long now)
    {
        final PriceWalk walk = walk(symbol);
        json.append("{\"seq\":").append(sequence++).append(",\"key\":\"").append(symbol).append('"');
        switch (service)
        {
            case "CHART_EQUITY":
                final long[] bar = walk.bar();
                final long start = FakeExchange.SESSION_START_MILLIS + (walk.minute - 1) * 60_000L;
                json.append(",\"1\":").append(walk.minute)
                    .append(",\"2\":").append(PriceWalk.price(bar[0]))
                    .append(",\"3\":").append(PriceWalk.price(bar[1]))
                    .append(",\"4\":").append(PriceWalk.price(bar[2]))
                    .append(",\"5\":").append(PriceWalk.price(bar[3]))
                    .append(",\"6\":").append(bar[4]).append(".0")
                    .append(",\"7\":").append(start)
                    .append(",\"8\":").append(start / 86_400_000L)
                    .append('}');
                break;
            case "LEVELONE_EQUITIES":
                walk.step();
                json.append(",\"1\":").append(PriceWalk.price(walk.bidCents()))
                    .append(",\"2\":").append(PriceWalk.price(walk.askCents()))
                    .append(",\"4\":").append(walk.size())
                    .append(",\"5\":").append(walk.size())
                    .append(",\"34\":").append(now)
                    .append('}');
                break;
            default:
                walk.step();
                json.append(",\"1\":").append(now).append(",\"2\":[");
                levels(json, walk.bidCents(), -1, walk, now);
                json.append("],\"3\":[");
                levels(json, walk.askCents(), 1, walk, now);
                json.append("]}");
        }
    }

    private static void levels(final StringBuilder json, final long best, final int direction, final PriceWalk walk,
        final long now)
    {
        for (int level = 0; level < 3; level++)
        {
            final long size = walk.size();
            json.append(level == 0 ? "" : ",").append("{\"0\":").append(PriceWalk.price(best + direction * level))
                .append(",\"1\":").append(size).append(",\"2\":1,\"3\":[{\"0\":\"NSDQ\",\"1\":").append(size)
                .append(",\"2\":").append(now).append("}]}");
        }
    }

    @Override
    String slowClientError()
    {
        return "{\"response\":[{\"service\":\"ADMIN\",\"requestid\":\"0\",\"command\":\"LOGIN\",\"timestamp\":" + nowMillis() +
            ",\"content\":{\"code\":30,\"msg\":\"Stop streaming due to slowness\"}}]}";
    }
}
