package io.ringstreamer.source.live;

import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.StatusKind;
import io.ringstreamer.source.MessagePublisher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A data message allocates nothing once warmed up: the reading thread's allocated bytes
 * (com.sun.management.ThreadMXBean) around 200,000 translated server messages, after a warm-up of
 * 200,000, stay under the same bound per message as core's {@code ZeroAllocationTest}. Also prints the
 * mean translation time per message (not asserted: tests never judge speed).
 */
@Timeout(120)
class ProtocolAllocationTest
{
    private static final int WARM_UP = 200_000;
    private static final int MEASURED = 200_000;
    private static final double BOUND_BYTES_PER_MESSAGE = 0.25;
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    @Test
    void shouldAllocateNothingPerAlpacaDataMessageWhenWarmedUp()
    {
        final List<String> frames = new ArrayList<>();
        for (final String symbol : List.of("SPY", "AMD", "AAPL", "MSFT"))
        {
            frames.add("[" + AlpacaProtocolTest.BAR.replace("SPY", symbol) + "," + AlpacaProtocolTest.BAR.replace("SPY", "X" + symbol) +
                "," + AlpacaProtocolTest.QUOTE.replace("AMD", symbol) + "," + AlpacaProtocolTest.TRADE.replace("AAPL", symbol) +
                "," + AlpacaProtocolTest.TRADE.replace("AAPL", symbol) + "]");
        }
        frames.add("[" + AlpacaProtocolTest.NEWS + "]");
        // Per frame [bar, bar, quote, trade, trade of the same symbol]: the bars start in place, and are set aside
        // (copied) when the repeated trade publishes the first; the second trade's message is then written in
        // place. The news frame is written in place.
        measure(new AlpacaProtocol("k", "s"), frames, 4 * 4 + 1, 4 + 1);
    }

    @Test
    void shouldAllocateNothingPerSchwabDataMessageWhenWarmedUp()
    {
        final String chart = SchwabProtocolTest.CHART;
        final String items = chart.substring(9, chart.length() - 2) + "," + SchwabProtocolTest.LEVEL_ONE.substring(9,
            SchwabProtocolTest.LEVEL_ONE.length() - 2) + "," + SchwabProtocolTest.BOOK.substring(9, SchwabProtocolTest.BOOK.length() - 2);
        final List<String> frames = List.of("{\"data\":[" + items + "]}", SchwabProtocolTest.HEARTBEAT,
            SchwabProtocolTest.LEVEL_ONE.replace("AAPL", "TSLA"), SchwabProtocolTest.BOOK);
        measure(new SchwabProtocol(SchwabProtocol.Config.of("t", "c", "r", "N9", "APIAPP")), frames, 3 + 0 + 1 + 1,
            1 + 0 + 1 + 1);
    }

    private static void measure(final FeedProtocol protocol, final List<String> frames, final int messagesPerCycle,
                                final int claimedPerCycle)
    {
        final byte[][] bytes = frames.stream().map(f -> f.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
        final CountingPublisher out = new CountingPublisher();
        final List<String> replies = new ArrayList<>();
        protocol.reset();
        run(protocol, bytes, out, replies, WARM_UP);
        final long published = out.messages;
        final long committed = out.committed;
        final long before = THREADS.getCurrentThreadAllocatedBytes();
        final long start = System.nanoTime();
        run(protocol, bytes, out, replies, MEASURED);
        final long nanos = System.nanoTime() - start;
        final long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        final double perMessage = (double)allocated / MEASURED;
        System.out.printf("protocol allocation %s: %.4f B/server message over %d (%d B), %.0f ns/server message%n",
            protocol.getClass().getSimpleName(), perMessage, MEASURED, allocated, (double)nanos / MEASURED);
        assertTrue(perMessage <= BOUND_BYTES_PER_MESSAGE, perMessage + " B/message");
        assertEquals((long)MEASURED / bytes.length * messagesPerCycle, out.messages - published);
        assertEquals((long)MEASURED / bytes.length * claimedPerCycle, out.committed - committed, "written in place");
        assertTrue(replies.isEmpty());
        assertEquals(0, out.other);
    }

    private static void run(final FeedProtocol protocol, final byte[][] frames, final MessagePublisher out,
                            final List<String> replies, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            final byte[] frame = frames[i % frames.length];
            protocol.onMessage(frame, 0, frame.length, out, replies);
        }
    }

    /**
     * Counts messages and sums a byte of each, allocating nothing; its claim is one reused array, as the
     * pipeline's is its ring slot.
     */
    private static final class CountingPublisher implements MessagePublisher, io.ringstreamer.source.MessageClaim
    {
        long messages;
        long committed;
        long aborted;
        long other;
        long checksum;
        private byte[] slot = new byte[2048];

        @Override
        public boolean claimsInPlace()
        {
            return true;
        }

        @Override
        public io.ringstreamer.source.MessageClaim claim(final int capacity)
        {
            if (slot.length < capacity)
            {
                slot = new byte[capacity];
            }
            return this;
        }

        @Override
        public byte[] buffer()
        {
            return slot;
        }

        @Override
        public int offset()
        {
            return 0;
        }

        @Override
        public int capacity()
        {
            return slot.length;
        }

        @Override
        public long commit(final int length, final long receiveNanos)
        {
            committed++;
            checksum += slot[length - 1] + length;
            return messages++;
        }

        @Override
        public void abort()
        {
            aborted++;
        }

        @Override
        public long publish(final byte[] source, final int offset, final int length, final long receiveNanos)
        {
            checksum += source[offset + length - 1] + length;
            return messages++;
        }

        @Override
        public long publishStatus(final StatusKind kind, final int code, final CharSequence message)
        {
            other++;
            return 0;
        }

        @Override
        public long publishError(final ErrorKind kind, final int code, final CharSequence message)
        {
            other++;
            return 0;
        }

        @Override
        public boolean isClosed()
        {
            return false;
        }
    }
}
