package io.ringstreamer.demo.synthetic;

import io.ringstreamer.format.Service;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A seeded, simulated market for many symbols, written as canonical messages (one service per
 * message, one or more symbols per message; see {@code docs/formats/canonical.md}).
 *
 * <p>Each symbol's mid price is a random walk. Messages are, in proportion:
 * <ul>
 *   <li>{@code LEVELONE_EQUITIES} (55%): only the fields that changed since the symbol's previous
 *   update: {@code bid}, {@code ask}, {@code bidSize}, {@code askSize}, {@code quoteTime}, and after a
 *   trade {@code last}, {@code lastSize}, {@code totalVolume}, {@code tradeTime};</li>
 *   <li>{@code TIMESALE_EQUITY} (30%): a print between the bid and the ask (both included), its
 *   {@code seq} rising by one per symbol;</li>
 *   <li>{@code BOOK} (15%): a snapshot of 5 to 10 levels a side, best first, around the quote (the
 *   best levels are the quote's), never crossed;</li>
 *   <li>{@code NEWS_HEADLINE} (0.1%): a headline from a small fixed list, some of it non-ASCII and
 *   one with a JSON escape;</li>
 *   <li>{@code CHART_EQUITY}: when a minute ends, the 1-minute bar of every symbol that traded in it,
 *   made from those trades (open the first price, high, low, close the last, volume the sum), up to
 *   {@value #BARS_PER_MESSAGE} symbols a message; {@code datetime} is the minute's start and the
 *   envelope {@code timestamp} its end.</li>
 * </ul>
 * A quarter of the quote and trade messages carry two to four symbols; a tenth of the book messages two.
 *
 * <p>The clock is simulated: message {@code k} is stamped {@code start + k / messagesPerSecond}
 * (milliseconds, so timestamps never decrease), bar messages with their minute's end. Entry times
 * ({@code quoteTime}, {@code time}...) are up to 9 ms earlier, never before the minute's start.
 *
 * <p>The stream is a pure function of the seed and the settings. {@link #next()} writes each message
 * into one reusable buffer and allocates nothing; {@link #nextBytes()} and {@link #messages(int)}
 * copy. Several hundred thousand messages take well under a second.
 *
 * <pre>{@code
 * SyntheticMarket market = SyntheticMarket.builder().symbols(50).seed(7).messagesPerSecond(20_000).build();
 * List<byte[]> messages = market.messages(300_000);
 * }</pre>
 *
 * <p>Not thread-safe: one thread drives a market.
 */
public final class SyntheticMarket
{
    /** 2024-07-09 09:30:00 in New York, the default start of the simulated clock. */
    public static final long DEFAULT_START_MILLIS = 1_720_531_800_000L;

    /** The default simulated rate, in messages per simulated second. */
    public static final double DEFAULT_MESSAGES_PER_SECOND = 1_000;

    /** The most symbols one bar message holds. */
    public static final int BARS_PER_MESSAGE = 8;

    /** The most symbols a generated market may have. */
    public static final int MAX_SYMBOLS = 100_000;

    private static final long MINUTE_MILLIS = 60_000;
    private static final int MAX_GROUP = 4;
    private static final int MIN_LEVELS = 5;
    private static final int MAX_LEVELS = 10;
    private static final int MAX_EVENT_DELAY_MILLIS = 10;
    private static final double STEP = 0.0002;

    // Out of 10,000 messages.
    private static final int NEWS_WEIGHT = 10;
    private static final int BOOK_WEIGHT = 1_490;
    private static final int TRADE_WEIGHT = 3_000;

    private static final List<String> TICKERS = List.of(
        "AAPL", "MSFT", "AMZN", "NVDA", "GOOGL", "META", "TSLA", "AVGO", "JPM", "V", "WMT", "XOM", "UNH", "MA",
        "JNJ", "PG", "HD", "COST", "ORCL", "NFLX", "BAC", "CRM", "KO", "PEP", "AMD", "ADBE", "CSCO", "INTC",
        "DIS", "MCD", "QCOM", "IBM");

    private static final byte[][] HEADLINES = jsonStrings(
        "Shares rise after quarterly earnings beat estimates",
        "Board approves $5 billion share buyback",
        "Analyst upgrades the stock to \"buy\", raises target",
        "Société Générale lifts price target to €250 — outlook “robust”",
        "Retail traders pile in 🚀 as volume hits a record",
        "Company trims full-year guidance, citing supply delays",
        "CEO to present at investor conference next week");

    private static final byte[][] SOURCES = jsonStrings("Example Wire", "Synthetic News", "Marktdienst Zürich");

    private final SymbolState[] states;
    private final List<String> symbols;
    private final SplittableRandom random;
    private final double millisPerMessage;
    private final JsonEncoder json = new JsonEncoder(4096);
    private final int[] group = new int[MAX_GROUP];

    private long count;
    private long clockBaseMillis;
    private long clockBaseCount;
    private long minuteStart;
    private long closingMinuteStart;
    private int barCursor = -1;
    private long newsCount;
    private long timestamp;
    private Service service;

    private SyntheticMarket(final Builder builder)
    {
        this.symbols = List.copyOf(builder.symbols);
        this.random = new SplittableRandom(builder.seed);
        this.millisPerMessage = 1000.0 / builder.messagesPerSecond;
        this.clockBaseMillis = builder.startMillis;
        this.minuteStart = Math.floorDiv(builder.startMillis, MINUTE_MILLIS) * MINUTE_MILLIS;
        this.states = new SymbolState[symbols.size()];
        for (int i = 0; i < states.length; i++)
        {
            final double mid = Math.round((20 + random.nextDouble() * 480) * 100) / 100.0;
            final SymbolState state = new SymbolState(symbols.get(i), mid, 1_000 + random.nextInt(1_000_000));
            state.bidSize = lots(20);
            state.askSize = lots(20);
            quoteFromMid(state);
            states[i] = state;
        }
    }

    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * The default symbols for {@code count} symbols: well-known tickers first (AAPL, MSFT, AMZN...),
     * then {@code S0032}, {@code S0033}...
     */
    public static List<String> symbolNames(final int count)
    {
        if (count < 1 || count > MAX_SYMBOLS)
        {
            throw new IllegalArgumentException("symbol count must be 1 to " + MAX_SYMBOLS + ": " + count);
        }
        final List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            names.add(i < TICKERS.size() ? TICKERS.get(i) : String.format(Locale.ROOT, "S%04d", i));
        }
        return names;
    }

    /** The market's symbols, in order. */
    public List<String> symbols()
    {
        return symbols;
    }

    /**
     * Writes the next message into {@link #buffer()}, where it stays until the next call.
     *
     * @return its length in bytes.
     */
    public int next()
    {
        final long now = clockBaseMillis + (long)((count - clockBaseCount) * millisPerMessage);
        if (barCursor < 0 && now >= minuteStart + MINUTE_MILLIS)
        {
            closingMinuteStart = minuteStart;
            barCursor = nextTraded(0);
            minuteStart = Math.floorDiv(now, MINUTE_MILLIS) * MINUTE_MILLIS;
        }
        if (barCursor >= 0)
        {
            bars(closingMinuteStart + MINUTE_MILLIS);
        }
        else
        {
            final int pick = random.nextInt(10_000);
            if (pick < NEWS_WEIGHT)
            {
                news(now);
            }
            else if (pick < NEWS_WEIGHT + BOOK_WEIGHT)
            {
                books(now);
            }
            else if (pick < NEWS_WEIGHT + BOOK_WEIGHT + TRADE_WEIGHT)
            {
                trades(now);
            }
            else
            {
                quotes(now);
            }
        }
        count++;
        return json.length();
    }

    /** The buffer holding the message last written by {@link #next()}, from offset 0. */
    public byte[] buffer()
    {
        return json.buffer();
    }

    /** The length of the message last written. */
    public int length()
    {
        return json.length();
    }

    /** The envelope timestamp of the message last written, Unix epoch milliseconds. */
    public long timestampMillis()
    {
        return timestamp;
    }

    /** The service of the message last written, or {@code null} before the first. */
    public Service service()
    {
        return service;
    }

    /** How many messages have been written. */
    public long messageCount()
    {
        return count;
    }

    /** The next message, as a new array. */
    public byte[] nextBytes()
    {
        return Arrays.copyOf(json.buffer(), next());
    }

    /** The next {@code count} messages, each a new array. */
    public List<byte[]> messages(final int count)
    {
        final List<byte[]> messages = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            messages.add(nextBytes());
        }
        return messages;
    }

    /**
     * Writes the next {@code count} messages as JSON Lines (each followed by {@code \n}); give it a
     * buffered stream.
     */
    public void writeJsonLines(final OutputStream out, final long count) throws IOException
    {
        for (long i = 0; i < count; i++)
        {
            out.write(json.buffer(), 0, next());
            out.write('\n');
        }
    }

    /**
     * Ends the current minute now, as if the session closed: the next messages are its bar messages
     * (while {@link #barsPending()}), stamped with the minute's end, and the clock goes on from there.
     * Does nothing while bars are already pending.
     */
    public void closeMinute()
    {
        if (barCursor >= 0)
        {
            return;
        }
        final long now = clockBaseMillis + (long)((count - clockBaseCount) * millisPerMessage);
        closingMinuteStart = minuteStart;
        minuteStart += MINUTE_MILLIS;
        clockBaseMillis = Math.max(now, minuteStart);
        clockBaseCount = count;
        barCursor = nextTraded(0);
    }

    /** Whether the next message is a bar message of a minute that has ended. */
    public boolean barsPending()
    {
        return barCursor >= 0;
    }

    private void header(final long timestamp, final Service service, final String name)
    {
        this.timestamp = timestamp;
        this.service = service;
        json.reset().ascii("{\"timestamp\":").number(timestamp).ascii(",\"service\":\"").ascii(name)
            .ascii("\",\"symbols\":{");
    }

    private void quotes(final long now)
    {
        header(now, Service.LEVELONE_EQUITIES, "LEVELONE_EQUITIES");
        final int n = pickGroup(4, MAX_GROUP);
        for (int g = 0; g < n; g++)
        {
            final SymbolState s = states[group[g]];
            s.mid = Math.max(1.0, s.mid * (1 + STEP * (random.nextDouble() * 2 - 1)));
            quoteFromMid(s);
            if (random.nextInt(2) == 0)
            {
                s.bidSize = lots(20);
            }
            if (random.nextInt(2) == 0)
            {
                s.askSize = lots(20);
            }
            if (s.bid == s.sentBid && s.ask == s.sentAsk && s.bidSize == s.sentBidSize && s.askSize == s.sentAskSize)
            {
                s.bidSize = s.bidSize % 2_000 + 100;
            }
            entry(g, s);
            char comma = '{';
            if (s.bid != s.sentBid)
            {
                json.ascii(comma).name("bid").cents(s.bid);
                comma = ',';
            }
            if (s.ask != s.sentAsk)
            {
                json.ascii(comma).name("ask").cents(s.ask);
                comma = ',';
            }
            if (s.bidSize != s.sentBidSize)
            {
                json.ascii(comma).name("bidSize").number(s.bidSize);
                comma = ',';
            }
            if (s.askSize != s.sentAskSize)
            {
                json.ascii(comma).name("askSize").number(s.askSize);
            }
            json.ascii(",\"quoteTime\":").number(eventTime(now));
            if (s.tradedSinceQuote)
            {
                json.ascii(",\"last\":").cents(s.last)
                    .ascii(",\"lastSize\":").number(s.lastSize)
                    .ascii(",\"totalVolume\":").number(s.totalVolume)
                    .ascii(",\"tradeTime\":").number(s.tradeTime);
                s.tradedSinceQuote = false;
            }
            json.ascii('}');
            s.sentBid = s.bid;
            s.sentAsk = s.ask;
            s.sentBidSize = s.bidSize;
            s.sentAskSize = s.askSize;
        }
        json.ascii("}}");
    }

    private void trades(final long now)
    {
        header(now, Service.TIMESALE_EQUITY, "TIMESALE_EQUITY");
        final int n = pickGroup(4, MAX_GROUP);
        for (int g = 0; g < n; g++)
        {
            final SymbolState s = states[group[g]];
            final long time = eventTime(now);
            final long price = s.bid + random.nextInt((int)(s.ask - s.bid) + 1);
            final long size = random.nextInt(5) == 0 ? 1 + random.nextInt(99) : lots(10);
            s.trade(time, price, size);
            entry(g, s);
            json.ascii("{\"time\":").number(time)
                .ascii(",\"price\":").cents(price)
                .ascii(",\"size\":").number(size)
                .ascii(",\"seq\":").number(s.tradeSequence)
                .ascii('}');
        }
        json.ascii("}}");
    }

    private void books(final long now)
    {
        header(now, Service.BOOK, "BOOK");
        final int n = pickGroup(10, 2);
        for (int g = 0; g < n; g++)
        {
            final SymbolState s = states[group[g]];
            entry(g, s);
            json.ascii("{\"time\":").number(eventTime(now)).ascii(",\"bids\":[");
            long price = s.bid;
            long size = s.bidSize;
            for (int level = 0, levels = levels(); level < levels && price > 0; level++)
            {
                if (level > 0)
                {
                    json.ascii(',');
                }
                json.ascii('[').cents(price).ascii(',').number(size).ascii(']');
                price -= 1 + random.nextInt(3);
                size = lots(50);
            }
            json.ascii("],\"asks\":[");
            price = s.ask;
            size = s.askSize;
            for (int level = 0, levels = levels(); level < levels; level++)
            {
                if (level > 0)
                {
                    json.ascii(',');
                }
                json.ascii('[').cents(price).ascii(',').number(size).ascii(']');
                price += 1 + random.nextInt(3);
                size = lots(50);
            }
            json.ascii("]}");
        }
        json.ascii("}}");
    }

    private void news(final long now)
    {
        header(now, Service.NEWS_HEADLINE, "NEWS_HEADLINE");
        final SymbolState s = states[random.nextInt(states.length)];
        json.bytes(s.key)
            .ascii("{\"time\":").number(eventTime(now))
            .ascii(",\"id\":\"n-").number(++newsCount)
            .ascii("\",\"headline\":").bytes(HEADLINES[random.nextInt(HEADLINES.length)])
            .ascii(",\"source\":").bytes(SOURCES[random.nextInt(SOURCES.length)])
            .ascii("}}}");
    }

    /** Writes the next bar message of the minute that ended at {@code minuteEnd}. */
    private void bars(final long minuteEnd)
    {
        header(minuteEnd, Service.CHART_EQUITY, "CHART_EQUITY");
        int written = 0;
        while (barCursor >= 0 && written < BARS_PER_MESSAGE)
        {
            final SymbolState s = states[barCursor];
            if (written > 0)
            {
                json.ascii(',');
            }
            json.bytes(s.key)
                .ascii("{\"open\":").cents(s.barOpen)
                .ascii(",\"high\":").cents(s.barHigh)
                .ascii(",\"low\":").cents(s.barLow)
                .ascii(",\"close\":").cents(s.barClose)
                .ascii(",\"volume\":").number(s.barVolume)
                .ascii(",\"datetime\":").number(minuteEnd - MINUTE_MILLIS)
                .ascii('}');
            s.barTrades = 0;
            written++;
            barCursor = nextTraded(barCursor + 1);
        }
        json.ascii("}}");
    }

    private int nextTraded(final int from)
    {
        for (int i = from; i < states.length; i++)
        {
            if (states[i].barTrades > 0)
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * Fills {@link #group} with the symbols of the next message: one, or with probability
     * {@code 1 / oneIn} two to {@code most} (distinct and consecutive).
     *
     * @return how many.
     */
    private int pickGroup(final int oneIn, final int most)
    {
        final int symbolCount = states.length;
        final int n = random.nextInt(oneIn) == 0 ? Math.min(symbolCount, 2 + random.nextInt(most - 1)) : 1;
        final int first = random.nextInt(symbolCount);
        for (int g = 0; g < n; g++)
        {
            group[g] = (first + g) % symbolCount;
        }
        return n;
    }

    private void entry(final int index, final SymbolState state)
    {
        if (index > 0)
        {
            json.ascii(',');
        }
        json.bytes(state.key);
    }

    private void quoteFromMid(final SymbolState s)
    {
        final long spread = s.baseSpreadCents + (random.nextInt(10) == 0 ? 1 + random.nextInt(3) : 0);
        s.bid = Math.max(1, Math.round(s.mid * 100 - spread / 2.0));
        s.ask = s.bid + spread;
    }

    /** An entry's own time: a few milliseconds before the envelope's, never before the minute's start. */
    private long eventTime(final long now)
    {
        return now - Math.min(random.nextInt(MAX_EVENT_DELAY_MILLIS), now - minuteStart);
    }

    private int levels()
    {
        return MIN_LEVELS + random.nextInt(MAX_LEVELS - MIN_LEVELS + 1);
    }

    private long lots(final int most)
    {
        return 100L * (1 + random.nextInt(most));
    }

    private static byte[][] jsonStrings(final String... texts)
    {
        final byte[][] encoded = new byte[texts.length][];
        for (int i = 0; i < texts.length; i++)
        {
            final StringBuilder quoted = new StringBuilder(texts[i].length() + 8).append('"');
            for (int c = 0; c < texts[i].length(); c++)
            {
                final char ch = texts[i].charAt(c);
                if (ch == '"' || ch == '\\')
                {
                    quoted.append('\\');
                }
                quoted.append(ch);
            }
            encoded[i] = quoted.append('"').toString().getBytes(StandardCharsets.UTF_8);
        }
        return encoded;
    }

    /** Configures a {@link SyntheticMarket}; every setting has a default. */
    public static final class Builder
    {
        private List<String> symbols = symbolNames(10);
        private long seed = 1;
        private double messagesPerSecond = DEFAULT_MESSAGES_PER_SECOND;
        private long startMillis = DEFAULT_START_MILLIS;

        private Builder()
        {
        }

        /** {@code count} symbols named by {@link SyntheticMarket#symbolNames(int)}. Default 10. */
        public Builder symbols(final int count)
        {
            this.symbols = symbolNames(count);
            return this;
        }

        /** These symbols, in order: printable ASCII without quotes or backslashes, no duplicates. */
        public Builder symbols(final List<String> symbols)
        {
            if (symbols.isEmpty() || symbols.size() > MAX_SYMBOLS || symbols.stream().distinct().count() != symbols.size())
            {
                throw new IllegalArgumentException("1 to " + MAX_SYMBOLS + " distinct symbols, not " + symbols);
            }
            for (final String symbol : symbols)
            {
                if (symbol.isEmpty() || !symbol.chars().allMatch(c -> c > 0x20 && c < 0x7F && c != '"' && c != '\\'))
                {
                    throw new IllegalArgumentException("symbols are printable ASCII without quotes: '" + symbol + "'");
                }
            }
            this.symbols = List.copyOf(symbols);
            return this;
        }

        /** The random seed: the same seed and settings give the same messages. Default 1. */
        public Builder seed(final long seed)
        {
            this.seed = seed;
            return this;
        }

        /**
         * How fast the simulated clock runs, in messages per simulated second. Default
         * {@value SyntheticMarket#DEFAULT_MESSAGES_PER_SECOND}.
         */
        public Builder messagesPerSecond(final double messagesPerSecond)
        {
            if (!(messagesPerSecond > 0) || Double.isInfinite(messagesPerSecond))
            {
                throw new IllegalArgumentException("messagesPerSecond must be positive: " + messagesPerSecond);
            }
            this.messagesPerSecond = messagesPerSecond;
            return this;
        }

        /** The simulated clock's start, Unix epoch milliseconds. Default {@link SyntheticMarket#DEFAULT_START_MILLIS}. */
        public Builder startMillis(final long startMillis)
        {
            if (startMillis < 0)
            {
                throw new IllegalArgumentException("startMillis must not be negative: " + startMillis);
            }
            this.startMillis = startMillis;
            return this;
        }

        public SyntheticMarket build()
        {
            return new SyntheticMarket(this);
        }
    }
}
