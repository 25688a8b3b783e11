package io.ringstreamer.worker;

import io.ringstreamer.format.CanonicalDecoder;
import io.ringstreamer.format.EntryView;
import io.ringstreamer.result.ErrorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.util.List;

import static io.ringstreamer.worker.BookNewsListener.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The book and headline components allocate nothing per entry, accepted or rejected: the test thread
 * decodes and processes entries in a loop after a warm-up and reads its own allocated bytes around it.
 */
@Timeout(60)
class BookNewsAllocationTest
{
    private static final int WARM_UP = 50_000;
    private static final int MEASURED = 100_000;
    /** Bytes allowed over all measured rounds: room for a one-off, nothing per entry. */
    private static final long BOUND_BYTES = 1024;

    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    private static final List<byte[]> MESSAGES = List.of(
        bytes("{\"timestamp\":1,\"service\":\"BOOK\",\"symbols\":{\"A\":{\"time\":1,\"bids\":" +
            cents(20, 22779, -1) + ",\"asks\":" + cents(20, 22781, 1) + "}}}"),
        bytes("{\"timestamp\":1,\"service\":\"BOOK\",\"symbols\":{\"A\":{\"time\":2,\"bids\":[[227.9,100]]," +
            "\"asks\":[[227.81,200]]}}}"),
        bytes("{\"timestamp\":1,\"service\":\"BOOK\",\"symbols\":{\"A\":{\"time\":3,\"bids\":[[1,1],[2,1]],\"asks\":[]}}}"),
        bytes("{\"timestamp\":1,\"service\":\"NEWS_HEADLINE\",\"symbols\":{\"A\":{\"time\":1,\"id\":\"n-1\"," +
            "\"headline\":\"Caf\u00e9 \\u00e9 \\ud83d\\ude00 \u6771\u4eac\",\"source\":\"Example Wire\"}}}"),
        bytes("{\"timestamp\":1,\"service\":\"NEWS_HEADLINE\",\"symbols\":{\"A\":{\"time\":1,\"id\":\"n-1\"}}}"));

    @Test
    void shouldAllocateNothingPerEntryWhenBooksAndHeadlinesAreAcceptedOrRejected()
    {
        assertTrue(THREADS.isThreadAllocatedMemorySupported());
        final CanonicalDecoder decoder = new CanonicalDecoder();
        final EntryView entry = new EntryView();
        final CountingSink sink = new CountingSink();
        final LevelTwoBook book = new LevelTwoBook();
        final Headlines headlines = new Headlines();

        rounds(WARM_UP, decoder, entry, sink, book, headlines);
        final long before = THREADS.getCurrentThreadAllocatedBytes();
        rounds(MEASURED, decoder, entry, sink, book, headlines);
        final long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;

        assertTrue(allocated <= BOUND_BYTES, allocated + " bytes over " + MEASURED * MESSAGES.size() + " entries");
        final long rounds = WARM_UP + MEASURED;
        assertEquals(rounds, sink.books);
        assertEquals(rounds, sink.news);
        assertEquals(3 * rounds, sink.rejects);
        assertEquals(20, book.bidLevels(), "the rejected snapshots left the first one");
    }

    /** {@code count} levels from {@code first} cents, {@code step} cents apart, written as a feed does (227.79). */
    private static String cents(final int count, final long first, final long step)
    {
        final StringBuilder levels = new StringBuilder("[");
        for (int i = 0; i < count; i++)
        {
            levels.append(i == 0 ? "[" : ",[").append(BigDecimal.valueOf(first + i * step, 2)).append(",100]");
        }
        return levels.append(']').toString();
    }

    private static void rounds(final int rounds, final CanonicalDecoder decoder, final EntryView entry,
                               final CountingSink sink, final LevelTwoBook book, final Headlines headlines)
    {
        for (int round = 0; round < rounds; round++)
        {
            for (int m = 0; m < MESSAGES.size(); m++)
            {
                final byte[] message = MESSAGES.get(m);
                assertTrue(decoder.wrap(message, 0, message.length));
                decoder.entry(0, entry);
                (m < 3 ? book : headlines).onEntry(entry, sink);
            }
        }
    }

    /** Counts what it is given and reads every value, so that nothing can be optimised away. */
    private static final class CountingSink extends io.ringstreamer.testing.UnexpectedResultSink
    {
        long books;
        long news;
        long rejects;
        double checksum;

        @Override
        public void book(final long timeMillis, final double[] bidPrices, final long[] bidSizes, final int bidCount,
                         final double[] askPrices, final long[] askSizes, final int askCount)
        {
            books++;
            checksum += timeMillis + bidPrices[bidCount - 1] + bidSizes[0] + askPrices[askCount - 1] + askSizes[0];
        }

        @Override
        public boolean news(final long timeMillis, final byte[] buffer, final int idOffset, final int idLength,
                            final int headlineOffset, final int headlineLength, final int sourceOffset,
                            final int sourceLength)
        {
            news++;
            checksum += buffer[idOffset] + buffer[headlineOffset + headlineLength - 1] + sourceLength;
            return true;
        }

        @Override
        public void reject(final ErrorKind kind, final String reason)
        {
            rejects++;
            checksum += reason.length();
        }
    }
}
