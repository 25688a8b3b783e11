package io.ringstreamer.source.live;

import io.ringstreamer.format.Service;
import io.ringstreamer.result.Bar;
import io.ringstreamer.result.Book;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.Quote;
import io.ringstreamer.result.StatusKind;
import io.ringstreamer.source.live.FeedProtocol.Reaction;
import io.ringstreamer.source.live.SchwabProtocol.ChartFields;
import io.ringstreamer.source.live.SchwabProtocol.Config;
import io.ringstreamer.source.live.SchwabProtocol.SchwabService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchwabProtocolTest
{
    // The documented server messages (formats/schwab.md), in exactly their shapes.
    static final String LOGIN_OK = "{\"response\":[{\"service\":\"ADMIN\",\"requestid\":\"0\",\"command\":\"LOGIN\"," +
        "\"timestamp\":1715908546054,\"content\":{\"code\":0,\"msg\":\"server=\u2026;status=PN\"}}]}";
    static final String HEARTBEAT = "{\"notify\":[{\"heartbeat\":\"1591499624412\"}]}";
    static final String CHART = "{\"data\":[{\"service\":\"CHART_EQUITY\",\"timestamp\":1715908546054,\"command\":\"SUBS\"," +
        "\"content\":[{\"seq\":0,\"key\":\"MSFT\",\"1\":779,\"2\":421.65,\"3\":421.79,\"4\":421.65,\"5\":421.755," +
        "\"6\":26.0,\"7\":1715903940000,\"8\":19859}]}]}";
    /** A Level 1 change in the documented field numbering: bid, ask, sizes and quote time, plus fields not read. */
    static final String LEVEL_ONE = "{\"data\":[{\"service\":\"LEVELONE_EQUITIES\",\"timestamp\":1720522980000," +
        "\"command\":\"SUBS\",\"content\":[{\"key\":\"AAPL\",\"delayed\":false,\"assetMainType\":\"EQUITY\"," +
        "\"1\":227.79,\"2\":227.81,\"4\":3,\"5\":2,\"10\":230.1,\"33\":227.8,\"34\":1720522979950}]}]}";
    /** A book snapshot in the documented shape: levels {"0": price, "1": size, "2": count, "3": [market makers]}. */
    static final String BOOK = "{\"data\":[{\"service\":\"NASDAQ_BOOK\",\"timestamp\":1720522980000,\"command\":\"SUBS\"," +
        "\"content\":[{\"key\":\"AAPL\",\"1\":1720522979950,\"2\":[{\"0\":227.79,\"1\":300,\"2\":2,\"3\":[{\"0\":\"NSDQ\"," +
        "\"1\":200,\"2\":1720522979000},{\"0\":\"ARCX\",\"1\":100,\"2\":1720522978000}]},{\"0\":227.78,\"1\":500,\"2\":1," +
        "\"3\":[{\"0\":\"NSDQ\",\"1\":500,\"2\":1720522977000}]}],\"3\":[{\"0\":227.81,\"1\":200,\"2\":1,\"3\":[]}]}]}]}";

    private final SchwabProtocol protocol = new SchwabProtocol(Config.of("tok\"en", "cust", "correl", "N9", "APIAPP"));
    private final RecordingPublisher out = new RecordingPublisher();
    private final List<String> replies = new ArrayList<>();

    private Reaction receive(final SchwabProtocol protocol, final String message)
    {
        final byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        final byte[] padded = new byte[bytes.length + 5];
        System.arraycopy(bytes, 0, padded, 2, bytes.length);
        padded[padded.length - 1] = '}';
        return protocol.onMessage(padded, 2, bytes.length, out, replies);
    }

    private Reaction receive(final String message)
    {
        return receive(protocol, message);
    }

    @Test
    void shouldSendTheAdminLoginWhenTheConnectionOpens()
    {
        protocol.reset();
        final List<String> open = protocol.onOpen();
        assertEquals(1, open.size());
        assertEquals(Map.of("requests", List.of(Map.of("service", "ADMIN", "requestid", "0", "command", "LOGIN",
            "SchwabClientCustomerId", "cust", "SchwabClientCorrelId", "correl",
            "parameters", Map.of("Authorization", "tok\"en", "SchwabClientChannel", "N9",
                "SchwabClientFunctionId", "APIAPP")))), MiniJson.parse(open.get(0)));
    }

    @Test
    void shouldAddEveryConfiguredServiceWhenSubscribing()
    {
        protocol.reset();
        protocol.onOpen();
        final List<String> requests = protocol.subscribe(List.of("AAPL", "TSLA"));
        assertEquals(3, requests.size());
        final List<Object> expected = List.of(
            request("CHART_EQUITY", "1", "ADD", Map.of("keys", "AAPL,TSLA", "fields", "0,1,2,3,4,5,6,7,8")),
            request("LEVELONE_EQUITIES", "2", "ADD", Map.of("keys", "AAPL,TSLA", "fields", "0,1,2,3,4,5,8,9,34,35")),
            request("NASDAQ_BOOK", "3", "ADD", Map.of("keys", "AAPL,TSLA", "fields", "0,1,2,3")));
        assertEquals(expected, requests.stream().map(MiniJson::parse).toList());
        assertEquals(request("CHART_EQUITY", "4", "UNSUBS", Map.of("keys", "TSLA")),
            MiniJson.parse(protocol.unsubscribe(List.of("TSLA")).get(0)));
        assertEquals(List.of(), protocol.subscribe(List.of()));
    }

    private static Map<String, Object> request(final String service, final String id, final String command,
                                               final Map<String, String> parameters)
    {
        return Map.of("requests", List.of(Map.of("service", service, "requestid", id, "command", command,
            "SchwabClientCustomerId", "cust", "SchwabClientCorrelId", "correl", "parameters", parameters)));
    }

    @Test
    void shouldReturnLoggedInWhenLoginSucceeds()
    {
        assertEquals(Reaction.LOGGED_IN, receive(LOGIN_OK));
        assertEquals(List.of(new RecordingPublisher.Item(null, StatusKind.AUTHENTICATED, null, 0,
            "server=\u2026;status=PN")), out.items);
    }

    @Test
    void shouldPublishProtocolErrorAndCallTheLoginRefusedWhenLoginIsDenied()
    {
        assertEquals(Reaction.LOGIN_REFUSED, receive(LOGIN_OK.replace("\"code\":0", "\"code\":3")
            .replace("server=\u2026;status=PN", "Login Denied.")));
        assertEquals(List.of(new RecordingPublisher.Item(null, null, ErrorKind.PROTOCOL_ERROR, 3, "Login Denied.")),
            out.items);    assertEquals("3 Login Denied.", protocol.loginRefusal());
    }

    @Test
    void shouldDisconnectWhenTheServerStopsStreamingOrClosesTheConnection()
    {
        assertEquals(Reaction.DISCONNECT, receive("{\"response\":[{\"service\":\"ADMIN\",\"requestid\":\"-1\"," +
            "\"command\":\"LOGIN\",\"timestamp\":1,\"content\":{\"code\":30,\"msg\":\"Stop streaming due to slowness\"}}]}"));
        assertEquals(Reaction.DISCONNECT, receive("{\"notify\":[{\"service\":\"ADMIN\",\"timestamp\":1," +
            "\"content\":{\"code\":12,\"msg\":\"Close connection\"}}]}"));
        assertEquals(List.of(30, 12), out.errors().stream().map(RecordingPublisher.Item::code).toList());
        assertTrue(out.errors().stream().allMatch(e -> e.error() == ErrorKind.PROTOCOL_ERROR));
    }

    @Test
    void shouldConfirmOrReportSubscriptionsWhenResponsesArrive()
    {
        assertEquals(Reaction.CONTINUE, receive("{\"response\":[{\"service\":\"CHART_EQUITY\",\"requestid\":\"1\"," +
            "\"command\":\"ADD\",\"timestamp\":1,\"content\":{\"code\":0,\"msg\":\"ADD command succeeded\"}}," +
            "{\"service\":\"LEVELONE_EQUITIES\",\"requestid\":\"2\",\"command\":\"SUBS\",\"timestamp\":1," +
            "\"content\":{\"code\":19,\"msg\":\"Reached symbol limit\"}}]}"));
        assertEquals(List.of(
            new RecordingPublisher.Item(null, StatusKind.SUBSCRIPTION_CONFIRMED, null, 0, "CHART_EQUITY ADD: ADD command succeeded"),
            new RecordingPublisher.Item(null, null, ErrorKind.PROTOCOL_ERROR, 19, "Reached symbol limit")), out.items);
    }

    @Test
    void shouldPublishNothingWhenAHeartbeatArrives()
    {
        assertEquals(Reaction.CONTINUE, receive(HEARTBEAT));
        assertTrue(out.items.isEmpty());
        assertEquals(0, protocol.ignoredEvents());
    }

    @Test
    void shouldTranslateTheDocumentedChartEquityWhenItArrives()
    {
        receive(CHART);
        final Canonical message = Canonical.decode(out.messages().get(0));
        assertEquals(Service.CHART_EQUITY, message.service());
        assertEquals(1715908546054L, message.timestamp());
        assertEquals(Map.of("open", new BigDecimal("421.65"), "high", new BigDecimal("421.79"), "low", new BigDecimal("421.65"),
            "close", new BigDecimal("421.755"), "volume", new BigDecimal("26.0"), "datetime", new BigDecimal(1715903940000L)),
            message.entry("MSFT"));
    }

    @Test
    void shouldReadTheLegacyFieldOrderWhenConfigured()
    {
        final SchwabProtocol legacy = new SchwabProtocol(Config.of("t", "c", "r", "N9", "APIAPP")
            .withChartFields(ChartFields.LEGACY));
        receive(legacy, "{\"data\":[{\"service\":\"CHART_EQUITY\",\"timestamp\":1715908546054,\"command\":\"SUBS\"," +
            "\"content\":[{\"seq\":0,\"key\":\"MSFT\",\"1\":421.65,\"2\":421.79,\"3\":421.65,\"4\":421.755,\"5\":26.0," +
            "\"6\":779,\"7\":1715903940000,\"8\":19859}]}]}");
        assertEquals(Map.of("open", new BigDecimal("421.65"), "high", new BigDecimal("421.79"), "low", new BigDecimal("421.65"),
            "close", new BigDecimal("421.755"), "volume", new BigDecimal("26.0"), "datetime", new BigDecimal(1715903940000L)),
            Canonical.decode(out.messages().get(0)).entry("MSFT"));
        assertThrows(IllegalArgumentException.class, () -> new ChartFields(1, 1, 2, 3, 4, 5));
        assertThrows(IllegalArgumentException.class, () -> new ChartFields(0, 1, 2, 3, 4, 5));
    }

    @Test
    void shouldMapOnlyThePresentFieldsWhenALevelOneChangeArrives()
    {
        receive(LEVEL_ONE);
        receive("{\"data\":[{\"service\":\"LEVELONE_EQUITIES\",\"timestamp\":1720522981000,\"command\":\"SUBS\"," +
            "\"content\":[{\"key\":\"AAPL\",\"3\":227.8,\"8\":51234567,\"9\":100,\"35\":1720522980990}," +
            "{\"key\":\"TSLA\",\"10\":251.2,\"33\":250.9}]}]}");
        final List<byte[]> messages = out.messages();
        assertEquals(2, messages.size(), "the TSLA change carries no field read: ignored");
        assertEquals(Map.of("bid", new BigDecimal("227.79"), "ask", new BigDecimal("227.81"), "bidSize", new BigDecimal(3),
            "askSize", new BigDecimal(2), "quoteTime", new BigDecimal(1720522979950L)),
            Canonical.decode(messages.get(0)).entry("AAPL"));
        final Canonical second = Canonical.decode(messages.get(1));
        assertEquals(Map.of("last", new BigDecimal("227.8"), "totalVolume", new BigDecimal(51234567),
            "lastSize", new BigDecimal(100), "tradeTime", new BigDecimal(1720522980990L)), second.entry("AAPL"));
        assertEquals(1, second.symbols().size());
        assertEquals(1, protocol.ignoredEvents());
    }

    @Test
    void shouldWriteBookLevelsAsPriceSizePairsWhenABookArrives()
    {
        receive(BOOK);
        final Canonical message = Canonical.decode(out.messages().get(0));
        assertEquals(Service.BOOK, message.service());
        assertEquals(Map.of("time", new BigDecimal(1720522979950L),
            "bids", List.of(List.of(new BigDecimal("227.79"), new BigDecimal(300)), List.of(new BigDecimal("227.78"), new BigDecimal(500))),
            "asks", List.of(List.of(new BigDecimal("227.81"), new BigDecimal(200)))), message.entry("AAPL"));
    }

    @Test
    void shouldMergeServicesOfOneMessageAndSplitRepeatedSymbolsWhenDataIsBatched()
    {
        final String nyse = BOOK.replace("NASDAQ_BOOK", "NYSE_BOOK").replace("\"key\":\"AAPL\"", "\"key\":\"IBM\"");
        final String both = "{\"data\":[" + BOOK.substring(9, BOOK.length() - 2) + "," + nyse.substring(9, nyse.length() - 2) +
            "," + BOOK.substring(9, BOOK.length() - 2) + "]}";
        receive(both);
        final List<Canonical> messages = out.messages().stream().map(Canonical::decode).toList();
        assertEquals(2, messages.size());
        assertEquals(List.of("AAPL", "IBM"), List.copyOf(messages.get(0).symbols().keySet()));
        assertEquals(List.of("AAPL"), List.copyOf(messages.get(1).symbols().keySet()));
    }

    @Test
    void shouldReportMalformedAndUntranslatedMessagesWhenTheyAreNotJsonObjects()
    {
        for (final String bad : List.of("{\"data\":[", "[1,2]", "\"text\"", ""))
        {
            assertEquals(Reaction.CONTINUE, receive(bad));
        }
        assertEquals(List.of(
            new RecordingPublisher.Item(null, null, ErrorKind.MALFORMED_MESSAGE, 0,
                "server message is not valid JSON: truncated: input ends inside a value at byte 9 of 9"),
            new RecordingPublisher.Item(null, null, ErrorKind.PROTOCOL_ERROR, 0,
                "untranslated server message: not a JSON object (1 so far)"),
            new RecordingPublisher.Item(null, null, ErrorKind.MALFORMED_MESSAGE, 0,
                "server message is not valid JSON: empty message")), out.items);
        assertEquals(2, protocol.malformedMessages());
        assertEquals(2, protocol.untranslatedMessages());
        assertTrue(out.messages().isEmpty(), "nothing is published as data");
    }

    @Test
    void shouldCountAndReportOtherServicesAndUnknownMembersWhenTheyArrive()
    {
        receive("{\"data\":[{\"service\":\"OPTION\",\"timestamp\":1,\"content\":[{\"key\":\"X\"}]}," +
            "{\"service\":\"CHART_EQUITY\",\"timestamp\":1,\"content\":[{\"1\":2},7]}],\"other\":{}}");
        assertEquals(List.of(new RecordingPublisher.Item(null, null, ErrorKind.PROTOCOL_ERROR, 0,
            "untranslated server message: unknown service \"OPTION\" at byte 9 (1 so far)")), out.items);
        assertEquals(4, protocol.untranslatedMessages(), "OPTION, an entry without a symbol, 7, \"other\"");
        assertEquals(0, protocol.ignoredEvents());
    }

    @Test
    @Timeout(60)
    void shouldProduceResultsOfTheRealComponentsWhenRunThroughAPipeline() throws Exception
    {
        final SchwabProtocol protocol = new SchwabProtocol(Config.of("t", "c", "r", "N9", "APIAPP")
            .withServices(EnumSet.allOf(SchwabService.class)));
        final EndToEnd run = EndToEnd.run(protocol, List.of(LOGIN_OK, HEARTBEAT, CHART, LEVEL_ONE, BOOK,
            "{\"data\":[{\"service\":\"LEVELONE_EQUITIES\",\"timestamp\":1720522981000,\"content\":[{\"key\":\"AAPL\",\"3\":227.8}]}]}"),
            "MSFT", "AAPL");

        final Bar bar = run.of(Bar.class).get(0);
        assertEquals(new Bar("MSFT", 421.65, 421.79, 421.65, 421.755, 26, 1715903940000L, bar.sequence()), bar);
        final List<Quote> quotes = run.of(Quote.class);
        assertEquals(2, quotes.size());
        assertEquals(227.79, quotes.get(1).bid(), "merged: the bid of the first change is kept");
        assertEquals(227.8, quotes.get(1).last());
        assertEquals(3, quotes.get(1).bidSize());
        final Book book = run.of(Book.class).get(0);
        assertArrayEquals(new double[] {227.79, 227.78}, book.bidPrices());
        assertArrayEquals(new long[] {200}, book.askSizes());
        assertEquals(1720522979950L, book.timeMillis());
        assertEquals(4, run.results.size(), "no errors: " + run.results);
        assertEquals(List.of("AUTHENTICATED 0 server=\u2026;status=PN"), run.statuses);
    }
}
