package io.ringstreamer.worker;

import io.ringstreamer.format.CanonicalDecoder;
import io.ringstreamer.format.EntryView;
import io.ringstreamer.result.ErrorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import static io.ringstreamer.worker.SymbolResults.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link LevelOneQuotes} and {@link TimeAndSales} allocate nothing per entry in steady state, accepted
 * or rejected: the calling thread's allocated bytes (com.sun.management.ThreadMXBean) are read around
 * 200,000 entries after a warm-up of 200,000.
 */
@Timeout(120)
class QuoteAndTradeAllocationTest
{
    private static final int WARM_UP = 200_000;
    private static final int MEASURED = 200_000;
    /** Bytes allowed over the whole measured run: room for a one-off, nothing per entry. */
    private static final long BOUND_BYTES = 4096;
    /** 2024-07-09 09:30 in New York. */
    private static final long OPEN = 1_720_531_800_000L;

    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    @Test
    void shouldAllocateNothingPerEntryWhenMergingLevelOneChanges()
    {
        final byte[][] messages = Stream.of(
                "{\"bid\":227.79,\"ask\":227.81,\"bidSize\":300}",
                "{\"last\":227.8,\"lastSize\":100,\"totalVolume\":120345,\"tradeTime\":1720522979990}",
                "{\"ask\":227.82,\"askSize\":900,\"quoteTime\":1720522979995,\"mark\":227.8}",
                "{\"bid\":-1}",
                "{\"exchange\":\"Q\"}")
            .map(entry -> bytes("LEVELONE_EQUITIES", entry)).toArray(byte[][]::new);
        final CountingSink sink = measure(new LevelOneQuotes(), i -> messages[i % messages.length]);
        assertEquals((WARM_UP + MEASURED) / 5 * 3, sink.quotes);
        assertEquals((WARM_UP + MEASURED) / 5 * 2, sink.rejects);
    }

    @Test
    void shouldAllocateNothingPerPrintWhenTheDayDoesNotChange()
    {
        // One message rewritten in place: seq goes up every tenth print (nine duplicates in ten), time every 100th.
        final String template = "{\"time\":" + OPEN + ",\"price\":227.8,\"size\":100,\"seq\":1000000000}";
        final byte[] message = bytes("TIMESALE_EQUITY", template);
        final int timeEnd = new String(message, StandardCharsets.US_ASCII).indexOf(",\"price\"");
        final int seqEnd = new String(message, StandardCharsets.US_ASCII).indexOf("}}}");
        final CountingSink sink = measure(new TimeAndSales(), i ->
        {
            writeDigits(message, timeEnd, OPEN + i / 100);
            writeDigits(message, seqEnd, 1_000_000_000L + i / 10);
            return message;
        });
        assertEquals((WARM_UP + MEASURED) / 10, sink.trades);
        assertEquals((WARM_UP + MEASURED) / 10 * 9, sink.rejects);
    }

    private static byte[] bytes(final String service, final String entry)
    {
        return message(service, "\"A\":" + entry).getBytes(StandardCharsets.UTF_8);
    }

    /** Overwrites the digits just before {@code end} with {@code value} (same width), allocating nothing. */
    private static void writeDigits(final byte[] message, final int end, final long value)
    {
        long rest = value;
        for (int i = end - 1; rest > 0; i--)
        {
            message[i] = (byte)('0' + rest % 10);
            rest /= 10;
        }
    }

    /** Feeds message {@code i}'s entry to the component, warm-up then measured, and reads the bytes allocated. */
    private static CountingSink measure(final Component component, final IntFunction<byte[]> messages)
    {
        assertTrue(THREADS.isThreadAllocatedMemorySupported());
        final CountingSink sink = new CountingSink();
        final CanonicalDecoder decoder = new CanonicalDecoder();
        final EntryView view = new EntryView();

        run(component, sink, decoder, view, messages, 0, WARM_UP);
        final long before = THREADS.getCurrentThreadAllocatedBytes();
        run(component, sink, decoder, view, messages, WARM_UP, WARM_UP + MEASURED);
        final long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated <= BOUND_BYTES, allocated + " bytes over " + MEASURED + " entries");
        return sink;
    }

    private static void run(final Component component, final ResultSink sink, final CanonicalDecoder decoder,
                            final EntryView view, final IntFunction<byte[]> messages, final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            final byte[] message = messages.apply(i);
            if (!decoder.wrap(message, 0, message.length))
            {
                throw new AssertionError(decoder.errorReason());
            }
            component.onEntry(decoder.entry(0, view), sink);
        }
    }

    /** Counts what it is given and keeps nothing. */
    private static final class CountingSink extends io.ringstreamer.testing.UnexpectedResultSink
    {
        long quotes;
        long trades;
        long rejects;

        @Override
        public void bar(final double open, final double high, final double low, final double close, final long volume,
                        final long barStartMillis)
        {
        }

        @Override
        public void aggregateBar(final int minutes, final double open, final double high, final double low,
                                 final double close, final long volume, final long windowStartMillis,
                                 final int minuteCount, final boolean partial)
        {
        }

        @Override
        public void quote(final double bid, final double ask, final double last, final long bidSize,
                          final long askSize, final long lastSize, final long totalVolume, final long quoteTimeMillis,
                          final long tradeTimeMillis)
        {
            quotes++;
        }

        @Override
        public void book(final long timeMillis, final double[] bidPrices, final long[] bidSizes, final int bidCount,
                         final double[] askPrices, final long[] askSizes, final int askCount)
        {
        }

        @Override
        public void trade(final long timeMillis, final double price, final long size, final long tradeSequence,
                          final long sessionVolume, final double vwap, final long tradeCount)
        {
            trades++;
        }

        @Override
        public boolean news(final long timeMillis, final byte[] buffer, final int idOffset, final int idLength,
                            final int headlineOffset, final int headlineLength, final int sourceOffset,
                            final int sourceLength)
        {
            return true;
        }

        @Override
        public void custom(final int kind, final double[] values, final int count)
        {
        }

        @Override
        public void reject(final ErrorKind kind, final String reason)
        {
            rejects++;
        }
    }
}
