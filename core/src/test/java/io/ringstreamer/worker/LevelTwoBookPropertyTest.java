package io.ringstreamer.worker;

import io.ringstreamer.Pipeline;
import io.ringstreamer.format.Service;
import io.ringstreamer.result.Book;
import io.ringstreamer.result.CustomResult;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.StreamError;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.ringstreamer.worker.BookNewsListener.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Seeded random books through a real pipeline: every valid snapshot (0 to 30 levels a side, random
 * spacing, field order and white space) is published as its top {@code bookDepth} levels with the
 * spread and imbalance of a direct computation; every corrupted one (levels swapped or repeated, the
 * book crossed, a bad price or size) is rejected with the reason that names the corruption, and the
 * symbol keeps its last valid book. Set {@code -Dringstreamer.bookSeed=N} to replay other cases.
 */
@Timeout(120)
class LevelTwoBookPropertyTest
{
    private static final int CASES = 500;
    private static final long SEED = Long.getLong("ringstreamer.bookSeed", 20240709L);
    private static final String[] SYMBOLS = {"P", "Q", "R"};

    /** One side's levels, best first, in cents; {@code written} is what goes into the JSON. */
    private record Side(long[] ticks, long[] sizes, String[] written)
    {
        int count()
        {
            return ticks.length;
        }

        double price(final int level)
        {
            return ticks[level] / 100.0;
        }
    }

