package io.ringstreamer.journal;

import io.ringstreamer.testing.SyntheticBars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A {@link ChronicleJournal} append allocates nothing in the steady state: the appending thread's
 * allocated bytes (com.sun.management.ThreadMXBean) around 200,000 appends after 200,000 of warm-up,
 * with the same bound per message as core's ZeroAllocationTest.
 */
@Timeout(120)
class ChronicleJournalAllocationTest
{
    private static final int WARM_UP = 200_000;
    private static final int MEASURED = 200_000;
    private static final double BOUND_BYTES_PER_MESSAGE = 0.25;
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    @Test
    void shouldAllocateNothingPerAppendInSteadyStateWhenJournaling(@TempDir final Path dir) throws Exception
    {
        final byte[][] messages = SyntheticBars.messages(SyntheticBars.symbols(32), 2, 1024, 3).toArray(new byte[0][]);
        try (ChronicleJournal journal = new ChronicleJournal(dir))
        {
            journal.onStart();
            append(journal, messages, 0, WARM_UP);
            final long before = THREADS.getCurrentThreadAllocatedBytes();
            append(journal, messages, WARM_UP, WARM_UP + MEASURED);
            final long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
            journal.onEndOfStream();
            final double perMessage = (double)allocated / MEASURED;
            System.out.printf("ChronicleJournal.append: %.4f B/message over %d messages (%d B)%n",
                perMessage, MEASURED, allocated);
            assertTrue(perMessage <= BOUND_BYTES_PER_MESSAGE, allocated + " B over " + MEASURED + " appends");
            assertEquals(WARM_UP + MEASURED, journal.messages());
        }
    }

    private static void append(final ChronicleJournal journal, final byte[][] messages, final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            final byte[] message = messages[i % messages.length];
            journal.append(message, 0, message.length, i, System.nanoTime());
            if (i % 7 == 6)
            {
                journal.flush(); // batches of seven, each one excerpt
            }
        }
    }
}
