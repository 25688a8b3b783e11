package io.ringstreamer.demo.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One writer appends rows as fast as it can while a reader copies them: every row the reader gets is
 * whole (all its columns and its text from the same append) and in order, however often the writer laps
 * it.
 */
@Timeout(60)
class SeriesRingTest
{
    private static final int COLUMNS = 6;

    @Test
    void shouldNeverReturnATornRowWhileTheWriterLapsTheReader() throws Exception
    {
        for (int iteration = 0; iteration < 20; iteration++)
        {
            final SeriesRing ring = new SeriesRing(8, COLUMNS, 12);
            final int rows = 200_000;
            final Thread writer = new Thread(() ->
            {
                final StringBuilder text = new StringBuilder();
                for (int row = 0; row < rows; row++)
                {
                    for (int c = 0; c < COLUMNS; c++)
                    {
                        ring.put(c, row);
                    }
                    text.setLength(0);
                    text.append(row);
                    ring.putText(text);
                    ring.commit();
                }
            }, "series-writer");
            final AtomicReference<String> torn = new AtomicReference<>();
            writer.start();
            long reads = 0;
            while (writer.isAlive() || reads == 0)
            {
                final SeriesRing.Rows read = ring.read(0, 8);
                for (int r = 0; r < read.size(); r++)
                {
                    final double expected = read.first() + r;
                    for (int c = 0; c < COLUMNS; c++)
                    {
                        if (read.get(r, c) != expected && torn.get() == null)
                        {
                            torn.set("row " + expected + " column " + c + " held " + read.get(r, c));
                        }
                    }
                    if (!read.texts()[r].equals(Long.toString((long)expected)) && torn.get() == null)
                    {
                        torn.set("row " + expected + " text " + read.texts()[r]);
                    }
                }
                reads++;
            }
            writer.join();
            assertNull(torn.get(), "a torn row after " + reads + " reads");
            final SeriesRing.Rows last = ring.read(0, 8);
            assertEquals(rows, last.end());
            assertTrue(last.size() >= 6, "the newest rows but the two a writer may be overwriting: " + last.size());
        }
    }

    @Test
    void shouldReadOnlyRowsFromTheOneAskedFor()
    {
        final SeriesRing ring = new SeriesRing(10, 1, 0);
        for (int row = 0; row < 5; row++)
        {
            ring.put(0, row);
            ring.commit();
        }
        final SeriesRing.Rows since3 = ring.read(3, 10);
        assertEquals(3, since3.first());
        assertEquals(2, since3.size());
        assertEquals(4.0, since3.get(1, 0));
        assertEquals(0, ring.read(5, 10).size());
        assertEquals(1, ring.read(0, 1).size());
        assertEquals(4.0, ring.read(0, 1).get(0, 0));
    }
}