    private record Snapshot(long time, Side bids, Side asks, String expectedReason)
    {
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 10, 40})
    void shouldPublishTheTopLevelsOfEveryValidBookAndRejectEveryCorruptedOneWhenBooksAreRandom(final int depth)
        throws Exception
    {
        final List<Snapshot> snapshots = new ArrayList<>();
        final List<byte[]> messages = new ArrayList<>();
        for (int i = 0; i < CASES; i++)
        {
            final Random random = new Random(SEED + i);
            for (final Snapshot snapshot : List.of(valid(random, 0), corrupted(random)))
            {
                snapshots.add(snapshot);
                messages.add(message(SYMBOLS[i % SYMBOLS.length], snapshot, random));
            }
        }

        final LevelTwoBook[] created = new LevelTwoBook[1];
        final BookNewsListener listener = BookNewsListener.run(
            Pipeline.builder().symbols(SYMBOLS).shards(2).bookDepth(depth)
                .replaceComponents(Service.BOOK, () -> created[0] = new LevelTwoBook(), () -> new BookProbe(created[0])),
            messages);

        final Map<Long, Integer> books = new HashMap<>();
        final Map<Long, StreamError> errors = new HashMap<>();
        final Map<Long, CustomResult> probes = new HashMap<>();
        for (int i = 0; i < listener.books.size(); i++)
        {
            books.put(listener.books.get(i).sequence(), i);
        }
        listener.errors.forEach(error -> errors.put(error.sequence(), error));
        listener.customs.forEach(probe -> probes.put(probe.sequence(), probe));
        assertEquals(messages.size(), books.size() + errors.size());

        final Map<String, Snapshot> lastValid = new HashMap<>();
        for (int sequence = 0; sequence < snapshots.size(); sequence++)
        {
            final Snapshot snapshot = snapshots.get(sequence);
            final String symbol = SYMBOLS[sequence / 2 % SYMBOLS.length];
            final String where = "seed " + (SEED + sequence / 2) + (sequence % 2 == 0 ? " valid" : " corrupted");
            if (snapshot.expectedReason() == null)
            {
                assertNull(errors.get((long)sequence), where);
                final int index = books.get((long)sequence);
                checkPublished(snapshot, depth, symbol, listener.books.get(index), listener.viewSpreads.get(index),
                    listener.viewImbalances.get(index), where);
                lastValid.put(symbol, snapshot);
            }
            else
            {
                final StreamError error = errors.get((long)sequence);
                assertNotNull(error, where);
                assertEquals(ErrorKind.INVALID_ENTRY, error.kind(), where);
                assertEquals(symbol, error.symbol(), where);
                assertEquals(snapshot.expectedReason(), error.message(), where);
            }
            assertArrayEquals(state(lastValid.get(symbol)), probes.get((long)sequence).values(), where);
        }
    }

    private static void checkPublished(final Snapshot snapshot, final int depth, final String symbol, final Book book,
                                       final double viewSpread, final double viewImbalance, final String where)
    {
        final int bids = Math.min(depth, snapshot.bids().count());
        final int asks = Math.min(depth, snapshot.asks().count());
        assertEquals(symbol, book.symbol(), where);
        assertEquals(snapshot.time(), book.timeMillis(), where);
        assertArrayEquals(prices(snapshot.bids(), bids), book.bidPrices(), where);
        assertArrayEquals(Arrays.copyOf(snapshot.bids().sizes(), bids), book.bidSizes(), where);
        assertArrayEquals(prices(snapshot.asks(), asks), book.askPrices(), where);
        assertArrayEquals(Arrays.copyOf(snapshot.asks().sizes(), asks), book.askSizes(), where);

        final double spread = bids > 0 && asks > 0 ? snapshot.asks().price(0) - snapshot.bids().price(0) : Double.NaN;
        final long bidVolume = Arrays.stream(snapshot.bids().sizes()).limit(bids).sum();
        final long askVolume = Arrays.stream(snapshot.asks().sizes()).limit(asks).sum();
        final double imbalance =
            bidVolume + askVolume == 0 ? Double.NaN : (double)(bidVolume - askVolume) / (bidVolume + askVolume);
        assertEquals(spread, viewSpread, where);
        assertEquals(spread, book.spread(), where);
        assertEquals(imbalance, viewImbalance, where);
        assertEquals(imbalance, book.imbalance(), where);
    }

    private static double[] prices(final Side side, final int count)
    {
        final double[] prices = new double[count];
        for (int i = 0; i < count; i++)
        {
            prices[i] = side.price(i);
        }
        return prices;
    }

    /** What {@link BookProbe} should report for a symbol whose last valid book is {@code book}. */
    private static double[] state(final Snapshot book)
    {
        if (book == null)
        {
            return new double[] {0, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        }
        final Side bids = book.bids();
        final Side asks = book.asks();
        return new double[] {1, book.time(), bids.count(), asks.count(),
            bids.count() > 0 ? bids.price(0) : Double.NaN, asks.count() > 0 ? asks.price(0) : Double.NaN,
            bids.count() > 0 ? bids.price(bids.count() - 1) : Double.NaN,
            asks.count() > 0 ? asks.price(asks.count() - 1) : Double.NaN};
    }

    /** A valid book: each side {@code minLevels} to 30 levels, 1 to 50 cents apart, the spread 1 to 50 cents. */
    private static Snapshot valid(final Random random, final int minLevels)
    {
        final long bestBid = 2_000 + random.nextInt(1_000_000);
        final long bestAsk = bestBid + 1 + random.nextInt(50);
        final Side bids = side(random, minLevels + random.nextInt(31 - minLevels), bestBid, -1);
        final Side asks = side(random, minLevels + random.nextInt(31 - minLevels), bestAsk, 1);
        return new Snapshot(1_720_000_000_000L + random.nextInt(1_000_000), bids, asks, null);
    }

    private static Side side(final Random random, final int count, final long best, final int direction)
    {
        final long[] ticks = new long[count];
        final long[] sizes = new long[count];
        long price = best;
        for (int i = 0; i < count; i++)
        {
            ticks[i] = price;
            sizes[i] = 1 + random.nextInt(10_000);
            price += direction * (1 + random.nextInt(50));
        }
        return new Side(ticks, sizes, written(random, ticks, sizes));
    }

    /** Each level as JSON: prices as 12.3 or 12.30, sizes as 300 or 300.0, with or without spaces. */
    private static String[] written(final Random random, final long[] ticks, final long[] sizes)
    {
        final String[] levels = new String[ticks.length];
        for (int i = 0; i < levels.length; i++)
        {
            final String price = random.nextBoolean() ?
                Double.toString(ticks[i] / 100.0) : BigDecimal.valueOf(ticks[i], 2).toPlainString();
            final String size = random.nextInt(10) == 0 ? sizes[i] + ".0" : Long.toString(sizes[i]);
            levels[i] = random.nextBoolean() ? "[" + price + "," + size + "]" : "[ " + price + " , " + size + " ]";
        }
        return levels;
    }

    /** A book with one corruption, and the reason it must be rejected with. */
    private static Snapshot corrupted(final Random random)
    {
        final Snapshot book = valid(random, 1);
        while (true)
        {
            final boolean onBids = random.nextBoolean();
            final Side side = onBids ? book.bids() : book.asks();
            final String[] levels = side.written().clone();
            final int level = random.nextInt(levels.length);
            switch (random.nextInt(6))
            {
                case 0 -> // swap two levels
                {
                    if (levels.length < 2)
                    {
                        continue;
                    }
                    final int other = (level + 1 + random.nextInt(levels.length - 1)) % levels.length;
                    Collections.swap(Arrays.asList(levels), level, other);
                    return with(book, onBids, levels, onBids ? LevelTwoBook.BIDS_UNSORTED : LevelTwoBook.ASKS_UNSORTED);
                }
                case 1 -> // repeat a level's price
                {
                    final List<String> repeated = new ArrayList<>(Arrays.asList(levels));
                    repeated.add(level + 1, "[" + side.price(level) + "," + (1 + random.nextInt(100)) + "]");
                    return with(book, onBids, repeated.toArray(new String[0]),
                        onBids ? LevelTwoBook.BIDS_UNSORTED : LevelTwoBook.ASKS_UNSORTED);
                }
                case 2 -> // cross the book: move the asks to or below the best bid
                {
                    final long shift = book.asks().ticks()[0] - book.bids().ticks()[0] + random.nextInt(3);
                    final long[] ticks = book.asks().ticks().clone();
                    for (int i = 0; i < ticks.length; i++)
                    {
                        ticks[i] -= shift;
                    }
                    return with(book, false, written(random, ticks, book.asks().sizes()), LevelTwoBook.CROSSED);
                }
                case 3 -> // a size that is not a positive whole number
                {
                    levels[level] = "[" + side.price(level) + "," + (random.nextBoolean() ? "0" : "2.5") + "]";
                    return with(book, onBids, levels, LevelTwoBook.BAD_SIZE);
                }
                case 4 -> // a price that is not positive
                {
                    levels[level] = "[" + (random.nextBoolean() ? "0" : "-" + side.price(level)) + ",1]";
                    return with(book, onBids, levels, LevelTwoBook.BAD_PRICE);
                }
                default -> // a level that is not a pair
                {
                    levels[level] = "[" + side.price(level) + "]";
                    return with(book, onBids, levels, LevelTwoBook.MALFORMED_LEVEL);
                }
            }
        }
    }

    private static Snapshot with(final Snapshot book, final boolean onBids, final String[] levels, final String reason)
    {
        final Side bids = book.bids();
        final Side asks = book.asks();
        return new Snapshot(book.time(),
            onBids ? new Side(bids.ticks(), bids.sizes(), levels) : bids,
            onBids ? asks : new Side(asks.ticks(), asks.sizes(), levels), reason);
    }

    /** The snapshot as a BOOK message for {@code symbol}, its fields in random order, sometimes with an unknown one. */
    private static byte[] message(final String symbol, final Snapshot snapshot, final Random random)
    {
        final List<String> fields = new ArrayList<>(List.of(
            "\"time\":" + snapshot.time(),
            "\"bids\":[" + String.join(",", snapshot.bids().written()) + "]",
            "\"asks\":[" + String.join(",", snapshot.asks().written()) + "]"));
        if (random.nextInt(4) == 0)
        {
            fields.add("\"venue\":{\"name\":\"X\",\"levels\":[[1,2]]}");
        }
        Collections.shuffle(fields, random);
        return bytes("{\"timestamp\":" + snapshot.time() + ",\"service\":\"BOOK\",\"symbols\":{\"" + symbol + "\":{" +
            String.join(", ", fields) + "}}}");
    }
}
