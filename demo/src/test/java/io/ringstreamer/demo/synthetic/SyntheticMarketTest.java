package io.ringstreamer.demo.synthetic;

import io.ringstreamer.format.CanonicalDecoder;
import io.ringstreamer.format.EntryView;
import io.ringstreamer.format.Service;
import io.ringstreamer.format.internal.JsonText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class SyntheticMarketTest
{
    private static SyntheticMarket market(final long seed)
    {
        return SyntheticMarket.builder().symbols(20).seed(seed).messagesPerSecond(1_000).build();
    }

    @Test
    void shouldWriteTheSameMessagesWhenGivenTheSameSeed()
    {
        final List<byte[]> first = market(7).messages(100_000);
        final List<byte[]> second = market(7).messages(100_000);
        for (int i = 0; i < first.size(); i++)
        {
            assertArrayEquals(first.get(i), second.get(i), "message " + i);
        }
        final List<byte[]> other = market(8).messages(1_000);
        assertFalse(Arrays.equals(first.get(999), other.get(999)) && Arrays.equals(first.get(500), other.get(500)));
    }

    @Test
    void shouldProduceEveryServiceAndNonAsciiNewsWhenRunForAFewSimulatedMinutes()
    {
        final SyntheticMarket market = market(1);
        final Map<Service, Integer> counts = new EnumMap<>(Service.class);
        final CanonicalDecoder decoder = new CanonicalDecoder();
        final EntryView entry = new EntryView();
        final byte[] headline = "headline".getBytes(StandardCharsets.US_ASCII);
        final Set<String> headlines = new HashSet<>();
        for (int i = 0; i < 200_000; i++)
        {
            final int length = market.next();
            assertTrue(decoder.wrap(market.buffer(), 0, length), () -> new String(market.buffer(), 0, length, StandardCharsets.UTF_8));
            assertEquals(market.service(), decoder.service());
            assertEquals(market.timestampMillis(), decoder.timestamp());
            counts.merge(decoder.service(), 1, Integer::sum);
            if (decoder.service() == Service.NEWS_HEADLINE)
            {
                decoder.entry(0, entry);
                while (entry.nextField())
                {
                    if (entry.nameEquals(headline))
                    {
                        headlines.add(text(entry));
                    }
                }
            }
        }
        assertEquals(Service.values().length, counts.size(), counts.toString());
        assertTrue(counts.get(Service.LEVELONE_EQUITIES) > counts.get(Service.TIMESALE_EQUITY), counts.toString());
        assertTrue(counts.get(Service.TIMESALE_EQUITY) > counts.get(Service.BOOK), counts.toString());
        assertTrue(headlines.contains("Société Générale lifts price target to €250 — outlook “robust”"), headlines.toString());
        assertTrue(headlines.contains("Retail traders pile in 🚀 as volume hits a record"), headlines.toString());
        assertTrue(headlines.contains("Analyst upgrades the stock to \"buy\", raises target"), headlines.toString());
    }

    @Test
    void shouldKeepQuotesTradesBooksAndBarsConsistentWhenDecoded()
    {
        final SyntheticMarket market = market(3);
        final Replay replay = new Replay();
        for (int i = 0; i < 300_000; i++)
        {
            replay.accept(market.buffer(), market.next());
        }
        assertEquals(4 * 20, replay.bars, "five simulated minutes: four closed, every symbol traded in each");
        assertTrue(replay.trades > 50_000, "trades: " + replay.trades);
        assertTrue(replay.books > 20_000, "books: " + replay.books);
        assertTrue(replay.grouped > 1_000, "grouped messages: " + replay.grouped);
    }

    @Test
    void shouldPublishTheMinutesBarsAtItsEndWhenTheMinuteIsClosed()
    {
        final SyntheticMarket market = market(5);
        final Replay replay = new Replay();
        for (int i = 0; i < 10_000; i++)
        {
            replay.accept(market.buffer(), market.next());
        }
        final long lastTimestamp = market.timestampMillis();
        market.closeMinute();
        assertTrue(market.barsPending());
        final long minuteEnd = (lastTimestamp / 60_000 + 1) * 60_000;
        int barMessages = 0;
        while (market.barsPending())
        {
            replay.accept(market.buffer(), market.next());
            assertEquals(Service.CHART_EQUITY, market.service());
            assertEquals(minuteEnd, market.timestampMillis());
            barMessages++;
        }
        assertEquals(3, barMessages, "20 symbols traded, 8 to a message");
        assertTrue(replay.everyBarPublished());
        replay.accept(market.buffer(), market.next());
        assertTrue(market.timestampMillis() >= minuteEnd);
    }

    @Test
    void shouldWriteJsonLinesWhenAskedForAFile() throws Exception
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        market(9).writeJsonLines(out, 1_000);
        final List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        final List<byte[]> messages = market(9).messages(1_000);
        assertEquals(1_000, lines.size());
        for (int i = 0; i < lines.size(); i++)
        {
            assertArrayEquals(messages.get(i), lines.get(i).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void shouldGenerateThreeHundredThousandMessagesWithinAFewSecondsWhenPreGenerating()
    {
        final SyntheticMarket market = SyntheticMarket.builder().symbols(50).seed(11).messagesPerSecond(20_000).build();
        final long start = System.nanoTime();
        final List<byte[]> messages = market.messages(300_000);
        final double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(300_000, messages.size());
        // 0.15 s warm and 0.6 s cold on one core here; the bound only catches a pathological slowdown on a busy machine
        assertTrue(seconds < 15, "took " + seconds + " s");
    }

    @Test
    void shouldNameSymbolsWithWellKnownTickersFirstWhenGeneratingNames()
    {
        final List<String> names = SyntheticMarket.symbolNames(40);
        assertEquals("AAPL", names.get(0));
        assertEquals("S0039", names.get(39));
        assertEquals(40, new HashSet<>(names).size());
    }

    @Test
    void shouldRejectBadSettingsWhenBuilding()
    {
        for (final Runnable bad : List.<Runnable>of(
            () -> SyntheticMarket.builder().symbols(0),
            () -> SyntheticMarket.builder().symbols(List.of("A", "A")),
            () -> SyntheticMarket.builder().symbols(List.of("A\"B")),
            () -> SyntheticMarket.builder().messagesPerSecond(0),
            () -> SyntheticMarket.builder().messagesPerSecond(Double.NaN)))
        {
            boolean thrown = false;
            try
            {
                bad.run();
            }
            catch (final IllegalArgumentException expected)
            {
                thrown = true;
            }
            assertTrue(thrown);
        }
        final List<String> symbols = new ArrayList<>(List.of("X.A", "BRK/B"));
        assertEquals(symbols, SyntheticMarket.builder().symbols(symbols).build().symbols());
    }

    private static String text(final EntryView entry)
    {
        final char[] chars = new char[entry.valueEnd() - entry.valueStart()];
        final int n = JsonText.decode(entry.buffer(), entry.valueStart() + 1, entry.valueEnd() - entry.valueStart() - 2, chars);
        assertTrue(n >= 0, "valid UTF-8");
        return new String(chars, 0, n);
    }

    /** Plays decoded messages into a model of the market and checks every invariant on the way. */
    private static final class Replay
    {
        private static final byte[] BID = bytes("bid");
        private static final byte[] ASK = bytes("ask");
        private static final byte[] BID_SIZE = bytes("bidSize");
        private static final byte[] ASK_SIZE = bytes("askSize");
        private static final byte[] LAST = bytes("last");
        private static final byte[] TOTAL_VOLUME = bytes("totalVolume");
        private static final byte[] TIME = bytes("time");
        private static final byte[] PRICE = bytes("price");
        private static final byte[] SIZE = bytes("size");
        private static final byte[] SEQ = bytes("seq");
        private static final byte[] BIDS = bytes("bids");
        private static final byte[] ASKS = bytes("asks");
        private static final byte[] OPEN = bytes("open");
        private static final byte[] HIGH = bytes("high");
        private static final byte[] LOW = bytes("low");
        private static final byte[] CLOSE = bytes("close");
        private static final byte[] VOLUME = bytes("volume");
        private static final byte[] DATETIME = bytes("datetime");

        private final CanonicalDecoder decoder = new CanonicalDecoder();
        private final EntryView entry = new EntryView();
        private final Map<String, double[]> quotes = new HashMap<>();
        private final Map<String, Long> sequences = new HashMap<>();
        private final Map<String, Long> volumes = new HashMap<>();
        private final Map<String, double[]> minuteBars = new HashMap<>();
        private long minute = -1;
        private long lastTimestamp;
        int trades;
        int books;
        int bars;
        int grouped;

        void accept(final byte[] buffer, final int length)
        {
            final String json = new String(buffer, 0, length, StandardCharsets.UTF_8);
            assertTrue(decoder.wrap(buffer, 0, length), json);
            assertTrue(decoder.timestamp() >= lastTimestamp, "timestamps never decrease: " + json);
            lastTimestamp = decoder.timestamp();
            if (decoder.entryCount() > 1)
            {
                grouped++;
            }
            for (int i = 0; i < decoder.entryCount(); i++)
            {
                final String symbol = new String(buffer, decoder.symbolOffset(i), decoder.symbolLength(i), StandardCharsets.US_ASCII);
                decoder.entry(i, entry);
                switch (decoder.service())
                {
                    case LEVELONE_EQUITIES -> quote(symbol, json);
                    case TIMESALE_EQUITY -> trade(symbol, json);
                    case BOOK -> book(symbol, json);
                    case CHART_EQUITY -> bar(symbol, json);
                    default -> assertEquals(1, decoder.entryCount());
                }
            }
        }

        /** Whether every symbol that traded in the current minute has had its bar. */
        boolean everyBarPublished()
        {
            return minuteBars.isEmpty();
        }

        private void quote(final String symbol, final String json)
        {
            final double[] q = quotes.computeIfAbsent(symbol, s -> new double[] {Double.NaN, Double.NaN, -1, -1});
            while (entry.nextField())
            {
                final double value = entry.doubleValue();
                if (entry.nameEquals(BID))
                {
                    assertTrue(value != q[0], "only changes: " + json);
                    q[0] = value;
                }
                else if (entry.nameEquals(ASK))
                {
                    assertTrue(value != q[1], "only changes: " + json);
                    q[1] = value;
                }
                else if (entry.nameEquals(BID_SIZE))
                {
                    assertTrue(value != q[2], "only changes: " + json);
                    q[2] = value;
                }
                else if (entry.nameEquals(ASK_SIZE))
                {
                    assertTrue(value != q[3], "only changes: " + json);
                    q[3] = value;
                }
                else if (entry.nameEquals(TOTAL_VOLUME))
                {
                    assertEquals((long)volumes.get(symbol), entry.longValue(), json);
                }
                else if (entry.nameEquals(LAST))
                {
                    assertTrue(value > 0, json);
                }
            }
            assertTrue(q[0] < q[1], "not crossed: " + json);
        }

        private void trade(final String symbol, final String json)
        {
            trades++;
            long time = 0;
            double price = 0;
            long size = 0;
            long seq = 0;
            while (entry.nextField())
            {
                if (entry.nameEquals(TIME))
                {
                    time = entry.longValue();
                }
                else if (entry.nameEquals(PRICE))
                {
                    price = entry.doubleValue();
                }
                else if (entry.nameEquals(SIZE))
                {
                    size = entry.longValue();
                }
                else if (entry.nameEquals(SEQ))
                {
                    seq = entry.longValue();
                }
            }
            final Long previous = sequences.put(symbol, seq);
            if (previous != null)
            {
                assertEquals(previous + 1, seq, json);
            }
            final double[] q = quotes.get(symbol);
            if (q != null)
            {
                assertTrue(price >= q[0] - 1e-9 && price <= q[1] + 1e-9, "within the spread: " + json);
            }
            assertTrue(size > 0 && time <= decoder.timestamp() && time > decoder.timestamp() - 10, json);
            volumes.merge(symbol, size, Long::sum);
            final long tradeMinute = Math.floorDiv(time, 60_000) * 60_000;
            if (tradeMinute != minute)
            {
                assertTrue(minuteBars.isEmpty(), "every bar of the previous minute was published before " + json);
                assertTrue(tradeMinute > minute, json);
                minute = tradeMinute;
            }
            final double[] bar = minuteBars.get(symbol);
            if (bar == null)
            {
                minuteBars.put(symbol, new double[] {price, price, price, price, size});
            }
            else
            {
                bar[1] = Math.max(bar[1], price);
                bar[2] = Math.min(bar[2], price);
                bar[3] = price;
                bar[4] += size;
            }
        }

        private void book(final String symbol, final String json)
        {
            books++;
            double[] bids = null;
            double[] asks = null;
            while (entry.nextField())
            {
                if (entry.nameEquals(BIDS))
                {
                    bids = levels();
                }
                else if (entry.nameEquals(ASKS))
                {
                    asks = levels();
                }
            }
            assertNotNull(bids, json);
            assertNotNull(asks, json);
            assertTrue(bids.length >= 2 * 5 && bids.length <= 2 * 10, "5 to 10 levels: " + json);
            assertTrue(asks.length >= 2 * 5 && asks.length <= 2 * 10, "5 to 10 levels: " + json);
            for (int i = 2; i < bids.length; i += 2)
            {
                assertTrue(bids[i] < bids[i - 2], "bids best first: " + json);
            }
            for (int i = 2; i < asks.length; i += 2)
            {
                assertTrue(asks[i] > asks[i - 2], "asks best first: " + json);
            }
            assertTrue(bids[0] < asks[0], "not crossed: " + json);
            final double[] q = quotes.get(symbol);
            if (q != null)
            {
                assertEquals(q[0], bids[0], json);
                assertEquals(q[1], asks[0], json);
            }
        }

        /** The current field's {@code [[price,size],...]}, flattened. */
        private double[] levels()
        {
            final String raw = new String(entry.buffer(), entry.valueStart(), entry.valueEnd() - entry.valueStart(),
                StandardCharsets.US_ASCII);
            final String[] numbers = raw.replace("[", "").replace("]", "").split(",");
            final double[] values = new double[numbers.length];
            for (int i = 0; i < numbers.length; i++)
            {
                values[i] = Double.parseDouble(numbers[i]);
            }
            return values;
        }

        private void bar(final String symbol, final String json)
        {
            bars++;
            final double[] got = new double[6];
            while (entry.nextField())
            {
                if (entry.nameEquals(OPEN))
                {
                    got[0] = entry.doubleValue();
                }
                else if (entry.nameEquals(HIGH))
                {
                    got[1] = entry.doubleValue();
                }
                else if (entry.nameEquals(LOW))
                {
                    got[2] = entry.doubleValue();
                }
                else if (entry.nameEquals(CLOSE))
                {
                    got[3] = entry.doubleValue();
                }
                else if (entry.nameEquals(VOLUME))
                {
                    got[4] = entry.longValue();
                }
                else if (entry.nameEquals(DATETIME))
                {
                    got[5] = entry.longValue();
                }
            }
            assertEquals(minute, (long)got[5], "the bar of the minute just traded: " + json);
            assertEquals(minute + 60_000, decoder.timestamp(), "stamped with the minute's end: " + json);
            final double[] expected = minuteBars.remove(symbol);
            assertNotNull(expected, "a bar only for a symbol that traded: " + json);
            assertArrayEquals(expected, Arrays.copyOf(got, 5), json);
        }

        private static byte[] bytes(final String name)
        {
            return name.getBytes(StandardCharsets.US_ASCII);
        }
    }
}
