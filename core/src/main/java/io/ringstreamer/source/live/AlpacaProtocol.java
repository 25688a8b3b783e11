package io.ringstreamer.source.live;

import io.ringstreamer.format.Service;
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

    // Input field names, and the slot each one's value position is kept in while an element is read.
    private static final int T = 0;
    private static final int S = 1;
    private static final int O = 2;
    private static final int H = 3;
    private static final int L = 4;
    private static final int C = 5;
    private static final int V = 6;
    private static final int TIME = 7;
    private static final int BP = 8;
    private static final int AP = 9;
    private static final int BS = 10;
    private static final int AS = 11;
    private static final int P = 12;
    private static final int SIZE = 13;
    private static final int I = 14;
    private static final int MSG = 15;
    private static final int CODE = 16;
    private static final int ID = 17;
    private static final int HEADLINE = 18;
    private static final int CREATED_AT = 19;
    private static final int SYMBOLS = 20;
    private static final int SOURCE = 21;
    private static final byte[][] NAMES = ascii("T", "S", "o", "h", "l", "c", "v", "t", "bp", "ap", "bs", "as",
        "p", "s", "i", "msg", "code", "id", "headline", "created_at", "symbols", "source");

    // Message types.
    private static final byte[] BAR = ascii("b")[0];
    private static final byte[] QUOTE = ascii("q")[0];
    private static final byte[] TRADE = ascii("t")[0];
    private static final byte[] NEWS = ascii("n")[0];
    private static final byte[] SUCCESS = ascii("success")[0];
    private static final byte[] SUBSCRIPTION = ascii("subscription")[0];
    private static final byte[] ERROR = ascii("error")[0];
    private static final byte[] CONNECTED = ascii("connected")[0];
    private static final byte[] AUTHENTICATED = ascii("authenticated")[0];

    // Canonical field names.
    private static final byte[] OPEN = ascii("open")[0];
    private static final byte[] HIGH = ascii("high")[0];
    private static final byte[] LOW = ascii("low")[0];
    private static final byte[] CLOSE = ascii("close")[0];
    private static final byte[] VOLUME = ascii("volume")[0];
    private static final byte[] DATETIME = ascii("datetime")[0];
    private static final byte[] BID = ascii("bid")[0];
    private static final byte[] ASK = ascii("ask")[0];
    private static final byte[] BID_SIZE = ascii("bidSize")[0];
    private static final byte[] ASK_SIZE = ascii("askSize")[0];
    private static final byte[] QUOTE_TIME = ascii("quoteTime")[0];
    private static final byte[] TIME_NAME = ascii("time")[0];
    private static final byte[] PRICE = ascii("price")[0];
    private static final byte[] SIZE_NAME = ascii("size")[0];
    private static final byte[] SEQ = ascii("seq")[0];
    private static final byte[] ID_NAME = ascii("id")[0];
    private static final byte[] HEADLINE_NAME = ascii("headline")[0];
    private static final byte[] SOURCE_NAME = ascii("source")[0];

    private final String key;
    private final String secret;
    private final Set<Channel> channels;

    private final JsonScanner scanner = new JsonScanner();
    private final int[] starts = new int[NAMES.length];
    private final int[] ends = new int[NAMES.length];
    private final CanonicalWriter bars = new CanonicalWriter(Service.CHART_EQUITY);
    private final CanonicalWriter quotes = new CanonicalWriter(Service.LEVELONE_EQUITIES);
    private final CanonicalWriter trades = new CanonicalWriter(Service.TIMESALE_EQUITY);
    private final CanonicalWriter news = new CanonicalWriter(Service.NEWS_HEADLINE);
    private long ignoredEvents;
    private final MalformedReport malformed = new MalformedReport();
    private final UntranslatedReport untranslated = new UntranslatedReport();
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
        bars.clear();
        quotes.clear();
        trades.clear();
        news.clear();
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
    public Reaction onMessage(final byte[] buffer, final int offset, final int length, final MessagePublisher out,
                              final List<String> replies)
    {
        final JsonScanner scanner = this.scanner.wrap(buffer, offset + length);
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
    private Reaction onElement(final byte[] buffer, final int start, final MessagePublisher out,
                               final List<String> replies)
    {
        index(buffer, start);
        if (!isString(buffer, T))
        {
            untranslated.report(out, "a message without a type", start - messageOffset);
            return Reaction.CONTINUE;
        }
        final int typeStart = starts[T] + 1;
        final int typeLength = ends[T] - starts[T] - 2;
        if (Ascii.equals(BAR, buffer, typeStart, typeLength))
        {
            onBar(buffer, out);
        }
        else if (Ascii.equals(QUOTE, buffer, typeStart, typeLength))
        {
            onQuote(buffer, out);
        }
        else if (Ascii.equals(TRADE, buffer, typeStart, typeLength))
        {
            onTrade(buffer, out);
        }
        else if (Ascii.equals(NEWS, buffer, typeStart, typeLength))
        {
            onNews(buffer, out);
        }
        else if (Ascii.equals(SUCCESS, buffer, typeStart, typeLength))
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

    private void onBar(final byte[] buffer, final MessagePublisher out)
    {
        final CanonicalWriter bars = this.bars;
        if (startEntry(bars, DATETIME, buffer, out))
        {
            scalar(bars, OPEN, buffer, O);
            scalar(bars, HIGH, buffer, H);
            scalar(bars, LOW, buffer, L);
            scalar(bars, CLOSE, buffer, C);
            scalar(bars, VOLUME, buffer, V);
            bars.endEntry();
        }
    }

    private void onQuote(final byte[] buffer, final MessagePublisher out)
    {
        final CanonicalWriter quotes = this.quotes;
        if (startEntry(quotes, QUOTE_TIME, buffer, out))
        {
            scalar(quotes, BID, buffer, BP);
            scalar(quotes, ASK, buffer, AP);
            scalar(quotes, BID_SIZE, buffer, BS);
            scalar(quotes, ASK_SIZE, buffer, AS);
            quotes.endEntry();
        }
    }

    private void onTrade(final byte[] buffer, final MessagePublisher out)
    {
        final CanonicalWriter trades = this.trades;
        if (startEntry(trades, TIME_NAME, buffer, out))
        {
            scalar(trades, PRICE, buffer, P);
            scalar(trades, SIZE_NAME, buffer, SIZE);
            scalar(trades, SEQ, buffer, I);
            trades.endEntry();
        }
    }

    /**
     * Starts {@code writer}'s entry for the event's symbol ({@code S}) at the event's time ({@code t}),
     * and writes that time as the field {@code timeName} when it can be read.
     *
     * @return {@code false}, the event counted as ignored, if it names no symbol.
     */
    private boolean startEntry(final CanonicalWriter writer, final byte[] timeName, final byte[] buffer,
                               final MessagePublisher out)
    {
        if (!isString(buffer, S))
        {
            untranslated.report(out, "a data message without a symbol", starts[T] - messageOffset);
            return false;
        }
        final long time = time(buffer, TIME);
        writer.startEntry(buffer, starts[S] + 1, ends[S] - starts[S] - 2, time, out);
        if (time != Rfc3339.INVALID)
        {
            writer.longField(timeName, time);
        }
        return true;
    }

    private void onNews(final byte[] buffer, final MessagePublisher out)
    {
        if (starts[SYMBOLS] < 0 || buffer[starts[SYMBOLS]] != '[')
        {
            untranslated.report(out, "a news message without symbols", starts[T] - messageOffset);
            return;
        }
        final long time = time(buffer, CREATED_AT);
        final JsonScanner scanner = this.scanner;
        int i = scanner.skipWhitespace(starts[SYMBOLS] + 1);
        boolean any = false;
        while (buffer[i] != ']')
        {
            final int symbolEnd = scanner.skipValue(i);
            if (buffer[i] == '"')
            {
                any = true;
                writeHeadline(buffer, i + 1, symbolEnd - i - 2, time, out);
            }
            i = scanner.skipWhitespace(symbolEnd);
            if (buffer[i] == ',')
            {
                i = scanner.skipWhitespace(i + 1);
            }
        }
        if (!any)
        {
            untranslated.report(out, "a news message without symbols", starts[T] - messageOffset);
        }
    }

    private void writeHeadline(final byte[] buffer, final int symbolOffset, final int symbolLength, final long time,
                               final MessagePublisher out)
    {
        final CanonicalWriter news = this.news;
        news.startEntry(buffer, symbolOffset, symbolLength, time, out);
        if (time != Rfc3339.INVALID)
        {
            news.longField(TIME_NAME, time);
        }
        final int idStart = starts[ID];
        if (idStart >= 0 && (buffer[idStart] == '-' || (buffer[idStart] >= '0' && buffer[idStart] <= '9')))
        {
            news.stringField(ID_NAME, buffer, idStart, ends[ID]); // a number's digits, as a string
        }
        else
        {
            scalar(news, ID_NAME, buffer, ID);
        }
        scalar(news, HEADLINE_NAME, buffer, HEADLINE);
        scalar(news, SOURCE_NAME, buffer, SOURCE);
        news.endEntry();
    }

    private Reaction onSuccess(final byte[] buffer, final MessagePublisher out, final List<String> replies)
    {
        if (!isString(buffer, MSG))
        {
            untranslated.report(out, "a success message without msg", starts[T] - messageOffset);
            return Reaction.CONTINUE;
        }
        final int msgStart = starts[MSG] + 1;
        final int msgLength = ends[MSG] - starts[MSG] - 2;
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

    private Reaction onError(final byte[] buffer, final MessagePublisher out)
    {
        int code = 0;
        if (starts[CODE] >= 0 && buffer[starts[CODE]] != '"' && scanner.parseNumber(starts[CODE]) != JsonScanner.INVALID &&
            scanner.isLongExact() && Math.abs(scanner.longValue()) <= Integer.MAX_VALUE)
        {
            code = (int)scanner.longValue();
        }
        final String message = isString(buffer, MSG) ? text(buffer, starts[MSG] + 1, ends[MSG] - starts[MSG] - 2) : "";
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
            if (!Ascii.equals(NAMES[T], buffer, i + 1, keyEnd - i - 2))
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

    private void flush(final MessagePublisher out)
    {
        bars.flush(out);
        quotes.flush(out);
        trades.flush(out);
        news.flush(out);
    }

    /** Records where each known field's value lies in the object at {@code start}; the last of a repeated field wins. */
    private void index(final byte[] buffer, final int start)
    {
        final int[] starts = this.starts;
        java.util.Arrays.fill(starts, -1);
        final JsonScanner scanner = this.scanner;
        int i = scanner.skipWhitespace(start + 1);
        while (buffer[i] == '"')
        {
            final int keyEnd = scanner.skipString(i);
            final int valueStart = scanner.skipWhitespace(scanner.skipWhitespace(keyEnd) + 1);
            final int valueEnd = scanner.skipValue(valueStart);
            final int slot = slot(buffer, i + 1, keyEnd - i - 2);
            if (slot >= 0)
            {
                starts[slot] = valueStart;
                ends[slot] = valueEnd;
            }
            i = scanner.skipWhitespace(valueEnd);
            if (buffer[i] == ',')
            {
                i = scanner.skipWhitespace(i + 1);
            }
        }
    }

    private static int slot(final byte[] buffer, final int offset, final int length)
    {
        for (int slot = 0; slot < NAMES.length; slot++)
        {
            if (Ascii.equals(NAMES[slot], buffer, offset, length))
            {
                return slot;
            }
        }
        return -1;
    }

    private boolean isString(final byte[] buffer, final int slot)
    {
        return starts[slot] >= 0 && buffer[starts[slot]] == '"';
    }

    /** The epoch milliseconds of the RFC 3339 string in {@code slot}, or {@link Rfc3339#INVALID}. */
    private long time(final byte[] buffer, final int slot)
    {
        return isString(buffer, slot) ?
            Rfc3339.parseMillis(buffer, starts[slot] + 1, ends[slot] - starts[slot] - 2) : Rfc3339.INVALID;
    }

    /** Copies the scalar in {@code slot} as field {@code name}; leaves out a missing field or a container. */
    private void scalar(final CanonicalWriter writer, final byte[] name, final byte[] buffer, final int slot)
    {
        final int start = starts[slot];
        if (start >= 0 && buffer[start] != '{' && buffer[start] != '[')
        {
            writer.rawField(name, buffer, start, ends[slot]);
        }
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
