package io.ringstreamer.source.live;

import io.ringstreamer.format.internal.Ascii;
import io.ringstreamer.format.internal.JsonScanner;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.StatusKind;
import io.ringstreamer.source.MessagePublisher;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The Schwab Trader API streamer (successor of the TD Ameritrade streamer): its session, and its data
 * translated into canonical messages that the pipeline's components process unchanged.
 *
 * <p>Session: {@link #onOpen()} sends the {@code ADMIN LOGIN} request. Responses: {@code LOGIN} with code 0
 * is published as status {@code AUTHENTICATED} and returns {@link Reaction#LOGGED_IN}; any other
 * {@code LOGIN} code (3 LOGIN_DENIED, say) is a {@code PROTOCOL_ERROR} (Schwab's code and message) and
 * {@link Reaction#LOGIN_REFUSED} ({@link #loginRefusal()} names it). {@code SUBS}, {@code ADD}, {@code UNSUBS} and {@code VIEW} with code 0 are
 * status {@code SUBSCRIPTION_CONFIRMED} ({@code "CHART_EQUITY ADD: <msg>"}), with another code a
 * {@code PROTOCOL_ERROR} (the connection stays up). Code 12 {@code CLOSE_CONNECTION} and 30
 * {@code STOP_STREAMING}, in a response or a notification, are a {@code PROTOCOL_ERROR} and
 * {@link Reaction#DISCONNECT}. A heartbeat publishes nothing (the call itself is the traffic a silence
 * detector sees); another notification with a code is status {@code SERVER_MESSAGE}.
 *
 * <p>Data, one canonical message per service per server message (a symbol seen twice for a service starts a
 * second message, so both events arrive, in order); the envelope's timestamp is the first data item's
 * {@code timestamp}:
 * <ul>
 *   <li>{@code CHART_EQUITY}: {@code CHART_EQUITY} {@code open, high, low, close, volume, datetime} through
 *   the {@link ChartFields} map ({@link ChartFields#LIVE} unless configured);</li>
 *   <li>{@code LEVELONE_EQUITIES} (changes): {@code LEVELONE_EQUITIES} with only the fields present,
 *   {@code 1} bid, {@code 2} ask, {@code 3} last, {@code 4} bidSize, {@code 5} askSize, {@code 8}
 *   totalVolume, {@code 9} lastSize, {@code 34} quoteTime, {@code 35} tradeTime; the other fields are
 *   ignored, and a change that carries none of these is ignored whole;</li>
 *   <li>{@code NASDAQ_BOOK}, {@code NYSE_BOOK}: {@code BOOK} {@code time} from {@code 1}, {@code bids} and
 *   {@code asks} from {@code 2} and {@code 3}, each level {@code [price ("0"), total size ("1")]}; the
 *   level's count and market makers are ignored.</li>
 * </ul>
 * The symbol is {@code key} (or {@code 0}). Numbers are copied byte for byte (exact decimals). A field that
 * is missing, or an object or array where a scalar belongs, is left out (a malformed book level is written
 * as {@code [null,null]}), so the component reports the entry as invalid through the normal path. What
 * cannot be translated (other services, items without a symbol, a message that is not an object or has
 * members other than {@code response}, {@code notify} and {@code data}) is counted
 * ({@link #untranslatedMessages()}) and reported as a {@code ProtocolError}, the first at once and then at
 * most one a second. A server message that is not valid JSON is reported as a {@code MalformedMessage}
 * error naming the reason and the byte where it goes wrong ({@link #malformedMessages()}).
 *
 * <p>Subscriptions: {@link #subscribe} sends {@code ADD} (never {@code SUBS}, which would replace the
 * list: {@code ADD} on an empty list is what a new connection needs, and it never drops a symbol added in
 * between), one request per configured service, asking only for the fields this class reads;
 * {@link #unsubscribe} sends {@code UNSUBS}. Request ids count up from 0 (the login) on each connection.
 *
 * <p>This class is the session (and the message's outline); the data items' translation is
 * {@code SchwabTranslator}'s, which writes each canonical message in place into the inbound ring where it
 * can (one copy less than publishing it).
 *
 * <p>Thread: every method runs on the connection's reading thread, one call at a time (see
 * {@link FeedProtocol}). A data message allocates nothing once the reusable buffers have grown to the
 * largest message; session messages and requests allocate a little (they are rare).
 */
public final class SchwabProtocol implements FeedProtocol
{
    /** A Schwab streaming service this protocol can subscribe to, with the fields it asks for. */
    public enum SchwabService
    {
        /** 1-minute bars. */
        CHART_EQUITY("0,1,2,3,4,5,6,7,8"),
        /** Level 1 quotes, as changes. */
        LEVELONE_EQUITIES("0,1,2,3,4,5,8,9,34,35"),
        /** NASDAQ Level 2 book snapshots. */
        NASDAQ_BOOK("0,1,2,3"),
        /** NYSE Level 2 book snapshots. */
        NYSE_BOOK("0,1,2,3");

        private final String fields;

        SchwabService(final String fields)
        {
            this.fields = fields;
        }

        /** The {@code fields} parameter of this service's subscribe request. */
        public String fields()
        {
            return fields;
        }
    }

    /**
     * Which numbered {@code CHART_EQUITY} field holds each part of a bar (each 1 to {@value #MAX_FIELD},
     * all different).
     *
     * @param open     the bar's open price.
     * @param high     the bar's high price.
     * @param low      the bar's low price.
     * @param close    the bar's close price.
     * @param volume   the bar's volume.
     * @param barStart the bar's start time, epoch milliseconds.
     */
    public record ChartFields(int open, int high, int low, int close, int volume, int barStart)
    {
        /** The order the live service sends: 1 sequence, 2 open, 3 high, 4 low, 5 close, 6 volume, 7 bar start, 8 chart day. */
        public static final ChartFields LIVE = new ChartFields(2, 3, 4, 5, 6, 7);
        /** The order the streamer guide (and TD Ameritrade) documented: 1 open ... 5 volume, 6 sequence, 7 chart time. */
        public static final ChartFields LEGACY = new ChartFields(1, 2, 3, 4, 5, 7);

        /** Checks that every field number is in range and used once. */
        public ChartFields
        {
            final int[] all = {open, high, low, close, volume, barStart};
            long seen = 0;
            for (final int field : all)
            {
                if (field < 1 || field > MAX_FIELD || (seen & (1L << field)) != 0)
                {
                    throw new IllegalArgumentException("CHART_EQUITY fields must be 1 to " + MAX_FIELD +
                        " and all different: " + java.util.Arrays.toString(all));
                }
                seen |= 1L << field;
            }
        }
    }

    /**
     * A connection's credentials and what it subscribes to. The access token is a supplier, read at every
     * login, so that a reconnect uses a refreshed token.
     *
     * @param accessToken the OAuth access token ({@code Authorization} of the login).
     * @param customerId  {@code SchwabClientCustomerId} from the user preferences.
     * @param correlId    {@code SchwabClientCorrelId} from the user preferences.
     * @param channel     {@code SchwabClientChannel} from the user preferences.
     * @param functionId  {@code SchwabClientFunctionId} from the user preferences.
     * @param services    the services each symbol is subscribed to (at least one).
     * @param chartFields the {@code CHART_EQUITY} field map.
     */
    public record Config(Supplier<String> accessToken, String customerId, String correlId, String channel,
                         String functionId, Set<SchwabService> services, ChartFields chartFields)
    {
        /** The services subscribed unless configured: bars, Level 1 and the NASDAQ book. */
        public static final Set<SchwabService> DEFAULT_SERVICES = Collections.unmodifiableSet(
            EnumSet.of(SchwabService.CHART_EQUITY, SchwabService.LEVELONE_EQUITIES, SchwabService.NASDAQ_BOOK));

        /** Checks every part is present; copies the services. */
        public Config
        {
            Objects.requireNonNull(accessToken, "accessToken");
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(correlId, "correlId");
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(functionId, "functionId");
            Objects.requireNonNull(chartFields, "chartFields");
            if (services.isEmpty())
            {
                throw new IllegalArgumentException("subscribe to at least one service");
            }
            services = Collections.unmodifiableSet(EnumSet.copyOf(services));
        }

        /** A config with a fixed access token, {@link #DEFAULT_SERVICES} and {@link ChartFields#LIVE}. */
        public static Config of(final String accessToken, final String customerId, final String correlId,
                                final String channel, final String functionId)
        {
            Objects.requireNonNull(accessToken, "accessToken");
            return new Config(() -> accessToken, customerId, correlId, channel, functionId, DEFAULT_SERVICES,
                ChartFields.LIVE);
        }

        /** This config subscribing to {@code services} instead. */
        public Config withServices(final Set<SchwabService> services)
        {
            return new Config(accessToken, customerId, correlId, channel, functionId, services, chartFields);
        }

        /** This config reading {@code CHART_EQUITY} through {@code chartFields} instead. */
        public Config withChartFields(final ChartFields chartFields)
        {
            return new Config(accessToken, customerId, correlId, channel, functionId, services, chartFields);
        }

        /** This config reading the access token from {@code accessToken} at every login. */
        public Config withAccessToken(final Supplier<String> accessToken)
        {
            return new Config(accessToken, customerId, correlId, channel, functionId, services, chartFields);
        }
    }

    /** The highest numbered field read from a data item; higher ones are ignored. */
    static final int MAX_FIELD = 63;
    /** Schwab response code: one connection per user, this one is closed. */
    static final int CLOSE_CONNECTION = 12;
    /** Schwab response code: the stream is severed (inactivity, slowness, no subscriptions). */
    static final int STOP_STREAMING = 30;

    private static final byte[] RESPONSE = ascii("response");
    private static final byte[] NOTIFY = ascii("notify");
    private static final byte[] DATA = ascii("data");
    private static final byte[] SERVICE = ascii("service");
    private static final byte[] COMMAND = ascii("command");
    private static final byte[] CONTENT = ascii("content");
    private static final byte[] CODE = ascii("code");
    private static final byte[] MSG = ascii("msg");
    private static final byte[] HEARTBEAT = ascii("heartbeat");
    private static final byte[] LOGIN = ascii("LOGIN");
    private static final byte[][] SUBSCRIPTION_COMMANDS = {ascii("SUBS"), ascii("ADD"), ascii("UNSUBS"), ascii("VIEW")};

    private final Config config;

    private final JsonScanner scanner = new JsonScanner();

    // The response or notification being read: value positions of its members (-1: absent).
    private int serviceStart;
    private int serviceEnd;
    private int commandStart;
    private int commandEnd;
    private int contentStart;
    private int heartbeatStart;

    private int requestId;
    private volatile String loginRefusal = "";
    private final MalformedReport malformed = new MalformedReport();
    private final UntranslatedReport untranslated = new UntranslatedReport();
    /** The data items' translation. */
    private final SchwabTranslator translator;
    private final FrameOutput frame = new FrameOutput();
    /** Where the message being read starts in its buffer: positions in reports count from it. */
    private int messageOffset;

    /** A protocol for one Schwab streamer connection at a time, configured by {@code config}. */
    public SchwabProtocol(final Config config)
    {
        this.config = Objects.requireNonNull(config, "config");
        this.translator = new SchwabTranslator(config.chartFields(), untranslated);
    }

    /** The configuration. */
    public Config config()
    {
        return config;
    }

    /** Level 1 changes that carry none of the fields this adapter reads, ignored so far. Reading thread. */
    public long ignoredEvents()
    {
        return translator.ignoredEvents();
    }

    /** Server messages that are not valid JSON, each reported as a {@code MalformedMessage} error. Any thread. */
    public long malformedMessages()
    {
        return malformed.count();
    }

    /**
     * Server messages, or items of one, not translated so far: a message that is not an object or has an
     * unknown member, an item that is not an object, a response or notification without content, data of
     * another service or without a symbol. Each is counted; the first, then at most one a second, is
     * reported as a {@code ProtocolError}. Any thread.
     */
    @Override
    public long untranslatedMessages()
    {
        return untranslated.count();
    }

    /** {@code 3 Login denied}: the code and message of the last refused {@code LOGIN}, or empty. */
    @Override
    public String loginRefusal()
    {
        return loginRefusal;
    }

    @Override
    public void reset()
    {
        requestId = 0;
        translator.clear();
        frame.reset();
    }

    /** The {@code ADMIN LOGIN} request, with the access token read now. */
    @Override
    public List<String> onOpen()
    {
        final StringBuilder json = open("ADMIN", "LOGIN");
        RequestJson.name(json, "parameters").append('{');
        RequestJson.member(json, "Authorization", config.accessToken().get());
        RequestJson.member(json, "SchwabClientChannel", config.channel());
        RequestJson.member(json, "SchwabClientFunctionId", config.functionId());
        return List.of(close(json.append('}')));
    }

    /** One {@code ADD} request per configured service, {@code keys} comma-joined; none for no symbols. */
    @Override
    public List<String> subscribe(final List<String> symbols)
    {
        return requests("ADD", symbols, true);
    }

    /** One {@code UNSUBS} request per configured service; none for no symbols. */
    @Override
    public List<String> unsubscribe(final List<String> symbols)
    {
        return requests("UNSUBS", symbols, false);
    }

    private List<String> requests(final String command, final List<String> symbols, final boolean withFields)
    {
        if (symbols.isEmpty())
        {
            return List.of();
        }
        final String keys = String.join(",", symbols);
        final List<String> requests = new ArrayList<>();
        for (final SchwabService service : config.services())
        {
            final StringBuilder json = open(service.name(), command);
            RequestJson.name(json, "parameters").append('{');
            RequestJson.member(json, "keys", keys);
            if (withFields)
            {
                RequestJson.member(json, "fields", service.fields());
            }
            requests.add(close(json.append('}')));
        }
        return List.copyOf(requests);
    }

    /** {@code {"requests":[{"service":..,"requestid":..,"command":..,"SchwabClientCustomerId":..,"SchwabClientCorrelId":..} */
    private StringBuilder open(final String service, final String command)
    {
        final StringBuilder json = new StringBuilder("{\"requests\":[{");
        RequestJson.member(json, "service", service);
        RequestJson.member(json, "requestid", Integer.toString(requestId++));
        RequestJson.member(json, "command", command);
        RequestJson.member(json, "SchwabClientCustomerId", config.customerId());
        RequestJson.member(json, "SchwabClientCorrelId", config.correlId());
        return json;
    }

    private static String close(final StringBuilder json)
    {
        return json.append("}]}").toString();
    }

    @Override
    public Reaction onMessage(final byte[] buffer, final int offset, final int length, final MessagePublisher publisher,
                              final List<String> replies)
    {
        final FrameOutput out = frame.of(publisher, length);
        final JsonScanner scanner = this.scanner.wrap(buffer, offset + length);
        translator.startMessage(buffer, offset, length);
        final int start = malformed.check(scanner, buffer, offset, length, out);
        if (start < 0)
        {
            return Reaction.CONTINUE;
        }
        if (buffer[start] != '{')
        {
            untranslated.report(out, "not a JSON object");
            return Reaction.CONTINUE;
        }
        messageOffset = offset;
        Reaction reaction = Reaction.CONTINUE;
        int i = scanner.skipWhitespace(start + 1);
        while (buffer[i] == '"')
        {
            final int nameEnd = scanner.skipString(i);
            final int memberStart = scanner.skipWhitespace(scanner.skipWhitespace(nameEnd) + 1);
            final int memberEnd = scanner.skipValue(memberStart);
            final int kind = Ascii.equals(RESPONSE, buffer, i + 1, nameEnd - i - 2) ? 0 :
                Ascii.equals(NOTIFY, buffer, i + 1, nameEnd - i - 2) ? 1 :
                Ascii.equals(DATA, buffer, i + 1, nameEnd - i - 2) ? 2 : -1;
            if (kind >= 0 && buffer[memberStart] == '[')
            {
                int item = scanner.skipWhitespace(memberStart + 1);
                while (buffer[item] != ']')
                {
                    final int itemEnd = scanner.skipValue(item);
                    if (buffer[item] == '{')
                    {
                        if (kind == 2)
                        {
                            translator.translate(buffer, item, out);
                        }
                        else
                        {
                            final Reaction next = kind == 0 ? onResponse(buffer, item, out) : onNotify(buffer, item, out);
                            reaction = next.ordinal() > reaction.ordinal() ? next : reaction;
                        }
                    }
                    else
                    {
                        untranslated.report(out, "an item that is not an object", item - offset);
                    }
                    item = scanner.skipWhitespace(itemEnd);
                    if (buffer[item] == ',')
                    {
                        item = scanner.skipWhitespace(item + 1);
                    }
                }
            }
            else
            {
                final StringBuilder report = untranslated.record();
                if (report != null)
                {
                    UntranslatedReport.quote(report.append(kind >= 0 ? "a member that is not an array: " : "unknown member "),
                        buffer, i + 1, nameEnd - 1).append(" at byte ").append(i - offset);
                    untranslated.publish(out);
                }
            }
            i = scanner.skipWhitespace(memberEnd);
            if (buffer[i] == ',')
            {
                i = scanner.skipWhitespace(i + 1);
            }
        }
        if (i == scanner.skipWhitespace(start + 1))
        {
            untranslated.report(out, "an empty object");
        }
        flush(out);
        return reaction;
    }

    private Reaction onResponse(final byte[] buffer, final int item, final FrameOutput out)
    {
        indexItem(buffer, item);
        if (contentStart < 0 || buffer[contentStart] != '{')
        {
            untranslated.report(out, "a response without a content object", item - messageOffset);
            return Reaction.CONTINUE;
        }
        final int code = code(buffer);
        final String message = message(buffer);
        flush(out);
        if (code == CLOSE_CONNECTION || code == STOP_STREAMING)
        {
            out.publishError(ErrorKind.PROTOCOL_ERROR, code, message);
            return Reaction.DISCONNECT;
        }
        if (isCommand(buffer, LOGIN))
        {
            if (code == 0)
            {
                out.publishStatus(StatusKind.AUTHENTICATED, 0, message);
                return Reaction.LOGGED_IN;
            }
            out.publishError(ErrorKind.PROTOCOL_ERROR, code, message);
            loginRefusal = code + " " + message;
            return Reaction.LOGIN_REFUSED;
        }
        boolean subscription = false;
        for (final byte[] command : SUBSCRIPTION_COMMANDS)
        {
            subscription |= isCommand(buffer, command);
        }
        if (code != 0)
        {
            out.publishError(ErrorKind.PROTOCOL_ERROR, code, message);
        }
        else if (subscription)
        {
            out.publishStatus(StatusKind.SUBSCRIPTION_CONFIRMED, 0,
                text(buffer, serviceStart, serviceEnd) + ' ' + text(buffer, commandStart, commandEnd) + ": " + message);
        }
        return Reaction.CONTINUE;
    }

    private Reaction onNotify(final byte[] buffer, final int item, final FrameOutput out)
    {
        indexItem(buffer, item);
        if (heartbeatStart >= 0)
        {
            return Reaction.CONTINUE;
        }
        if (contentStart < 0 || buffer[contentStart] != '{')
        {
            untranslated.report(out, "a notification without a heartbeat or a content object", item - messageOffset);
            return Reaction.CONTINUE;
        }
        final int code = code(buffer);
        final String message = message(buffer);
        flush(out);
        if (code == CLOSE_CONNECTION || code == STOP_STREAMING)
        {
            out.publishError(ErrorKind.PROTOCOL_ERROR, code, message);
            return Reaction.DISCONNECT;
        }
        out.publishStatus(StatusKind.SERVER_MESSAGE, code, message);
        return Reaction.CONTINUE;
    }

    /** Records where the response or notification at {@code start} holds its members. */
    private void indexItem(final byte[] buffer, final int start)
    {
        serviceStart = -1;
        commandStart = -1;
        contentStart = -1;
        heartbeatStart = -1;
        final JsonScanner scanner = this.scanner;
        int i = scanner.skipWhitespace(start + 1);
        while (buffer[i] == '"')
        {
            final int nameEnd = scanner.skipString(i);
            final int nameStart = i + 1;
            final int nameLength = nameEnd - i - 2;
            final int valueStart = scanner.skipWhitespace(scanner.skipWhitespace(nameEnd) + 1);
            final int valueEnd = scanner.skipValue(valueStart);
            if (Ascii.equals(SERVICE, buffer, nameStart, nameLength))
            {
                serviceStart = valueStart;
                serviceEnd = valueEnd;
            }
            else if (Ascii.equals(COMMAND, buffer, nameStart, nameLength))
            {
                commandStart = valueStart;
                commandEnd = valueEnd;
            }
            else if (Ascii.equals(CONTENT, buffer, nameStart, nameLength))
            {
                contentStart = valueStart;
            }
            else if (Ascii.equals(HEARTBEAT, buffer, nameStart, nameLength))
            {
                heartbeatStart = valueStart;
            }
            i = scanner.skipWhitespace(valueEnd);
            if (buffer[i] == ',')
            {
                i = scanner.skipWhitespace(i + 1);
            }
        }
    }

    /** The response's {@code content.code}, or -1 if it has none that is a whole number. */
    private int code(final byte[] buffer)
    {
        final int start = member(buffer, CODE);
        if (start >= 0 && buffer[start] != '"' && scanner.parseNumber(start) != JsonScanner.INVALID &&
            scanner.isLongExact() && Math.abs(scanner.longValue()) <= Integer.MAX_VALUE)
        {
            return (int)scanner.longValue();
        }
        return -1;
    }

    /** The response's {@code content.msg} decoded, or empty. */
    private String message(final byte[] buffer)
    {
        final int start = member(buffer, MSG);
        if (start < 0 || buffer[start] != '"')
        {
            return "";
        }
        final int end = scanner.skipString(start);
        return AlpacaProtocol.text(buffer, start + 1, end - start - 2);
    }

    /** Where member {@code name} of the item's content object starts, or -1. */
    private int member(final byte[] buffer, final byte[] name)
    {
        final JsonScanner scanner = this.scanner;
        int found = -1;
        int i = scanner.skipWhitespace(contentStart + 1);
        while (buffer[i] == '"')
        {
            final int nameEnd = scanner.skipString(i);
            final int valueStart = scanner.skipWhitespace(scanner.skipWhitespace(nameEnd) + 1);
            if (Ascii.equals(name, buffer, i + 1, nameEnd - i - 2))
            {
                found = valueStart;
            }
            i = scanner.skipWhitespace(scanner.skipValue(valueStart));
            if (buffer[i] == ',')
            {
                i = scanner.skipWhitespace(i + 1);
            }
        }
        return found;
    }

    private boolean isCommand(final byte[] buffer, final byte[] command)
    {
        return commandStart >= 0 && buffer[commandStart] == '"' &&
            Ascii.equals(command, buffer, commandStart + 1, commandEnd - commandStart - 2);
    }

    /** A string member's decoded text (or a scalar's raw text), or empty if absent. */
    private static String text(final byte[] buffer, final int start, final int end)
    {
        if (start < 0)
        {
            return "";
        }
        return buffer[start] == '"' ? AlpacaProtocol.text(buffer, start + 1, end - start - 2) :
            new String(buffer, start, end - start, StandardCharsets.UTF_8);
    }

    private void flush(final FrameOutput out)
    {
        translator.flush(out);
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
