package io.ringstreamer.source.live;

import io.ringstreamer.format.internal.Ascii;
import io.ringstreamer.format.internal.JsonScanner;
import io.ringstreamer.format.internal.JsonText;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.StatusKind;
import io.ringstreamer.source.MessagePublisher;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The Alpaca market data v2 stream ({@code wss://stream.data.alpaca.markets/v2/iex} or {@code /sip}; news on
 * {@code wss://stream.data.alpaca.markets/v1beta1/news}): its session, and its data translated into
 * canonical messages that the pipeline's components process unchanged.
 *
 * <p>Session: the server speaks first. {@code [{"T":"success","msg":"connected"}]} is answered with the
 * auth request and published as status {@code CONNECTED}; {@code "authenticated"} is published as
 * {@code AUTHENTICATED} and returns {@link Reaction#LOGGED_IN}; a {@code subscription} message becomes
 * status {@code SUBSCRIPTION_CONFIRMED} whose message lists the server's channels
 * ({@code trades=["AAPL"] quotes=["AMD"] bars=["*"]}); an {@code error} becomes a {@code PROTOCOL_ERROR}
 * with Alpaca's code and message, and returns {@link Reaction#LOGIN_REFUSED} for 401 not authenticated and
 * 402 auth failed ({@link #loginRefusal()} names it), {@link Reaction#DISCONNECT} for the other codes after
 * which the server closes the connection: 404 auth timeout, 406 connection limit exceeded, 407 slow client. Every other code (a bad subscribe request, say) leaves the connection up: {@link Reaction#CONTINUE}.
 *
 * <p>Data, one canonical message per service per server frame (a symbol seen twice for a service in one
 * frame starts a second message, so both events arrive, in order):
 * <ul>
 *   <li>{@code b} bar: {@code CHART_EQUITY} {@code open, high, low, close, volume} from
 *   {@code o, h, l, c, v}, {@code datetime} from {@code t};</li>
 *   <li>{@code q} quote: {@code LEVELONE_EQUITIES} {@code bid, ask, bidSize, askSize, quoteTime} from
 *   {@code bp, ap, bs, as, t} (sizes in round lots, as Alpaca sends them);</li>
 *   <li>{@code t} trade: {@code TIMESALE_EQUITY} {@code time, price, size, seq} from {@code t, p, s, i};</li>
 *   <li>{@code n} news: {@code NEWS_HEADLINE} {@code time, id, headline, source} from
 *   {@code created_at, id} (a number becomes a string), {@code headline, source}, once for each symbol in
 *   {@code symbols}.</li>
 * </ul>
 * Numbers and strings are copied byte for byte (exact decimals, JSON escapes kept); RFC 3339 times become
 * epoch milliseconds. A field that is missing, or an object or array where a scalar belongs, is left out,
 * so the component reports the entry as invalid through the normal path. The envelope's timestamp is the
 * time of the message's first event. The other documented types (corrections, cancel errors, updated or
 * daily bars, statuses, LULDs) are ignored and counted ({@link #ignoredEvents()}). What cannot be
 * translated (a frame neither an array nor an object, an element that is not an object or has no type, an
 * unknown type, data without a string {@code S}) is counted ({@link #untranslatedMessages()}) and reported
 * as a {@code ProtocolError}, the first at once and then at most one a second. A frame that is not valid
 * JSON is reported as a {@code MalformedMessage} error naming the reason and the byte where it goes wrong
 * ({@link #malformedMessages()}).
 *
 * <p>This class is the session (and the frame's outline); the data messages' translation is
 * {@code AlpacaTranslator}'s, which writes each canonical message in place into the inbound ring where
 * it can (one copy less than publishing it).
 *
 * <p>Thread: every method runs on the connection's reading thread, one call at a time (see
 * {@link FeedProtocol}); the request builders touch no state. A data message allocates nothing once the
 * reusable buffers have grown to the largest message; session messages and requests allocate a little
 * (they are rare).
 */
public final class AlpacaProtocol implements FeedProtocol
{
    /** The channels a symbol can be subscribed to, by their name in Alpaca's subscribe request. */
    public enum Channel
    {
        /** Completed 1-minute bars ({@code b}). */
        BARS("bars"),
        /** Quotes ({@code q}). */
        QUOTES("quotes"),
        /** Trades ({@code t}). */
        TRADES("trades"),
        /** News ({@code n}); served on the news endpoint, so use a protocol with only this channel there. */
        NEWS("news");

        private final String requestName;

        Channel(final String requestName)
        {
            this.requestName = requestName;
        }

        /** The channel's name in a subscribe request. */
        public String requestName()
        {
            return requestName;
        }
    }

    /** Bars, quotes and trades: what a stock-data connection subscribes to unless told otherwise. */
    public static final Set<Channel> DEFAULT_CHANNELS =
        Collections.unmodifiableSet(EnumSet.of(Channel.BARS, Channel.QUOTES, Channel.TRADES));

    // Session message types.
    private static final byte[] SUCCESS = ascii("success")[0];
    private static final byte[] SUBSCRIPTION = ascii("subscription")[0];
    private static final byte[] ERROR = ascii("error")[0];
    private static final byte[] CONNECTED = ascii("connected")[0];
    private static final byte[] AUTHENTICATED = ascii("authenticated")[0];

    private final String key;
    private final String secret;
    private final Set<Channel> channels;

    private final JsonScanner scanner = new JsonScanner();
    private long ignoredEvents;
    private final MalformedReport malformed = new MalformedReport();
    private final UntranslatedReport untranslated = new UntranslatedReport();
    /** The data messages' translation; the session's own types are read from its index. */
    private final AlpacaTranslator translator = new AlpacaTranslator(untranslated);
    private final FrameOutput frame = new FrameOutput();
    /** Where the message being read starts in its buffer: positions in reports count from it. */
    private int messageOffset;
    private volatile String loginRefusal = "";

    /** A protocol that subscribes each symbol to {@link #DEFAULT_CHANNELS}. */
    public AlpacaProtocol(final String key, final String secret)
    {
        this(key, secret, DEFAULT_CHANNELS);
    }

    /**
     * A protocol that subscribes each symbol to {@code channels} (at least one).
     *
     * @param key    the API key id, sent in the auth request.
     * @param secret the API secret key, sent in the auth request.
     */
    public AlpacaProtocol(final String key, final String secret, final Set<Channel> channels)
    {
        if (channels.isEmpty())
        {
            throw new IllegalArgumentException("subscribe to at least one channel");
        }
        this.key = java.util.Objects.requireNonNull(key, "key");
        this.secret = java.util.Objects.requireNonNull(secret, "secret");
        this.channels = Collections.unmodifiableSet(EnumSet.copyOf(channels));
    }

    /** The channels each symbol is subscribed to. */
    public Set<Channel> channels()
    {
        return channels;
    }

    /**
     * Messages of the types Alpaca documents that this adapter leaves out on purpose, ignored so far:
     * corrections {@code c}, cancel errors {@code x}, updated bars {@code u}, daily bars {@code d},
     * statuses {@code s}, LULD {@code l}. Reading thread.
     */
    public long ignoredEvents()
    {
        return ignoredEvents;
    }

    /** Server frames that are not valid JSON, each reported as a {@code MalformedMessage} error. Any thread. */
    public long malformedMessages()
    {
        return malformed.count();
    }

    /**
     * Server frames, or elements of one, not translated so far: a frame neither an array nor an object, an
     * element that is not an object, without a type, of a type Alpaca does not document, data without a
     * symbol. Each is counted; the first, then at most one a second, is reported as a {@code ProtocolError}.
     * Any thread.
     */
    @Override
    public long untranslatedMessages()
    {
        return untranslated.count();
    }

    @Override
    public void reset()
    {
        translator.clear();
        frame.reset();
    }

    /** Nothing: Alpaca's server speaks first ({@code connected}). */
    /** {@code true}: the server's {@code connected} is published as status {@code CONNECTED}. */
    @Override
    public boolean publishesConnected()
    {
        return true;
    }

    @Override
    public List<String> onOpen()
    {
        return List.of();
    }

    @Override
    public Reaction onMessage(final byte[] buffer, final int offset, final int length, final MessagePublisher publisher,
                              final List<String> replies)
    {
        final FrameOutput out = frame.of(publisher, length);
        final JsonScanner scanner = this.scanner.wrap(buffer, offset + length);
        translator.startMessage(buffer, offset, length);
        int i = malformed.check(scanner, buffer, offset, length, out);
        if (i < 0)
        {
            return Reaction.CONTINUE;
        }
        if (buffer[i] != '[' && buffer[i] != '{')
        {
            untranslated.report(out, "neither an array nor an object");
            return Reaction.CONTINUE;
        }
        messageOffset = offset;
        Reaction reaction = Reaction.CONTINUE;
        if (buffer[i] == '{')
        {
            reaction = onElement(buffer, i, out, replies); // one message without its array: read it all the same
        }
        else
        {
            i = scanner.skipWhitespace(i + 1);
            while (buffer[i] != ']')
            {
                final int elementEnd = scanner.skipValue(i);
                if (buffer[i] == '{')
                {
                    final Reaction next = onElement(buffer, i, out, replies);
                    reaction = next.ordinal() > reaction.ordinal() ? next : reaction;
                }
                else
                {
                    untranslated.report(out, "an element that is not an object", i - offset);
                }
                i = scanner.skipWhitespace(elementEnd);
                if (buffer[i] == ',')
                {
                    i = scanner.skipWhitespace(i + 1);
                }
            }
        }
        flush(out);
        return reaction;
    }

    /** Reads one message object of a frame (already validated) starting at {@code start}. */
    private Reaction onElement(final byte[] buffer, final int start, final FrameOutput out,
                               final List<String> replies)
    {
        final AlpacaTranslator translator = this.translator;
        final int found = translator.translate(buffer, start, out);
        if (found == AlpacaTranslator.TRANSLATED)
        {
            return Reaction.CONTINUE;
        }
        if (found == AlpacaTranslator.NO_TYPE)
        {
            untranslated.report(out, "a message without a type", start - messageOffset);
            return Reaction.CONTINUE;
        }
        final int typeStart = translator.start(AlpacaTranslator.T) + 1;
        final int typeLength = translator.end(AlpacaTranslator.T) - typeStart - 1;
        if (Ascii.equals(SUCCESS, buffer, typeStart, typeLength))
        {
            return onSuccess(buffer, out, replies);
        }
        else if (Ascii.equals(SUBSCRIPTION, buffer, typeStart, typeLength))
        {
            flush(out);
            out.publishStatus(StatusKind.SUBSCRIPTION_CONFIRMED, 0, describeLists(buffer, start));
        }
        else if (Ascii.equals(ERROR, buffer, typeStart, typeLength))
        {
            return onError(buffer, out);
        }
        else if (isIgnoredType(buffer, typeStart, typeLength))
        {
            ignoredEvents++;
        }
        else
        {
            final StringBuilder report = untranslated.record();
            if (report != null)
            {
                UntranslatedReport.quote(report.append("unknown type "), buffer, typeStart, typeStart + typeLength)
                    .append(" at byte ").append(start - messageOffset);
                untranslated.publish(out);
            }
        }
        return Reaction.CONTINUE;
    }

    private Reaction onSuccess(final byte[] buffer, final FrameOutput out, final List<String> replies)
    {
        if (!translator.isString(buffer, AlpacaTranslator.MSG))
        {
            untranslated.report(out, "a success message without msg", translator.start(AlpacaTranslator.T) - messageOffset);
            return Reaction.CONTINUE;
        }
        final int msgStart = translator.start(AlpacaTranslator.MSG) + 1;
        final int msgLength = translator.end(AlpacaTranslator.MSG) - msgStart - 1;
        if (Ascii.equals(CONNECTED, buffer, msgStart, msgLength))
        {
            replies.add(authRequest());
            flush(out);
            out.publishStatus(StatusKind.CONNECTED, 0, "connected");
            return Reaction.CONTINUE;
        }
        if (Ascii.equals(AUTHENTICATED, buffer, msgStart, msgLength))
        {
            flush(out);
            out.publishStatus(StatusKind.AUTHENTICATED, 0, "authenticated");
            return Reaction.LOGGED_IN;
        }
        final StringBuilder report = untranslated.record();
        if (report != null)
        {
            UntranslatedReport.quote(report.append("unknown success message "), buffer, msgStart, msgStart + msgLength);
            untranslated.publish(out);
        }
        return Reaction.CONTINUE;
    }

    private Reaction onError(final byte[] buffer, final FrameOutput out)
    {
        int code = 0;
        final int codeStart = translator.start(AlpacaTranslator.CODE);
        if (codeStart >= 0 && buffer[codeStart] != '"' && scanner.parseNumber(codeStart) != JsonScanner.INVALID &&
            scanner.isLongExact() && Math.abs(scanner.longValue()) <= Integer.MAX_VALUE)
        {
            code = (int)scanner.longValue();
        }
        final int msgStart = translator.start(AlpacaTranslator.MSG);
        final String message = translator.isString(buffer, AlpacaTranslator.MSG) ?
            text(buffer, msgStart + 1, translator.end(AlpacaTranslator.MSG) - msgStart - 2) : "";
        flush(out);
        out.publishError(ErrorKind.PROTOCOL_ERROR, code, message);
        if (refusesLogin(code))
        {
            loginRefusal = code + " " + message;
            return Reaction.LOGIN_REFUSED;
        }
        return closesConnection(code) ? Reaction.DISCONNECT : Reaction.CONTINUE;
    }

    /**
     * Whether error {@code code} means the credentials were not accepted: 401 not authenticated, 402 auth
     * failed. (403 "already authenticated" is a repeated auth on a session that has logged in: not a refusal.)
     */
    static boolean refusesLogin(final int code)
    {
        return code == 401 || code == 402;
    }

    /** {@code 402 auth failed}: the code and message of the last refused login, or empty. */
    @Override
    public String loginRefusal()
    {
        return loginRefusal;
    }

    /** Whether the type is one Alpaca documents and this adapter leaves out on purpose. */
    private static boolean isIgnoredType(final byte[] buffer, final int offset, final int length)
    {
        if (length != 1)
        {
            return false;
        }
        final byte type = buffer[offset];
        return type == 'c' || type == 'x' || type == 'u' || type == 'd' || type == 's' || type == 'l';
    }

    /**
     * Whether Alpaca closes the connection after error {@code code}: 402 auth failed, 404 auth timeout,
     * 406 connection limit exceeded, 407 slow client.
     */
    static boolean closesConnection(final int code)
    {
        return code == 402 || code == 404 || code == 406 || code == 407;
    }

    /** {@code trades=["AAPL"] quotes=["AMD"] bars=["*"]}: every member of a subscription message but its type. */
    private String describeLists(final byte[] buffer, final int start)
    {
        final StringBuilder lists = new StringBuilder();
        final JsonScanner scanner = this.scanner;
        int i = scanner.skipWhitespace(start + 1);
        while (buffer[i] == '"')
        {
            final int keyEnd = scanner.skipString(i);
            final int valueStart = scanner.skipWhitespace(scanner.skipWhitespace(keyEnd) + 1);
            final int valueEnd = scanner.skipValue(valueStart);
            if (!Ascii.equals(AlpacaTranslator.NAMES[AlpacaTranslator.T], buffer, i + 1, keyEnd - i - 2))
            {
                if (lists.length() > 0)
                {
                    lists.append(' ');
                }
                lists.append(text(buffer, i + 1, keyEnd - i - 2)).append('=')
                    .append(new String(buffer, valueStart, valueEnd - valueStart, StandardCharsets.UTF_8));
            }
            i = scanner.skipWhitespace(valueEnd);
            if (buffer[i] == ',')
            {
                i = scanner.skipWhitespace(i + 1);
            }
        }
        return lists.toString();
    }

    private void flush(final FrameOutput out)
    {
        translator.flush(out);
    }

    /** Decodes a JSON string's raw contents (rare: session messages only). */
    static String text(final byte[] buffer, final int offset, final int length)
    {
        final char[] chars = new char[length];
        final int count = JsonText.decode(buffer, offset, length, chars);
        return count < 0 ? new String(buffer, offset, length, StandardCharsets.UTF_8) : new String(chars, 0, count);
    }

    /** {@code {"action":"auth","key":"…","secret":"…"}}. */
    String authRequest()
    {
        final StringBuilder json = new StringBuilder("{");
        RequestJson.member(json, "action", "auth");
        RequestJson.member(json, "key", key);
        RequestJson.member(json, "secret", secret);
        return json.append('}').toString();
    }

    /** {@code {"action":"subscribe","bars":[...],"quotes":[...],"trades":[...]}} for the configured channels. */
    @Override
    public List<String> subscribe(final List<String> symbols)
    {
        return request("subscribe", symbols);
    }

    /** {@code {"action":"unsubscribe",...}} for the configured channels. */
    @Override
    public List<String> unsubscribe(final List<String> symbols)
    {
        return request("unsubscribe", symbols);
    }

    private List<String> request(final String action, final List<String> symbols)
    {
        if (symbols.isEmpty())
        {
            return List.of();
        }
        final StringBuilder json = new StringBuilder("{");
        RequestJson.member(json, "action", action);
        for (final Channel channel : channels)
        {
            RequestJson.stringArray(RequestJson.name(json, channel.requestName()), symbols);
        }
        return List.of(json.append('}').toString());
    }

    private static byte[][] ascii(final String... names)
    {
        final byte[][] bytes = new byte[names.length][];
        for (int i = 0; i < names.length; i++)
        {
            bytes[i] = names[i].getBytes(StandardCharsets.US_ASCII);
        }
        return bytes;
    }
}
