package io.ringstreamer.demo.synthetic;

import io.ringstreamer.format.CanonicalDecoder;
import io.ringstreamer.format.Service;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.StatusKind;
import io.ringstreamer.source.MessagePublisher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class SyntheticStreamerTest
{
    /** Records what is published, and when; reports closed after {@code closeAfter} messages. */
    private static final class RecordingPublisher implements MessagePublisher
    {
        final List<byte[]> messages = new ArrayList<>();
        final List<Long> nanos = new ArrayList<>();
        private final int closeAfter;

        RecordingPublisher(final int closeAfter)
        {
            this.closeAfter = closeAfter;
        }

        @Override
        public long publish(final byte[] source, final int offset, final int length, final long receiveNanos)
        {
            if (isClosed())
            {
                return CLOSED;
            }
            messages.add(Arrays.copyOfRange(source, offset, offset + length));
            nanos.add(receiveNanos);
            return messages.size() - 1;
        }

        @Override
        public long publishStatus(final StatusKind kind, final int code, final CharSequence message)
        {
            throw new UnsupportedOperationException("a synthetic market publishes data only");
        }

        @Override
        public long publishError(final ErrorKind kind, final int code, final CharSequence message)
        {
            throw new UnsupportedOperationException("a synthetic market publishes data only");
        }

        @Override
        public boolean isClosed()
        {
            return messages.size() >= closeAfter;
        }
    }

    private static SyntheticMarket market()
    {
        return SyntheticMarket.builder().symbols(5).seed(3).messagesPerSecond(200).build();
    }

    @Test
    void shouldPaceTheMarketsMessagesThenPublishTheClosingBarsWhenRunToTheEnd()
    {
        final int rate = 4_000;
        final int count = 2_000;
        final RecordingPublisher publisher = new RecordingPublisher(Integer.MAX_VALUE);
        final SyntheticStreamer streamer = new SyntheticStreamer(market(), rate, count);
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final long cpuBefore = threads.getCurrentThreadCpuTime();
        final long wallBefore = System.nanoTime();

        streamer.stream(publisher);

        final long wall = System.nanoTime() - wallBefore;
        final long cpu = threads.getCurrentThreadCpuTime() - cpuBefore;
        final List<byte[]> expected = market().messages(count);
        for (int i = 0; i < expected.size(); i++)
        {
            assertArrayEquals(expected.get(i), publisher.messages.get(i), "message " + i);
        }
        assertTrue(publisher.messages.size() > count, "the closing minute's bars follow");
        assertEquals(publisher.messages.size(), streamer.published());
        final CanonicalDecoder decoder = new CanonicalDecoder();
        for (int i = count; i < publisher.messages.size(); i++)
        {
            final byte[] bar = publisher.messages.get(i);
            assertTrue(decoder.wrap(bar, 0, bar.length));
            assertEquals(Service.CHART_EQUITY, decoder.service());
        }

        final long interval = 1_000_000_000L / rate;
        for (int k = 0; k < count; k++)
        {
            // the streamer's own start is no earlier than wallBefore, so message k is due no earlier than this
            final long due = wallBefore + k * interval;
            final long early = due - SyntheticStreamer.PARK_THRESHOLD_NANOS - publisher.nanos.get(k);
            assertTrue(early <= 0, "message " + k + " published " + early + " ns before it was due");
        }
        assertTrue(wall >= (count - 1) * interval - SyntheticStreamer.PARK_THRESHOLD_NANOS, "took " + wall + " ns");
        assertTrue(cpu < wall * 0.6, "parks rather than spins: cpu " + cpu + " ns of " + wall + " ns");
    }

    @Test
    void shouldReturnWhenThePipelineCloses()
    {
        final RecordingPublisher publisher = new RecordingPublisher(100);
        final SyntheticStreamer streamer = new SyntheticStreamer(market(), 1_000_000, 1_000_000_000L);
        streamer.stream(publisher);
        assertEquals(100, publisher.messages.size());
        assertEquals(100, streamer.published());
    }
}
