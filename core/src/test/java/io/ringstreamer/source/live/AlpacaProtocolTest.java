package io.ringstreamer.source.live;

import io.ringstreamer.format.Service;
import io.ringstreamer.result.Bar;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.News;
import io.ringstreamer.result.Quote;
import io.ringstreamer.result.StatusKind;
import io.ringstreamer.result.StreamError;
import io.ringstreamer.result.Trade;
import io.ringstreamer.source.live.FeedProtocol.Reaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlpacaProtocolTest
{
    // The documented data examples (formats/alpaca.md), in exactly their shapes.
    static final String BAR = "{\"T\":\"b\",\"S\":\"SPY\",\"o\":388.985,\"h\":389.13,\"l\":388.975,\"c\":389.12," +
        "\"v\":49378,\"n\":416,\"vw\":389.05,\"t\":\"2021-02-22T19:15:00Z\"}";
    static final String QUOTE = "{\"T\":\"q\",\"S\":\"AMD\",\"bx\":\"U\",\"bp\":87.66,\"bs\":1,\"ax\":\"Q\",\"ap\":87.68," +
        "\"as\":4,\"t\":\"2021-02-22T15:51:45.335689322Z\",\"c\":[\"R\"],\"z\":\"C\"}";
    static final String TRADE = "{\"T\":\"t\",\"S\":\"AAPL\",\"i\":96921,\"x\":\"D\",\"p\":126.55,\"s\":1," +
        "\"t\":\"2021-02-22T15:51:44.208Z\",\"c\":[\"@\",\"I\"],\"z\":\"C\"}";
    /** The documented news shape, with its elided values filled in (a headline with escapes and UTF-8). */
    static final String NEWS = "{\"T\":\"n\",\"id\":24918784,\"headline\":\"Apple \\\"opens\\\" caf\u00e9 \\u2014 WWDC\"," +
        "\"summary\":\"A summary\",\"author\":\"Benzinga Newsdesk\",\"created_at\":\"2022-01-05T22:00:37Z\"," +
        "\"updated_at\":\"2022-01-05T22:00:38Z\",\"url\":\"https://example.com/n\",\"content\":\"\"," +
        "\"symbols\":[\"AAPL\",\"TSLA\"],\"source\":\"benzinga\"}";

    private final AlpacaProtocol protocol = new AlpacaProtocol("key-id", "se\"cret");
    private final RecordingPublisher out = new RecordingPublisher();
    private final List<String> replies = new ArrayList<>();

    private Reaction receive(final String frame)
    {
        final byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
        // Offset inside a larger buffer: the protocol must respect offset and length.
        final byte[] padded = new byte[bytes.length + 7];
        System.arraycopy(bytes, 0, padded, 3, bytes.length);
        padded[0] = 'x';
        padded[padded.length - 1] = ']';
        replies.clear();
        return protocol.onMessage(padded, 3, bytes.length, out, replies);
    }

    private static long millis(final String rfc3339)
    {
        return Instant.parse(rfc3339).toEpochMilli();
    }

    @Test
    void shouldReplyWithAuthAndPublishConnectedWhenServerSaysConnected()
    {
        assertEquals(List.of(), protocol.onOpen());
        assertEquals(Reaction.CONTINUE, receive("[{\"T\":\"success\",\"msg\":\"connected\"}]"));
        assertEquals(1, replies.size());
        assertEquals(Map.of("action", "auth", "key", "key-id", "secret", "se\"cret"), MiniJson.object(replies.get(0)));
        assertEquals(List.of(new RecordingPublisher.Item(null, StatusKind.CONNECTED, null, 0, "connected")), out.items);
    }

    @Test
    void shouldReturnLoggedInWhenServerSaysAuthenticated()
    {
        assertEquals(Reaction.LOGGED_IN, receive("[{\"T\":\"success\",\"msg\":\"authenticated\"}]"));
        assertTrue(replies.isEmpty());
        assertEquals(StatusKind.AUTHENTICATED, out.items.get(0).status());
        assertEquals(1, out.items.size());
    }

    @Test
    void shouldConfirmSubscriptionWithServerListsWhenSubscriptionArrives()
    {
        assertEquals(Reaction.CONTINUE,
            receive("[{\"T\":\"subscription\",\"trades\":[\"AAPL\"],\"quotes\":[\"AMD\"],\"bars\":[\"*\"]}]"));
        final RecordingPublisher.Item status = out.items.get(0);
        assertEquals(StatusKind.SUBSCRIPTION_CONFIRMED, status.status());
        assertEquals("trades=[\"AAPL\"] quotes=[\"AMD\"] bars=[\"*\"]", status.message());
    }

    @Test
    void shouldPublishProtocolErrorAndDisconnectWhenSlowClient()
    {
        assertEquals(Reaction.DISCONNECT, receive("[{\"T\":\"error\",\"code\":407,\"msg\":\"slow client\"}]"));
        assertEquals(List.of(new RecordingPublisher.Item(null, null, ErrorKind.PROTOCOL_ERROR, 407, "slow client")),
            out.items);
    }

    @Test
    void shouldDisconnectOnlyWhenTheServerClosesAfterTheErrorAndCallARefusedLoginSo()
    {
        for (int code = 400; code <= 410; code++)
        {
            final Reaction expected = code == 401 || code == 402 ? Reaction.LOGIN_REFUSED :
                code == 404 || code == 406 || code == 407 ? Reaction.DISCONNECT : Reaction.CONTINUE;
            assertEquals(expected, receive("[{\"T\":\"error\",\"code\":" + code + ",\"msg\":\"m\"}]"), "code " + code);
        }
        assertEquals(Reaction.CONTINUE, receive("[{\"T\":\"error\",\"code\":500,\"msg\":\"internal error\"}]"));
        assertEquals(12, out.errors().size());
        assertEquals("402 m", protocol.loginRefusal());
    }

    @Test
    void shouldTranslateTheDocumentedBarWhenItArrives()
    {
        receive("[" + BAR + "]");
        final Canonical message = Canonical.decode(out.messages().get(0));
        assertEquals(Service.CHART_EQUITY, message.service());
        assertEquals(millis("2021-02-22T19:15:00Z"), message.timestamp());
        assertEquals(Map.of("open", new BigDecimal("388.985"), "high", new BigDecimal("389.13"),
            "low", new BigDecimal("388.975"), "close", new BigDecimal("389.12"), "volume", new BigDecimal("49378"),
            "datetime", new BigDecimal(millis("2021-02-22T19:15:00Z"))), message.entry("SPY"));
    }

    @Test
    void shouldTranslateTheDocumentedQuoteWhenItArrives()
    {
        receive("[" + QUOTE + "]");
        final Canonical message = Canonical.decode(out.messages().get(0));
        assertEquals(Service.LEVELONE_EQUITIES, message.service());
        assertEquals(Map.of("bid", new BigDecimal("87.66"), "ask", new BigDecimal("87.68"), "bidSize", BigDecimal.ONE,
            "askSize", new BigDecimal(4), "quoteTime", new BigDecimal(millis("2021-02-22T15:51:45.335Z"))),
            message.entry("AMD"));
    }

    @Test
    void shouldTranslateTheDocumentedTradeWhenItArrives()
    {
        receive("[" + TRADE + "]");
        final Canonical message = Canonical.decode(out.messages().get(0));
        assertEquals(Service.TIMESALE_EQUITY, message.service());
        assertEquals(Map.of("time", new BigDecimal(millis("2021-02-22T15:51:44.208Z")), "price", new BigDecimal("126.55"),
            "size", BigDecimal.ONE, "seq", new BigDecimal(96921)), message.entry("AAPL"));
    }

    @Test
    void shouldWriteOneHeadlinePerSymbolWithEscapesKeptWhenNewsArrives()
    {
        receive("[" + NEWS + "]");
        assertEquals(1, out.messages().size());
        final Canonical message = Canonical.decode(out.messages().get(0));
        assertEquals(Service.NEWS_HEADLINE, message.service());
        final Map<String, Object> expected = Map.of("time", new BigDecimal(millis("2022-01-05T22:00:37Z")),
            "id", "24918784", "headline", "Apple \"opens\" caf\u00e9 \u2014 WWDC", "source", "benzinga");
        assertEquals(expected, message.entry("AAPL"));
        assertEquals(expected, message.entry("TSLA"));
        assertTrue(new String(out.messages().get(0), StandardCharsets.UTF_8)
            .contains("\"headline\":\"Apple \\\"opens\\\" caf\u00e9 \\u2014 WWDC\""), "escapes copied as received");
    }

    @Test
    void shouldLeaveTheTimeOutWhenNewsCarriesTheDocumentedPlaceholders()
    {
        receive("[{\"T\":\"n\",\"id\":24918784,\"headline\":\"\u2026\",\"summary\":\"\u2026\",\"author\":\"\u2026\"," +
            "\"created_at\":\"\u2026\",\"symbols\":[\"AAPL\"],\"source\":\"benzinga\"}]");
        final Canonical message = Canonical.decode(out.messages().get(0));
        assertEquals(Map.of("id", "24918784", "headline", "\u2026", "source", "benzinga"), message.entry("AAPL"));
        assertEquals(0, message.timestamp());
    }

    @Test
    void shouldGroupBySymbolPerServiceWhenOneFrameMixesServices()
    {
        receive("[" + BAR + "," + BAR.replace("SPY", "AMD").replace("19:15", "19:16") + "," + QUOTE + "]");
        assertEquals(2, out.messages().size());
        final Canonical bars = Canonical.decode(out.messages().get(0));
        assertEquals(Service.CHART_EQUITY, bars.service());
        assertEquals(List.of("SPY", "AMD"), List.copyOf(bars.symbols().keySet()));
        assertEquals(millis("2021-02-22T19:15:00Z"), bars.timestamp(), "the first event's time");
        final Canonical quotes = Canonical.decode(out.messages().get(1));
        assertEquals(Service.LEVELONE_EQUITIES, quotes.service());
        assertEquals(List.of("AMD"), List.copyOf(quotes.symbols().keySet()));
    }

    @Test
    void shouldStartASecondMessageWhenASymbolRepeatsForAService()
    {
        final String second = TRADE.replace("96921", "96922").replace("126.55", "126.56");
        receive("[" + TRADE + "," + QUOTE + "," + second + "]");
        final List<Canonical> messages = out.messages().stream().map(Canonical::decode).toList();
        // The first print's message is published when the second print of AAPL arrives; the rest at the end,
        // the trades (written in place) before the quote.
        assertEquals(List.of(Service.TIMESALE_EQUITY, Service.TIMESALE_EQUITY, Service.LEVELONE_EQUITIES),
            messages.stream().map(Canonical::service).toList());
        assertEquals(new BigDecimal(96921), messages.get(0).entry("AAPL").get("seq"));
        assertEquals(new BigDecimal(96922), messages.get(1).entry("AAPL").get("seq"));
    }

    @Test
    void shouldIgnoreDocumentedTypesAndCountAndReportWhatItCannotTranslateWhenOddElementsArrive()
    {
        assertEquals(Reaction.CONTINUE, receive("[{\"T\":\"c\",\"S\":\"AAPL\"},{\"T\":\"u\",\"S\":\"AAPL\"},7,{\"x\":1}," +
            "{\"T\":\"b\",\"o\":1},{\"T\":\"zz\"}]"));
        assertEquals(2, protocol.ignoredEvents(), "corrections and updated bars: documented, left out on purpose");
        assertEquals(4, protocol.untranslatedMessages(), "a number, no type, a bar without a symbol, an unknown type");
        assertEquals(List.of(new RecordingPublisher.Item(null, null, ErrorKind.PROTOCOL_ERROR, 0,
            "untranslated server message: an element that is not an object at byte 43 (1 so far)")), out.items,
            "the first at once, the rest within the second only counted");
    }

    @Test
    void shouldNameAnUnknownTypeWhenItArrives()
    {
        receive("[{\"T\":\"zz\",\"S\":\"AAPL\"}]");
        assertEquals(List.of(new RecordingPublisher.Item(null, null, ErrorKind.PROTOCOL_ERROR, 0,
            "untranslated server message: unknown type \"zz\" at byte 1 (1 so far)")), out.items);
    }

    @Test
    void shouldReportTheByteWhereTheFrameGoesWrongWhenItIsNotJson()
    {
        receive("[{\"T\":\"b\",\"S\":\"SPY\",");
        receive("[{\"T\":\"b\",\"S\":\"SPY\"}] x");
        assertEquals(List.of(
            new RecordingPublisher.Item(null, null, ErrorKind.MALFORMED_MESSAGE, 0,
                "server message is not valid JSON: truncated: input ends inside a value at byte 20 of 20"),
            new RecordingPublisher.Item(null, null, ErrorKind.MALFORMED_MESSAGE, 0,
                "server message is not valid JSON: more after the JSON value at byte 22 of 23")), out.items);
        assertEquals(2, protocol.malformedMessages());
    }

    @Test
    void shouldLeaveOutFieldsOfTheWrongShapeWhenABarIsOdd()
    {
        receive("[{\"T\":\"b\",\"S\":\"SPY\",\"o\":[1],\"h\":\"2\",\"l\":null,\"t\":\"yesterday\"}]");
        final Canonical message = Canonical.decode(out.messages().get(0));
        final Map<String, Object> entry = message.entry("SPY");
        assertEquals("2", entry.get("high"));
        assertTrue(entry.containsKey("low"));
        assertNull(entry.get("low"));
        assertEquals(2, entry.size(), "open (an array) and datetime (not a time) are left out: " + entry);
    }

    @Test
    void shouldSubscribeEveryConfiguredChannelWhenAsked()
    {
        final Map<String, Object> request = MiniJson.object(protocol.subscribe(List.of("AAPL", "AMD")).get(0));
        assertEquals(Map.of("action", "subscribe", "bars", List.of("AAPL", "AMD"), "quotes", List.of("AAPL", "AMD"),
            "trades", List.of("AAPL", "AMD")), request);
        final AlpacaProtocol news = new AlpacaProtocol("k", "s", EnumSet.of(AlpacaProtocol.Channel.NEWS));
        assertEquals(Map.of("action", "unsubscribe", "news", List.of("TSLA")),
            MiniJson.object(news.unsubscribe(List.of("TSLA")).get(0)));
        assertEquals(List.of(), protocol.subscribe(List.of()));
    }

    @Test
    @Timeout(60)
    void shouldProduceResultsOfTheRealComponentsWhenRunThroughAPipeline() throws Exception
    {
        final List<String> frames = List.of(
            "[{\"T\":\"success\",\"msg\":\"connected\"}]",
            "[{\"T\":\"success\",\"msg\":\"authenticated\"}]",
            "[" + BAR + "," + QUOTE + "," + TRADE + "]",
            "[" + NEWS + "]",
            "[{\"T\":\"b\",\"S\":\"SPY\",\"o\":1,\"h\":2,\"l\":3,\"c\":1.5,\"v\":1,\"t\":\"2021-02-22T19:16:00Z\"}]",
            "not json");
        final EndToEnd run = EndToEnd.run(new AlpacaProtocol("k", "s"), frames, "SPY", "AMD", "AAPL");

        assertEquals(List.of(new Bar("SPY", 388.985, 389.13, 388.975, 389.12, 49378, millis("2021-02-22T19:15:00Z"),
            run.of(Bar.class).get(0).sequence())), run.of(Bar.class));
        final Quote quote = run.of(Quote.class).get(0);
        assertEquals(87.66, quote.bid());
        assertEquals(87.68, quote.ask());
        assertEquals(4, quote.askSize());
        assertEquals(millis("2021-02-22T15:51:45.335Z"), quote.quoteTimeMillis());
        final Trade trade = run.of(Trade.class).get(0);
        assertEquals(126.55, trade.price());
        assertEquals(96921, trade.tradeSequence());
        final News news = run.of(News.class).get(0);
        assertEquals("AAPL", news.symbol());
        assertEquals("Apple \"opens\" caf\u00e9 \u2014 WWDC", news.headline());
        assertEquals("24918784", news.id());
        final List<ErrorKind> errors = run.of(StreamError.class).stream().map(StreamError::kind).sorted().toList();
        assertEquals(List.of(ErrorKind.INVALID_ENTRY), errors, "the second bar has low above high");
        assertEquals(List.of("CONNECTED 0 connected", "AUTHENTICATED 0 authenticated",
            "MALFORMED_MESSAGE 0 server message is not valid JSON: unexpected character at byte 1 of 8"), run.statuses,
            "the last frame is not JSON: reported by the adapter, where it is read");
    }
}
